from django.urls import path

from fanzha.reports import views

app_name = "reports"
urlpatterns = [path("monthly/", views.monthly, name="monthly")]
