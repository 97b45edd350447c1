from django.contrib import admin
from django.urls import include, path

from kinerja.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("kinerja.accounts.urls")),
    path("units/", include("kinerja.organization.urls")),
    path("catalog/", include("kinerja.catalog.urls")),
    path("planning/", include("kinerja.planning.urls")),
    path("performance/", include("kinerja.performance.urls")),
    path("notifications/", include("kinerja.notifications.urls")),
    path("services/validasi/", include("kinerja.validation.urls")),
    path("services/verifikasi/", include("kinerja.verification.urls")),
    path("services/pendampingan/", include("kinerja.mentoring.urls")),
    path("services/", include("kinerja.workflows.urls")),
    path("calendar/", include("kinerja.calendar.urls")),
    path("signatures/", include("kinerja.signatures.urls")),
    path("public/", include("kinerja.public.urls")),
    path("survey/", include("kinerja.survey.urls")),
    path("complaints/", include("kinerja.complaints.urls")),
    path("transparency/", include("kinerja.transparency.urls")),
    path("reports/", include("kinerja.reports.urls")),
    path("assessment/", include("kinerja.assessment.urls")),
    path("evaluation/", include("kinerja.evaluation.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("kinerja.api.urls")),
]
