"""The public pages of the service standard: open to everyone, logged in or not; only
administrators change their texts. prepare() puts back the standard's rows a flushed database lacks."""

from .common import ANON, LOGIN, everyone


def open_to_all():
    return everyone(200, anon=200)


def admin_only(ok):
    return {actor: (LOGIN if actor == ANON else ok if actor == "admin" else 403) for actor in everyone(0)}


def prepare(actors):
    from kinerja.calendar.services import service_hours_ensure
    from kinerja.public.services import profile_ensure
    from kinerja.workflows.services import standards_ensure

    standards_ensure()
    service_hours_ensure()
    profile_ensure()


def _profile_form():
    from kinerja.public.forms import ProfileForm
    from kinerja.public.models import PublicProfile

    profile = PublicProfile.objects.get()
    return {
        **{name: getattr(profile, name) for name in ProfileForm.Meta.fields},
        "vision_en": "Changed in the matrix",
        "row_version": profile.row_version,
    }


def _service_text_form():
    from kinerja.public.forms import ServiceTextForm
    from kinerja.public.models import ServiceText

    text = ServiceText.objects.get(standard__code="validasi")
    return {
        **{name: getattr(text, name) for name in ServiceTextForm.Meta.fields},
        "name_en": "Changed in the matrix",
        "row_version": text.row_version,
    }


ROUTES = {
    "public:index": ({}, {"GET": open_to_all()}),
    "public:service": ({"code": "validasi"}, {"GET": open_to_all()}),
    "public:pledge": ({}, {"GET": open_to_all()}),
    "public:hours": ({}, {"GET": open_to_all()}),
    "public:verify": ({}, {"GET": open_to_all()}),
    "public:profile_edit": ({}, {"GET": admin_only(200), "POST": admin_only(302)}),
    "public:service_text_edit": ({"code": "validasi"}, {"GET": admin_only(200), "POST": admin_only(302)}),
}

POST_DATA = {"public:profile_edit": _profile_form, "public:service_text_edit": _service_text_form}
