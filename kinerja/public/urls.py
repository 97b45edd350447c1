from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("services/<str:code>/", views.service, name="service"),
    path("pledge/", views.pledge, name="pledge"),
    path("hours/", views.hours, name="hours"),
    path("verify/", views.verify, name="verify"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("services/<str:code>/texts/", views.service_text_edit, name="service_text_edit"),
]
