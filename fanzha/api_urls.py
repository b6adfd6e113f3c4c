from django.urls import path
from rest_framework.routers import DefaultRouter

from fanzha.assessment.api.views import (
    AssessmentView,
    CertificateViewSet,
    IndicatorView,
    OutcomeViewSet,
    RankingView,
)
from fanzha.cases.api.views import CaseViewSet, FraudTypeViewSet
from fanzha.orgs.api.views import OrgUnitViewSet

router = DefaultRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("fraud-types", FraudTypeViewSet, basename="fraudtype")
router.register("orgs", OrgUnitViewSet, basename="orgunit")
router.register("escalations", OutcomeViewSet, basename="outcome")
router.register("certification", CertificateViewSet, basename="certificate")
urlpatterns = [
    path("ranking/", RankingView.as_view(), name="api-ranking"),
    path("indicators/<str:code>/", IndicatorView.as_view(), name="api-indicators"),
    path("assessment/", AssessmentView.as_view(), name="api-assessment"),
    *router.urls,
]
