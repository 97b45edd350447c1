from django.urls import include, path

from . import views

app_name = "performance"

ENTRY = "<str:code>/<int:year>/<str:period>/<int:indicator>/"
QUARTER = "<str:code>/<int:year>/<str:quarter>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("budget/<int:pk>/<str:quarter>/", views.budget_set, name="budget_set"),
    path(QUARTER, views.quarter_page, name="quarter"),
    path(f"{QUARTER}submit/", views.submission_submit, name="submission_submit"),
    path(f"{QUARTER}return/", views.submission_return, name="submission_return"),
    path(f"{QUARTER}verify/", views.submission_verify, name="submission_verify"),
    path(f"{QUARTER}reopen/", views.submission_reopen, name="submission_reopen"),
    path(ENTRY, views.realisation_page, name="realisation"),
    path(f"{ENTRY}preview/", views.realisation_preview, name="preview"),
    path(f"{ENTRY}evidence/", views.evidence_add, name="evidence_add"),
    path("", include("kinerja.performance.dashboard_urls")),  # the dashboards (dashboard_*)
    path("", include("kinerja.performance.excel_urls")),  # the Excel round trip (excel_*)
]
