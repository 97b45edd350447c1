from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("years/", views.year_list, name="year_list"),
    path("years/new/", views.year_create, name="year_create"),
    path("years/<int:year>/", views.year_detail, name="year_detail"),
    path("years/<int:year>/open/", views.year_open, name="year_open"),
    path("years/<int:year>/close/", views.year_close, name="year_close"),
    path("years/<int:year>/close-day/", views.year_close_day, name="year_close_day"),
    path("years/<int:year>/windows/<str:quarter>/", views.window_edit, name="window_edit"),
    path("years/<int:year>/extensions/new/", views.extension_create, name="extension_create"),
    path("years/<int:year>/corrections/new/", views.correction_create, name="correction_create"),
    path("years/<int:year>/frozen/add/", views.frozen_add, name="frozen_add"),
    path("corrections/<int:pk>/close/", views.correction_close, name="correction_close"),
    path("renstra/", views.renstra_list, name="renstra_list"),
    path("renstra/new/", views.renstra_create, name="renstra_create"),
    path("renstra/<int:pk>/", views.renstra_detail, name="renstra_detail"),
    path("renstra/<int:pk>/edit/", views.renstra_edit, name="renstra_edit"),
    path("pk/", views.agreement_list, name="agreement_list"),
    path("pk/new/", views.agreement_create, name="agreement_create"),
    path("pk/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("pk/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("pk/<int:pk>/revise/", views.agreement_revise, name="agreement_revise"),
    path("pk/<int:pk>/sign/", views.agreement_sign, name="agreement_sign"),
    path("pk/<int:pk>/pdf/", views.agreement_download, name="agreement_pdf"),
    path("pk/indicators/<int:pk>/steps/", views.step_create, name="step_create"),
    path("steps/<int:pk>/", views.step_edit, name="step_edit"),
    path("steps/<int:pk>/delete/", views.step_delete, name="step_delete"),
]
