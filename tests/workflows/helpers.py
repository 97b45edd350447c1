from kinerja.signatures.services import document_create, document_sign
from kinerja.workflows import services
from kinerja.workflows.models import ServiceRequest

from ..conftest import PASSWORD

TINY_HTML = "<html><body><h1>Lembar kerja</h1><p>{url}</p></body></html>"


def render(context):
    from weasyprint import HTML

    return HTML(string=TINY_HTML.format(url=context["verify_url"])).write_pdf()


def fresh(request: ServiceRequest) -> ServiceRequest:
    return ServiceRequest.objects.get(pk=request.pk)


def issue(request: ServiceRequest, officer, signers) -> ServiceRequest:
    document = document_create(
        actor=officer,
        kind=f"worksheet:{request.kind}",
        title=f"Lembar kerja {request.number}",
        unit=request.unit,
        render=render,
        signers=[(user, "Penandatangan") for user in signers],
    )
    return services.request_worksheet_issue(
        actor=officer, request=request, document=document, expected_version=request.row_version
    )


def sign_all(request: ServiceRequest, signers) -> ServiceRequest:
    for user in signers:
        document = fresh(request).worksheet
        document_sign(actor=user, document=document, password=PASSWORD, expected_version=document.row_version)
    return fresh(request)


def tick_and_submit(request: ServiceRequest, officer, *, at=None) -> ServiceRequest:
    services.requirement_tick(actor=officer, request=request, key="letter", met=True)
    return services.request_submit(
        actor=officer, request=fresh(request), expected_version=request.row_version, at=at
    )
