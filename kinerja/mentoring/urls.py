from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("new/", views.request_new, name="new"),
    path("<str:number>/uploads/", views.uploads, name="uploads"),
    path("<str:number>/findings/", views.findings, name="findings"),
    path("<str:number>/worksheet/", views.worksheet_issue, name="worksheet_issue"),
    path("uploads/<int:pk>/", views.upload_download, name="upload_download"),
    path("uploads/<int:pk>/delete/", views.upload_delete, name="upload_delete"),
    path("findings/<int:pk>/", views.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/delete/", views.finding_delete, name="finding_delete"),
]
