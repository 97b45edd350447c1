from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "kinerja.calendar"
    label = "service_calendar"
    verbose_name = _("Service calendar")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry

        registry.add_nav(
            NavItem("calendar:index", _("Service calendar"), "bi-calendar3", lambda user: True, order=90)
        )
