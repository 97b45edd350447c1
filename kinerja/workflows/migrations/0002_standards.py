"""The three services as Memorandum 913/SJ.1/OT.310/X/2023 publishes them."""

from django.db import migrations

REGULATIONS = "Perpres 29/2014, PermenPANRB 53/2014, Permen KP 68/2017 dan PermenPANRB 88/2022"

STANDARDS = [
    {
        "code": "validasi",
        "name": "Validasi Indikator Kinerja KKP",
        "product": "Lembar Kerja Validasi Indikator, disusul Nota Dinas hasil validasi",
        "eligible": "Seluruh unit kerja Eselon I",
        "limit_minutes": 24 * 60,
        "requirements": "Unit Eselon I telah mengisi matriks usulan indikator kinerja",
        "steps": "\n".join(
            [
                "Biro Perencanaan menyampaikan undangan validasi dan permintaan pengisian matriks usulan "
                "indikator kinerja kepada unit kerja Eselon I",
                "Biro Perencanaan menyampaikan permohonan tim validator kepada Inspektorat Jenderal",
                "Unit Eselon I mengisi matriks usulan indikator kinerja",
                "Biro Perencanaan bersama Itjen memvalidasi usulan indikator kinerja serta targetnya",
                "Lembar kerja validasi ditandatangani validator Biro Perencanaan dan Itjen serta "
                "perwakilan unit Eselon I",
                "Biro Perencanaan menyampaikan Nota Dinas hasil validasi kepada unit kerja Eselon I",
            ]
        ),
    },
    {
        "code": "verifikasi",
        "name": "Verifikasi Capaian Kinerja",
        "product": "Lembar Kerja Verifikasi Capaian Kinerja",
        "eligible": "Unit kerja Eselon I KKP dan unit kerja Eselon II Sekretariat Jenderal",
        "limit_minutes": 23 * 60 + 45,
        "requirements": "\n".join(
            [
                "Unit kerja telah menginput capaian indikator triwulan",
                "Unit kerja telah menyampaikan data dukung capaian indikator",
            ]
        ),
        "steps": "\n".join(
            [
                "Unit kerja menginput capaian indikator kinerja dan mengunggah data dukung",
                "Input capaian ditutup tanggal 15 bulan berikutnya setelah triwulan berakhir",
                "Biro Perencanaan menyampaikan undangan pengukuran dan verifikasi capaian kinerja",
                "Biro Perencanaan memverifikasi capaian bersama unit kerja dan mengecek kesesuaian data dukung",
                "Biro Perencanaan mengisi lembar kerja verifikasi capaian kinerja",
                "Tim verifikator dan unit kerja menandatangani lembar kerja verifikasi",
            ]
        ),
    },
    {
        "code": "pendampingan",
        "name": "Pendampingan Penyusunan Laporan Kinerja Tahunan KKP",
        "product": "Lembar Kerja Pendampingan Penyusunan Laporan Kinerja",
        "eligible": "Seluruh unit kerja",
        "limit_minutes": 23 * 60,
        "requirements": "\n".join(
            [
                "Unit kerja menyampaikan draft Laporan Kinerja",
                "Data capaian beserta data dukung telah terdokumentasi dan disahkan penanggung jawab indikator",
            ]
        ),
        "steps": "\n".join(
            [
                "Unit kerja telah menginput capaian indikator kinerja dan mengunggah data dukung",
                "Unit kerja menyampaikan hasil verifikasi capaian kinerja",
                "Unit kerja menyampaikan permohonan pendampingan penyusunan Laporan Kinerja",
                f"Biro Perencanaan mendampingi penyusunan Laporan Kinerja mengacu pada {REGULATIONS}",
                "Biro Perencanaan menyampaikan lembar kerja pendampingan penyusunan laporan kinerja",
            ]
        ),
    },
]


def seed(apps, schema_editor):
    ServiceStandard = apps.get_model("workflows", "ServiceStandard")
    for standard in STANDARDS:
        ServiceStandard.objects.get_or_create(code=standard["code"], defaults=standard)


class Migration(migrations.Migration):
    dependencies = [("workflows", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
