"""Where apps plug into the shell: navigation entries and the home page's "waiting for you" list.

Apps register in their AppConfig.ready(); the shell renders whatever is registered, so a new
domain app adds its menu and its to-do items without touching core.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: Any  # a lazy translation
    icon: str
    visible: Callable[[Any], bool]
    order: int = 100


@dataclass(frozen=True)
class WaitingItem:
    title: str
    detail: str
    url: str
    count: int | None = None
    level: str = "info"  # bootstrap contextual class: info, warning, danger, success


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    waiting: list[Callable[[Any], list[WaitingItem]]] = field(default_factory=list)

    def add_nav(self, item: NavItem) -> None:
        if all(existing.url_name != item.url_name for existing in self.nav):
            self.nav.append(item)
            self.nav.sort(key=lambda i: i.order)

    def add_waiting(self, provider: Callable[[Any], list[WaitingItem]]) -> None:
        if provider not in self.waiting:
            self.waiting.append(provider)


registry = Registry()


def waiting_for(user: Any) -> list[WaitingItem]:
    return [item for provider in registry.waiting for item in provider(user)]
