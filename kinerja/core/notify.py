"""Queue e-mail only once the surrounding transaction commits, so a rolled-back change sends nothing."""

from functools import partial

from django.db import transaction

from .tasks import send_email


def email_after_commit(*, subject: str, body: str, to: list[str], html: str | None = None) -> None:
    transaction.on_commit(partial(send_email.enqueue, subject=subject, body=body, to=to, html=html))
