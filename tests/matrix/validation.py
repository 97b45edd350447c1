"""Permission matrix of the validation service. prepare() gives Tarakan three validation requests:
VAL-2099-0001 waiting for its matrix (one proposal, one Biro validator), VAL-2098-0001 in service
(its proposal accepted, the planner and the inspector its validators), and VAL-2097-0001 delivered
with its Nota Dinas."""

import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from kinerja.accounts.models import User
from kinerja.organization.models import OrgUnit
from kinerja.validation.excel import LETTER, SHEET, matrix_template
from kinerja.validation.models import IndicatorProposal, NotaDinas, Validator
from kinerja.workflows.models import ServiceRequest

from .common import ANON, LOGIN, api, everyone, unit_a_view

AWAITING, IN_SERVICE, DELIVERED = "VAL-2099-0001", "VAL-2098-0001", "VAL-2097-0001"


def _request(number, year, status, planner):
    return ServiceRequest.objects.create(
        number=number,
        kind="validasi",
        unit=OrgUnit.objects.get(code="PSDKP-TARAKAN"),
        year=year,
        origin="invitation",
        status=status,
        opened_by=planner,
        limit_minutes=1440,
    )


def _proposal(request, **extra):
    return IndicatorProposal.objects.create(
        request=request,
        sort_order=1,
        sasaran="Sasaran uji",
        name="Indikator uji",
        definition="Definisi",
        formula="a / b",
        measure_unit="%",
        target=Decimal(80),
        **extra,
    )


def prepare(actors):
    planner, inspector = actors["planner"], actors["inspector"]
    awaiting = _request(AWAITING, 2099, "awaiting", planner)
    _proposal(awaiting)
    Validator.objects.create(request=awaiting, user=planner, side="biro", assigned_by=planner)
    serving = _request(IN_SERVICE, 2098, "in_service", planner)
    _proposal(serving, verdict="diterima")
    Validator.objects.create(request=serving, user=planner, side="biro", assigned_by=planner)
    Validator.objects.create(request=serving, user=inspector, side="itjen", assigned_by=planner)
    delivered = _request(DELIVERED, 2097, "delivered", planner)
    nota = NotaDinas(
        request=delivered,
        number="001/SJ.1/PR.110/I/2097",
        year=2097,
        sequence=1,
        subject="Hasil validasi",
        issued_at=timezone.now(),
        issued_by=planner,
    )
    nota.file.save("matrix.pdf", ContentFile(b"%PDF-1.4\n"), save=True)


def _number(number):
    return lambda _ctx: {"number": number}


def _proposal_of(number):
    return lambda _ctx: {"number": number, "pk": IndicatorProposal.objects.get(request__number=number).pk}


def _proposal_pk(number):
    return lambda _ctx: {"pk": IndicatorProposal.objects.get(request__number=number).pk}


def _validator(_ctx):
    return {"number": AWAITING, "pk": Validator.objects.get(request__number=AWAITING).pk}


def _validator_pk(_ctx):
    return {"pk": Validator.objects.get(request__number=AWAITING).pk}


def matrix_write(ok, anon=LOGIN):
    # The unit's own staff and Biro Perencanaan's officers write the matrix; others who see it: 403.
    return {
        ANON: anon,
        "operator_a": ok,
        "operator_b": 404,
        "unit_head": ok,
        "planner": ok,
        "inspector": 403,
        "leadership": 403,
        "admin": ok,
    }


def serve(ok, anon=LOGIN):
    return {**matrix_write(ok, anon), "operator_a": 403, "unit_head": 403}


def judges(ok, anon=LOGIN):
    # Officers, and the inspector who is a validator of the request.
    return {**serve(ok, anon), "inspector": ok}


def method_not_allowed_for(matrix):
    return {actor: (LOGIN if code == LOGIN else 405) for actor, code in matrix.items()}


ROUTES = {
    "validation:matrix": (_number(AWAITING), {"GET": unit_a_view()}),
    "validation:proposal_create": (
        _number(AWAITING),
        {"GET": method_not_allowed_for(unit_a_view()), "POST": matrix_write(302)},
    ),
    "validation:proposal_edit": (
        _proposal_of(AWAITING),
        {"GET": matrix_write(200), "POST": matrix_write(302)},
    ),
    "validation:proposal_delete": (_proposal_of(AWAITING), {"POST": matrix_write(302)}),
    "validation:matrix_template": (_number(AWAITING), {"GET": unit_a_view()}),
    "validation:matrix_import": (_number(AWAITING), {"POST": matrix_write(302)}),
    "validation:session": (_number(IN_SERVICE), {"GET": unit_a_view()}),
    "validation:verdict": (_proposal_of(IN_SERVICE), {"POST": judges(302)}),
    "validation:validators": (_number(AWAITING), {"GET": unit_a_view()}),
    "validation:validator_assign": (_number(AWAITING), {"POST": serve(302)}),
    "validation:validator_remove": (_validator, {"POST": serve(302)}),
    "validation:validators_call": (_number(AWAITING), {"POST": serve(302)}),
    "validation:worksheet": (_number(IN_SERVICE), {"GET": serve(200), "POST": serve(302)}),
    "validation:nota_dinas": (_number(DELIVERED), {"GET": unit_a_view()}),
    "api:validation-proposal-list": ({}, {"GET": api(everyone(200)), "POST": api(matrix_write(201))}),
    "api:validation-proposal-detail": (
        _proposal_pk(AWAITING),
        {"GET": api(unit_a_view()), "PATCH": api(matrix_write(200))},
    ),
    "api:validation-proposal-verdict": (_proposal_pk(IN_SERVICE), {"POST": api(judges(200))}),
    "api:validation-validator-list": ({}, {"GET": api(everyone(200)), "POST": api(serve(201))}),
    "api:validation-validator-detail": (_validator_pk, {"GET": api(unit_a_view())}),
    "api:validation-request-detail": (_number(AWAITING), {"GET": api(unit_a_view())}),
    "api:validation-request-ask-itjen": (_number(AWAITING), {"POST": api(serve(201))}),
    "api:validation-request-worksheet": (_number(IN_SERVICE), {"POST": api(serve(200))}),
    "api:validation-request-nota-dinas": (_number(DELIVERED), {"GET": api(unit_a_view())}),
    "api:validation-request-nota-dinas-download": (_number(DELIVERED), {"GET": api(unit_a_view())}),
    # The matrix sends JSON: the file is missing (400) for those who may import.
    "api:validation-request-matrix-import": (_number(AWAITING), {"POST": api(matrix_write(400))}),
}


def _form_row(prefix=""):
    values = {
        "sasaran": "Sasaran uji",
        "kind": "IK",
        "name": "Indikator baru",
        "definition": "Definisi",
        "formula": "a / b",
        "measure_unit": "%",
        "target": "85",
        "polarity": "maximize",
        "target_aspect": "",
    }
    return {f"{prefix}{key}": value for key, value in values.items()}


def _edit_row():
    proposal = IndicatorProposal.objects.get(request__number=AWAITING)
    return {**_form_row(f"p{proposal.pk}-"), f"p{proposal.pk}-row_version": proposal.row_version}


def _workbook():
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(matrix_template()))
    ws = wb[SHEET]
    ws[f"{LETTER['sasaran']}3"] = "Sasaran uji"
    ws[f"{LETTER['name']}3"] = "Dari Excel"
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "matriks.xlsx"
    return {"file": buffer}


def _verdict():
    proposal = IndicatorProposal.objects.get(request__number=IN_SERVICE)
    return {
        f"v{proposal.pk}-verdict": "ditolak",
        f"v{proposal.pk}-reason": "Uji",
        f"v{proposal.pk}-row_version": proposal.row_version,
    }


def _worksheet():
    return {
        "representative": User.objects.get(username="operator_a").pk,
        "row_version": ServiceRequest.objects.get(number=IN_SERVICE).row_version,
    }


POST_DATA = {
    "validation:proposal_create": _form_row,
    "validation:proposal_edit": _edit_row,
    "validation:matrix_import": _workbook,
    "validation:verdict": _verdict,
    "validation:validator_assign": lambda: {
        "side": "itjen",
        "user": User.objects.get(username="inspector").pk,
    },
    "validation:validators_call": lambda: {"note": "Sesi validasi"},
    "validation:worksheet": _worksheet,
    "api:validation-proposal-list": lambda: {**_form_row(), "request": AWAITING},
    "api:validation-proposal-verdict": lambda: {
        "verdict": "ditolak",
        "reason": "Uji",
        "row_version": IndicatorProposal.objects.get(request__number=IN_SERVICE).row_version,
    },
    "api:validation-validator-list": lambda: {"request": AWAITING, "user": "inspector", "side": "itjen"},
    "api:validation-request-ask-itjen": lambda: {"note": "Sesi validasi"},
    "api:validation-request-worksheet": lambda: {
        "representative": "operator_a",
        "row_version": ServiceRequest.objects.get(number=IN_SERVICE).row_version,
    },
}
PATCH_DATA = {
    "api:validation-proposal-detail": lambda: {
        "definition": "Diubah",
        "row_version": IndicatorProposal.objects.get(request__number=AWAITING).row_version,
    },
}
