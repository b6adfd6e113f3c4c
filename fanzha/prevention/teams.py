"""The publicity teams' rosters (反诈宣传队): adding a member and keeping each team's head count equal
to its roster, so that the station team quota (coverage.py, rules.team_meets) counts the people named."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q

from fanzha.audit import actions
from fanzha.prevention.models import PublicityTeam, TeamMember

MEMBER_FIELDS = ("team", "name", "duty", "position", "phone", "is_active")


def recount(team_ids: Iterable[int], user=None) -> None:
    """A team with a roster counts its members in post; a team without one keeps the number entered."""
    teams = PublicityTeam.objects.filter(pk__in=list(team_ids)).annotate(
        listed=Count("roster"), in_post=Count("roster", filter=Q(roster__is_active=True))
    )
    for team in teams:
        if team.listed and team.members != team.in_post:
            actions.update(user, team, ["members"], lambda t=team: setattr(t, "members", t.in_post))


@transaction.atomic
def add_member(user, save) -> TeamMember:
    """`save()` writes the new member (the entry form's save); audited, and the team recounted."""
    member = actions.create(user, save, MEMBER_FIELDS)
    recount([member.team_id], user)
    return member
