"""A small document rendered by WeasyPrint with the verification block, for tests and the matrix."""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.template import Context, Template

from kinerja.organization.models import OrgUnit
from kinerja.signatures import services

PAGE = Template(
    """<!doctype html><html><head><meta charset="utf-8"><title>{{ title }}</title></head><body>
    <h1>{{ title }}</h1><p>Lembar kerja validasi indikator kinerja.</p>
    {% include "signatures/_verification_block.html" %}</body></html>"""
)


def render_pdf(title):
    def render(context):
        from weasyprint import HTML

        html = PAGE.render(Context({**context, "title": title}))
        return HTML(string=html).write_pdf()

    return render


def make_document(
    actors, *, title="Lembar kerja uji", signers=("unit_head", "leadership"), creator="operator_a"
):
    return services.document_create(
        actor=actors[creator],
        kind="worksheet",
        title=title,
        unit=OrgUnit.objects.get(code="PSDKP-TARAKAN"),
        render=render_pdf(title),
        signers=[(actors[name], f"Penandatangan {index + 1}") for index, name in enumerate(signers)],
    )


def read(document):
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        return handle.read()


def p12(certificate, passphrase=b"rahasia", key=True):
    """Re-wrap a stored bundle with another passphrase, or without its key."""
    private_key, cert, _ = pkcs12.load_key_and_certificates(
        bytes(certificate.pkcs12), certificate.passphrase.encode()
    )
    encryption = serialization.BestAvailableEncryption(passphrase)
    if key:
        return pkcs12.serialize_key_and_certificates(b"org", private_key, cert, None, encryption)
    return pkcs12.serialize_key_and_certificates(b"org", None, None, [cert], encryption)
