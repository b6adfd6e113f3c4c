from django.urls import path

from fanzha.strike import views

app_name = "strike"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("bank/", views.bank_desk, name="bank"),
    path("new/", views.new_request, name="new"),
    path("figures/", views.figures, name="figures"),
    path("requests/<int:pk>/", views.detail, name="detail"),
    path("requests/<int:pk>/return/", views.plan_return, name="return"),
    path("cases/<int:pk>/panel/", views.case_panel, name="case_panel"),
]
