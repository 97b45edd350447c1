from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_new, name="new"),
    path("track/", views.complaint_track, name="track"),
    path("staff/", views.complaint_list, name="list"),
    path("staff/record/", views.complaint_record, name="record"),
    path("staff/attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("staff/<str:number>/", views.complaint_detail, name="detail"),
]
