from django.urls import path

from fanzha.assessment.views import assess, certify, outcomes, ranking, settings, targets

app_name = "assessment"
urlpatterns = [
    path("ranking/", ranking.ranking, name="ranking"),
    path("units/<str:code>/", ranking.unit_detail, name="unit"),
    path("outcomes/", outcomes.outcome_list, name="outcomes"),
    path("outcomes/<int:pk>/", outcomes.outcome_detail, name="outcome"),
    path("outcomes/interview/", outcomes.interview_add, name="interview-add"),
    path("notices/", outcomes.notice_list, name="notices"),
    path("notices/add/", outcomes.notice_add, name="notice-add"),
    path("assess/", assess.assess_list, name="assess"),
    path("assess/<str:code>/", assess.assess_unit, name="assess-unit"),
    path("certify/", certify.certificate_list, name="certify"),
    path("certify/run/", certify.certificate_run, name="certify-run"),
    path("certify/publish/", certify.certificate_publish, name="certify-publish"),
    path("certify/<str:code>/", certify.certificate_subject, name="certify-subject"),
    path("targets/", targets.target_list, name="targets"),
    path("settings/", settings.settings_page, name="settings"),
    path("settings/change/", settings.settings_change, name="settings-change"),
]
