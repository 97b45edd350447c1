"""Recommendations: written while scoring, issued on signing, followed up by the unit, accepted or
reopened by the evaluator; who may do what, the version lock, and the owner and due-date rules."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from kinerja.core.concurrency import ConcurrentEditError
from kinerja.evaluation import recommendations as services
from kinerja.evaluation.models import EvaluationState, FollowUp, Recommendation
from kinerja.evaluation.recommendation_waiting import recommendations_waiting
from kinerja.notifications.models import Notification

from .recommendation_world import PDF, pdf, sign

pytestmark = pytest.mark.usefixtures("english")

TODAY = timezone.localdate()
LATER = TODAY + datetime.timedelta(days=60)


@pytest.fixture
def scoring(make_evaluation):
    return make_evaluation(state=EvaluationState.SUBMITTED)


@pytest.fixture
def rec(scoring, actors):
    return services.recommendation_add(
        actor=actors["inspector"], evaluation=scoring, component_code="2", text="Lengkapi data dukung IKU."
    )


@pytest.fixture
def issued(rec):
    sign(rec.evaluation)
    services.recommendations_issue(evaluation=rec.evaluation)
    return Recommendation.objects.get(pk=rec.pk)


def fresh(row):
    return Recommendation.objects.get(pk=row.pk)


def messages_of(exc):
    return exc.value.message_dict


# --- the lifecycle -------------------------------------------------------------------------------


def test_the_lifecycle_from_writing_to_completion(scoring, actors):
    inspector, operator, head = actors["inspector"], actors["operator_a"], actors["unit_head"]
    row = services.recommendation_add(
        actor=inspector, evaluation=scoring, component_code="3", text="Publikasikan LKj tepat waktu."
    )
    assert (row.status, row.component.code, row.created_by) == ("open", "3", inspector)

    sign(scoring)
    assert services.recommendations_issue(evaluation=scoring) == 1
    told = set(
        Notification.objects.filter(event_key=f"recommendations-issued:{scoring.pk}").values_list(
            "user__username", flat=True
        )
    )
    assert told == {"operator_a", "unit_head"}

    row = services.recommendation_assign(
        actor=head, recommendation=row, owner=operator, due_date=LATER, expected_version=row.row_version
    )
    assert (row.owner, row.due_date) == (operator, LATER)
    assert Notification.objects.filter(
        user=operator, event_key__startswith="recommendation-assigned"
    ).exists()

    first = services.followup_add(
        actor=operator, recommendation=row, note="Draf jadwal publikasi.", submit=False
    )
    assert fresh(row).status == "open"
    services.followup_add(
        actor=operator, recommendation=row, note="Jadwal ditetapkan.", file=pdf(), submit=True
    )
    row = fresh(row)
    assert row.status == "followed_up"
    assert Notification.objects.filter(
        user=inspector, event_key__startswith="recommendation-followed-up"
    ).exists()

    row = services.recommendation_reopen(
        actor=inspector, recommendation=row, note="Lampirkan SK penetapan.", expected_version=row.row_version
    )
    assert (row.status, row.review_note, row.completed_at) == ("open", "Lampirkan SK penetapan.", None)

    services.followup_add(
        actor=operator, recommendation=row, note="SK terlampir.", file=pdf("sk.pdf"), submit=True
    )
    row = fresh(row)
    assert row.status == "followed_up"
    row = services.recommendation_accept(
        actor=inspector, recommendation=row, note="Lengkap.", expected_version=row.row_version
    )
    assert row.status == "done"
    assert row.completed_at is not None
    assert (
        Notification.objects.filter(user=operator, event_key__startswith="recommendation-reviewed").count()
        == 2
    )

    follow_ups = list(FollowUp.objects.filter(recommendation=row))
    assert [f.note for f in follow_ups] == ["Draf jadwal publikasi.", "Jadwal ditetapkan.", "SK terlampir."]
    assert [f.file_name for f in follow_ups] == ["", "tindak-lanjut.pdf", "sk.pdf"]
    # The stored name is generated; the uploader's stays in file_name.
    assert follow_ups[2].file.name.endswith(".pdf")
    assert "sk" not in follow_ups[2].file.name.rsplit("/", 1)[-1]
    # Every change is in the history, oldest first.
    statuses = [h.status for h in row.history.order_by("history_date", "history_id")]
    assert statuses == ["open", "open", "followed_up", "open", "followed_up", "done"]
    assert row.history.latest("history_date").history_user == inspector
    assert first.history.get().history_user == operator


def test_a_follow_up_that_is_already_submitted_may_get_more_documents(issued, actors):
    operator = actors["operator_a"]
    services.followup_add(actor=operator, recommendation=issued, note="Tahap 1", submit=True)
    services.followup_add(actor=operator, recommendation=issued, note="Tahap 2", submit=True)
    assert fresh(issued).status == "followed_up"
    assert issued.follow_ups.count() == 2


def test_update_and_delete_while_scoring(rec, actors):
    inspector = actors["inspector"]
    row = services.recommendation_update(
        actor=inspector,
        recommendation=rec,
        component_code="4",
        text="  Evaluasi internal tiap semester. ",
        due_date=LATER,
        expected_version=rec.row_version,
    )
    assert (row.component.code, row.text, row.due_date, row.row_version) == (
        "4",
        "Evaluasi internal tiap semester.",
        LATER,
        rec.row_version + 1,
    )
    services.recommendation_delete(actor=inspector, recommendation=row, expected_version=row.row_version)
    assert not Recommendation.objects.filter(pk=rec.pk).exists()
    assert Recommendation.history.filter(id=rec.pk, history_type="-").get().history_user == inspector


# --- who may do what ---------------------------------------------------------------------------


def test_only_evaluators_write_recommendations(scoring, rec, actors):
    for name in ("operator_a", "unit_head", "planner", "leadership"):
        with pytest.raises(PermissionDenied):
            services.recommendation_add(actor=actors[name], evaluation=scoring, component_code="1", text="x")
        with pytest.raises(PermissionDenied):
            services.recommendation_delete(actor=actors[name], recommendation=rec, expected_version=1)
    services.recommendation_add(actor=actors["admin"], evaluation=scoring, component_code="1", text="x")


def test_recommendations_are_written_only_while_the_evaluation_is_scored(make_evaluation, rec, actors):
    draft = make_evaluation(year=2024)  # still with the unit
    with pytest.raises(ValidationError) as exc:
        services.recommendation_add(actor=actors["inspector"], evaluation=draft, component_code="1", text="x")
    assert "evaluation" in messages_of(exc)
    sign(rec.evaluation)
    with pytest.raises(ValidationError) as exc:
        services.recommendation_update(
            actor=actors["inspector"],
            recommendation=rec,
            component_code="1",
            text="y",
            expected_version=rec.row_version,
        )
    assert "evaluation" in messages_of(exc)
    with pytest.raises(ValidationError):
        services.recommendation_delete(actor=actors["inspector"], recommendation=rec, expected_version=1)


def test_the_unit_sees_recommendations_only_once_issued(rec, actors):
    for name in ("operator_a", "unit_head", "planner", "leadership"):
        with pytest.raises(Http404):
            services.recommendation_get(user=actors[name], pk=rec.pk)
    assert services.recommendation_get(user=actors["inspector"], pk=rec.pk) == rec
    sign(rec.evaluation)
    for name in ("operator_a", "unit_head", "planner", "leadership", "admin"):
        assert services.recommendation_get(user=actors[name], pk=rec.pk) == rec
    with pytest.raises(Http404):
        services.recommendation_get(user=actors["operator_b"], pk=rec.pk)


def test_the_follow_up_is_the_units_and_the_review_the_evaluators(issued, actors):
    for name in ("planner", "inspector", "leadership", "operator_b"):
        with pytest.raises(PermissionDenied):
            services.followup_add(actor=actors[name], recommendation=issued, note="x", submit=True)
    services.followup_add(actor=actors["unit_head"], recommendation=issued, note="Dikirim", submit=True)
    row = fresh(issued)
    for name in ("operator_a", "unit_head", "planner"):
        with pytest.raises(PermissionDenied):
            services.recommendation_accept(
                actor=actors[name], recommendation=row, expected_version=row.row_version
            )
        with pytest.raises(PermissionDenied):
            services.recommendation_reopen(
                actor=actors[name], recommendation=row, note="x", expected_version=row.row_version
            )
    assert fresh(issued).status == "followed_up"


def test_assigning_is_for_the_head_an_evaluator_or_an_administrator(issued, actors):
    for name in ("operator_a", "planner", "leadership", "operator_b"):
        with pytest.raises(PermissionDenied):
            services.recommendation_assign(
                actor=actors[name],
                recommendation=issued,
                owner=actors["operator_a"],
                due_date=LATER,
                expected_version=issued.row_version,
            )
    version = issued.row_version
    for name in ("unit_head", "inspector", "admin"):
        row = services.recommendation_assign(
            actor=actors[name],
            recommendation=issued,
            owner=actors["unit_head"],
            due_date=LATER,
            expected_version=version,
        )
        version = row.row_version
    assert fresh(issued).owner == actors["unit_head"]


def test_the_head_assigns_only_issued_recommendations(rec, actors):
    with pytest.raises(ValidationError) as exc:
        services.recommendation_assign(
            actor=actors["unit_head"],
            recommendation=rec,
            owner=actors["operator_a"],
            due_date=LATER,
            expected_version=rec.row_version,
        )
    assert "evaluation" in messages_of(exc)


def test_the_state_rules_of_the_follow_up(rec, actors):
    operator, inspector = actors["operator_a"], actors["inspector"]
    with pytest.raises(ValidationError) as exc:  # not issued yet
        services.followup_add(actor=operator, recommendation=rec, note="x", submit=False)
    assert "recommendation" in messages_of(exc)
    sign(rec.evaluation)
    with pytest.raises(ValidationError) as exc:
        services.followup_add(actor=operator, recommendation=rec, note="  ", submit=True)
    assert "note" in messages_of(exc)
    with pytest.raises(ValidationError) as exc:  # nothing submitted to review
        services.recommendation_accept(actor=inspector, recommendation=rec, expected_version=rec.row_version)
    assert "status" in messages_of(exc)
    services.followup_add(actor=operator, recommendation=rec, note="Selesai", submit=True)
    row = fresh(rec)
    with pytest.raises(ValidationError) as exc:
        services.recommendation_reopen(
            actor=inspector, recommendation=row, note=" ", expected_version=row.row_version
        )
    assert "note" in messages_of(exc)
    row = services.recommendation_accept(
        actor=inspector, recommendation=row, expected_version=row.row_version
    )
    with pytest.raises(ValidationError) as exc:
        services.followup_add(actor=operator, recommendation=row, note="Lagi", submit=True)
    assert "status" in messages_of(exc)
    with pytest.raises(ValidationError) as exc:
        services.recommendation_assign(
            actor=inspector,
            recommendation=row,
            owner=operator,
            due_date=LATER,
            expected_version=row.row_version,
        )
    assert "status" in messages_of(exc)


def test_a_refused_file_saves_nothing(issued, actors):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.followup_add(
            actor=actors["operator_a"], recommendation=issued, note="x", file=fake, submit=True
        )
    assert "file" in messages_of(exc)
    assert fresh(issued).status == "open"
    assert not FollowUp.objects.exists()


# --- locking, owner and due date -----------------------------------------------------------------


def test_a_stale_version_changes_nothing(rec, actors):
    inspector = actors["inspector"]
    services.recommendation_update(
        actor=inspector,
        recommendation=rec,
        component_code="2",
        text="Versi A",
        expected_version=rec.row_version,
    )
    with pytest.raises(ConcurrentEditError):
        services.recommendation_update(
            actor=inspector,
            recommendation=rec,
            component_code="2",
            text="Versi B",
            expected_version=rec.row_version,
        )
    with pytest.raises(ConcurrentEditError):
        services.recommendation_delete(actor=inspector, recommendation=rec, expected_version=rec.row_version)
    assert fresh(rec).text == "Versi A"
    sign(rec.evaluation)
    services.followup_add(actor=actors["operator_a"], recommendation=rec, note="x", submit=True)
    stale = fresh(rec).row_version - 1
    with pytest.raises(ConcurrentEditError):
        services.recommendation_accept(actor=inspector, recommendation=rec, expected_version=stale)
    with pytest.raises(ConcurrentEditError):
        services.recommendation_assign(
            actor=inspector,
            recommendation=rec,
            owner=actors["operator_a"],
            due_date=LATER,
            expected_version=stale,
        )
    assert fresh(rec).status == "followed_up"


def test_the_owner_must_hold_a_role_in_the_unit(issued, actors):
    for name in ("operator_b", "planner", "inspector"):
        with pytest.raises(ValidationError) as exc:
            services.recommendation_assign(
                actor=actors["unit_head"],
                recommendation=issued,
                owner=actors[name],
                due_date=LATER,
                expected_version=issued.row_version,
            )
        assert list(messages_of(exc)) == ["owner"]
    assert fresh(issued).owner is None


def test_the_due_date_is_not_before_the_issue(scoring, actors):
    inspector = actors["inspector"]
    yesterday = TODAY - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.recommendation_add(
            actor=inspector, evaluation=scoring, component_code="1", text="x", due_date=yesterday
        )
    assert list(messages_of(exc)) == ["due_date"]
    row = services.recommendation_add(actor=inspector, evaluation=scoring, component_code="1", text="x")
    sign(scoring, timezone.now() - datetime.timedelta(days=10))
    with pytest.raises(ValidationError) as exc:
        services.recommendation_assign(
            actor=actors["unit_head"],
            recommendation=row,
            owner=actors["operator_a"],
            due_date=TODAY - datetime.timedelta(days=11),
            expected_version=row.row_version,
        )
    assert list(messages_of(exc)) == ["due_date"]
    # The day of signing itself is allowed, even when it is past.
    row = services.recommendation_assign(
        actor=actors["unit_head"],
        recommendation=row,
        owner=actors["operator_a"],
        due_date=TODAY - datetime.timedelta(days=10),
        expected_version=row.row_version,
    )
    assert services.is_overdue(row)


def test_every_refused_field_is_named_at_once(scoring, actors):
    with pytest.raises(ValidationError) as exc:
        services.recommendation_add(
            actor=actors["inspector"],
            evaluation=scoring,
            component_code="9",
            text=" ",
            owner=actors["operator_b"],
            due_date=TODAY - datetime.timedelta(days=1),
        )
    assert set(messages_of(exc)) == {"component_code", "text", "owner", "due_date"}
    row = services.recommendation_add(
        actor=actors["inspector"], evaluation=scoring, component_code="1", text="x"
    )
    sign(scoring)
    with pytest.raises(ValidationError) as exc:
        services.recommendation_assign(
            actor=actors["unit_head"], recommendation=row, owner=None, due_date=None, expected_version=1
        )
    assert set(messages_of(exc)) == {"owner", "due_date"}
    assert not Recommendation.objects.filter(evaluation=scoring, component__code="9").exists()


# --- the home page -------------------------------------------------------------------------------


def test_waiting_items(issued, actors):
    operator, inspector = actors["operator_a"], actors["inspector"]
    [item] = recommendations_waiting(operator)
    assert (item.count, item.level) == (1, "warning")
    Recommendation.objects.filter(pk=issued.pk).update(due_date=TODAY - datetime.timedelta(days=1))
    [item] = recommendations_waiting(operator)
    assert (item.count, item.level) == (1, "danger")
    assert "1 of them are past their due date" in item.detail
    assert recommendations_waiting(actors["operator_b"]) == []
    assert recommendations_waiting(inspector) == []
    services.followup_add(actor=operator, recommendation=issued, note="x", submit=True)
    assert recommendations_waiting(operator) == []
    [item] = recommendations_waiting(inspector)
    assert (item.count, item.url) == (1, reverse("evaluation:recommendations") + "?status=followed_up")


# --- the pages -----------------------------------------------------------------------------------


def test_the_evaluator_writes_from_the_evaluation_page(login, scoring, actors):
    client = login(actors["inspector"])
    page = client.get(reverse("evaluation:detail", args=[scoring.pk]))
    assert page.status_code == 200
    assert reverse("evaluation:recommendation_add", args=[scoring.pk]) in page.content.decode()
    response = client.post(
        reverse("evaluation:recommendation_add", args=[scoring.pk]),
        {"component_code": "1", "text": "Perbaiki cascading IKU.", "due_date": LATER.isoformat()},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:detail", args=[scoring.pk])
    row = Recommendation.objects.get(evaluation=scoring)
    assert (row.text, row.due_date) == ("Perbaiki cascading IKU.", LATER)
    client.post(
        reverse("evaluation:recommendation_update", args=[row.pk]),
        {"component_code": "2", "text": "Perbaiki IKU.", "row_version": row.row_version},
    )
    assert (fresh(row).text, fresh(row).due_date) == ("Perbaiki IKU.", None)
    # A stale form is refused with a message and changes nothing.
    response = client.post(
        reverse("evaluation:recommendation_delete", args=[row.pk]),
        {"row_version": row.row_version},
        follow=True,
    )
    assert "Someone else saved this record" in response.content.decode()
    client.post(
        reverse("evaluation:recommendation_delete", args=[row.pk]), {"row_version": fresh(row).row_version}
    )
    assert not Recommendation.objects.filter(pk=row.pk).exists()
    response = client.post(
        reverse("evaluation:recommendation_add", args=[scoring.pk]),
        {"component_code": "9", "text": ""},
        follow=True,
    )
    assert not Recommendation.objects.exists()
    assert "Recommendation" in response.content.decode()


def test_the_unit_follows_up_on_the_detail_page(login, issued, actors):
    client = login(actors["operator_a"])
    url = reverse("evaluation:recommendation_detail", args=[issued.pk])
    page = client.get(url).content.decode()
    assert reverse("evaluation:recommendation_followup", args=[issued.pk]) in page
    assert reverse("evaluation:recommendation_accept", args=[issued.pk]) not in page
    response = client.post(
        reverse("evaluation:recommendation_followup", args=[issued.pk]),
        {"note": "Sudah dilaksanakan.", "file": pdf(), "send": "1"},
    )
    assert response.status_code == 302
    assert fresh(issued).status == "followed_up"
    follow_up = FollowUp.objects.get()
    download = client.get(reverse("evaluation:recommendation_followup_file", args=[follow_up.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    # A follow-up without a note comes back with the error on its field.
    response = client.post(reverse("evaluation:recommendation_followup", args=[issued.pk]), {"note": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert login(actors["operator_b"]).get(url).status_code == 404


def test_the_evaluator_reviews_on_the_detail_page(login, issued, actors):
    services.followup_add(actor=actors["operator_a"], recommendation=issued, note="x", submit=True)
    row = fresh(issued)
    operator = login(actors["operator_a"])
    refused = operator.post(
        reverse("evaluation:recommendation_accept", args=[row.pk]), {"row_version": row.row_version}
    )
    assert refused.status_code == 403
    client = login(actors["inspector"])
    page = client.get(reverse("evaluation:recommendation_detail", args=[row.pk])).content.decode()
    assert reverse("evaluation:recommendation_accept", args=[row.pk]) in page
    client.post(
        reverse("evaluation:recommendation_reopen", args=[row.pk]),
        {"row_version": row.row_version, "note": "Kurang"},
    )
    assert (fresh(row).status, fresh(row).review_note) == ("open", "Kurang")


def test_the_list_filters_and_exports(login, issued, make_evaluation, actors):
    other = make_evaluation(code="PSDKP-BITUNG", year=2025, state=EvaluationState.SUBMITTED)
    services.recommendation_add(
        actor=actors["inspector"], evaluation=other, component_code="1", text="Bitung"
    )
    sign(other)
    Recommendation.objects.filter(pk=issued.pk).update(due_date=TODAY - datetime.timedelta(days=3))
    client = login(actors["inspector"])
    url = reverse("evaluation:recommendations")
    page = client.get(url).content.decode()
    assert "Lengkapi data dukung IKU." in page
    assert "Bitung" in page
    assert "Overdue" in page
    page = client.get(url, {"overdue": "1"}).content.decode()
    assert "Lengkapi data dukung IKU." in page
    assert ">Bitung<" not in page
    page = client.get(url, {"unit": "PSDKP-BITUNG", "status": "open"}).content.decode()
    assert "Lengkapi data dukung IKU." not in page
    export = client.get(url, {"overdue": "1", "export": "xlsx"})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(url, {"export": "pdf"})["Content-Type"] == "application/pdf"
    # The operator of Tarakan sees only Tarakan's.
    page = login(actors["operator_a"]).get(url).content.decode()
    assert "Lengkapi data dukung IKU." in page
    assert "Bitung" not in page


def test_the_unit_head_assigns_on_the_detail_page(login, issued, actors):
    client = login(actors["unit_head"])
    response = client.post(
        reverse("evaluation:recommendation_assign", args=[issued.pk]),
        {"owner": actors["operator_a"].pk, "due_date": LATER.isoformat(), "row_version": issued.row_version},
    )
    assert response.status_code == 302
    assert fresh(issued).owner == actors["operator_a"]
    response = client.post(
        reverse("evaluation:recommendation_assign", args=[issued.pk]),
        {
            "owner": actors["operator_b"].pk,
            "due_date": LATER.isoformat(),
            "row_version": fresh(issued).row_version,
        },
        follow=True,
    )
    assert "holds no active operator or unit head role" in response.content.decode()
    assert fresh(issued).owner == actors["operator_a"]
