"""The standard's public texts (Memorandum 913/SJ.1/OT.310/X/2023) with their English variant.

The seeding migration and `services.profile_ensure` both start from these; afterwards the rows are
what an administrator edits. The motto's word-by-word explanations are ours: the standard names
the five words only.
"""

PROFILE = {
    "about_id": (
        "Biro Perencanaan adalah unit organisasi di bawah Sekretariat Jenderal Kementerian Kelautan dan "
        "Perikanan (KKP) yang melaksanakan koordinasi dan penyusunan rencana, program dan anggaran, "
        "pengelolaan kinerja organisasi, serta kerja sama antarlembaga di bidang kelautan dan perikanan. "
        "Layanan Pengelolaan Kinerja membantu seluruh unit kerja KKP agar kinerja terukur mulai dari "
        "perencanaan, pengukuran, pelaporan hingga evaluasi: mudah, cepat, efektif, transparan dan "
        "tanpa biaya."
    ),
    "about_en": (
        "Biro Perencanaan (the Planning Bureau) is a unit of the Secretariat General of the Ministry of "
        "Marine Affairs and Fisheries (KKP) that coordinates and prepares plans, programmes and budgets, "
        "manages organisational performance and handles inter-agency cooperation in marine affairs and "
        "fisheries. Its performance management service helps every KKP unit make its performance "
        "measurable, from planning and measurement to reporting and evaluation: easily, quickly, "
        "effectively, transparently and free of charge."
    ),
    "pledge_id": (
        "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan Biro Perencanaan sesuai dengan "
        "kewajiban dan Standar Pelayanan, melakukan perbaikan secara terus-menerus, serta bersedia menerima "
        "sanksi dan/atau memberikan kompensasi apabila pelayanan tidak sesuai standar."
    ),
    "pledge_en": (
        "We hereby declare that we are able to deliver the services of Biro Perencanaan in accordance with "
        "our obligations and the Service Standard, to improve them continuously, and that we are willing to "
        "accept sanctions and/or to give compensation when the service does not meet the standard."
    ),
    "vision_id": "Menciptakan sinergitas pengelolaan kinerja organisasi hingga unit organisasi terendah.",
    "vision_en": (
        "To create synergy in the management of organisational performance down to the lowest "
        "organisational unit."
    ),
    "mission_id": "\n".join(
        [
            "Menyelenggarakan proses validasi indikator kinerja secara berjenjang, mengedepankan keselarasan "
            "serta berorientasi outcome pada level kinerjanya.",
            "Mengukur dan memverifikasi capaian kinerja secara berjenjang dan valid.",
            "Melaksanakan pelaporan kinerja dengan akuntabel dan tepat waktu.",
        ]
    ),
    "mission_en": "\n".join(
        [
            "To validate performance indicators level by level, putting alignment first and aiming at "
            "outcomes at each level of performance.",
            "To measure and verify performance achievements level by level, and validly.",
            "To report on performance accountably and on time.",
        ]
    ),
    "motto_id": "\n".join(
        [
            "Santun: melayani dengan sopan, ramah, dan menghargai setiap pengguna layanan.",
            "Mudah: persyaratan dan prosedur jelas, sederhana, mudah diikuti, dan tanpa biaya.",
            "Akuntabel: setiap layanan dapat dipertanggungjawabkan sesuai standar dan peraturan.",
            "Responsif: tanggap terhadap permohonan, saran, dan pengaduan, dan selesai dalam jangka waktu "
            "yang dijanjikan.",
            "Transparan: informasi layanan, jangka waktu, dan hasil survei kepuasan terbuka bagi masyarakat.",
        ]
    ),
    "motto_en": "\n".join(
        [
            "Santun (courteous): we serve politely and kindly, with respect for every user of the service.",
            "Mudah (easy): clear, simple requirements and steps that are easy to follow, free of charge.",
            "Akuntabel (accountable): every service can be accounted for against the standard and the rules.",
            "Responsif (responsive): we answer requests, suggestions and complaints, and finish within the "
            "promised time.",
            "Transparan (transparent): the service, its time limits and the satisfaction survey results are "
            "open to the public.",
        ]
    ),
    "supervision_id": "\n".join(
        [
            "Tim kendali mutu, dipimpin ketua subtim harmonisasi kinerja, mengawasi pelaksanaan layanan oleh "
            "Tim Layanan Pengelolaan Kinerja KKP.",
            "Pejabat setingkat Eselon III atau ketua tim kerja yang membidangi SDM mengawasi tim kendali "
            "mutu.",
            "Pejabat Eselon II mengawasi pejabat Eselon III atau tim kerja.",
            "Sekretaris Jenderal selaku pejabat Eselon I mengawasi Kepala Biro Perencanaan (Eselon II).",
            "Inspektorat Jenderal mengawasi seluruh pelaksanaan kegiatan layanan.",
        ]
    ),
    "supervision_en": "\n".join(
        [
            "A quality-control team, led by the head of the performance harmonisation sub-team, supervises "
            "the service delivered by the KKP performance management service team.",
            "An Eselon III official, or the head of the working team for human resources, supervises the "
            "quality-control team.",
            "An Eselon II official supervises the Eselon III official or working team.",
            "The Secretary General, as Eselon I official, supervises the Head of Biro Perencanaan "
            "(Eselon II).",
            "The Inspectorate General (Itjen) supervises the whole of the service.",
        ]
    ),
    "address": "Gedung Mina Bahari I lantai 3a, Jl. Medan Merdeka Timur No. 16, Gambir, Jakarta Pusat",
    "email": "pusat.layanan.roren@gmail.com",
    "phone": "",
    "reference": "Memorandum Kepala Biro Perencanaan Nomor 913/SJ.1/OT.310/X/2023, 26 Oktober 2023",
}

FREE_EN = "Free of charge"

# code -> what workflows.ServiceStandard does not hold: the English texts (line for line with the
# Indonesian requirements and steps there) and a one-sentence summary for the landing page.
SERVICES = {
    "validasi": {
        "summary_id": "Validasi usulan indikator kinerja dan target unit kerja Eselon I bersama Inspektorat "
        "Jenderal.",
        "summary_en": "Validation of the performance indicators and targets proposed by the Eselon I units, "
        "together with the Inspectorate General.",
        "name_en": "Validation of KKP performance indicators",
        "eligible_en": "Every Eselon I unit",
        "requirements_en": "The Eselon I unit has filled in the performance indicator proposal matrix",
        "steps_en": "\n".join(
            [
                "Biro Perencanaan invites the Eselon I units to the validation and asks them to fill in the "
                "performance indicator proposal matrix",
                "Biro Perencanaan asks the Inspectorate General for a team of validators",
                "The Eselon I unit fills in the performance indicator proposal matrix",
                "Biro Perencanaan and Itjen validate the proposed indicators and their targets",
                "The validation worksheet is signed by the validators of Biro Perencanaan and Itjen and by "
                "the unit's representative",
                "Biro Perencanaan sends the official memo (Nota Dinas) of the result to the Eselon I unit",
            ]
        ),
        "product_en": "Indicator validation worksheet, followed by the official memo of the result",
        "cost_en": FREE_EN,
    },
    "verifikasi": {
        "summary_id": "Verifikasi capaian kinerja triwulanan terhadap data dukungnya, bersama unit kerja.",
        "summary_en": "Verification of the quarterly performance achievements against their evidence, "
        "together with the unit.",
        "name_en": "Verification of performance achievements",
        "eligible_en": "Eselon I units of KKP and Eselon II units of the Secretariat General",
        "requirements_en": "\n".join(
            [
                "The unit has entered the quarter's indicator achievements",
                "The unit has submitted the evidence for the achievements",
            ]
        ),
        "steps_en": "\n".join(
            [
                "The unit enters its indicator achievements and uploads the evidence",
                "Entry closes on the 15th of the month after the quarter ends",
                "Biro Perencanaan sends the invitation to the measurement and verification",
                "Biro Perencanaan verifies the achievements with the unit and checks the evidence",
                "Biro Perencanaan fills in the achievement verification worksheet",
                "The verifiers and the unit sign the verification worksheet",
            ]
        ),
        "product_en": "Performance achievement verification worksheet",
        "cost_en": FREE_EN,
    },
    "pendampingan": {
        "summary_id": "Pendampingan penyusunan Laporan Kinerja (LKj) tahunan unit kerja.",
        "summary_en": "Mentoring of a unit in drafting its annual performance report (LKj).",
        "name_en": "Mentoring in drafting the annual KKP performance report",
        "eligible_en": "Every unit",
        "requirements_en": "\n".join(
            [
                "The unit submits its draft performance report",
                "The achievements and their evidence are documented and approved by the indicator's person "
                "in charge",
            ]
        ),
        "steps_en": "\n".join(
            [
                "The unit has entered its indicator achievements and uploaded the evidence",
                "The unit submits the results of the verification of its achievements",
                "The unit asks for mentoring in drafting its performance report",
                "Biro Perencanaan mentors the drafting with reference to Perpres 29/2014, "
                "PermenPANRB 53/2014, Permen KP 68/2017 and PermenPANRB 88/2022",
                "Biro Perencanaan delivers the mentoring worksheet",
            ]
        ),
        "product_en": "Worksheet of the mentoring in drafting the performance report",
        "cost_en": FREE_EN,
    },
}
