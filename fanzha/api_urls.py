from django.urls import path
from rest_framework.routers import DefaultRouter

from fanzha.assessment.api.views import (
    AssessmentView,
    CertificateViewSet,
    IndicatorView,
    OutcomeViewSet,
    RankingView,
)
from fanzha.campaigns.api import views as campaigns
from fanzha.cases.api.views import CaseGradesView, CaseViewSet, FraudTypeViewSet
from fanzha.clues.api.views import ClueViewSet
from fanzha.funds.api.views import CaseTraceView
from fanzha.inspections.api import views as inspections
from fanzha.keypersons.api.views import DenViewSet, KeyPersonViewSet
from fanzha.meetings.api.views import MeetingViewSet, NextMeetingView
from fanzha.orgs.api.views import OrgUnitViewSet
from fanzha.prevention.api import views as prevention
from fanzha.reports.api import ReportView
from fanzha.screening.api import ScreenView
from fanzha.series.api.views import ClusterViewSet, DetachmentUndoView, IdentifierSearchView
from fanzha.strike.api.views import RequestViewSet as StrikeRequestViewSet
from fanzha.warnings.api.views import OrderViewSet

router = DefaultRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("fraud-types", FraudTypeViewSet, basename="fraudtype")
router.register("orgs", OrgUnitViewSet, basename="orgunit")
router.register("escalations", OutcomeViewSet, basename="outcome")
router.register("certification", CertificateViewSet, basename="certificate")
router.register("prevention/activities", prevention.ActivityViewSet, basename="activity")
router.register("prevention/visits", prevention.VisitViewSet, basename="householdvisit")
router.register("prevention/registrations", prevention.RegistrationViewSet, basename="registration")
router.register("prevention/groups", prevention.GroupViewSet, basename="wechatgroup")
router.register("prevention/sms", prevention.SmsViewSet, basename="smscampaign")
router.register("prevention/pledges", prevention.PledgeViewSet, basename="pledgecount")
router.register("prevention/duties", prevention.DutyViewSet, basename="duty")
router.register("warnings/orders", OrderViewSet, basename="verificationorder")
router.register("keypersons/persons", KeyPersonViewSet, basename="keyperson")
router.register("keypersons/dens", DenViewSet, basename="den")
router.register("series/clusters", ClusterViewSet, basename="cluster")
router.register("clues", ClueViewSet, basename="clue")
router.register("strike/requests", StrikeRequestViewSet, basename="strikerequest")
router.register("meetings", MeetingViewSet, basename="meeting")
urlpatterns = [
    path("ranking/", RankingView.as_view(), name="api-ranking"),
    path("cases/grades/", CaseGradesView.as_view(), name="api-case-grades"),
    path("indicators/<str:code>/", IndicatorView.as_view(), name="api-indicators"),
    path("assessment/", AssessmentView.as_view(), name="api-assessment"),
    path("screen/", ScreenView.as_view(), name="api-screen"),
    path("reports/", ReportView.as_view(), name="api-reports"),
    path("series/search/", IdentifierSearchView.as_view(), name="api-series-search"),
    path("series/detachments/<int:pk>/undo/", DetachmentUndoView.as_view(), name="api-series-undo-detach"),
    path("funds/cases/<int:pk>/trace/", CaseTraceView.as_view(), name="api-funds-trace"),
    path("meetings/next/", NextMeetingView.as_view(), name="api-meetings-next"),
    path("campaigns/", campaigns.CampaignList.as_view(), name="api-campaigns"),
    path("campaigns/<int:pk>/", campaigns.CampaignDetail.as_view(), name="api-campaign"),
    path("campaigns/<int:pk>/phases/", campaigns.CampaignPhases.as_view(), name="api-campaign-phases"),
    path("campaigns/milestones/", campaigns.MilestoneList.as_view(), name="api-campaign-milestones"),
    path(
        "campaigns/milestones/<int:pk>/report/",
        campaigns.MilestoneReport.as_view(),
        name="api-milestone-report",
    ),
    path(
        "campaigns/milestones/<int:pk>/review/",
        campaigns.MilestoneReview.as_view(),
        name="api-milestone-review",
    ),
    path(
        "campaigns/phases/<int:pk>/milestones/",
        campaigns.PhaseMilestones.as_view(),
        name="api-phase-milestones",
    ),
    path("inspections/", inspections.InspectionList.as_view(), name="api-inspections"),
    path("inspections/<int:pk>/", inspections.InspectionDetail.as_view(), name="api-inspection"),
    path("inspections/findings/", inspections.FindingList.as_view(), name="api-findings"),
    path(
        "inspections/findings/<int:pk>/report/",
        inspections.FindingReport.as_view(),
        name="api-finding-report",
    ),
    path(
        "inspections/findings/<int:pk>/review/",
        inspections.FindingReview.as_view(),
        name="api-finding-review",
    ),
    *router.urls,
]
