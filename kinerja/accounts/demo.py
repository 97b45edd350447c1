"""Demo accounts. Every person here is fictitious; the password comes from KINERJA_DEMO_PASSWORD."""

from collections.abc import Callable

from django.conf import settings

from kinerja.organization.models import OrgUnit

from .models import Role, User
from .services import role_assign, user_create

# (username, full name, role, unit code)
ACCOUNTS: list[tuple[str, str, Role, str]] = [
    ("admin", "Adi Administrator (fiktif)", Role.ADMIN, "KKP"),
    ("perencana", "Rina Perencana (fiktif)", Role.PLANNER, "ROREN"),
    ("inspektur", "Bima Inspektur (fiktif)", Role.INSPECTOR, "ITJEN"),
    ("operator.tarakan", "Sari Operator Tarakan (fiktif)", Role.OPERATOR, "PSDKP-TARAKAN"),
    ("kepala.tarakan", "Yusuf Kepala Stasiun Tarakan (fiktif)", Role.UNIT_HEAD, "PSDKP-TARAKAN"),
    ("operator.bitung", "Dewi Operator Bitung (fiktif)", Role.OPERATOR, "PSDKP-BITUNG"),
    ("kepala.psdkp", "Hendra Sekretaris Ditjen PSDKP (fiktif)", Role.UNIT_HEAD, "DJPSDKP"),
    ("pimpinan", "Lestari Pimpinan (fiktif)", Role.LEADERSHIP, "KKP"),
]


def load(say: Callable[[str], None]) -> None:
    """Create missing accounts and roles; an existing account keeps its password and details."""
    units = {unit.code: unit for unit in OrgUnit.objects.filter(code__in={a[3] for a in ACCOUNTS})}
    created = 0
    for username, full_name, role, unit_code in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                username=username,
                full_name=full_name,
                email=f"{username}@demo.kinerja.invalid",
                password=settings.KINERJA_DEMO_PASSWORD,
            )
            role_assign(user=user, role=role, unit=units[unit_code])
            created += 1
    say(f"accounts: {created} demo accounts created, {len(ACCOUNTS) - created} already present")


def describe() -> list[str]:
    return [
        f"  {username:<18} {Role(role).label} — {unit_code}" for username, _name, role, unit_code in ACCOUNTS
    ]
