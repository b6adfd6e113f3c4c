"""Two worlds of records, one of every scoped model: world "v1" lies in 东风村 (城关派出所, 青山镇) and
world "c1" in 滨江社区 (河东派出所, 河东街道). Each record carries a marker (mk-v1-case, …) in a text
field its pages show, and every personal-data field holds a clear value unique to that record, so a
page that shows a record it should not, or personal data it should mask, is found by a text search.

A role's foreign world is the one outside its subtree: c1 for every role but the grid worker of 滨江社区,
whose foreign world is v1. The county admin sees everything and has none."""

import itertools
import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from fanzha.accounts.roles import Role
from fanzha.orgs.models import OrgUnit
from tests.county import build_county as county_of_the_suite
from tests.county import unit

PASSWORD = "Test-passw0rd-Fz"

# the roles of the shared `users` fixture (conftest.py), with their home units
ROLES = {
    "county_admin": ("root", Role.COUNTY_ADMIN),
    "station_officer": ("s1", Role.STATION_OFFICER),
    "town_staff": ("town", Role.TOWN_STAFF),
    "grid_worker": ("v1", Role.GRID_WORKER),
    "other_grid_worker": ("c1", Role.GRID_WORKER),
    "unit_liaison": ("school", Role.UNIT_LIAISON),
}
ANONYMOUS = "anonymous"
FOREIGN = {"other_grid_worker": "v1", "county_admin": None}  # the rest: "c1"
HOME = {"other_grid_worker": "c1"}  # the world a role sees (the rest: "v1"; the liaison through the employer)


def foreign_world(role: str) -> str | None:
    return FOREIGN.get(role, "c1")


def home_world(role: str) -> str:
    return HOME.get(role, "v1")


# the records build_world makes, by model label: a page naming a scoped model not here fails the suite
BUILT = {
    "cases.case",
    "keypersons.keyperson",
    "keypersons.den",
    "clues.clue",
    "prevention.household",
    "prevention.householdvisit",
    "prevention.activity",
    "prevention.duty",
    "prevention.attachment",
    "prevention.wechatgroup",
    "prevention.package",
    "prevention.pledgecount",
    "prevention.registration",
    "prevention.smscampaign",
    "warnings.warning",
    "warnings.verificationorder",
    "warnings.followup",
    "warnings.accountabilityreview",
    "assessment.notice",
    "assessment.outcome",
    "reports.bulletin",
    "assessment.certificate",
    "assessment.campaign",
    "assessment.phase",
    "campaigns.milestone",
    "inspections.inspection",
    "inspections.finding",
    "assessment.target",
    "imports.importbatch",
    "funds.statement",
    "funds.transfer",
    "funds.accountholder",
    "funds.victimtransfer",
    "funds.chainaccount",
    "orgs.orgunit",
    "series.cluster",
    "series.detachment",
    "strike.strikerequest",
    "meetings.meeting",
    "prevention.publicityteam",
    "prevention.teammember",
    "directory.liaison",
    "directory.leadershipmember",
}

_serial = itertools.count(1)


def id_number() -> str:
    """A valid 18-digit ID number (GB 11643 check digit), unique within the run."""
    body = f"36112319{70 + next(_serial) % 30:02d}0101{next(_serial) % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def phone() -> str:
    return f"139{next(_serial):08d}"


def account() -> str:
    return f"622208{next(_serial):013d}"


@dataclass
class World:
    name: str
    place: OrgUnit  # the village or community
    station: OrgUnit
    town: OrgUnit
    owner: object  # the user whose import batch and job belong to this world
    objects: dict[str, object] = field(default_factory=dict)  # model label → record
    pii: set[str] = field(default_factory=set)
    job_token: str = ""

    @property
    def marker_prefix(self) -> str:
        return f"mk-{self.name}-"

    def marker(self, model: str) -> str:
        return f"{self.marker_prefix}{model}"

    def record(self, label: str):
        return self.objects.get(label)

    def secret(self, make) -> str:
        value = make()
        self.pii.add(value)
        return value


def build_county() -> dict:
    """The county of conftest.py's `county` fixture, and a second school that is no role's home."""
    county = county_of_the_suite()
    county["school2"] = unit("361123X002", "县第二中学", "member_unit", county["root"], sector="学校")
    return county


def build_users(county: dict) -> dict:
    made = {}
    for username, (home, role) in ROLES.items():
        user = get_user_model()(username=username, org=county[home], role=role)
        user.set_password(PASSWORD)
        user.save()
        made[username] = user
    return made


def build_world(w: World, county: dict, admin) -> None:
    """One record of every scoped model in world `w`, plus the audit rows the services would write."""
    from fanzha.assessment.models import (
        Campaign,
        Certificate,
        CriterionInput,
        ItemScore,
        Notice,
        Outcome,
        Phase,
        SchemeItem,
        Target,
    )
    from fanzha.audit import log as audit
    from fanzha.campaigns.models import Milestone
    from fanzha.cases import services as case_services
    from fanzha.cases.models import Case, FraudType, SuspectIdentifier
    from fanzha.clues import services as clue_services
    from fanzha.directory.models import LeadershipMember, Liaison
    from fanzha.funds.models import AccountHolder, ChainAccount, Statement, Transfer, VictimTransfer
    from fanzha.imports.models import ImportBatch, ImportJob
    from fanzha.inspections.models import Finding, Inspection
    from fanzha.keypersons.forms import KeyPersonForm
    from fanzha.keypersons.models import Den, KeyPerson
    from fanzha.meetings.models import Decision, Meeting
    from fanzha.prevention.models import (
        Activity,
        ActivityKind,
        Attachment,
        CoverageTarget,
        Duty,
        GroupPush,
        Household,
        HouseholdVisit,
        OwnerChange,
        Package,
        PledgeCount,
        PublicityTeam,
        Registration,
        SmsCampaign,
        TeamMember,
        VisitedHousehold,
        WeChatGroup,
    )
    from fanzha.reports.models import Bulletin
    from fanzha.screening.models import Correction
    from fanzha.series import services as series_services
    from fanzha.series.models import Cluster, Detachment
    from fanzha.strike import services as strike_services
    from fanzha.warnings.models import AccountabilityReview, FollowUp, VerificationOrder, Warning
    from fanzha.warnings.services import ORDER_AUDIT

    mk, place, station = w.marker, w.place, w.station
    day = date(2024, 3, 5)
    moment = timezone.make_aware(datetime(2024, 3, 5, 14, 20))
    # the liaison's school employs the victim and the key person of world v1 (its way into that world)
    employer = county["school"] if w.name == "v1" else None

    case = Case(
        case_number=mk("case"),
        reported_at=moment,
        place=place,
        station=station,
        fraud_type=FraudType.objects.get(name="刷单返利"),
        loss_fen=1234560,
        victim_name=mk("victim"),
        victim_id_number=w.secret(id_number),
        victim_phone=w.secret(phone),
        employer=employer,
        employer_relation="staff" if employer else "",
        narrative=mk("narrative") + " 受害人被骗。",
        external_number=mk("extno")[:50],
    )
    case_services.fill_derived(case)
    case.station = station
    case.save()
    suspect_account = w.secret(account)
    SuspectIdentifier.objects.create(case=case, kind="account", value=suspect_account)
    shared_phone = phone()
    SuspectIdentifier.objects.create(
        case=case, kind="phone", value=shared_phone
    )  # suspect phones: not masked
    audit.record_change(admin, "create", case, None, case_services.snapshot(case))
    # a second case of the world sharing the suspect phone: the two make the world's 串并案组
    twin = Case(
        case_number=mk("case-twin"),
        reported_at=moment + timedelta(days=1),
        place=place,
        station=station,
        fraud_type=case.fraud_type,
        loss_fen=654320,
        victim_name=mk("twin-victim"),
        victim_id_number=w.secret(id_number),
        victim_phone=w.secret(phone),
        narrative=mk("twin-narrative"),
    )
    case_services.fill_derived(twin)
    twin.station = station
    twin.save()
    SuspectIdentifier.objects.create(case=twin, kind="phone", value=shared_phone)
    SuspectIdentifier.objects.create(case=twin, kind="account", value=w.secret(account))
    series_services.relink([case.pk, twin.pk])
    cluster = Cluster.objects.get(pk=min(case.pk, twin.pk))
    # an earlier 移出 of the case (from a series it no longer shares anything with): its reason is shown
    detachment = Detachment.objects.create(
        case=case, cluster_number=case.pk, cluster_size=2, keys=[], reason=mk("detachment"), user=admin
    )

    person = KeyPerson.objects.create(
        name=mk("person"),
        id_number=w.secret(id_number),
        phone=w.secret(phone),
        category="offender",
        village=place,
        employer=employer,
        registered_on=day,
        note=mk("person-note"),
    )
    audit.record_change(admin, "create", person, None, audit.snapshot(person, KeyPersonForm.Meta.fields))
    den = Den.objects.create(village=place, address=mk("den"), found_on=day, description=mk("den-text"))

    household = Household.objects.create(
        village=place, address=mk("household"), head_name=mk("head"), phone=w.secret(phone)
    )
    visit = HouseholdVisit.objects.create(
        household=household, village=place, visited_on=day, visitor=mk("visitor"), note=mk("visit")
    )
    VisitedHousehold.objects.create(household=household, year=2024, village=place, first_visited_on=day)
    kind = ActivityKind.objects.first() or ActivityKind.objects.create(name="宣讲")
    activity = Activity.objects.create(
        kind=kind, org=place, held_on=day, place=mk("activity"), note=mk("activity-note"), staff=mk("staff")
    )
    duty = Duty.objects.create(org=place, title=mk("duty"), year=2024, deadline=date(2024, 12, 31))
    # 研判会商 convened by the town; its decision is the world's duty
    meeting = Meeting.objects.create(
        org=w.town, kind="consultation", held_on=day, title=mk("meeting"), figures_month="2024-02"
    )
    meeting.attendee_units.set([station])
    Decision.objects.create(meeting=meeting, text=mk("decision"), org=place, deadline=day, duty=duty)
    attachment = Attachment(
        name=mk("attachment") + ".txt", size=5, content_type="text/plain", activity=activity
    )
    attachment.file.save(f"{w.name}.txt", ContentFile(b"proof"), save=False)
    attachment.save()
    group = WeChatGroup.objects.create(
        name=mk("group"),
        org=place,
        base_unit="building",
        owner_name=mk("owner"),
        owner_phone=w.secret(phone),
        created_on=day,
    )
    audit.record_change(admin, "update", group, None, audit.snapshot(group, ("owner_name", "owner_phone")))
    GroupPush.objects.create(group=group, pushed_on=day, content=mk("push"))
    OwnerChange.objects.create(
        group=group, previous_name=mk("prev-owner"), new_name=mk("owner"), changed_on=day, reason=mk("reason")
    )
    package = Package.objects.create(
        kind="village",
        org=place,
        target=mk("package"),
        staff=mk("pstaff"),
        officer=mk("officer"),
        starts_on=day,
    )
    pledge = PledgeCount.objects.create(org=place, kind="pledge", recorded_on=day, count=7, note=mk("pledge"))
    registration = Registration.objects.create(org=place, as_of=day, count=9, source=mk("registration"))
    sms = SmsCampaign.objects.create(
        org=place, operator="mobile", sent_on=day, sent=10, subscribers=20, content=mk("sms")
    )
    team = PublicityTeam.objects.create(org=place, name=mk("team"), members=3)
    team_member = TeamMember.objects.create(team=team, name=mk("teammember"), phone=w.secret(phone))
    liaison = Liaison.objects.create(
        org=station, name=mk("liaison"), phone=w.secret(phone), office_phone=w.secret(phone)
    )
    leader = LeadershipMember.objects.create(
        org=w.town, role="member", name=mk("leader"), unit_name=mk("leader-unit"), phone=w.secret(phone)
    )
    CoverageTarget.objects.create(
        name=mk("coverage"),
        measure="visit_coverage",
        scope=place,
        target_pct=80,
        starts_on=day,
        deadline=date(2024, 12, 31),
    )

    warning = Warning.objects.create(
        external_id=mk("warning"),
        received_at=moment,
        phone=w.secret(phone),
        name=mk("warned"),
        id_number=w.secret(id_number),
        level="high",
        station=station,
    )
    order = VerificationOrder.objects.create(
        warning=warning,
        assigned_to=place,
        station=station,
        routed_by="household",
        household=household,
        deadline=moment + timedelta(hours=2),
    )
    audit.record_change(admin, "create", order, None, audit.snapshot(order, ORDER_AUDIT))
    follow_up = FollowUp.objects.create(case=case, period="2024-03", visit=visit, note=mk("followup"))
    review = AccountabilityReview.objects.create(
        follow_up=follow_up, org=place, basis="territory", note=mk("review")
    )

    # a clue matching the world's case (so assigned to its station), its value personal data; 打处
    # recorded with a person's ID number, and the marker in its finding
    clue = clue_services.receive(
        admin,
        clue_services.Incoming(
            kind="bank_card",
            value=case.identifiers.get(kind="account").value,
            source=mk("clue-source"),
            batch=mk("clue")[:60],
            received_on=day,
        ),
    )
    clue_services.record_strike(
        admin,
        clue,
        people=1,
        handled_people=f"{mk('struck')} {w.secret(id_number)}",
        finding=mk("clue-finding"),
    )

    notice = Notice.objects.create(
        org=place, kind="criticism", period="2024-03", issued_on=day, reason=mk("notice")
    )
    bulletin = Bulletin.objects.create(  # a case's 函告: the 三告 register lists it once issued
        kind="letter",
        period=case.case_number,
        case=case,
        addressee=mk("bulletin-addressee"),
        org=place,
        issuer=mk("bulletin"),
        signatory=mk("bulletin"),
        features=mk("bulletin-features"),
        created_by=admin,
    )
    outcome = Outcome.objects.create(
        kind="interview_chief", org=place, period="2024-03", case=case, reason=mk("outcome")
    )
    certificate = Certificate.objects.create(subject_kind="village", year=2024, org=place, certified=True)
    CriterionInput.objects.create(
        subject_kind="village", year=2024, org=place, criterion="1", passed=True, evidence=mk("criterion")
    )
    item = SchemeItem.objects.first()
    if item is not None:
        ItemScore.objects.create(item=item, year=2024, org=place, points=1, evidence=mk("score"))
    campaign = Campaign.objects.create(
        name=mk("campaign"), scope=place, starts_on=day, ends_on=date(2024, 12, 31)
    )
    phase = Phase.objects.create(
        campaign=campaign, name=mk("phase"), starts_on=day, ends_on=date(2024, 12, 31)
    )
    milestone = Milestone.objects.create(
        phase=phase,
        duty=Duty.objects.create(org=place, title=mk("milestone"), year=2024, deadline=date(2024, 12, 31)),
    )
    inspection = Inspection.objects.create(
        org=place, inspected_on=day, inspectors=mk("inspectors"), subject=mk("inspection")
    )
    finding = Finding.objects.create(
        inspection=inspection, problem=mk("finding"), deadline=date(2024, 12, 31)
    )
    target = Target.objects.create(
        campaign=campaign, name=mk("target"), scope=place, period="2024", comparison="yoy", change_pct=-10
    )
    Correction.objects.create(
        text=mk("correction") + " 受害人被骗。",
        suggested="刷单返利",
        chosen="刷单返利",
        case=case,
        user=admin,
    )
    # 止付冻结: a stop at this world's bank on the case's account (the bank's liaison is no role's user)
    bank = OrgUnit(
        code=f"361123B{w.name}", name=f"{w.name}农商银行", kind="member_unit", parent=county["root"]
    )
    bank.sector = "银行"
    bank.save()
    strike_account = strike_services.account_for(
        strike_services.AccountInput(
            bank, suspect_account, holder_name=mk("holder"), holder_id_number=w.secret(id_number)
        )
    )
    strike_request = strike_services.record_request(
        admin, case, strike_account, "stop", "phone", 500000, note=mk("strike-request")
    )
    batch = ImportBatch.objects.create(kind="cases", filename=mk("batch") + ".xlsx", user=w.owner)

    # 资金查控: a statement of the 一级 account (its number and the counterparty's are personal data),
    # the victim's transfer into it, and the holder's 开户信息 (证件号, bound phone)
    first_account, second_account = w.secret(account), w.secret(account)
    statement = Statement.objects.create(case=case, kind="transactions", filename=mk("statement") + ".csv")
    transfer = Transfer.objects.create(
        statement=statement,
        row=2,
        account=first_account,
        at=moment + timedelta(minutes=5),
        direction="out",
        amount_fen=500_000,
        counterparty=second_account,
        counterparty_name=mk("counterparty"),
    )
    Transfer.objects.create(
        statement=statement, row=3, account=first_account, at=moment, direction="in", amount_fen=500_000
    )
    seed = VictimTransfer.objects.create(case=case, account=first_account, at=moment, amount_fen=500_000)
    chain = ChainAccount.objects.create(case=case, account=second_account, level=2, received_fen=500_000)
    holder = AccountHolder.objects.create(
        statement=statement,
        row=2,
        account=first_account,
        name=mk("holder"),
        id_number=w.secret(id_number),
        phones=w.secret(phone),
    )
    AccountHolder.objects.create(  # an untraced account of the same holder: listed as 同一开户人
        statement=statement,
        row=4,
        account=w.secret(account),
        name=holder.name,
        id_number=holder.id_number,
        phones=holder.phones,
    )

    w.job_token = uuid.uuid4().hex
    ImportJob.objects.create(
        token=w.job_token,
        kind="cases",
        filename=mk("job"),
        user=w.owner,
        status=ImportJob.Status.FAILED,
        error=mk("job-error"),
        host=socket.gethostname(),
        pid=os.getpid(),
    )
    for record in (
        case,
        clue,
        team,
        team_member,
        liaison,
        leader,
        person,
        den,
        household,
        visit,
        activity,
        duty,
        attachment,
        group,
        package,
        pledge,
        registration,
        sms,
        warning,
        order,
        follow_up,
        review,
        notice,
        bulletin,
        outcome,
        certificate,
        campaign,
        phase,
        milestone,
        inspection,
        finding,
        target,
        batch,
        strike_request,
        meeting,
        statement,
        transfer,
        holder,
        seed,
        chain,
        detachment,
    ):
        w.objects[record._meta.label_lower] = record
    w.objects["orgs.orgunit"] = place
    w.objects["series.cluster"] = cluster
    assert set(w.objects) == BUILT, set(w.objects) ^ BUILT


def model_for(label: str):
    return apps.get_model(label)
