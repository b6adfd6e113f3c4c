from django.urls import path

from fanzha.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("export/", views.case_export, name="export"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("units/<int:pk>/", views.unit_cases, name="unit"),
    path("<int:pk>/grade/", views.case_grade, name="grade"),
    path("grades/", views.grades, name="grades"),
]
