from django.urls import path

from fanzha.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.paste, name="paste"),
    path("suggest/", views.suggest, name="suggest"),
    path("models/", views.versions, name="versions"),
]
