"""Demo LKj draft: Stasiun PSDKP Tarakan writes the chapters and analyses of its LKj 2025, submits
them, and Biro Perencanaan reviews them.

The texts carry no figures: the numbers of the LKj come from the system when it is generated, so a
narrative cannot contradict the dashboard. Idempotent: a unit-year with a draft is left as it is.
"""

from collections.abc import Callable

from kinerja.accounts.models import User
from kinerja.organization.models import OrgUnit

from . import selectors, services
from .models import LkjDraft, Section

UNIT = "PSDKP-TARAKAN"
YEAR = 2025

CHAPTERS = {
    Section.EXECUTIVE_SUMMARY: (
        "Laporan Kinerja Stasiun PSDKP Tarakan Tahun 2025 disusun sebagai wujud pertanggungjawaban atas "
        "pelaksanaan tugas pengawasan sumber daya kelautan dan perikanan di wilayah perairan Kalimantan "
        "Utara, sesuai Perjanjian Kinerja yang ditandatangani pada awal tahun.\n\n"
        "Secara umum sasaran strategis tercapai dengan baik. Operasi kapal pengawas berjalan sesuai "
        "rencana hari operasi, penanganan pelanggaran diselesaikan tepat waktu, dan layanan kepada "
        "masyarakat pesisir meningkat. Beberapa indikator belum mencapai target karena keterbatasan "
        "bahan bakar pada triwulan ketiga dan cuaca ekstrem di Laut Sulawesi; langkah perbaikan "
        "diuraikan pada Bab III."
    ),
    Section.INTRODUCTION: (
        "Stasiun PSDKP Tarakan merupakan unit pelaksana teknis Direktorat Jenderal Pengawasan Sumber "
        "Daya Kelautan dan Perikanan yang bertugas melaksanakan pengawasan di wilayah pengelolaan "
        "perikanan 716 dan 717, meliputi perairan Tarakan, Nunukan, Bulungan dan Tana Tidung.\n\n"
        "Laporan ini disusun berdasarkan Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem "
        "Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri PANRB Nomor 53 Tahun 2014. "
        "Isu strategis yang dihadapi meliputi penangkapan ikan ilegal di wilayah perbatasan, "
        "penggunaan alat tangkap yang dilarang, serta pemanfaatan ruang laut tanpa izin."
    ),
    Section.PLANNING: (
        "Perencanaan kinerja tahun 2025 mengacu pada Rencana Strategis Stasiun PSDKP Tarakan 2025–2029 "
        "yang diturunkan dari Renstra Direktorat Jenderal PSDKP. Perjanjian Kinerja 2025 memuat sasaran, "
        "indikator kinerja dan target tahunan beserta rincian target per triwulan, "
        "sebagaimana dilampirkan.\n\n"
        "Target disusun bersama penanggung jawab setiap indikator dengan mempertimbangkan capaian tahun "
        "sebelumnya dan alokasi anggaran yang tersedia."
    ),
    Section.ACHIEVEMENT: (
        "Pengukuran kinerja dilakukan setiap triwulan melalui aplikasi Kinerja dengan membandingkan "
        "realisasi terhadap target pada Perjanjian Kinerja. Data dukung setiap indikator diunggah oleh "
        "operator dan diverifikasi oleh Biro Perencanaan.\n\n"
        "Uraian capaian setiap indikator, perbandingan dengan tahun sebelumnya dan dengan target jangka "
        "menengah Renstra, analisis penyebab, serta program pendukung disajikan pada bagian berikut."
    ),
    Section.BUDGET: (
        "Pagu anggaran Stasiun PSDKP Tarakan tahun 2025 dimanfaatkan untuk operasi kapal pengawas, "
        "pengawasan sumber daya perikanan dan kelautan, serta dukungan manajemen. Penyerapan anggaran "
        "pada triwulan pertama relatif rendah karena proses pengadaan bahan bakar, dan meningkat pada "
        "semester kedua seiring intensitas operasi.\n\n"
        "Efisiensi dicapai melalui operasi gabungan dengan instansi terkait dan pemanfaatan data "
        "pemantauan kapal untuk menentukan sasaran patroli."
    ),
    Section.CLOSING: (
        "Capaian kinerja tahun 2025 menunjukkan komitmen Stasiun PSDKP Tarakan dalam menjaga "
        "kedaulatan pengelolaan sumber daya kelautan dan perikanan. Kendala yang dihadapi menjadi "
        "bahan perbaikan perencanaan tahun 2026, terutama pemenuhan bahan bakar kapal pengawas dan "
        "peningkatan kapasitas penyidik.\n\n"
        "Laporan ini diharapkan menjadi bahan evaluasi dan umpan balik bagi pimpinan serta bentuk "
        "transparansi kepada masyarakat."
    ),
}


def _analysis(name: str) -> dict[str, str]:
    return {
        "analysis": (
            f"Capaian indikator {name} dipengaruhi oleh ketersediaan sarana operasi dan koordinasi "
            "dengan instansi terkait. Faktor penghambat utama adalah cuaca ekstrem dan keterbatasan "
            "bahan bakar pada triwulan ketiga."
        ),
        "solutions": (
            "Menyusun jadwal operasi yang lebih fleksibel terhadap cuaca, mengajukan tambahan alokasi "
            "bahan bakar, dan memperkuat koordinasi dengan pangkalan terdekat."
        ),
        "efficiency": (
            "Sumber daya dimanfaatkan secara efisien melalui operasi gabungan dan pemanfaatan data "
            "pemantauan kapal untuk menentukan sasaran."
        ),
        "programmes": (
            "Program Pengawasan Sumber Daya Kelautan dan Perikanan; kegiatan operasi kapal pengawas "
            "dan pengawasan pemanfaatan sumber daya perikanan."
        ),
    }


def load(say: Callable[[str], None]) -> None:
    unit = OrgUnit.objects.filter(code=UNIT).first()
    operator = User.objects.filter(username="operator.tarakan").first()
    head = User.objects.filter(username="kepala.tarakan").first()
    planner = User.objects.filter(username="perencana").first()
    if unit is None or operator is None or head is None or planner is None:
        say("reports: demo unit or accounts missing, nothing loaded")
        return
    if LkjDraft.objects.filter(unit=unit, year=YEAR).exists():
        say("reports: the LKj 2025 draft of PSDKP-TARAKAN is already there")
        return
    draft = services.lkj_draft_get_or_create(actor=operator, unit=unit, year=YEAR)
    for section, text in CHAPTERS.items():
        services.lkj_section_save(actor=operator, draft=draft, section=section, text=text, expected_version=0)
    indicators = selectors.draft_indicators(unit=unit, year=YEAR)
    for indicator in indicators:
        services.lkj_indicator_note_save(
            actor=operator, draft=draft, indicator=indicator, expected_version=0, **_analysis(indicator.name)
        )
    draft = services.lkj_draft_submit(actor=head, draft=draft, expected_version=draft.row_version)
    services.lkj_draft_review(
        actor=planner,
        draft=draft,
        note="Narasi sudah lengkap; perbandingan dengan target jangka menengah Renstra sudah disajikan.",
        expected_version=draft.row_version,
    )
    say(f"reports: PSDKP-TARAKAN wrote its LKj 2025 draft ({len(indicators)} analyses), reviewed")
