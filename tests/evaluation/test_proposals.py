"""Proposed answers of the self-assessment: every rule passing and failing, with its reason.

The data is IK-16's (tests/assessment/conftest.py): Stasiun PSDKP Tarakan on 10 August 2026, its
PK 2026 signed, TW1 and TW2 verified with evidence, the LKj 2025 written, reviewed and published.
The evaluation of 2026 reads the planning and measurement of 2026 and the LKj 2025. `complete`
adds what IK-16 does not need, so that every rule passes; each failing test breaks some of it.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kinerja.evaluation.models import Component, Criterion, Evaluation, Recommendation
from kinerja.evaluation.proposals import RULES, grade_for_share, propose
from kinerja.performance.models import Evidence, Realisation, Result, Submission
from kinerja.planning.models import ActionStep, AgreementBudget, Renstra, RenstraIndicator
from kinerja.reports.models import LkjIndicatorNote
from tests.assessment.conftest import travel, unit_data  # noqa: F401  (fixtures)
from tests.dashboards.conftest import agreement_for


def signed_evaluation(worksheet, unit, year, total, grade):
    return Evaluation.objects.create(
        unit=unit, year=year, worksheet=worksheet, state="signed", total=Decimal(total), grade=grade
    )


def recommend(evaluation, author, status):
    component = Component.objects.get(worksheet=evaluation.worksheet, code="1")
    return Recommendation.objects.create(
        evaluation=evaluation, component=component, text="Perbaiki IKU", status=status, created_by=author
    )


@pytest.fixture
def complete(unit_data, catalog, org, actors, worksheet):  # noqa: F811
    """Everything the rules look for beyond IK-16's data."""
    unit, ik13, ik16 = unit_data["unit"], unit_data["ik13"], unit_data["ik16"]
    renstra = Renstra.objects.create(
        unit=unit,
        title="Renstra Stasiun Tarakan",
        start_year=2025,
        end_year=2029,
        regulation="Permen KP 1/2025",
    )
    RenstraIndicator.objects.create(
        renstra=renstra, indicator=ik13, yearly_targets={"2025": "80", "2026": "80"}
    )
    AgreementBudget.objects.create(
        agreement=unit_data["agreement"],
        programme_code="PSDKP",
        programme_name="Pengawasan",
        ceiling=1500000000,
    )
    parent = catalog[("DJPSDKP", "IKU-PSDKP-01")]
    type(ik13).objects.filter(pk__in=[ik13.pk, ik16.pk]).update(parent_indicator=parent)
    agreement_for(org["DJPSDKP"], [(parent, parent.sasaran, 80, {})], year=2026)
    for quarter, day in (("TW1", 10), ("TW2", 12)):
        Submission.objects.filter(unit=unit, year=2026, quarter=quarter).update(
            submitted_at=timezone.make_aware(datetime.datetime(2026, 4 if quarter == "TW1" else 7, day))
        )
    LkjIndicatorNote.objects.filter(draft=unit_data["draft"]).update(solutions="Menambah patroli")
    Result.objects.create(unit=unit, indicator=ik13, year=2024, period="TW4", basis="verified", value=80)
    signed_evaluation(worksheet, unit, 2024, "65.10", "B")
    previous = signed_evaluation(worksheet, unit, 2025, "74.20", "BB")
    for _ in range(2):
        recommend(previous, actors["inspector"], "done")
    return {**unit_data, "renstra": renstra, "previous": previous}


def check(proposals, code, option, *fragments):
    proposal = proposals[code]
    assert proposal.option_code == option, (code, proposal)
    assert proposal.met == (option in ("Y", "A")), (code, proposal)
    for fragment in fragments:
        assert fragment in proposal.reason, (code, proposal.reason)
    assert proposal.url.startswith("/")


def test_the_shipped_worksheet_names_only_known_rules(worksheet):
    proofs = set(
        Criterion.objects.filter(subcomponent__component__worksheet=worksheet)
        .exclude(proof="")
        .values_list("proof", flat=True)
    )
    assert proofs == set(RULES)


@pytest.mark.parametrize(
    ("share", "ae", "yt"),
    [
        ("1", "A", "Y"),
        ("0.75", "B", "T"),
        ("0.7499", "C", "T"),
        ("0.5", "C", "T"),
        ("0.25", "D", "T"),
        ("0.2", "E", "T"),
        ("0", "E", "T"),
    ],
)
def test_a_share_becomes_the_best_option_it_reaches(worksheet, share, ae, yt):
    options = {s.code: list(s.options.all()) for s in worksheet.scales.all()}
    assert grade_for_share(Decimal(share), options["AE"]).code == ae
    assert grade_for_share(Decimal(share), options["YT"]).code == yt


def test_every_rule_passes_on_complete_data(
    complete, make_evaluation, org, english, django_assert_max_num_queries
):
    evaluation = make_evaluation(year=2026)
    with django_assert_max_num_queries(85):  # IK-16's checks are most of them
        proposals = propose(evaluation=evaluation)
    check(proposals, "1.a.3", "Y", "Renstra Stasiun Tarakan", "(2025–2029) is in force for 2026")
    check(proposals, "1.a.4", "Y", "Revision 0 was signed on Jan. 31, 2026")
    check(proposals, "1.b.1", "A", "Revision 0 was signed on Jan. 31, 2026")
    check(
        proposals, "1.b.2", "A", "signed on Jan. 31, 2026 and is on the transparency portal (due by Feb. 28"
    )
    check(proposals, "1.a.5", "Y", "Steps are planned for every quarter (4 steps)")
    check(proposals, "1.a.6", "Y", "1 programme with a ceiling of Rp 1.500.000.000.")
    check(proposals, "1.b.5", "A", "All 2 PK indicators have a catalogue definition")
    check(proposals, "2.a.2", "Y", "All 2 PK indicators have a catalogue definition")
    check(proposals, "1.b.8", "A", "2 of 2 PK indicators are cascaded")
    check(proposals, "1.b.10", "A", "1 of 1 units")
    check(proposals, "1.c.3", "A", "1 of 1 PK indicators with a target due reached it")
    check(proposals, "1.c.4", "A", "2 of 2 due quarters were submitted on time.")
    check(proposals, "2.b.4", "A", "2 of 2 due quarters were submitted on time.")
    check(proposals, "2.b.5", "A", "2 of 2 due quarters were verified on time.")
    check(proposals, "2.a.3", "Y", "Every verified realisation of TW1, TW2 has evidence")
    check(proposals, "2.b.6", "A", "1 of 1 PK indicators with a target due have achievements recorded")
    check(proposals, "2.b.7", "A", "recorded in Kinerja for 2026")
    check(proposals, "3.a.1", "Y", "The LKj 2025 is written in Kinerja (Reviewed).")
    check(proposals, "3.a.2", "Y", "TW1 was verified on", "TW2 was verified on")
    check(proposals, "3.a.3", "Y", "The LKj 2025 was reviewed.")
    check(proposals, "3.a.4", "Y", "The LKj 2025 was reviewed.")
    check(proposals, "3.a.5", "Y", "The LKj 2025 “LKj 2025” was published on")
    check(proposals, "3.a.6", "Y", "published on Feb. 1, 2026; it was due by Feb. 28, 2026")
    check(proposals, "3.b.2", "A", "gives an analysis for 1 of the 1 PK indicators")
    check(proposals, "3.b.3", "A", "the causes of success or failure and the follow-up for 1 of the 1")
    check(proposals, "3.b.7", "A", "the follow-up for 1 of the 1")
    check(proposals, "3.b.4", "A", "compares 1 of the 1 PK indicators with their Renstra target")
    check(proposals, "3.b.5", "A", "compares 1 of the 1 PK indicators with verified figures of 2024")
    check(proposals, "4.c.1", "A", "2 of 2 recommendations of the evaluation of 2025 are completed")
    check(proposals, "4.c.2", "A", "from 65.10 (B) in 2024 to 74.20 (BB) in 2025")
    # Tarakan has no unit below it: the internal evaluation is read at the level above.
    check(proposals, "4.a.2", None, "No unit below this one has a PK 2026")
    Evaluation.objects.filter(pk=evaluation.pk).update(state="submitted")
    above = propose(evaluation=make_evaluation("DJPSDKP", 2026))
    check(above, "4.a.2", "Y", "1 of 1 units below were evaluated for 2026 in Kinerja")
    check(above, "4.b.4", "A", "1 of 1 units below")
    check(above, "4.b.5", "A", "1 of 1 units below")


def test_what_only_ik16_data_lacks(unit_data, make_evaluation, english):  # noqa: F811
    """IK-16's data alone: no Renstra, budget, cascade, submission times, follow-up notes,
    earlier figures or earlier evaluations."""
    proposals = propose(evaluation=make_evaluation(year=2026))
    check(proposals, "1.a.3", "T", "No active Renstra of the unit covers 2026.")
    check(proposals, "1.a.6", "T", "The PK 2026 lists no programme with a budget ceiling.")
    check(proposals, "1.b.8", "E", "0 of 2 PK indicators are cascaded", "Not cascaded: IK-13, IK-16.")
    check(proposals, "1.c.4", "E", "0 of 2 due quarters were submitted on time. TW1 not submitted; TW2 not")
    check(proposals, "3.b.3", "E", "for 0 of the 1 PK indicators. Missing for IK-13.")
    check(proposals, "3.b.4", "E", "compares 0 of the 1", "No Renstra target for 2025: IK-13.")
    check(proposals, "3.b.5", "E", "No verified figure of 2024 for IK-13.")
    check(proposals, "4.c.1", None, "There is no signed evaluation of 2025")
    check(proposals, "4.c.2", None, "Signed evaluations of both 2024 and 2025 are needed")
    below = propose(evaluation=make_evaluation("DJPSDKP", 2026))  # Tarakan's is a self-assessment
    check(
        below,
        "4.a.2",
        "T",
        "0 of 1 units below were evaluated for 2026 in Kinerja.",
        "Not evaluated: PSDKP-TARAKAN.",
    )
    check(below, "4.b.4", "E", "0 of 1 units below")


def test_planning_broken(complete, make_evaluation, actors, worksheet, english):
    agreement, ik13 = complete["agreement"], complete["ik13"]
    type(agreement).objects.filter(pk=agreement.pk).update(status="draft", signed_on=None)
    ActionStep.objects.filter(agreement_indicator__agreement=agreement, quarter="TW3").delete()
    type(ik13).objects.filter(pk=ik13.pk).update(definition="")
    Evaluation.objects.filter(unit=complete["unit"], year=2025).update(total=Decimal("60.00"), grade="CC")
    recommend(complete["previous"], actors["inspector"], "followed_up")
    recommend(complete["previous"], actors["inspector"], "open")
    proposals = propose(evaluation=make_evaluation(year=2026))
    check(proposals, "1.a.4", "T", "The PK 2026 is a draft: record its signing.")
    check(proposals, "1.b.1", "E", "The PK 2026 is a draft")
    check(proposals, "1.b.2", "E", "The PK 2026 is not signed, so it is not on the transparency portal.")
    check(proposals, "1.b.10", "E", "0 of 1 units", "Without a signed PK: PSDKP-TARAKAN.")
    check(proposals, "1.a.5", "T", "The action plan has no step for TW3.")
    check(proposals, "2.a.2", "T", "1 of 2 indicators have no definition in the catalogue: IK-13.")
    check(proposals, "1.b.5", "C", "1 of 2 PK indicators are defined with a frozen formula.")
    check(
        proposals,
        "4.c.1",
        "C",
        "2 of 4 recommendations",
        "1 awaits the evaluator's acceptance. 1 is still open.",
    )
    check(proposals, "4.c.2", "E", "from 65.10 (B) in 2024 to 60.00 (CC) in 2025")


def test_pk_signed_late_is_published_late(complete, make_evaluation, english):
    agreement = complete["agreement"]
    type(agreement).objects.filter(pk=agreement.pk).update(signed_on=datetime.date(2026, 3, 12))
    proposals = propose(evaluation=make_evaluation(year=2026))
    check(proposals, "1.b.2", "C", "signed on March 12, 2026", "late: it was due by Feb. 28, 2026.")


def test_measurement_broken(complete, make_evaluation, english):
    unit, ik13 = complete["unit"], complete["ik13"]
    tw2 = Submission.objects.get(unit=unit, year=2026, quarter="TW2")
    tw2.late, tw2.reviewed_at = True, timezone.make_aware(datetime.datetime(2026, 8, 5, 10))
    tw2.save()
    Evidence.objects.filter(unit=unit, year=2026, period="TW1").delete()
    Result.objects.filter(unit=unit, year=2026, basis="verified", indicator=ik13).update(achievement=50)
    Realisation.objects.filter(unit=unit, year=2026).delete()
    proposals = propose(evaluation=make_evaluation(year=2026))
    check(proposals, "1.c.4", "C", "1 of 2 due quarters were submitted on time. TW2 submitted late.")
    check(
        proposals,
        "2.b.5",
        "C",
        "1 of 2 due quarters were verified on time.",
        "TW2 verified on Aug. 5, 2026, after",
    )
    check(proposals, "2.a.3", "T", "verified realisations lack a required document")
    check(proposals, "1.c.3", "E", "0 of 1 PK indicators with a target due reached it", "Behind: IK-13")
    check(proposals, "2.b.6", "E", "0 of 1 PK indicators", "Nothing recorded for IK-13.")


def test_lkj_broken(complete, make_evaluation, english):
    draft, publication = complete["draft"], complete["publication"]
    type(draft).objects.filter(pk=draft.pk).update(state="submitted")
    type(publication).objects.filter(pk=publication.pk).update(
        published_at=timezone.make_aware(datetime.datetime(2026, 3, 15, 10))
    )
    LkjIndicatorNote.objects.filter(draft=draft).update(analysis="")
    Submission.objects.filter(unit=complete["unit"], year=2026, quarter="TW1").update(
        status="returned", return_reason="Bukti kurang"
    )
    proposals = propose(evaluation=make_evaluation(year=2026))
    check(proposals, "3.a.4", "T", "The LKj 2025 is not reviewed (state: Submitted for review).")
    check(proposals, "3.a.6", "T", "published on March 15, 2026; it was due by Feb. 28, 2026.")
    check(proposals, "3.b.2", "E", "gives an analysis for 0 of the 1 PK indicators. Missing for IK-13.")
    check(proposals, "3.a.2", "T", "TW1 is not verified (status: Returned", "Bukti kurang")


def test_no_lkj(complete, make_evaluation, english):
    complete["draft"].delete()
    complete["publication"].delete()
    proposals = propose(evaluation=make_evaluation(year=2026))
    check(proposals, "3.a.1", "T", "No LKj 2025 is written in Kinerja or published on the portal.")
    check(proposals, "3.a.3", "T", "The LKj 2025 was not written in Kinerja, so no review is recorded.")
    check(proposals, "3.a.5", "T", "No LKj 2025 is published on the transparency portal")
    check(
        proposals, "3.a.6", "T", "No LKj 2025 is published on the transparency portal (due by Feb. 28, 2026)."
    )
    for code in ("3.b.2", "3.b.3", "3.b.4", "3.b.5", "3.b.7"):
        check(proposals, code, None, "The LKj 2025 was not written in Kinerja")


def test_a_unit_without_data(org, make_evaluation, english, django_assert_max_num_queries):
    with django_assert_max_num_queries(35):
        proposals = propose(evaluation=make_evaluation("PSDKP-BITUNG", 2026))
    assert len(proposals) == Criterion.objects.exclude(proof="").count()
    for code, proposal in proposals.items():
        assert proposal.option_code in ("T", "E", None), (code, proposal)
        assert not proposal.met
        assert proposal.reason, code
    check(proposals, "1.a.4", "T", "There is no PK for 2026.")
    check(proposals, "1.b.10", "E", "0 of 1 units")
