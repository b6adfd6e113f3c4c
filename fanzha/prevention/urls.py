from django.urls import path

from fanzha.prevention import views
from fanzha.prevention.ledgers import LEDGERS

app_name = "prevention"
urlpatterns = [
    path("coverage/", views.coverage, name="coverage"),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("duties/<int:pk>/", views.duty_detail, name="duty"),
    path("duties/assign/", views.assign_duties, name="assign-duties"),
    path("evidence/<int:pk>/", views.attachment, name="attachment"),
    path("households/pick/", views.pick_household, name="households-pick"),
    *(url for ledger in LEDGERS for url in ledger.urls()),
]
