"""The database unreachable: a clear page instead of a server error (issue 9, faults).

Placeholder wired into MIDDLEWARE; the faults work fills it in.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)
