from django.urls import path

from fanzha.core import views

urlpatterns = [path("", views.home, name="home")]
