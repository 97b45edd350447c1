"""API endpoints of signed documents: list and read them, download the file, sign, check a copy
(open to anyone, like the public page), and set the organisation's certificate (administrators).

Signing calls the same service as the page: the signer re-authenticates with their password in
the body, a stale `expected_version` is 409, someone who is not a pending signer is 403.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.accounts.access import is_administrator
from kinerja.signatures import selectors, services
from kinerja.signatures.forms import MAX_BUNDLE_BYTES, max_bytes
from kinerja.signatures.models import SignedDocument, Signer, SigningCertificate

from .views import validation_response

# --- documents -----------------------------------------------------------------------------------


class SignerSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)
    name = serializers.CharField(source="user.get_full_name", read_only=True)

    class Meta:
        model = Signer
        fields = ["user", "name", "capacity", "order", "signed_at", "sha256_after"]


class SignedDocumentSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    signers = SignerSerializer(many=True, read_only=True)
    verify_url = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField()

    class Meta:
        model = SignedDocument
        fields = [
            "public_id",
            "kind",
            "title",
            "unit",
            "status",
            "sha256",
            "base_sha256",
            "created_by",
            "created_at",
            "void_reason",
            "row_version",
            "signers",
            "verify_url",
            "download",
        ]

    def get_verify_url(self, document: SignedDocument) -> str:
        return services.verify_url(document.public_id)

    def get_download(self, document: SignedDocument) -> str:
        return reverse("api:signed-document-file", args=[document.public_id])


class DocumentSignSerializer(serializers.Serializer):
    password = serializers.CharField(
        style={"input_type": "password"}, trim_whitespace=False, help_text="The signer's own password."
    )
    expected_version = serializers.IntegerField(help_text="The document's row_version as read.")


class SignedDocumentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[SignedDocument]
):
    """Documents signed in Kinerja that the user may see: their unit's, and those they sign."""

    serializer_class = SignedDocumentSerializer
    lookup_field = "public_id"
    lookup_value_regex = "[0-9a-f-]{36}"

    def get_queryset(self) -> Any:
        rows = selectors.document_list(user=self.request.user).prefetch_related("signers__user")
        waiting = self.request.query_params.get("waiting")
        if waiting in {"1", "true"}:
            rows = rows.filter(pk__in=selectors.documents_waiting(user=self.request.user).values("pk"))
        return rows.order_by("-created_at", "-pk")

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def file(self, request: Request, public_id: str) -> FileResponse:
        """The current PDF, with every signature made so far."""
        document = self.get_object()
        return FileResponse(
            default_storage.open(document.file.name, "rb"),
            as_attachment=True,
            filename=f"{slugify(document.title) or 'document'}.pdf",
            content_type="application/pdf",
        )

    @extend_schema(request=DocumentSignSerializer, responses={200: SignedDocumentSerializer})
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, public_id: str) -> Response:
        """Sign as the requesting user, who must be a pending signer and give their password."""
        document = self.get_object()
        body = DocumentSignSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            document = services.document_sign(
                actor=request.user,  # type: ignore[arg-type]
                document=document,
                password=body.validated_data["password"],
                expected_version=body.validated_data["expected_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(SignedDocumentSerializer(self.get_queryset().get(pk=document.pk)).data)


# --- checking a copy (public) --------------------------------------------------------------------


class CheckRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The PDF to check (multipart).")
    public_id = serializers.UUIDField(
        required=False, help_text="Check against this document only (the id in its QR code)."
    )


class EmbeddedSignatureSerializer(serializers.Serializer):
    field = serializers.CharField(
        source="field_name", help_text="The PDF's signature field, e.g. Signature1."
    )
    signer_name = serializers.CharField()
    reason = serializers.CharField()
    signing_time = serializers.DateTimeField(allow_null=True)
    certificate_subject = serializers.CharField()
    intact = serializers.BooleanField()
    valid = serializers.BooleanField()
    trusted = serializers.BooleanField()
    covers_whole_file = serializers.BooleanField()
    later_changes = serializers.ChoiceField(choices=["none", "signatures", "other"])


class CheckResultSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=[services.AUTHENTIC, services.MODIFIED])
    sha256 = serializers.CharField()
    document = serializers.UUIDField(source="document.public_id", allow_null=True, default=None)
    title = serializers.CharField(source="document.title", allow_null=True, default=None)
    revision = serializers.CharField(help_text="original, signed, or empty when the file matches none.")
    signed_by = serializers.CharField(
        source="signer.user.get_full_name",
        allow_null=True,
        default=None,
        help_text="The revision's last signer.",
    )
    readable = serializers.BooleanField()
    signatures = EmbeddedSignatureSerializer(many=True)
    reasons = serializers.ListField(child=serializers.CharField())
    notes = serializers.ListField(child=serializers.CharField())


class SignatureCheckViewSet(viewsets.ViewSet):
    """Anyone may check whether a PDF is a version Kinerja issued, with its signatures intact."""

    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": CheckRequestSerializer},
        responses={200: CheckResultSerializer},
    )
    def create(self, request: Request) -> Response:
        body = CheckRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        if upload.size > max_bytes():
            return Response(
                {"file": [_("The file is larger than %(size)s.") % {"size": filesizeformat(max_bytes())}]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        document = None
        if body.validated_data.get("public_id"):
            document = selectors.document_public(public_id=body.validated_data["public_id"])
        result = services.document_check(data=upload.read(), document=document)
        return Response(CheckResultSerializer(result).data)


# --- the organisation's certificate --------------------------------------------------------------


class SigningCertificateSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = SigningCertificate
        fields = [
            "id",
            "name",
            "subject",
            "fingerprint",
            "valid_from",
            "valid_until",
            "is_self_signed",
            "is_active",
            "uploaded_by",
            "uploaded_at",
        ]


class CertificateUploadSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    bundle = serializers.FileField(help_text="The PKCS#12 file (.p12/.pfx) with key and certificate.")
    passphrase = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)


class SigningCertificateViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[SigningCertificate]):
    """The organisation's signing certificates (administrators only); the newest upload is in use."""

    serializer_class = SigningCertificateSerializer
    pagination_class = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not is_administrator(request.user):
            raise PermissionDenied

    def get_queryset(self) -> Any:
        return selectors.certificate_list()

    @extend_schema(
        request={"multipart/form-data": CertificateUploadSerializer},
        responses={201: SigningCertificateSerializer},
    )
    def create(self, request: Request) -> Response:
        body = CertificateUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["bundle"]
        if upload.size > MAX_BUNDLE_BYTES:
            return Response(
                {"bundle": [_("This is too large to be a PKCS#12 file.")]}, status=status.HTTP_400_BAD_REQUEST
            )
        try:
            certificate = services.certificate_upload(
                actor=request.user,  # type: ignore[arg-type]
                name=body.validated_data["name"],
                data=upload.read(),
                passphrase=body.validated_data["passphrase"],
            )
        except ValidationError as exc:
            # The service calls the file "data"; here it is the "bundle" field.
            if hasattr(exc, "error_dict") and "data" in exc.error_dict:
                exc.error_dict["bundle"] = exc.error_dict.pop("data")
            return validation_response(exc)
        return Response(SigningCertificateSerializer(certificate).data, status=status.HTTP_201_CREATED)


def register(router: DefaultRouter) -> None:
    """Add this domain's viewsets to the router."""
    router.register("signed-documents", SignedDocumentViewSet, basename="signed-document")
    router.register("signature-check", SignatureCheckViewSet, basename="signature-check")
    router.register("signing-certificates", SigningCertificateViewSet, basename="signing-certificate")
