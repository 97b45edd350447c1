"""The cryptography, kept apart from the database: read a PKCS#12 bundle, make a demo certificate,
add one PAdES signature as an incremental update, and validate the signatures a PDF carries.

pyhanko signs and validates; `cryptography` reads and builds the certificates. Nothing here knows
about Django models, so the services decide what is stored and who may sign.
"""

from __future__ import annotations

import asyncio
import datetime
import hashlib
import io
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from asn1crypto import parser as asn1_parser
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

T = TypeVar("T")

DEMO_VALIDITY = datetime.timedelta(days=3650)
# A signing certificate must allow one of these; pyhanko's default asks for non-repudiation only,
# which many issued certificates (and PDF readers) do not insist on.
SIGNING_KEY_USAGES = frozenset({"digital_signature", "non_repudiation"})


class BundleError(ValueError):
    """A PKCS#12 bundle that cannot be used; `field` names what the user should correct."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Bundle:
    certificate_der: bytes
    subject: str
    fingerprint: str
    valid_from: datetime.datetime
    valid_until: datetime.datetime
    is_self_signed: bool


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _is_pkcs12(data: bytes) -> bool:
    try:
        pfx = asn1_pkcs12.Pfx.load(data)
        pfx["auth_safe"]["content_type"].native  # noqa: B018 - parsing is the check
    except (ValueError, TypeError, KeyError):
        return False
    return True


def read_bundle(data: bytes, passphrase: str) -> Bundle:
    """Open a PKCS#12 bundle and describe its certificate; BundleError says why it is unusable."""
    if not data or not _is_pkcs12(data):
        raise BundleError("data", "not_pkcs12")
    try:
        key, certificate, _others = pkcs12.load_key_and_certificates(data, passphrase.encode() or None)
    except (ValueError, TypeError):
        raise BundleError("passphrase", "passphrase") from None
    if key is None or certificate is None:
        raise BundleError("data", "incomplete")
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise BundleError("data", "key_type")
    public = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*public) != certificate.public_key().public_bytes(*public):
        raise BundleError("data", "mismatch")
    if not _allows_signing(certificate):
        raise BundleError("data", "key_usage")
    fingerprint = certificate.fingerprint(hashes.SHA256()).hex().upper()
    return Bundle(
        certificate_der=certificate.public_bytes(serialization.Encoding.DER),
        subject=certificate.subject.rfc4514_string(),
        fingerprint=":".join(fingerprint[i : i + 2] for i in range(0, len(fingerprint), 2)),
        valid_from=certificate.not_valid_before_utc,
        valid_until=certificate.not_valid_after_utc,
        is_self_signed=certificate.issuer == certificate.subject,
    )


def _allows_signing(certificate: x509.Certificate) -> bool:
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True  # no restriction stated
    return bool(usage.digital_signature or usage.content_commitment)


def demo_bundle(*, common_name: str, organisation: str, passphrase: str) -> bytes:
    """A self-signed RSA-2048 certificate for signing, valid ten years, as PKCS#12."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + DEMO_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # non-repudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        common_name.encode(),
        key,
        certificate,
        None,
        serialization.BestAvailableEncryption(passphrase.encode()),
    )


def _off_loop(call: Callable[[], T]) -> T:
    """Run `call` where no asyncio loop runs: pyhanko's synchronous API calls asyncio.run(),
    which fails inside a thread that already runs a loop (an ASGI worker, Playwright's tests)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def sign(
    data: bytes,
    *,
    bundle: bytes,
    passphrase: str,
    field_name: str,
    signer_name: str,
    reason: str,
    location: str,
) -> bytes:
    """Append one approval signature (PAdES baseline B, SHA-256) as an incremental update."""
    signer = signers.SimpleSigner.load_pkcs12_data(
        bundle, other_certs=[], passphrase=passphrase.encode() or None
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        name=signer_name,
        reason=reason,
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        # The signer typed their password just now: the PDF says so.
        prop_auth_type=fields.SigAuthType.PASSWORD,
        prop_auth_time=0,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    output = _off_loop(lambda: signers.sign_pdf(writer, meta, signer=signer))
    signed: bytes = output.getvalue()
    return signed


@dataclass(frozen=True)
class EmbeddedSignature:
    field_name: str
    signer_name: str
    reason: str
    signing_time: datetime.datetime | None
    certificate_subject: str
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    # What was appended after this signature: "none", "signatures" (signatures or form fields:
    # how a later signer's signature shows) or "other" (anything else, e.g. changed content).
    later_changes: str
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and not self.error


MAX_SIGNATURES = 50  # a larger count is not one of ours; stop before spending minutes on it


class UnreadablePdf(ValueError):
    pass


def embedded_signatures(data: bytes, *, trusted: Iterable[bytes]) -> list[EmbeddedSignature]:
    """Validate every signature in the PDF against `trusted` (DER certificates taken as roots).

    Raises UnreadablePdf when the file cannot be parsed as a PDF at all.
    """
    roots = [asn1_x509.Certificate.load(der) for der in trusted]
    try:
        reader = PdfFileReader(io.BytesIO(data))
        filled = [name for name, _value, _ref in fields.enumerate_sig_fields(reader, filled_status=True)]
        if len(filled) > MAX_SIGNATURES:
            raise UnreadablePdf("too many signatures")
        found = list(reader.embedded_signatures)
    except UnreadablePdf:
        raise
    except Exception as exc:  # whatever the parser trips on, the file is not a readable PDF
        raise UnreadablePdf(str(exc)) from exc
    usage = KeyUsageConstraints(key_usage=set(SIGNING_KEY_USAGES))
    results = []
    for embedded in found:
        name = _text(embedded.sig_object.get("/Name"))
        reason = _text(embedded.sig_object.get("/Reason"))
        try:
            if not _padding_is_blank(embedded.sig_object["/Contents"]):
                raise ValueError("data after the signature value")
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            status = _off_loop(
                lambda: validate_pdf_signature(embedded, context, key_usage_settings=usage)  # noqa: B023
            )
        except Exception as exc:  # a malformed signature is reported, not raised
            results.append(
                _unreadable(str(embedded.field_name), name, reason, str(exc) or type(exc).__name__)
            )
            continue
        level = status.modification_level
        later = "none" if level is None or level.name in {"NONE", "LTA_UPDATES"} else "other"
        if level is not None and level.name == "FORM_FILLING":
            later = "signatures"
        results.append(
            EmbeddedSignature(
                field_name=str(embedded.field_name),
                signer_name=name,
                reason=reason,
                signing_time=status.signer_reported_dt,
                certificate_subject=status.signing_cert.subject.human_friendly,
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                later_changes=later,
            )
        )
    # pyhanko passes over a signature whose type it does not recognise (a changed /SubFilter, say);
    # a signature that cannot be checked must not simply disappear from the report.
    recognised = {str(embedded.field_name) for embedded in found}
    for name in filled:
        if str(name) not in recognised:
            results.append(_unreadable(str(name), "", "", "unrecognised signature type"))
    return results


def _padding_is_blank(contents: object) -> bool:
    """The signature value is followed by the zeros reserved for it, and nothing else.

    The /Contents string is the one part of the file a signature cannot cover; readers ignore
    what follows the value, so a byte changed there would otherwise pass unnoticed.
    """
    raw = bytes(contents)  # type: ignore[call-overload]
    _class, _method, _tag, header, body, trailer = asn1_parser.parse(raw, strict=False)
    return not raw[len(header) + len(body) + len(trailer) :].strip(b"\x00")


def _unreadable(field_name: str, name: str, reason: str, error: str) -> EmbeddedSignature:
    return EmbeddedSignature(
        field_name=field_name,
        signer_name=name,
        reason=reason,
        signing_time=None,
        certificate_subject="",
        intact=False,
        valid=False,
        trusted=False,
        covers_whole_file=False,
        later_changes="other",
        error=error,
    )


def _text(value: object) -> str:
    return "" if value is None else str(value)
