from django.urls import path

from fanzha.clues import views

app_name = "clues"
urlpatterns = [
    path("", views.station_list, name="list"),
    path("queue/", views.queue, name="queue"),
    path("new/", views.create, name="new"),
    path("figures/", views.figures, name="figures"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("case/<int:pk>/", views.case_panel, name="case_panel"),
]
