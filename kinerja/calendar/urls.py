from django.urls import path

from . import views

app_name = "calendar"

urlpatterns = [
    path("", views.index, name="index"),
    path("sla/", views.sla, name="sla"),
    path("leave/", views.leave_add, name="leave_add"),
    path("leave/import/", views.leave_import, name="leave_import"),
    path("leave/<int:pk>/delete/", views.leave_delete, name="leave_delete"),
    path("hours/", views.hours_set, name="hours_set"),
    path("hours/<int:weekday>/clear/", views.hours_clear, name="hours_clear"),
]
