from django.urls import path

from fanzha.reports import strike, views

app_name = "reports"
urlpatterns = [
    path("monthly/", views.monthly, name="monthly"),
    path("strike/<int:pk>/", strike.strike_document, name="strike_document"),
]
