"""The LKj draft's written parts: who writes and reviews, the states, locking, history, the page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.concurrency import ConcurrentEditError
from kinerja.core.registry import waiting_for
from kinerja.notifications.models import Notification
from kinerja.reports import services
from kinerja.reports.models import DraftState, LkjDraft, LkjSection, Section
from tests.mentoring.helpers import add_finding, in_service

from .lkj_world import YEAR, build_agreement, draft_for, indicator, submitted, tarakan, write_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read messages in English."""


@pytest.fixture
def world(actors, catalog):
    return build_agreement()


def _fields(exc_info):
    return set(exc_info.value.message_dict)


# --- writing -------------------------------------------------------------------------------------


def test_a_chapter_is_created_then_changed_naming_its_version(actors, world):
    draft = draft_for(actors["operator_a"])
    first = services.lkj_section_save(
        actor=actors["operator_a"], draft=draft, section="pendahuluan", text="  Awal  ", expected_version=0
    )
    assert (first.text, first.row_version, first.updated_by) == ("Awal", 1, actors["operator_a"])
    second = services.lkj_section_save(
        actor=actors["unit_head"], draft=draft, section="pendahuluan", text="Kedua", expected_version=1
    )
    assert second.pk == first.pk
    assert second.row_version == 2
    assert LkjSection.objects.get(pk=first.pk).text == "Kedua"


def test_a_stale_version_is_refused_and_saves_nothing(actors, world):
    draft = draft_for(actors["operator_a"])
    services.lkj_section_save(
        actor=actors["operator_a"], draft=draft, section="penutup", text="A", expected_version=0
    )
    services.lkj_section_save(
        actor=actors["unit_head"], draft=draft, section="penutup", text="B", expected_version=1
    )
    with pytest.raises(ConcurrentEditError):
        services.lkj_section_save(
            actor=actors["operator_a"], draft=draft, section="penutup", text="C", expected_version=1
        )
    # Two editors both starting from nothing: the second is told, not silently overwriting.
    with pytest.raises(ConcurrentEditError):
        services.lkj_section_save(
            actor=actors["operator_a"], draft=draft, section="penutup", text="D", expected_version=0
        )
    assert LkjSection.objects.get(draft=draft, section="penutup").text == "B"


def test_history_records_who_changed_what(actors, world):
    draft = draft_for(actors["operator_a"])
    row = services.lkj_section_save(
        actor=actors["operator_a"], draft=draft, section="ikhtisar", text="Satu", expected_version=0
    )
    services.lkj_section_save(
        actor=actors["unit_head"],
        draft=draft,
        section="ikhtisar",
        text="Dua",
        expected_version=row.row_version,
    )
    records = list(row.history.order_by("history_date"))
    assert [(r.text, r.history_user) for r in records] == [
        ("Satu", actors["operator_a"]),
        ("Dua", actors["unit_head"]),
    ]


@pytest.mark.parametrize("actor", ["planner", "inspector", "leadership", "operator_b"])
def test_only_the_units_staff_write(actors, world, actor):
    with pytest.raises(PermissionDenied):
        draft_for(actors[actor])
    draft = draft_for(actors["operator_a"])
    with pytest.raises(PermissionDenied):
        services.lkj_section_save(
            actor=actors[actor], draft=draft, section="ikhtisar", text="x", expected_version=0
        )
    assert not LkjSection.objects.exists()


def test_validation_names_the_field(actors, world):
    draft = draft_for(actors["operator_a"])
    with pytest.raises(ValidationError) as too_long:
        services.lkj_section_save(
            actor=actors["operator_a"],
            draft=draft,
            section="ikhtisar",
            text="x" * (services.MAX_TEXT + 1),
            expected_version=0,
        )
    assert _fields(too_long) == {"text"}
    with pytest.raises(ValidationError) as unknown:
        services.lkj_section_save(
            actor=actors["operator_a"], draft=draft, section="bab_9", text="x", expected_version=0
        )
    assert _fields(unknown) == {"section"}
    with pytest.raises(ValidationError) as not_in_pk:
        services.lkj_indicator_note_save(
            actor=actors["operator_a"],
            draft=draft,
            indicator=indicator("IK-05"),
            expected_version=0,
            analysis="x",
        )
    assert _fields(not_in_pk) == {"indicator"}
    with pytest.raises(ValidationError) as long_note:
        services.lkj_indicator_note_save(
            actor=actors["operator_a"],
            draft=draft,
            indicator=indicator("IK-02"),
            expected_version=0,
            solutions="y" * (services.MAX_TEXT + 1),
        )
    assert _fields(long_note) == {"solutions"}


def test_an_indicator_analysis_is_saved_with_its_four_parts(actors, world):
    draft = draft_for(actors["operator_a"])
    note = services.lkj_indicator_note_save(
        actor=actors["operator_a"],
        draft=draft,
        indicator=indicator("IK-03"),
        expected_version=0,
        analysis="Sebab",
        solutions="Solusi",
        efficiency="Efisien",
        programmes="Program",
    )
    note = services.lkj_indicator_note_save(
        actor=actors["operator_a"],
        draft=draft,
        indicator=indicator("IK-03"),
        expected_version=note.row_version,
        analysis="Sebab baru",
        solutions="Solusi",
        efficiency="Efisien",
        programmes="Program",
    )
    assert (note.analysis, note.programmes, note.row_version) == ("Sebab baru", "Program", 2)
    with pytest.raises(ConcurrentEditError):
        services.lkj_indicator_note_save(
            actor=actors["operator_a"], draft=draft, indicator=indicator("IK-03"), expected_version=1
        )


# --- the review ----------------------------------------------------------------------------------


def test_submit_needs_every_chapter(actors, world):
    draft = draft_for(actors["operator_a"])
    services.lkj_section_save(
        actor=actors["operator_a"], draft=draft, section="ikhtisar", text="Ada", expected_version=0
    )
    with pytest.raises(ValidationError) as missing:
        services.lkj_draft_submit(actor=actors["operator_a"], draft=draft, expected_version=draft.row_version)
    assert _fields(missing) == {"sections"}
    message = missing.value.message_dict["sections"][0]
    assert str(Section.CLOSING.label) in message
    assert str(Section.EXECUTIVE_SUMMARY.label) not in message
    assert LkjDraft.objects.get(pk=draft.pk).state == DraftState.WRITING


def test_the_full_cycle_submit_return_resubmit_review(actors, world):
    draft = submitted(actors)
    assert (draft.state, draft.submitted_by) == (DraftState.SUBMITTED, actors["operator_a"])
    with pytest.raises(ValidationError) as frozen:
        services.lkj_section_save(
            actor=actors["operator_a"], draft=draft, section="ikhtisar", text="ubah", expected_version=1
        )
    assert _fields(frozen) == {"state"}
    with pytest.raises(ValidationError) as no_note:
        services.lkj_draft_return(
            actor=actors["planner"], draft=draft, note="  ", expected_version=draft.row_version
        )
    assert _fields(no_note) == {"note"}
    draft = services.lkj_draft_return(
        actor=actors["planner"], draft=draft, note="Lengkapi Bab III", expected_version=draft.row_version
    )
    assert (draft.state, draft.review_note, draft.reviewed_by) == (
        DraftState.RETURNED,
        "Lengkapi Bab III",
        actors["planner"],
    )
    services.lkj_section_save(
        actor=actors["operator_a"], draft=draft, section="capaian", text="Diperbaiki", expected_version=1
    )
    draft = services.lkj_draft_submit(
        actor=actors["unit_head"], draft=draft, expected_version=draft.row_version
    )
    draft = services.lkj_draft_review(
        actor=actors["planner"], draft=draft, note="Baik", expected_version=draft.row_version
    )
    assert (draft.state, draft.review_note) == (DraftState.REVIEWED, "Baik")
    with pytest.raises(ValidationError):
        services.lkj_section_save(
            actor=actors["operator_a"], draft=draft, section="capaian", text="lagi", expected_version=2
        )
    # A reviewed draft can still be returned (e.g. after the evaluators' remarks).
    draft = services.lkj_draft_return(
        actor=actors["admin"], draft=draft, note="Catatan evaluator", expected_version=draft.row_version
    )
    assert draft.state == DraftState.RETURNED
    states = [r.state for r in draft.history.order_by("history_date")]
    assert states == ["writing", "submitted", "returned", "submitted", "reviewed", "returned"]


def test_who_may_review_and_submit(actors, world):
    draft = write_all(actors["operator_a"], draft_for(actors["operator_a"]))
    with pytest.raises(PermissionDenied):
        services.lkj_draft_submit(actor=actors["planner"], draft=draft, expected_version=draft.row_version)
    with pytest.raises(ValidationError) as not_submitted:
        services.lkj_draft_review(actor=actors["planner"], draft=draft, expected_version=draft.row_version)
    assert _fields(not_submitted) == {"state"}
    draft = services.lkj_draft_submit(
        actor=actors["operator_a"], draft=draft, expected_version=draft.row_version
    )
    for actor in ("operator_a", "unit_head", "inspector", "leadership", "operator_b"):
        with pytest.raises(PermissionDenied):
            services.lkj_draft_review(actor=actors[actor], draft=draft, expected_version=draft.row_version)
        with pytest.raises(PermissionDenied):
            services.lkj_draft_return(
                actor=actors[actor], draft=draft, note="x", expected_version=draft.row_version
            )
    with pytest.raises(ConcurrentEditError):
        services.lkj_draft_review(
            actor=actors["planner"], draft=draft, expected_version=draft.row_version - 1
        )
    assert LkjDraft.objects.get(pk=draft.pk).state == DraftState.SUBMITTED


def test_whoever_submitted_does_not_review(actors, world):
    draft = write_all(actors["admin"], draft_for(actors["admin"]))
    draft = services.lkj_draft_submit(actor=actors["admin"], draft=draft, expected_version=draft.row_version)
    with pytest.raises(ValidationError) as own:
        services.lkj_draft_review(actor=actors["admin"], draft=draft, expected_version=draft.row_version)
    assert _fields(own) == {"state"}


def test_submit_and_return_notify(actors, world):
    draft = submitted(actors)
    assert (
        Notification.objects.filter(user=actors["planner"], event_key__startswith="lkj-submitted").count()
        == 1
    )
    services.lkj_draft_return(
        actor=actors["planner"], draft=draft, note="Perbaiki analisis", expected_version=draft.row_version
    )
    told = Notification.objects.get(user=actors["operator_a"], event_key__startswith="lkj-returned")
    assert "Perbaiki analisis" in told.body
    assert told.url == reverse("reports:lkj", kwargs={"code": "PSDKP-TARAKAN", "year": YEAR})
    assert Notification.objects.filter(
        user=actors["unit_head"], event_key__startswith="lkj-returned"
    ).exists()


def test_home_page_waiting_items(actors, world):
    draft = submitted(actors)
    assert [i.count for i in waiting_for(actors["planner"]) if "LKj" in i.title] == [1]
    assert not [i for i in waiting_for(actors["operator_b"]) if "LKj" in i.title]
    services.lkj_draft_return(
        actor=actors["planner"], draft=draft, note="Ulangi", expected_version=draft.row_version
    )
    mine = [i for i in waiting_for(actors["operator_a"]) if "LKj" in i.title]
    assert [i.detail for i in mine] == ["Ulangi"]
    assert not [i for i in waiting_for(actors["planner"]) if "LKj" in i.title]


# --- the workspace page --------------------------------------------------------------------------


def _page(client, user, code="PSDKP-TARAKAN", year=YEAR):
    client.force_login(user)
    return client.get(reverse("reports:lkj", kwargs={"code": code, "year": year}))


def test_the_workspace_shows_chapters_indicators_and_findings(client, actors, world):
    request = in_service(actors, year=YEAR)
    add_finding(actors, request, chapter="bab_3", text="Capaian belum dibandingkan")
    add_finding(actors, request, chapter="bab_1", text="Isu strategis belum jelas")
    add_finding(actors, request, chapter="lampiran", text="Lampiran PK tidak lengkap")
    response = _page(client, actors["operator_a"])
    assert response.status_code == 200
    html = response.content.decode()
    for section in Section.values:
        assert f'id="chapter-{section}"' in html
        assert reverse("reports:lkj_section", args=["PSDKP-TARAKAN", YEAR, section]) in html
    for code in ("IK-02", "IK-03"):
        assert f'id="indicator-{indicator(code).pk}"' in html
    chapters = response.context["chapters"]
    by_key = {c["key"]: [f.finding for f in c["findings"]] for c in chapters}
    assert by_key["capaian"] == by_key["anggaran"] == ["Capaian belum dibandingkan"]
    assert by_key["pendahuluan"] == ["Isu strategis belum jelas"]
    assert by_key["ikhtisar"] == []
    assert [f.finding for f in response.context["appendix_findings"]] == ["Lampiran PK tidak lengkap"]
    assert reverse("reports:download", args=["PSDKP-TARAKAN", YEAR, "lkj", "docx"]) in html


def test_readers_see_text_without_editors_and_planners_see_review_actions(client, actors, world):
    draft = submitted(actors)
    planner_page = _page(client, actors["planner"])
    html = planner_page.content.decode()
    assert "Teks ikhtisar" in html
    assert 'name="text"' not in html
    assert reverse("reports:lkj_review", args=["PSDKP-TARAKAN", YEAR]) in html
    assert reverse("reports:lkj_return", args=["PSDKP-TARAKAN", YEAR]) in html
    inspector_html = _page(client, actors["inspector"]).content.decode()
    assert reverse("reports:lkj_review", args=["PSDKP-TARAKAN", YEAR]) not in inspector_html
    assert _page(client, actors["operator_b"]).status_code == 404
    history = planner_page.context["history"]
    assert {entry.label for entry in history} >= {
        str(LkjDraft._meta.verbose_name),
        str(Section.CLOSING.label),
    }
    assert draft.state == DraftState.SUBMITTED


def test_htmx_save_answers_with_the_chapter_and_a_conflict_is_shown(client, actors, world):
    client.force_login(actors["operator_a"])
    url = reverse("reports:lkj_section", args=["PSDKP-TARAKAN", YEAR, "penutup"])
    saved = client.post(url, {"text": "Penutup", "row_version": 0}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200
    body = saved.content.decode()
    assert body.lstrip().startswith('<section class="card mb-3" id="chapter-penutup"')
    assert "Saved." in body
    assert 'name="row_version" value="1"' in body
    stale = client.post(url, {"text": "Tertimpa", "row_version": 0}, HTTP_HX_REQUEST="true")
    assert "Someone else saved" in stale.content.decode()
    assert "Tertimpa" in stale.content.decode()  # the editor's text is kept in the form
    assert LkjSection.objects.get(section="penutup").text == "Penutup"


def test_plain_posts_redirect_and_transitions_flash_errors(client, actors, world):
    client.force_login(actors["operator_a"])
    note_url = reverse("reports:lkj_note", args=["PSDKP-TARAKAN", YEAR, indicator("IK-02").pk])
    response = client.post(note_url, {"analysis": "Sebab", "row_version": 0})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#indicator-{indicator('IK-02').pk}")
    not_in_pk = reverse("reports:lkj_note", args=["PSDKP-TARAKAN", YEAR, indicator("IK-05").pk])
    assert client.post(not_in_pk, {"analysis": "x", "row_version": 0}).status_code == 404
    submit = client.post(
        reverse("reports:lkj_submit", args=["PSDKP-TARAKAN", YEAR]), {"row_version": 1}, follow=True
    )
    assert "Write these chapters before submitting" in submit.content.decode()
    assert LkjDraft.objects.get().state == DraftState.WRITING
    client.force_login(actors["planner"])
    refused = client.post(note_url, {"analysis": "Planner", "row_version": 1})
    assert refused.status_code == 403


def test_a_planner_returns_from_the_page(client, actors, world):
    draft = submitted(actors)
    client.force_login(actors["planner"])
    url = reverse("reports:lkj_return", args=["PSDKP-TARAKAN", YEAR])
    client.post(url, {"row_version": draft.row_version, "note": ""})
    assert LkjDraft.objects.get().state == DraftState.SUBMITTED
    client.post(url, {"row_version": draft.row_version, "note": "Tambahkan analisis efisiensi"})
    draft.refresh_from_db()
    assert (draft.state, draft.review_note) == (DraftState.RETURNED, "Tambahkan analisis efisiensi")
    page = _page(client, actors["operator_a"]).content.decode()
    assert "Tambahkan analisis efisiensi" in page
    assert 'name="text"' in page  # editable again


def test_a_unit_without_pk_has_no_indicators_to_analyse(client, actors, catalog):
    response = _page(client, actors["operator_a"], year=YEAR)
    assert response.status_code == 200
    assert response.context["indicators"] == []
    assert tarakan().code == "PSDKP-TARAKAN"
    assert (
        reverse("reports:download", args=["PSDKP-TARAKAN", YEAR, "lkj", "pdf"])
        not in response.content.decode()
    )


def test_the_demo_writes_tarakans_lkj_2025_once(catalog):
    from kinerja.accounts import demo as accounts_demo
    from kinerja.planning import demo as planning_demo
    from kinerja.reports import demo

    for load in (accounts_demo.load, planning_demo.load, demo.load, demo.load):
        load(lambda _msg: None)
    draft = LkjDraft.objects.get(unit__code="PSDKP-TARAKAN", year=2025)
    assert draft.state == DraftState.REVIEWED
    assert set(draft.sections.exclude(text="").values_list("section", flat=True)) == set(Section.values)
    agreement = draft.unit.agreements.get(year=2025, is_current=True)
    assert draft.indicator_notes.count() == agreement.indicator_rows.count() > 0
