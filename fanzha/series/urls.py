from django.urls import path

from fanzha.series import views

app_name = "series"
urlpatterns = [
    path("", views.cluster_list, name="clusters"),
    path("search/", views.search, name="search"),
    path("whitelist/", views.whitelist, name="whitelist"),
    path("whitelist/<int:pk>/remove/", views.whitelist_remove, name="whitelist_remove"),
    path("cases/<int:pk>/panel/", views.case_panel, name="case_panel"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster"),
    path("clusters/<int:pk>/confirm/", views.cluster_confirm, name="confirm"),
    path("clusters/<int:pk>/cut/", views.cluster_cut, name="cut"),
    path("clusters/<int:pk>/restore/", views.cluster_restore, name="restore"),
    path("clusters/<int:pk>/detach/", views.cluster_detach, name="detach"),
    path("detachments/<int:pk>/undo/", views.detachment_undo, name="undo_detach"),
    path("clusters/<int:pk>/export/", views.cluster_export, name="download"),
]
