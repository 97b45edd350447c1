"""Demo organisation: public facts about KKP's structure (names of units, never of people)."""

from collections.abc import Callable

from .models import OrgUnit, UnitKind
from .services import unit_create, unit_update_profile

K = UnitKind
# (code, short name, name, kind, parent code)
UNITS: list[tuple[str, str, str, UnitKind, str | None]] = [
    ("KKP", "KKP", "Kementerian Kelautan dan Perikanan", K.KEMENTERIAN, None),
    ("SETJEN", "Setjen", "Sekretariat Jenderal", K.ESELON_1, "KKP"),
    ("ITJEN", "Itjen", "Inspektorat Jenderal", K.ESELON_1, "KKP"),
    ("DJPKRL", "Ditjen PKRL", "Direktorat Jenderal Pengelolaan Kelautan dan Ruang Laut", K.ESELON_1, "KKP"),
    ("DJPT", "Ditjen Perikanan Tangkap", "Direktorat Jenderal Perikanan Tangkap", K.ESELON_1, "KKP"),
    ("DJPB", "Ditjen Perikanan Budidaya", "Direktorat Jenderal Perikanan Budidaya", K.ESELON_1, "KKP"),
    (
        "DJPDSPKP",
        "Ditjen PDSPKP",
        "Direktorat Jenderal Penguatan Daya Saing Produk Kelautan dan Perikanan",
        K.ESELON_1,
        "KKP",
    ),
    (
        "DJPSDKP",
        "Ditjen PSDKP",
        "Direktorat Jenderal Pengawasan Sumber Daya Kelautan dan Perikanan",
        K.ESELON_1,
        "KKP",
    ),
    (
        "BPPSDMKP",
        "BPPSDM KP",
        "Badan Penyuluhan dan Pengembangan Sumber Daya Manusia Kelautan dan Perikanan",
        K.ESELON_1,
        "KKP",
    ),
    (
        "BPPMHKP",
        "Badan Mutu KP",
        "Badan Pengendalian dan Pengawasan Mutu Hasil Kelautan dan Perikanan",
        K.ESELON_1,
        "KKP",
    ),
    ("ROREN", "Biro Perencanaan", "Biro Perencanaan", K.ESELON_2, "SETJEN"),
    ("ROKEU", "Biro Keuangan", "Biro Keuangan", K.ESELON_2, "SETJEN"),
    ("ROUMUM", "Biro Umum dan PBJ", "Biro Umum dan Pengadaan Barang/Jasa", K.ESELON_2, "SETJEN"),
    ("ROHUKUM", "Biro Hukum", "Biro Hukum", K.ESELON_2, "SETJEN"),
    ("ROOSDM", "Biro Organisasi dan SDM", "Biro Organisasi dan Sumber Daya Manusia", K.ESELON_2, "SETJEN"),
    (
        "ROHUMAS",
        "Biro Humas dan KLN",
        "Biro Hubungan Masyarakat dan Kerja Sama Luar Negeri",
        K.ESELON_2,
        "SETJEN",
    ),
    ("PUSDATIN", "Pusdatin", "Pusat Data, Statistik dan Informasi", K.ESELON_2, "SETJEN"),
    ("SETITJEN", "Setitjen", "Sekretariat Inspektorat Jenderal", K.ESELON_2, "ITJEN"),
    ("SETDJPSDKP", "Setditjen PSDKP", "Sekretariat Direktorat Jenderal PSDKP", K.ESELON_2, "DJPSDKP"),
    (
        "DIT-PSDK",
        "Dit. Pengawasan PSDK",
        "Direktorat Pengawasan Pengelolaan Sumber Daya Kelautan",
        K.ESELON_2,
        "DJPSDKP",
    ),
    (
        "DIT-PSDP",
        "Dit. Pengawasan PSDP",
        "Direktorat Pengawasan Pengelolaan Sumber Daya Perikanan",
        K.ESELON_2,
        "DJPSDKP",
    ),
    ("DIT-POA", "Dit. POA", "Direktorat Pemantauan dan Operasi Armada", K.ESELON_2, "DJPSDKP"),
    ("DIT-PP", "Dit. Penanganan Pelanggaran", "Direktorat Penanganan Pelanggaran", K.ESELON_2, "DJPSDKP"),
    ("PSDKP-BITUNG", "Pangkalan PSDKP Bitung", "Pangkalan Pengawasan SDKP Bitung", K.UPT, "DJPSDKP"),
    ("PSDKP-BATAM", "Pangkalan PSDKP Batam", "Pangkalan Pengawasan SDKP Batam", K.UPT, "DJPSDKP"),
    ("PSDKP-JAKARTA", "Pangkalan PSDKP Jakarta", "Pangkalan Pengawasan SDKP Jakarta", K.UPT, "DJPSDKP"),
    ("PSDKP-BENOA", "Pangkalan PSDKP Benoa", "Pangkalan Pengawasan SDKP Benoa", K.UPT, "DJPSDKP"),
    ("PSDKP-TARAKAN", "Stasiun PSDKP Tarakan", "Stasiun Pengawasan SDKP Tarakan", K.UPT, "DJPSDKP"),
    ("PSDKP-KUPANG", "Stasiun PSDKP Kupang", "Stasiun Pengawasan SDKP Kupang", K.UPT, "DJPSDKP"),
    ("PSDKP-BELAWAN", "Stasiun PSDKP Belawan", "Stasiun Pengawasan SDKP Belawan", K.UPT, "DJPSDKP"),
    ("PSDKP-CILACAP", "Stasiun PSDKP Cilacap", "Stasiun Pengawasan SDKP Cilacap", K.UPT, "DJPSDKP"),
]

# Public contact details from the bureau's service standard (Memorandum 913/SJ.1/OT.310/X/2023).
PROFILES = {
    "ROREN": {
        "address": "Gedung Mina Bahari I, lantai 3a\nJl. Medan Merdeka Timur No. 16, Gambir, Jakarta Pusat",
        "email": "pusat.layanan.roren@gmail.com",
    },
}


def load(say: Callable[[str], None]) -> None:
    """Create what is missing; units that exist are left exactly as they are."""
    existing = {unit.code: unit for unit in OrgUnit.objects.all()}
    created = 0
    for order, (code, short_name, name, kind, parent_code) in enumerate(UNITS):
        if code in existing:
            continue
        parent = existing[parent_code] if parent_code else None
        existing[code] = unit_create(
            code=code, name=name, short_name=short_name, kind=kind, parent=parent, sort_order=order
        )
        if code in PROFILES:
            unit = existing[code]
            existing[code] = unit_update_profile(
                unit=unit, expected_version=unit.row_version, **PROFILES[code]
            )
        created += 1
    say(f"organisation: {created} units created, {len(UNITS) - created} already present")
