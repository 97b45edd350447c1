"""The demo evaluations load through the services, land on the intended grades, and load once.

Only the loaders they need run (organisation, accounts, the signing certificate): without the
planning demo, Tarakan's 2026 proposals find little to prove, which is enough to see them used.
"""

from kinerja.accounts import demo as accounts_demo
from kinerja.evaluation import demo
from kinerja.evaluation.models import Evaluation
from kinerja.evaluation.proposals import propose
from kinerja.signatures import demo as signatures_demo


def test_demo_evaluations(org):
    lines = []
    for load in (accounts_demo.load, signatures_demo.load, demo.load):
        load(lines.append)
    tarakan = {e.year: e for e in Evaluation.objects.filter(unit__code=demo.TARAKAN)}
    assert tarakan[2024].state == "signed"
    assert tarakan[2024].grade == "B"
    assert 60 < tarakan[2024].total <= 70
    assert tarakan[2025].state == "signed"
    assert tarakan[2025].grade == "BB"
    assert 70 < tarakan[2025].total <= 80
    assert tarakan[2025].total > tarakan[2024].total
    assert tarakan[2025].document.status == "complete"
    statuses = sorted(tarakan[2025].recommendations.values_list("status", flat=True))
    assert statuses == ["done", "done", "followed_up", "open"]
    others = Evaluation.objects.filter(year=2025, state="signed").exclude(unit__code=demo.TARAKAN)
    assert sorted(others.values_list("unit__code", flat=True)) == ["DJPSDKP", "PSDKP-BITUNG"]
    assert len({e.total for e in others} | {tarakan[2025].total}) == 3

    current = tarakan[2026]
    assert current.state == "self"
    answered = current.answers.exclude(self_option=None)
    assert 0 < answered.count() < current.answers.count()
    proposals = propose(evaluation=current)
    for answer in answered.select_related("criterion", "self_option"):
        proposal = proposals.get(answer.criterion.code)
        if proposal is not None and proposal.option_code is not None:
            assert answer.self_option.code == proposal.option_code
    # Tarakan 2025 is signed with recommendations 2 of 4 done: the 2026 proposal says so.
    assert proposals["4.c.1"].option_code == "C"
    assert proposals["4.c.2"].option_code == "A"

    count = Evaluation.objects.count()
    demo.load(lines.append)
    assert Evaluation.objects.count() == count
