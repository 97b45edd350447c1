from django.urls import path

from . import views

app_name = "transparency"

urlpatterns = [
    path("", views.index, name="index"),
    path("publications/<int:pk>/publish", views.publication_publish, name="publication_publish"),
    path("publications/<int:pk>/withdraw", views.publication_withdraw, name="publication_withdraw"),
    path("<str:code>/", views.unit, name="unit"),
    path("<str:code>/<int:year>/pk.pdf", views.agreement_download, name="agreement_download"),
    path("<str:code>/<int:year>/achievements.csv", views.achievements_csv, name="achievements_csv"),
    path("<str:code>/documents/<int:pk>/download", views.publication_download, name="publication_download"),
    path("<str:code>/publications/", views.publication_manage, name="publication_manage"),
]
