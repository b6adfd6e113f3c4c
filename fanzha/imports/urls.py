from django.urls import path

from fanzha.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("confirm/", views.confirm, name="confirm"),
    path("jobs/<str:token>/", views.job, name="job"),
    path("preview/errors.xlsx", views.pending_error_workbook, name="pending_errors"),
    path("aliases/add/", views.add_alias, name="add_alias"),
    path("synonyms/", views.synonyms, name="synonyms"),
    path("synonyms/<int:pk>/delete/", views.remove_synonym, name="remove_synonym"),
    path("<int:pk>/", views.batch_detail, name="batch"),
    path("<int:pk>/errors.xlsx", views.error_workbook, name="error_workbook"),
]
