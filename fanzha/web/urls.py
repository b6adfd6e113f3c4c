from django.urls import path

from fanzha.web import views

urlpatterns = [path("", views.home, name="home")]
