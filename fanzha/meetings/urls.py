from django.urls import path

from fanzha.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_new, name="new"),
    path("calendar/", views.holiday_calendar, name="calendar"),
    path("calendar/correct/", views.holiday_correct, name="calendar_correct"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/hold/", views.meeting_hold, name="hold"),
    path("<int:pk>/decide/", views.meeting_decide, name="decide"),
    path("<int:pk>/minutes.docx", views.meeting_minutes, name="minutes"),
]
