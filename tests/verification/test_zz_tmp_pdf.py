import pytest
from tests.verification.test_services import check, correct_ik09, issue, lines_of

pytestmark = pytest.mark.django_db


def test_dump(in_service, actors, certificate):
    lines = lines_of(in_service, actors["planner"])
    check(actors["planner"], lines["IK-02 TW1"], note="Sesuai laporan operasi")
    correct_ik09(actors["planner"], lines["IK-09 TW1"])
    request = issue(actors, in_service)
    with request.worksheet.file.open("rb") as f:
        open("/tmp/verif_ws.pdf", "wb").write(f.read())
