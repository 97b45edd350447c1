"""Model pieces shared by the domain apps."""

from django.db import models


def dates_in_order(name: str, start: str = "start_date", end: str = "end_date") -> models.CheckConstraint:
    """A period's end may be open or empty, but never before its start."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
    )
