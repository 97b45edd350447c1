"""Included by workflows/urls.py at "evaluation/", so the names live in the "workflows" namespace."""

from django.urls import path

from . import evaluation_views

urlpatterns = [
    path("", evaluation_views.evaluation_page, name="evaluation"),
    path("report.xlsx", evaluation_views.evaluation_xlsx, name="evaluation_xlsx"),
    path("letters/<str:number>/apology.pdf", evaluation_views.apology_letter, name="apology_letter"),
]
