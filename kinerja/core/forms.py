"""Putting a service's ValidationError on a form or in the messages, shared by every app's views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


def posted_action(
    request: HttpRequest, form_class: type[Form], apply: Callable[[dict[str, Any]], Any], done: str
) -> None:
    """Run one service from a posted button form; the outcome (or each error, with its field's
    label) comes back as a message, since the page redirects to the object's detail afterwards."""
    form = form_class(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label} {error}".strip())
        return
    try:
        apply(form.cleaned_data)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, done)
