from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "kinerja.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from kinerja.core.registry import registry

        from .waiting import unread_notifications

        registry.add_waiting(unread_notifications)
