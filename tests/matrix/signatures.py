"""Signed documents in the permission matrix. prepare() sets a demo certificate and one worksheet of
unit A made by its operator, to be signed by the unit head and then by leadership."""

from kinerja.signatures.models import SignedDocument
from tests.conftest import PASSWORD
from tests.signatures.helpers import make_document

from .common import api, everyone, unit_a_view


def prepare(actors):
    from kinerja.signatures import services

    services.certificate_demo_create()
    make_document(actors)


def _document(_ctx=None):
    return {"public_id": SignedDocument.objects.get().public_id}


def signers(ok):
    """Only the pending signers sign; others who see unit A are refused, others do not see it."""
    return {
        **unit_a_view(),
        "unit_head": ok,
        "leadership": ok,
        **dict.fromkeys(("operator_a", "planner", "inspector", "admin"), 403),
    }


def administrators(ok):
    return {**everyone(403), "admin": ok}


ROUTES = {
    # The page a document's QR code opens: no login needed.
    "signatures:public": (_document, {"GET": everyone(200, anon=200), "POST": everyone(200, anon=200)}),
    "signatures:file": (_document, {"GET": unit_a_view()}),
    "signatures:sign": (_document, {"GET": signers(200), "POST": signers(302)}),
    "signatures:mine": ({}, {"GET": everyone(200)}),
    "signatures:certificates": ({}, {"GET": administrators(200), "POST": administrators(200)}),
    "signatures:certificate_demo": ({}, {"GET": everyone(405), "POST": administrators(302)}),
    "api:signed-document-list": ({}, {"GET": api(everyone(200))}),
    "api:signed-document-detail": (_document, {"GET": api(unit_a_view())}),
    "api:signed-document-file": (_document, {"GET": api(unit_a_view())}),
    "api:signed-document-sign": (_document, {"POST": api(signers(200))}),
    # A copy is checked by uploading it (multipart), which the matrix's JSON body is not.
    "api:signature-check-list": ({}, {"GET": everyone(405, anon=405), "POST": everyone(415, anon=415)}),
    # Administrators get past the access check; the empty JSON body is then refused as incomplete.
    "api:signing-certificate-list": ({}, {"GET": api(administrators(200)), "POST": api(administrators(400))}),
}

POST_DATA = {
    "signatures:sign": lambda: {
        "password": PASSWORD,
        "row_version": SignedDocument.objects.get().row_version,
    },
    "api:signed-document-sign": lambda: {
        "password": PASSWORD,
        "expected_version": SignedDocument.objects.get().row_version,
    },
}
