from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("new/", views.indicator_create, name="indicator_create"),
    path("cascade/", views.cascade, name="cascade"),
    path("sasaran/new/", views.sasaran_create, name="sasaran_create"),
    path("formula/check/", views.formula_check, name="formula_check"),
    path("formula/try/", views.formula_try, name="formula_try"),
    path("<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("<int:pk>/pdf/", views.indicator_pdf, name="indicator_pdf"),
    path("<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("<int:pk>/formula/", views.formula_edit, name="formula_edit"),
    path("<int:pk>/pic/", views.pic_assign, name="pic_assign"),
]
