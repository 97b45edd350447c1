"""The mentoring pages: ask, upload, record findings, issue the worksheet; the panel on the request page."""

from django.urls import reverse
from django.utils import timezone

from kinerja.mentoring.models import MentoringFinding, MentoringUpload
from kinerja.workflows.models import Origin, RequestStatus, ServiceRequest

from .helpers import PDF, add_finding, in_service, open_request, pdf, tarakan


def test_unit_staff_ask_for_mentoring_of_their_own_unit(actors, login):
    client = login(actors["operator_a"])
    page = client.get(reverse("mentoring:new"))
    assert page.status_code == 200
    assert list(page.context["form"].fields["unit"].queryset) == [tarakan()]
    year = timezone.localdate().year - 1
    response = client.post(reverse("mentoring:new"), {"unit": tarakan().pk, "year": year, "subject": "LKj"})
    request = ServiceRequest.objects.get(kind="pendampingan")
    assert response["Location"] == reverse("mentoring:uploads", kwargs={"number": request.number})
    assert (request.year, request.origin, request.opened_by, request.subject) == (
        year,
        Origin.UNIT_REQUEST,
        actors["operator_a"],
        "LKj",
    )
    again = client.post(reverse("mentoring:new"), {"unit": tarakan().pk, "year": year})
    assert again.status_code == 200
    assert "already has an open request" in again.content.decode()
    assert ServiceRequest.objects.count() == 1


def test_a_neighbour_cannot_ask_for_another_unit_and_readers_cannot_ask_at_all(actors, login):
    client = login(actors["operator_b"])
    response = client.post(reverse("mentoring:new"), {"unit": tarakan().pk, "year": 2025})
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert not ServiceRequest.objects.exists()
    for who in ("inspector", "leadership"):
        assert login(actors[who]).get(reverse("mentoring:new")).status_code == 403


def test_a_planner_opens_a_request_for_a_unit(actors, login):
    response = login(actors["planner"]).post(reverse("mentoring:new"), {"unit": tarakan().pk, "year": 2025})
    assert response.status_code == 302
    assert ServiceRequest.objects.get().origin == Origin.INVITATION


def test_the_unit_uploads_downloads_and_removes_its_files(actors, login):
    request = open_request(actors)
    client = login(actors["operator_a"])
    url = reverse("mentoring:uploads", kwargs={"number": request.number})
    response = client.post(url, {"kind": "draft_lkj", "file": pdf()})
    assert response.status_code == 302
    upload = MentoringUpload.objects.get()
    page = client.get(url)
    assert "draft-lkj.pdf" in page.content.decode()
    assert page.context["may_change"]
    download = client.get(reverse("mentoring:upload_download", kwargs={"pk": upload.pk}))
    assert b"".join(download.streaming_content) == PDF
    assert 'filename="draft-lkj.pdf"' in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    refused = client.post(url, {"kind": "draft_lkj", "file": pdf("x.pdf", b"not a pdf")})
    assert refused.status_code == 200
    assert refused.context["form"].errors["file"]
    client.post(reverse("mentoring:upload_delete", kwargs={"pk": upload.pk}))
    assert not MentoringUpload.objects.exists()


def test_others_read_the_files_or_do_not_see_them(actors, login):
    request = open_request(actors)
    url = reverse("mentoring:uploads", kwargs={"number": request.number})
    login(actors["operator_a"]).post(url, {"kind": "draft_lkj", "file": pdf()})
    upload = MentoringUpload.objects.get()
    planner = login(actors["planner"])
    page = planner.get(url)
    assert page.status_code == 200
    assert page.context["form"] is None
    assert planner.post(url, {"kind": "draft_lkj", "file": pdf()}).status_code == 403
    neighbour = login(actors["operator_b"])
    assert neighbour.get(url).status_code == 404
    assert neighbour.get(reverse("mentoring:upload_download", kwargs={"pk": upload.pk})).status_code == 404


def test_the_officer_records_edits_and_deletes_findings(actors, login):
    request = in_service(actors)
    client = login(actors["planner"])
    url = reverse("mentoring:findings", kwargs={"number": request.number})
    data = {
        "chapter": "bab_3",
        "regulation": "permenpanrb_53_2014",
        "finding": "Analisis capaian kurang",
        "recommendation": "Tambahkan analisis",
    }
    assert client.post(url, data).status_code == 302
    finding = MentoringFinding.objects.get()
    page = client.get(url)
    assert "Analisis capaian kurang" in page.content.decode()
    assert page.context["worksheet_form"] is not None
    edit = reverse("mentoring:finding_edit", kwargs={"pk": finding.pk})
    assert client.get(edit).status_code == 200
    response = client.post(edit, {**data, "finding": "Analisis efisiensi kurang", "row_version": 1})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.finding, finding.row_version) == ("Analisis efisiensi kurang", 2)
    stale = client.post(edit, {**data, "row_version": 1})
    assert stale.status_code == 200
    assert "Someone else saved" in stale.content.decode()
    client.post(reverse("mentoring:finding_delete", kwargs={"pk": finding.pk}), {"row_version": 2})
    assert not MentoringFinding.objects.exists()


def test_the_unit_reads_the_findings_but_does_not_write_them(actors, login):
    request = in_service(actors)
    finding = add_finding(actors, request)
    client = login(actors["operator_a"])
    url = reverse("mentoring:findings", kwargs={"number": request.number})
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"] is None
    assert client.post(url, {"chapter": "bab_1"}).status_code == 403
    assert client.get(reverse("mentoring:finding_edit", kwargs={"pk": finding.pk})).status_code == 403
    assert (
        client.post(
            reverse("mentoring:finding_delete", kwargs={"pk": finding.pk}), {"row_version": 1}
        ).status_code
        == 403
    )
    assert MentoringFinding.objects.count() == 1


def test_issuing_the_worksheet_from_the_page_goes_back_to_the_request(actors, login):
    request = in_service(actors)
    add_finding(actors, request)
    request.refresh_from_db()
    client = login(actors["planner"])
    url = reverse("mentoring:worksheet_issue", kwargs={"number": request.number})
    refused = client.post(
        url, {"representative": actors["operator_b"].pk, "row_version": request.row_version}
    )
    assert refused["Location"] == reverse("mentoring:findings", kwargs={"number": request.number})
    response = client.post(
        url, {"representative": actors["operator_a"].pk, "row_version": request.row_version}
    )
    assert response["Location"] == reverse("workflows:detail", kwargs={"number": request.number})
    request.refresh_from_db()
    assert request.status == RequestStatus.SIGNING
    assert request.worksheet.signers.filter(user=actors["operator_a"]).exists()


def test_the_request_page_shows_the_mentoring_panel(actors, login):
    request = in_service(actors)
    add_finding(actors, request)
    page = login(actors["planner"]).get(reverse("workflows:detail", kwargs={"number": request.number}))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="mentoring-uploads"' in html
    assert "draft-lkj.pdf" in html
    assert "Chapter III Performance accountability: 1 finding" in " ".join(html.split())
    assert 'data-testid="mentoring-issue"' in html
    unit_page = login(actors["operator_a"]).get(
        reverse("workflows:detail", kwargs={"number": request.number})
    )
    assert 'data-testid="mentoring-issue"' not in unit_page.content.decode()
