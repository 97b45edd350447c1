from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_BUNDLE_BYTES = 1024 * 1024  # a PKCS#12 bundle is a few kilobytes


def max_bytes() -> int:
    return int(settings.KINERJA_UPLOAD_MAX_BYTES)


class SignForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Type your password again to sign: the signature is made in your name."),
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class CheckForm(forms.Form):
    file = forms.FileField(
        label=_("PDF file to check"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise ValidationError(
                _("The file is larger than %(size)s.") % {"size": filesizeformat(max_bytes())}
            )
        data: bytes = upload.read()
        return data


class CertificateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    bundle = forms.FileField(
        label=_("PKCS#12 file (.p12, .pfx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".p12,.pfx,application/x-pkcs12"}),
    )
    passphrase = forms.CharField(
        label=_("Passphrase"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def clean_bundle(self) -> bytes:
        upload = self.cleaned_data["bundle"]
        if upload.size > MAX_BUNDLE_BYTES:
            raise ValidationError(_("This is too large to be a PKCS#12 file."))
        data: bytes = upload.read()
        return data
