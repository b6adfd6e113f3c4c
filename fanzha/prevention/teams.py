"""The publicity teams' rosters (反诈宣传队): adding a member and keeping each team's head count equal
to its roster, so that the station team quota (coverage.py, rules.team_meets) counts the people named."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q

from fanzha.audit import actions
from fanzha.prevention.models import PublicityTeam, TeamDuty, TeamMember

MEMBER_FIELDS = ("team", "name", "duty", "position", "phone", "is_active")


def recount(team_ids: Iterable[int], user=None) -> None:
    """A team with a roster counts its members in post (and its 负责人 is the roster's 队长, when it
    names one); a team without a roster keeps the number entered."""
    ids = list(team_ids)
    teams = PublicityTeam.objects.filter(pk__in=ids).annotate(
        listed=Count("roster"), in_post=Count("roster", filter=Q(roster__is_active=True))
    )
    leaders = dict(
        TeamMember.objects.filter(team_id__in=ids, duty=TeamDuty.LEADER, is_active=True)
        .order_by("team_id", "-id")
        .values_list("team_id", "name")
    )
    for team in teams:
        leader = leaders.get(team.pk, team.leader)
        if team.listed and (team.members, team.leader) != (team.in_post, leader):

            def change(t=team, leader=leader):
                t.members, t.leader = t.in_post, leader

            actions.update(user, team, ["members", "leader"], change)


@transaction.atomic
def add_member(user, save) -> TeamMember:
    """`save()` writes the new member (the entry form's save); audited, and the team recounted."""
    member = actions.create(user, save, MEMBER_FIELDS)
    recount([member.team_id], user)
    return member
