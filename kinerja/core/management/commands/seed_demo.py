"""Load the demo data of every app, in dependency order. Safe to run again: it changes nothing."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from kinerja.accounts import demo as accounts_demo
from kinerja.catalog import demo as catalog_demo
from kinerja.complaints import demo as complaints_demo
from kinerja.evaluation import demo as evaluation_demo
from kinerja.organization import demo as organization_demo
from kinerja.performance import demo as performance_demo
from kinerja.planning import demo as planning_demo
from kinerja.public import demo as public_demo
from kinerja.reports import demo as reports_demo
from kinerja.signatures import demo as signatures_demo
from kinerja.survey import demo as survey_demo
from kinerja.transparency import demo as transparency_demo
from kinerja.workflows import demo as workflows_demo

LOADERS = [
    organization_demo.load,
    accounts_demo.load,
    catalog_demo.load,
    planning_demo.load,
    performance_demo.load,
    signatures_demo.load,
    workflows_demo.load,
    public_demo.load,
    survey_demo.load,
    complaints_demo.load,
    transparency_demo.load,
    reports_demo.load,
    evaluation_demo.load,
]


def app_of(load: Any) -> str:
    return str(load.__module__).split(".")[1]


class Command(BaseCommand):
    help = "Load the demo organisation, accounts and data (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-accounts", action="store_true", help="Do not print the demo accounts.")
        parser.add_argument(
            "--until",
            choices=[app_of(load) for load in LOADERS],
            help="Stop after this app's demo data (the apps before it are loaded too).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            for load in LOADERS:
                load(self.stdout.write)
                if app_of(load) == options["until"]:
                    break
        if not options["quiet_accounts"]:
            self.stdout.write("")
            self.stdout.write(f"Demo accounts (password: {settings.KINERJA_DEMO_PASSWORD}):")
            for line in accounts_demo.describe():
                self.stdout.write(line)
