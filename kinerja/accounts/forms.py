from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from kinerja.core.notify import email_after_commit

from .models import User


class QueuedPasswordResetForm(PasswordResetForm):
    """Sends the reset mail through the task queue, so a slow mail server never blocks a page."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        email_after_commit(subject=subject, body=body, to=[to_email])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email"]
