"""Putting a service's ValidationError on a form, shared by every app's views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest


def add_service_errors(form: Form | None, exc: ValidationError) -> list[str]:
    """Put a service's errors on the form's fields; returns the messages no field took."""
    rest: list[str] = []
    if not hasattr(exc, "error_dict"):
        rest.extend(exc.messages)
    else:
        for key, errors in exc.message_dict.items():
            if form is not None and key in form.fields:
                form.add_error(key, errors)
            else:
                rest.extend(errors)
    if form is not None and rest:
        form.add_error(None, rest)
        return []
    return rest


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)
