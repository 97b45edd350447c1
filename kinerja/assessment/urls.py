from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/<int:year>/", views.unit, name="unit"),
    path("<str:code>/<int:year>/refresh/", views.refresh, name="refresh"),
]
