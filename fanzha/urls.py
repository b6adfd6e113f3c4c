from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from fanzha.accounts.forms import ThrottledAdminLoginForm

urlpatterns = [
    path("", include("fanzha.web.urls")),
    path("accounts/", include("fanzha.accounts.urls")),
    path("orgs/", include("fanzha.orgs.urls")),
    path("cases/", include("fanzha.cases.urls")),
    path("imports/", include("fanzha.imports.urls")),
    path("audit/", include("fanzha.audit.urls")),
    path("assessment/", include("fanzha.assessment.urls")),
    path("reports/", include("fanzha.reports.urls")),
    path("prevention/", include("fanzha.prevention.urls")),
    path("warnings/", include("fanzha.warnings.urls")),
    path("keypersons/", include("fanzha.keypersons.urls")),
    path("directory/", include("fanzha.directory.urls")),
    path("clues/", include("fanzha.clues.urls")),
    path("strike/", include("fanzha.strike.urls")),
    path("screening/", include("fanzha.screening.urls")),
    path("series/", include("fanzha.series.urls")),
    path("funds/", include("fanzha.funds.urls")),
    path("meetings/", include("fanzha.meetings.urls")),
    path("campaigns/", include("fanzha.campaigns.urls")),
    path("inspections/", include("fanzha.inspections.urls")),
    path("api/", include("fanzha.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # signed-in users only (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]); the split view loads its script
    # from a URL (the CSP runs no inline script); no ReDoc: it needs inline script
    path(
        "api/docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("admin/", admin.site.urls),
]
admin.site.login_form = ThrottledAdminLoginForm  # the same throttle as the site login
admin.site.site_header = "Fanzha 反诈中心平台 后台管理"
admin.site.site_title = "Fanzha 后台"
