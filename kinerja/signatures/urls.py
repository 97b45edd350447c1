from django.urls import path

from . import views

app_name = "signatures"

urlpatterns = [
    path("d/<uuid:public_id>/", views.public, name="public"),
    path("d/<uuid:public_id>/file", views.file_download, name="file"),
    path("d/<uuid:public_id>/sign", views.sign, name="sign"),
    path("mine/", views.mine, name="mine"),
    path("certificates/", views.certificates, name="certificates"),
    path("certificates/demo/", views.certificate_demo, name="certificate_demo"),
]
