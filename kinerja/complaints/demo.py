"""Demo complaints about the bureau's services, one in each state, built through the services.

Idempotent: a complaint whose subject is already there is not recorded again.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone

from kinerja.accounts.models import User
from kinerja.workflows.models import ServiceStandard

from . import services
from .models import Channel, Complaint

# (subject, kind, service, channel, days ago, final state, text)
ITEMS = [
    (
        "Jadwal pendampingan LKj belum jelas",
        "pengaduan",
        "pendampingan",
        Channel.WEB,
        0,
        "received",
        "Kami sudah mengajukan pendampingan LKj dua minggu lalu tetapi belum ada jadwal.",
    ),
    (
        "Lembar kerja validasi sulit dibaca",
        "masukan",
        "validasi",
        Channel.IN_PERSON,
        3,
        "in_progress",
        "Tabel usulan indikator pada lembar kerja terlalu kecil saat dicetak.",
    ),
    (
        "Formulir verifikasi capaian",
        "saran",
        "verifikasi",
        Channel.EMAIL,
        12,
        "answered",
        "Mohon formulir verifikasi dapat diunduh dalam format Excel.",
    ),
    (
        "Petugas verifikasi sangat membantu",
        "masukan",
        "verifikasi",
        Channel.PHONE,
        20,
        "closed",
        "Terima kasih atas pendampingan verifikasi triwulan I.",
    ),
    (
        "Keluhan belum dijawab",
        "pengaduan",
        None,
        Channel.EMAIL,
        25,
        "triaged",
        "Surel kami tentang data dukung belum dijawab.",
    ),
    (
        "Promo pinjaman cepat",
        "saran",
        None,
        Channel.WEB,
        0,
        "rejected",
        "Klik tautan ini untuk pinjaman cepat.",
    ),
]
ORDER = ["received", "triaged", "in_progress", "answered", "closed"]


def load(say: Callable[[str], object]) -> None:
    officer = User.objects.filter(username="perencana").first()
    if officer is None:
        say("complaints: no demo planner (perencana); skipped")
        return
    made = 0
    for subject, kind, service, channel, days, state, text in ITEMS:
        if Complaint.objects.filter(subject=subject).exists():
            continue
        standard = ServiceStandard.objects.filter(code=service).first() if service else None
        staff = channel != Channel.WEB
        complaint = services.complaint_receive(
            kind=kind,
            subject=subject,
            text=text,
            standard=standard,
            contact_name="Warga Fiktif" if staff else "",
            contact_email="warga.fiktif@example.invalid" if staff else "",
            anonymous=not staff,
            channel=channel,
            received_at=timezone.now() - datetime.timedelta(days=days) if staff else None,
            actor=officer if staff else None,
        ).complaint
        if state == "rejected":
            services.complaint_reject(
                actor=officer, complaint=complaint, expected_version=1, reason="Iklan, bukan pengaduan."
            )
        elif state != "received":
            complaint = services.complaint_triage(
                actor=officer,
                complaint=complaint,
                expected_version=complaint.row_version,
                kind=kind,
                standard=standard,
                handler=officer,
            )
            if ORDER.index(state) >= ORDER.index("in_progress"):
                complaint = services.complaint_start(
                    actor=officer, complaint=complaint, expected_version=complaint.row_version
                )
                services.complaint_note_add(
                    actor=officer, complaint=complaint, text="Dibahas dengan tim layanan."
                )
            if ORDER.index(state) >= ORDER.index("answered"):
                complaint = services.complaint_answer(
                    actor=officer,
                    complaint=complaint,
                    expected_version=complaint.row_version,
                    answer="Terima kasih. Masukan Anda kami tindak lanjuti pada periode layanan berikutnya.",
                )
            if state == "closed":
                services.complaint_close(
                    actor=officer, complaint=complaint, expected_version=complaint.row_version
                )
        made += 1
    say(f"complaints: {made} demo complaints")
