from django.urls import path

from fanzha.funds import views

app_name = "funds"
urlpatterns = [
    path("cases/<int:pk>/panel/", views.case_panel, name="case_panel"),
    path("cases/<int:pk>/", views.trace_page, name="trace"),
    path("cases/<int:pk>/upload/", views.upload, name="upload"),
    path("cases/<int:pk>/seeds/", views.add_seed, name="add_seed"),
    path("cases/<int:pk>/freeze/", views.freeze_request, name="freeze_request"),
    path("cases/<int:pk>/export/", views.export, name="lists_xlsx"),
    path("cases/<int:pk>/annex/", views.annex, name="annex"),
]
