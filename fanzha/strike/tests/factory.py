"""Test data of the strike desk: banks (member units of sector 银行), their liaisons, cases."""

from datetime import datetime

from fanzha.accounts.models import User
from fanzha.accounts.roles import Role
from fanzha.cases.models import Case, FraudType, SuspectIdentifier
from fanzha.core.periods import BEIJING
from fanzha.orgs.models import OrgUnit
from fanzha.strike import services

T0 = datetime(2024, 3, 5, 9, 0, tzinfo=BEIJING)


def bank(county, code="361123B01", name="县农商银行"):
    found = OrgUnit.objects.filter(code=code).first()
    return found or _unit(code, name, county)


def _unit(code, name, county):
    made = OrgUnit(code=code, name=name, kind="member_unit", parent=county["root"], sector="银行")
    made.save()
    return made


def liaison(unit, username="bank_liaison"):
    user = User(username=username, org=unit, role=Role.UNIT_LIAISON)
    user.set_password("Test-passw0rd-Fz")
    user.save()
    return user


def case(county, number="A2024001", station="s1", place="v1", loss_fen=5_000_000, account=None, at=T0):
    made = Case.objects.create(
        case_number=number,
        reported_at=at,
        place=county[place],
        station=county[station],
        fraud_type=FraudType.objects.get(name="刷单返利"),
        loss_fen=loss_fen,
        victim_name="张三",
    )
    if account:
        SuspectIdentifier.objects.create(case=made, kind="account", value=account)
    return made


def account(unit, number="6222 0212 3456 7890", holder="李四", holder_id=""):
    return services.account_for(
        services.AccountInput(unit, number, holder_name=holder, holder_id_number=holder_id)
    )
