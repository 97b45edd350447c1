import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kinerja.accounts.access import active_assignments, roles_of

from .registry import waiting_for

logger = logging.getLogger("kinerja.health")


def home(request: HttpRequest) -> HttpResponse:
    """Staff see what waits for them; anyone else gets the public pages of the service standard."""
    if not request.user.is_authenticated:
        return redirect("public:index")
    return render(
        request,
        "core/home.html",
        {
            "assignments": active_assignments(request.user),
            "roles": sorted(roles_of(request.user)),
            "waiting": waiting_for(request.user),
        },
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 only when this process can reach the database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("database unreachable", extra={"error": str(exc)})
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
