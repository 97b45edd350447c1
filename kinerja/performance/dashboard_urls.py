"""The dashboards' URLs, included by `performance/urls.py` (names prefixed `dashboard_`)."""

from django.urls import path

from . import dashboard_views as views

urlpatterns = [
    path("dashboard/", views.dashboard_home, name="dashboard_home"),
    path("dashboard/<int:year>/", views.dashboard_ministry, name="dashboard_ministry"),
    path("dashboard/unit/<str:code>/<int:year>/", views.dashboard_unit, name="dashboard_unit"),
    path(
        "dashboard/unit/<str:code>/<int:year>/drill/", views.dashboard_unit_drill, name="dashboard_unit_drill"
    ),
    path(
        "dashboard/unit/<str:code>/<int:year>/trace/<int:indicator>/<str:period>/",
        views.dashboard_trace,
        name="dashboard_trace",
    ),
    path(
        "dashboard/unit/<str:code>/<int:year>/whatif/<int:indicator>/",
        views.dashboard_whatif,
        name="dashboard_whatif",
    ),
]
