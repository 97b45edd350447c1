from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    # The quarterly report names its quarter as ?period=TW1..TW4.
    path("download/<str:code>/<int:year>/<str:kind>.<str:fmt>", views.download, name="download"),
]
