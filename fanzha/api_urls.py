from rest_framework.routers import DefaultRouter

from fanzha.cases.api.views import CaseViewSet, FraudTypeViewSet
from fanzha.orgs.api.views import OrgUnitViewSet

router = DefaultRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("fraud-types", FraudTypeViewSet, basename="fraudtype")
router.register("orgs", OrgUnitViewSet, basename="orgunit")
urlpatterns = router.urls
