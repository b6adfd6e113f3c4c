from fanzha.prevention.models.activities import Activity, ActivityKind, PublicityTeam
from fanzha.prevention.models.duties import Duty, DutyStatus, DutyTemplate
from fanzha.prevention.models.evidence import Attachment
from fanzha.prevention.models.groups import GroupPush, OwnerChange, WeChatGroup
from fanzha.prevention.models.households import Household, HouseholdVisit, VisitedHousehold
from fanzha.prevention.models.packages import Package
from fanzha.prevention.models.pledges import PledgeCount, PledgeKind
from fanzha.prevention.models.registrations import CoverageTarget, Registration, Tool
from fanzha.prevention.models.sms import SmsCampaign
from fanzha.prevention.models.teams import TeamDuty, TeamMember

__all__ = [
    "Activity",
    "ActivityKind",
    "Attachment",
    "CoverageTarget",
    "Duty",
    "DutyStatus",
    "DutyTemplate",
    "GroupPush",
    "Household",
    "HouseholdVisit",
    "OwnerChange",
    "Package",
    "PledgeCount",
    "PledgeKind",
    "PublicityTeam",
    "Registration",
    "SmsCampaign",
    "TeamDuty",
    "TeamMember",
    "Tool",
    "VisitedHousehold",
    "WeChatGroup",
]
