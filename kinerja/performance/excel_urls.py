"""The Excel round trip's URLs, included by `performance/urls.py` (names prefixed `excel_`)."""

from django.urls import path

from . import excel_views as views

urlpatterns = [
    path("excel/<str:code>/<int:year>/<str:quarter>/", views.excel_upload, name="excel_upload"),
    path(
        "excel/<str:code>/<int:year>/<str:quarter>/template.xlsx", views.excel_template, name="excel_template"
    ),
]
