"""The demo's Suara Warga: its page, categories, kelurahan staff and items (demo.participation seeds them).

Each item has a fixed tracking code (of core.codes.LOOKALIKE_FREE_ALPHABET, shown as SW-XXXX-XXXX), so a
second run finds it and the README can name one. Times are days before the first run, at an hour of the
day; each step is taken through participation.feedback's services (so the audit log and the sender's
notices exist) and then moved to its day.
"""

SUARA_WARGA_PAGE = {
    "slug": "suara-warga",
    "title": "Suara Warga",
    "intro": (
        "<p>Sampaikan keluhan, usul, atau pertanyaan tentang kelurahan Anda: jalan dan saluran air, sampah, lampu "
        "jalan, atau pelayanan di kantor kelurahan. Anda menerima kode untuk mengikuti tindak lanjutnya, dan staf "
        "kelurahan atau pemerintah kota meneruskannya ke dinas yang bertanggung jawab lalu menjawabnya. Jawaban yang "
        "berguna bagi warga lain dimuat di halaman ini tanpa nama atau kontak pengirim.</p>"
        "<p>Anda juga dapat menyampaikannya langsung di loket kantor kelurahan. Pengaduan tentang layanan publik di "
        "luar Balikpapan dapat disampaikan melalui SP4N-LAPOR! (www.lapor.go.id).</p>"
        "<p><i>Isi Suara Warga di situs ini adalah contoh untuk memperagakan Sekolah Warga, bukan pengaduan "
        "sungguhan.</i></p>"
    ),
}

# name, description shown to residents choosing one, target response time in days.
CATEGORIES = [
    {
        "name": "Jalan dan drainase",
        "description": "Jalan rusak atau berlubang, saluran air tersumbat, genangan dan banjir.",
        "response_days": 14,
    },
    {
        "name": "Kebersihan dan sampah",
        "description": "Sampah yang tidak diangkut, TPS penuh, pembuangan sampah sembarangan.",
        "response_days": 7,
    },
    {
        "name": "Penerangan jalan",
        "description": "Lampu penerangan jalan umum (PJU) mati atau kurang.",
        "response_days": 14,
    },
    {
        "name": "Pelayanan kelurahan",
        "description": "Surat-menyurat, antrean, dan jam layanan di kantor kelurahan.",
        "response_days": 5,
    },
    {
        "name": "Lainnya",
        "description": "Hal lain tentang lingkungan dan layanan di kelurahan Anda.",
        "response_days": 14,
    },
]

# Kelurahan staff (the accounts are in demo.content.accounts), given the role by government staff.
KELURAHAN_STAFF = [{"username": "staf-gunungbahagia", "region": "6471010006", "granted_by": "pemkot"}]

GUNUNG_BAHAGIA, SEPINGGAN, DAMAI_BARU = "6471010006", "6471010007", "6471010008"
OFFICE_DLH = "Dinas Lingkungan Hidup Kota Balikpapan (Bidang Kebersihan)"
OFFICE_DPU = "Dinas Pekerjaan Umum Kota Balikpapan"
OFFICE_DISHUB = "Dinas Perhubungan Kota Balikpapan (penerangan jalan umum)"

# The item sent without an account that the README names: open /suara-warga/SW-KAMP-UNG7/.
TRACKING_CODE_WITHOUT_ACCOUNT = "KAMPUNG7"

# Each item: who sent it (`sender`, a demo username; or `sender_name` and `sender_phone` without an
# account), how (`channel`; staff who typed it in are `recorded_by`), and its steps, each
# (days before the first run, "HH:MM", ...): received; forwarded (office); answered (reply); published
# (text as published). `by`: who triages it (staff of its kelurahan, or government staff elsewhere).
ITEMS = [
    {
        # Sent online without an account; answered and published: the README's tracking code.
        "code": TRACKING_CODE_WITHOUT_ACCOUNT,
        "category": "Kebersihan dan sampah",
        "kelurahan": GUNUNG_BAHAGIA,
        "sender_name": "Rahmat Syahrani",
        "sender_phone": "0812 0000 0101",
        "text": (
            "Sampah di TPS dekat musala RT 15 sudah menumpuk empat hari dan mulai berbau. Banyak kantong sampah "
            "diletakkan warga siang hari, lalu dibongkar kucing dan anjing sampai berserakan ke jalan."
        ),
        "by": "staf-gunungbahagia",
        "received": (12, "07:42"),
        "forwarded": (11, "09:15", OFFICE_DLH),
        "answered": (
            9,
            "14:30",
            "Petugas DLH sudah mengangkut sampah di TPS RT 15 dan menambah jadwal pengangkutan di TPS itu menjadi "
            "setiap pagi. Kami mengingatkan warga agar membawa sampah ke TPS hanya pada pukul 18.00–06.00 WITA "
            "dan memilahnya lebih dulu. Ketua RT 15 akan mengumumkannya dalam pertemuan warga.",
        ),
        "published": (8, "10:00", "Sampah di TPS dekat musala RT 15 menumpuk empat hari, berbau, dan berserakan."),
    },
    {
        # Told at the kelurahan counter and typed in by its staff.
        "code": "DRA4NM7T",
        "category": "Jalan dan drainase",
        "kelurahan": GUNUNG_BAHAGIA,
        "sender_name": "Nurhayati",
        "sender_phone": "0812 0000 0102",
        "channel": "counter",
        "recorded_by": "staf-gunungbahagia",
        "text": (
            "Saluran air di Gang Kenanga RT 08 tersumbat lumpur dan sampah. Setiap hujan deras air meluap ke jalan "
            "dan masuk ke teras rumah warga."
        ),
        "by": "staf-gunungbahagia",
        "received": (26, "10:20"),
        "forwarded": (25, "08:40", OFFICE_DPU),
        "answered": (
            15,
            "13:05",
            "Saluran di Gang Kenanga RT 08 sudah dikeruk oleh DPU bersama kerja bakti warga pada hari Sabtu. "
            "Penutup saluran yang patah dimasukkan dalam usulan perbaikan lingkungan kelurahan tahun depan.",
        ),
        "published": (15, "16:00", "Saluran air di Gang Kenanga RT 08 tersumbat lumpur dan meluap saat hujan deras."),
    },
    {
        # Another kelurahan: government staff triage it.
        "code": "PJU7HTEK",
        "category": "Penerangan jalan",
        "kelurahan": SEPINGGAN,
        "sender_name": "Andi Firmansyah",
        "sender_phone": "0812 0000 0103",
        "text": (
            "Tiga lampu jalan di jalan masuk RT 30 mati sejak dua minggu. Jalannya gelap dan sepi pada malam hari, "
            "anak-anak yang pulang mengaji jadi takut lewat."
        ),
        "by": "pemkot",
        "received": (30, "20:15"),
        "forwarded": (29, "09:30", OFFICE_DISHUB),
        "answered": (
            21,
            "11:45",
            "Tim penerangan jalan umum sudah mengganti tiga lampu yang mati di jalan masuk RT 30 dengan lampu LED. "
            "Lampu jalan yang mati dapat dilaporkan lagi di Suara Warga dengan menyebut RT dan patokan terdekat.",
        ),
        "published": (20, "08:30", "Tiga lampu jalan di jalan masuk RT 30 mati sejak dua minggu; jalan gelap."),
    },
    {
        # Overdue: forwarded, and still waiting past its category's 14 days.
        "code": "JQ9CUTKR",
        "category": "Jalan dan drainase",
        "kelurahan": GUNUNG_BAHAGIA,
        "sender_name": "Yohanes Tandiarrang",
        "sender_phone": "0812 0000 0104",
        "text": (
            "Jalan di depan SD di RT 21 berlubang cukup dalam, kira-kira satu meter lebarnya. Minggu lalu seorang "
            "pengendara motor jatuh di sana saat hujan."
        ),
        "by": "staf-gunungbahagia",
        "received": (20, "06:50"),
        "forwarded": (18, "10:10", OFFICE_DPU),
    },
    {
        # Just received: not yet due.
        "code": "TAMAN4YV",
        "category": "Lainnya",
        "kelurahan": GUNUNG_BAHAGIA,
        "sender_name": "Sri Wahyuni",
        "sender_phone": "0812 0000 0105",
        "text": (
            "Usul: lahan kosong milik kelurahan di dekat kantor RW 04 dijadikan taman bermain anak. Warga siap ikut "
            "kerja bakti membersihkannya."
        ),
        "by": "staf-gunungbahagia",
        "received": (2, "16:25"),
    },
    {
        # Another kelurahan, waiting: kelurahan staff of Gunung Bahagia do not see it.
        "code": "DMKX3FAP",
        "category": "Kebersihan dan sampah",
        "kelurahan": DAMAI_BARU,
        "sender_name": "Hasanuddin",
        "sender_phone": "0812 0000 0106",
        "text": "Ada pembakaran sampah setiap sore di lahan kosong belakang ruko RT 11; asapnya masuk ke rumah warga.",
        "by": "pemkot",
        "received": (3, "18:05"),
    },
    {
        # warga1's own question, answered: a notice on /saya/ and an item under "Partisipasi saya".
        "code": "W4RGA7CE",
        "category": "Pelayanan kelurahan",
        "kelurahan": GUNUNG_BAHAGIA,
        "sender": "warga1",
        "text": (
            "Apa saja syarat membuat surat keterangan domisili di kantor kelurahan, dan berapa lama selesainya? "
            "Saya baru pindah dari Samarinda."
        ),
        "by": "staf-gunungbahagia",
        "received": (5, "19:30"),
        "answered": (
            3,
            "09:20",
            "Bawa KTP, Kartu Keluarga, dan surat pengantar dari RT dan RW tempat Anda tinggal sekarang. Bila "
            "berkasnya lengkap, surat keterangan domisili selesai pada hari yang sama di loket pelayanan kantor "
            "kelurahan, tanpa biaya.",
        ),
    },
]
