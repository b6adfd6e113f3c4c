"""The directory as other floors and the page read it: each unit that must name liaisons, with its
liaisons and the rule's verdict."""

from dataclasses import dataclass, field

from fanzha.directory import rules
from fanzha.directory.models import LIAISON_KINDS, LeadershipMember, Liaison, LiaisonRole, by_rank
from fanzha.orgs.models import OrgUnit


@dataclass
class UnitLiaisons:
    unit: OrgUnit
    primary: list[Liaison] = field(default_factory=list)
    deputies: list[Liaison] = field(default_factory=list)

    @property
    def problem(self) -> str | None:
        return rules.liaison_problem(len(self.primary))


def unit_liaisons(user, only_problems: bool = False) -> list[UnitLiaisons]:
    """Every member unit and station the user sees, with its liaisons in post, by unit path."""
    units = OrgUnit.objects.visible_to(user).filter(kind__in=LIAISON_KINDS, is_active=True)
    rows = {u.pk: UnitLiaisons(u) for u in units.select_related("parent").order_by("kind", "path")}
    for liaison in Liaison.objects.visible_to(user).filter(is_active=True, org_id__in=list(rows)):
        entry = rows[liaison.org_id]
        (entry.primary if liaison.role == LiaisonRole.PRIMARY else entry.deputies).append(liaison)
    result = list(rows.values())
    return [r for r in result if r.problem] if only_problems else result


def leadership(user):
    """The leading groups' members in office the user sees, group by group, 组长 first."""
    return list(
        by_rank(LeadershipMember.objects.visible_to(user).filter(is_active=True)).select_related("org")
    )
