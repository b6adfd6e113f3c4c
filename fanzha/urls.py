from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from fanzha.accounts.forms import ThrottledAdminLoginForm

urlpatterns = [
    path("", include("fanzha.core.urls")),
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
    path("screening/", include("fanzha.screening.urls")),
    path("api/", include("fanzha.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("admin/", admin.site.urls),
]
admin.site.login_form = ThrottledAdminLoginForm  # the same throttle as the site login
admin.site.site_header = "Fanzha 反诈中心平台 后台管理"
admin.site.site_title = "Fanzha 后台"
