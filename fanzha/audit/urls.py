from django.urls import path

from fanzha.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.changes, name="changes"),
    path("access/", views.access, name="access"),
]
