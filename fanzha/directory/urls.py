from django.urls import path

from fanzha.directory import views
from fanzha.directory.ledgers import LEDGERS

app_name = "directory"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export/", views.overview_export, name="overview-export"),
    *(url for ledger in LEDGERS for url in ledger.urls()),
]
