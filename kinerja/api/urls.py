from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import (
    assessment,
    calendar,
    catalog,
    complaints,
    evaluation,
    evaluation_compare,
    lkj,
    mentoring,
    notifications,
    performance,
    planning,
    recommendations,
    report_documents,
    signatures,
    survey,
    transparency,
    validation,
    verification,
    views,
    workflows,
)

router = DefaultRouter()
router.register("units", views.OrgUnitViewSet, basename="unit")
router.register("role-assignments", views.RoleAssignmentViewSet, basename="role-assignment")
router.register("indicators", catalog.IndicatorViewSet, basename="indicator")
router.register("sasaran", catalog.SasaranViewSet, basename="sasaran")
planning.register(router)
performance.register(router)
notifications.register(router)
calendar.register(router)
signatures.register(router)
workflows.register(router)
validation.register(router)
verification.register(router)
mentoring.register(router)
survey.register(router)
complaints.register(router)
transparency.register(router)
lkj.register(router)
report_documents.register(router)
assessment.register(router)
evaluation.register(router)
evaluation_compare.register(router)
recommendations.register(router)

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("me/", views.MeView.as_view(), name="me"),
    path("", include(router.urls)),
]
