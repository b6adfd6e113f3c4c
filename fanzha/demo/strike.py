"""Demo data of the 止付冻结 desk: a bank liaison, and requests on recent cases' suspect accounts at
the demo banks — stops waiting for the bank, stops in force (one about to lapse), freezes (one due for
renewal), failures with their reasons, and a freeze shared by two victims with its return plan — so
every page has something on it. Times are set through the platform clock, as the services read it."""

import random
import secrets
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from fanzha.accounts.models import User
from fanzha.accounts.roles import Role
from fanzha.cases.models import Case, SuspectIdentifier
from fanzha.core import clock
from fanzha.orgs.models import OrgUnit
from fanzha.strike import returns, services
from fanzha.strike.models import FailureReason, Kind, StrikeRequest


def _cases_with_accounts(since, limit):
    rows = (
        SuspectIdentifier.objects.filter(kind="account", case__reported_at__gte=since)
        .select_related("case")
        .order_by("-case__reported_at", "id")
    )
    seen, made = set(), []
    for row in rows:
        if row.case_id in seen:
            continue
        seen.add(row.case_id)
        made.append((row.case, row.value))
        if len(made) >= limit:
            break
    return made


def create(stdout=None, seed: int = 1) -> dict:
    rng = random.Random(seed)
    banks = list(OrgUnit.objects.filter(kind="member_unit", sector="银行").order_by("code"))
    if not banks:
        return {}
    now = timezone.now()
    officer = None
    home = OrgUnit.objects.filter(kind="station").order_by("code").first()  # the demo officer's station
    recent = _cases_with_accounts(now - timedelta(days=200), 400)
    # the demo officer's station first, so their desk is not empty; the rest of the county after
    recent.sort(
        key=lambda item: (item[0].station_id != getattr(home, "pk", None), -item[0].reported_at.timestamp())
    )
    # the cases whose requests are still running: reported two days ago or more, acted on in the last day
    fresh = [item for item in recent if item[0].reported_at < now - timedelta(hours=40)][:6]
    taken = {case.pk for case, _ in fresh}
    older = [
        item for item in recent if item[0].reported_at < now - timedelta(days=3) and item[0].pk not in taken
    ]

    def at(moment):
        return clock.frozen(moment)

    def new(case, number, kind, channel, fen, moment, bank=None):
        account = services.account_for(
            services.AccountInput(bank or rng.choice(banks), number, holder_name="王某")
        )
        with at(moment):
            return services.record_request(officer, case, account, kind, channel, fen)

    def amount(case):
        return max(min(case.loss_fen, 20_000_000), 100_000)

    # just recorded by phone, the bank has not answered; the 24 h documents clock runs out soon for one
    for index, (case, number) in enumerate(fresh[:3]):
        new(
            case,
            number,
            Kind.STOP,
            "phone",
            amount(case),
            now - timedelta(hours=(23, 12, 2)[index], minutes=10),
        )
    # stopped; the 48 h run out soon for one; the documents delivered for some
    for index, (case, number) in enumerate(fresh[3:6]):
        request = new(
            case, number, Kind.STOP, "phone", amount(case), now - timedelta(hours=(47, 26, 20)[index])
        )
        with at(request.requested_at + timedelta(minutes=25)):
            services.confirm(None, request, amount(case) - rng.randint(0, amount(case) // 2))
        if index % 2:
            with at(request.requested_at + timedelta(hours=2)):
                services.deliver_documents(None, request)
    picked = rng.sample(older, min(len(older), 24))
    for index, (case, number) in enumerate(picked):
        start = case.reported_at + timedelta(minutes=rng.randint(12, 150))
        if index < 5:  # the bank could not stop it
            request = new(case, number, Kind.STOP, "platform", amount(case), start)
            with at(start + timedelta(minutes=10)):
                services.fail(None, request, FailureReason.values[index % len(FailureReason.values)])
            continue
        stop = new(case, number, Kind.STOP, "phone", amount(case), start)
        with at(start + timedelta(minutes=15)):
            services.confirm(None, stop, amount(case))
        with at(start + timedelta(hours=rng.choice([3, 10, 20, 30]))):
            services.deliver_documents(None, stop)
        with at(start + timedelta(hours=40)):
            freeze = services.convert_to_freeze(None, stop, "counter")
            services.confirm(None, freeze, amount(case))
    # an account two victims paid into (a recurring demo identifier): a freeze, its pro-rata return plan
    shared = (
        SuspectIdentifier.objects.filter(kind="account", case__reported_at__gte=now - timedelta(days=120))
        .values("value")
        .annotate(n=Count("id"))
        .filter(n__gte=2, n__lte=5)
        .order_by("value")
        .first()
    )
    holders = (
        list(
            Case.objects.filter(
                identifiers__kind="account",
                identifiers__value=shared["value"],
                reported_at__gte=now - timedelta(days=120),
            ).order_by("reported_at")[:2]
        )
        if shared
        else []
    )
    if len(holders) == 2:
        (first, second), number, bank = holders, shared["value"], banks[0]
        a = new(
            first, number, Kind.FREEZE, "counter", 3_000_000, first.reported_at + timedelta(hours=1), bank
        )
        with at(a.requested_at + timedelta(hours=1)):
            services.confirm(None, a, 2_400_000)
        with at(max(second.reported_at, a.requested_at) + timedelta(hours=2)):
            services.record_request(None, second, a.account, Kind.FREEZE, "counter", 1_000_000)
        with at(now - timedelta(hours=3)):
            claims = [
                returns.Claim(first, first.case_number, max(first.loss_fen, 100_000)),
                returns.Claim(second, second.case_number, max(second.loss_fen, 100_000)),
            ]
            services.plan_return(None, a, claims, "counter")
    services.lapse_expired(now)
    liaison = User.objects.filter(username="bank_liaison").first()
    if liaison is None:
        password = secrets.token_urlsafe(9)
        liaison = User(username="bank_liaison", first_name="孙丽华", org=banks[0], role=Role.UNIT_LIAISON)
        liaison.set_password(password)
        liaison.save()
        if stdout is not None:
            made = StrikeRequest.objects.count()
            stdout.write(
                f"  止付冻结：{made} 项请求；银行联络员 用户名 bank_liaison 密码 {password}   （{banks[0].name}）"
            )
    return {"requests": StrikeRequest.objects.count()}
