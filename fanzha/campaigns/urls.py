from django.urls import path

from fanzha.campaigns import summary, views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_new, name="new"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/phases/new/", views.phase_new, name="phase-new"),
    path("<int:pk>/milestones/", views.milestone_list, name="milestones"),
    path("phases/<int:pk>/", views.phase_detail, name="phase"),
    path("phases/<int:pk>/summary/", summary.phase_summary, name="phase-summary"),
]
