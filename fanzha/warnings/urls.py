from django.urls import path

from fanzha.warnings import views
from fanzha.warnings.ledgers import LEDGERS

app_name = "warnings"
urlpatterns = [
    path("mine/", views.my_orders, name="mine"),
    path("stats/", views.order_stats, name="stats"),
    path("orders/<int:pk>/", views.order_detail, name="order"),
    path("followups/draw/", views.draw_followups, name="draw"),
    path("followups/<int:pk>/", views.followup_detail, name="followup"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    *(url for ledger in LEDGERS for url in ledger.urls()),
]
