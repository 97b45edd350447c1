"""The planning pages, as the users click through them."""

import datetime

from django.urls import reverse

from kinerja.planning.models import Agreement, DeadlineExtension, PlanningYear, Renstra

from .conftest import HEADER


def _pk_post(tarakan, target="80", **extra):
    ik02, ik05 = tarakan["IK-02"], tarakan["IK-05"]
    data = {
        "unit": "PSDKP-TARAKAN",
        "year": "2025",
        **HEADER,
        "budget": "DL | Pengawasan Sumber Daya Kelautan dan Perikanan | 4.850.000.000",
        f"i-{ik02.pk}-on": "on",
        f"i-{ik02.pk}-target": target,
        **{f"i-{ik02.pk}-p-{q}": target for q in ("TW1", "TW2", "TW3", "TW4")},
        f"i-{ik05.pk}-on": "on",
        f"i-{ik05.pk}-target": "100",
        f"i-{ik05.pk}-p-TAHUN": "100",
        f"s-{ik02.sasaran_id}-perspective": "Proses Internal",
        **extra,
    }
    return data


def test_planner_prepares_and_opens_a_year(login, actors, catalog):
    client = login(actors["planner"])
    response = client.post(reverse("planning:year_create"), {"year": 2025, "entry_close_day": 15})
    assert response.status_code == 302
    planning_year = PlanningYear.objects.get(year=2025)
    page = client.get(reverse("planning:year_detail", kwargs={"year": 2025}))
    assert page.status_code == 200
    assert "15 Jan 2026" in page.content.decode()
    client.post(
        reverse("planning:year_open", kwargs={"year": 2025}), {"row_version": planning_year.row_version}
    )
    assert PlanningYear.objects.get(year=2025).status == "open"
    assert PlanningYear.objects.get(year=2025).frozen.count() >= 25
    # Units read the schedule but do not change it.
    operator = login(actors["operator_a"])
    assert operator.get(reverse("planning:year_detail", kwargs={"year": 2025})).status_code == 200
    assert operator.post(reverse("planning:year_close", kwargs={"year": 2025})).status_code == 403


def test_extension_only_by_planners_and_only_with_a_reason(login, actors, open_year, org):
    open_year()
    url = reverse("planning:extension_create", kwargs={"year": 2025})
    data = {"quarter": "TW1", "unit": org["PSDKP-TARAKAN"].pk, "closes_on": "2025-04-30", "reason": ""}
    assert login(actors["operator_a"]).post(url, {**data, "reason": "banjir"}).status_code == 403
    assert login(actors["unit_head"]).post(url, {**data, "reason": "banjir"}).status_code == 403
    client = login(actors["planner"])
    response = client.post(url, data)
    assert response.status_code == 200
    assert not DeadlineExtension.objects.exists()
    response = client.post(url, {**data, "reason": "Banjir di Tarakan"})
    assert response.status_code == 302
    assert DeadlineExtension.objects.get().closes_on == datetime.date(2025, 4, 30)


def test_operator_writes_signs_and_revises_the_pk(login, actors, open_year, tarakan, org):
    open_year()
    client = login(actors["operator_a"])
    assert (
        client.get(reverse("planning:agreement_create") + "?unit=PSDKP-TARAKAN&year=2025").status_code == 200
    )
    response = client.post(reverse("planning:agreement_create"), _pk_post(tarakan))
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = Agreement.objects.get(unit__code="PSDKP-TARAKAN", year=2025)
    assert str(agreement.budget_rows.get().ceiling) == "4850000000.00"
    page = client.get(reverse("planning:agreement_detail", kwargs={"pk": agreement.pk})).content.decode()
    assert "IK-02" in page
    assert "Rp 4.850.000.000" in page
    assert "Proses Internal" in page
    item = agreement.indicator_rows.get(indicator=tarakan["IK-02"])
    client.post(
        reverse("planning:step_create", kwargs={"pk": item.pk}),
        {"quarter": "TW1", "description": "Patroli rutin", "cumulative_target": "25%"},
    )
    step = item.steps.get()
    # htmx status update: a postponed step without a justification is refused, with the message.
    response = client.post(
        reverse("planning:step_edit", kwargs={"pk": step.pk}),
        {
            f"step{step.pk}-status": "postponed",
            f"step{step.pk}-justification": "",
            f"step{step.pk}-row_version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "justification" in response.content.decode().lower()
    step.refresh_from_db()
    assert step.status == "planned"
    response = client.post(
        reverse("planning:step_edit", kwargs={"pk": step.pk}),
        {
            f"step{step.pk}-status": "postponed",
            f"step{step.pk}-justification": "Cuaca",
            f"step{step.pk}-row_version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    step.refresh_from_db()
    assert step.status == "postponed"
    assert '<tr id="step-' in response.content.decode()
    client.post(
        reverse("planning:agreement_sign", kwargs={"pk": agreement.pk}),
        {"signed_on": "2025-01-31", "row_version": agreement.row_version},
    )
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    # Editing a signed PK sends the user to its page; a revision needs a reason.
    assert client.get(reverse("planning:agreement_edit", kwargs={"pk": agreement.pk})).status_code == 302
    revise = reverse("planning:agreement_revise", kwargs={"pk": agreement.pk})
    response = client.post(revise, _pk_post(tarakan, target="70", reason=""))
    assert response.status_code == 200
    assert Agreement.objects.count() == 1
    response = client.post(revise, _pk_post(tarakan, target="70", reason="Refocusing anggaran"), follow=True)
    new = Agreement.objects.get(is_current=True)
    assert new.revision == 1
    assert Agreement.objects.count() == 2
    content = response.content.decode()
    assert "lower than" in content  # the warning is shown, the revision is saved
    pdf = client.get(reverse("planning:agreement_pdf", kwargs={"pk": new.pk}))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_other_units_and_readers(login, actors, open_year, tarakan):
    open_year()
    login(actors["operator_a"]).post(reverse("planning:agreement_create"), _pk_post(tarakan))
    agreement = Agreement.objects.get()
    url = reverse("planning:agreement_detail", kwargs={"pk": agreement.pk})
    assert login(actors["operator_b"]).get(url).status_code == 404
    assert login(actors["leadership"]).get(url).status_code == 200
    assert (
        login(actors["planner"])
        .get(reverse("planning:agreement_edit", kwargs={"pk": agreement.pk}))
        .status_code
        == 403
    )
    assert (
        login(actors["operator_b"]).post(reverse("planning:agreement_create"), _pk_post(tarakan)).status_code
        == 404
    )


def test_renstra_pages(login, actors, tarakan, org):
    client = login(actors["unit_head"])
    ik20 = tarakan["IK-20"]
    data = {
        "unit": org["PSDKP-TARAKAN"].pk,
        "title": "Renstra Stasiun PSDKP Tarakan 2025–2029",
        "start_year": 2025,
        "end_year": 2029,
        "regulation": "Permen KP 17/2020",
        "is_active": "on",
        f"r-{ik20.pk}-on": "on",
        f"r-{ik20.pk}-baseline": "80",
        f"r-{ik20.pk}-2025": "82",
    }
    response = client.post(reverse("planning:renstra_create"), data)
    assert response.status_code == 302
    renstra = Renstra.objects.get()
    assert renstra.indicators.get().yearly_targets == {"2025": "82"}
    response = client.post(reverse("planning:renstra_create"), {**data, "title": "Dobel"})
    assert response.status_code == 200
    assert Renstra.objects.count() == 1
    assert "active Renstra" in response.content.decode()
    assert (
        login(actors["planner"]).get(reverse("planning:renstra_edit", kwargs={"pk": renstra.pk})).status_code
        == 403
    )
    assert (
        login(actors["operator_b"])
        .get(reverse("planning:renstra_detail", kwargs={"pk": renstra.pk}))
        .status_code
        == 404
    )
