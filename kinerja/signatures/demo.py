"""Demo data of the signatures app: a self-signed certificate, so documents can be signed at once.
Idempotent: an existing certificate (demo or real) is left alone."""

from collections.abc import Callable

from . import services
from .models import SigningCertificate


def load(write: Callable[[str], object]) -> None:
    if SigningCertificate.objects.exists():
        return
    certificate = services.certificate_demo_create()
    write(f"Signing certificate: {certificate.name} (self-signed, for demonstration only)")
