from django.urls import path

from fanzha.reports import strike, views

app_name = "reports"
urlpatterns = [
    path("monthly/", views.monthly, name="monthly"),
    path("letter/", views.letter, name="letter"),
    path("letter/draft/", views.letter_draft, name="letter_draft"),
    path("register/", views.register, name="register"),
    path("bulletins/", views.bulletins, name="bulletins"),
    path("bulletins/<int:pk>/", views.bulletin, name="bulletin"),
    path("bulletins/<int:pk>/issue/", views.issue, name="issue"),
    path("bulletins/<int:pk>/download/", views.download, name="download"),
    path("strike/<int:pk>/", strike.strike_document, name="strike_document"),
]
