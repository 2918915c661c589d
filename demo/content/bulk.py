"""The made-up material of ``manage.py seed_bulk``: benchmark data, never content for residents.

Names are common Indonesian given names and family (or second) names, combined at random; the
courses are twelve plausible titles over the three topics, with placeholder lessons that say
what they are. Nothing here is a checked fact: the real courses are in ``demo.content.courses``.
"""

GIVEN_NAMES_FEMALE = [
    "Siti", "Nur", "Dewi", "Sri", "Ani", "Rina", "Maya", "Putri", "Indah", "Fitri", "Ayu", "Wulan",
    "Lestari", "Ratna", "Yuni", "Rahma", "Dian", "Eka", "Nurul", "Aisyah", "Mega", "Novi", "Intan",
    "Kartini", "Sari", "Wahyuni", "Fatimah", "Nadia", "Citra", "Anisa",
]  # fmt: skip
GIVEN_NAMES_MALE = [
    "Budi", "Agus", "Andi", "Ahmad", "Muhammad", "Rizky", "Hendra", "Yusuf", "Joko", "Bambang",
    "Dedi", "Eko", "Fajar", "Hadi", "Irfan", "Rahmat", "Slamet", "Teguh", "Wahyu", "Arif", "Dimas",
    "Hasan", "Imam", "Kurniawan", "Rudi", "Samsul", "Taufik", "Yohanes", "Ilham", "Bayu",
]  # fmt: skip
FAMILY_NAMES = [
    "Santoso", "Wijaya", "Hidayat", "Saputra", "Pratama", "Lestari", "Rahmawati", "Kurniawan",
    "Setiawan", "Nugroho", "Siregar", "Nasution", "Pasaribu", "Simanjuntak", "Harahap", "Lubis",
    "Sinaga", "Daeng", "Rahman", "Hakim", "Syahputra", "Gunawan", "Susanto", "Wibowo", "Purnomo",
    "Utami", "Anggraini", "Permata", "Handayani", "Suryani", "Tarigan", "Manurung", "Ginting",
    "Matondang", "Latief", "Bakri", "Mappa", "Ruslan", "Effendi", "Sulistyo",
]  # fmt: skip

REVOCATION_REASONS = [
    "Nama pada sertifikat bukan nama peserta yang mengikuti kelas.",
    "Penyelesaian dicatat untuk akun yang salah.",
    "Peserta tidak memenuhi syarat kehadiran kelas.",
]

MEETING_VENUES = ["Aula Kelurahan {kelurahan}", "Balai Warga RT {rt:02d}", "Ruang Pertemuan Kantor Kelurahan"]

# (slug, title, topic); organisations are given in turn by seed_bulk.
COURSES = [
    ("bulk-layanan-adminduk-untuk-warga", "Layanan Adminduk untuk Warga", "hak-warga"),
    ("bulk-bank-sampah-untuk-pemula", "Bank Sampah untuk Pemula", "lingkungan"),
    ("bulk-membaca-apbd-kota", "Membaca APBD Kota", "anggaran"),
    ("bulk-mengadu-ke-ombudsman", "Mengadu ke Ombudsman", "hak-warga"),
    ("bulk-kompos-rumah-tangga", "Kompos Rumah Tangga", "lingkungan"),
    ("bulk-menyusun-usulan-musrenbang", "Menyusun Usulan Musrenbang", "anggaran"),
    ("bulk-perlindungan-data-pribadi", "Perlindungan Data Pribadi Sehari-hari", "hak-warga"),
    ("bulk-hemat-air-dan-drainase", "Hemat Air dan Drainase Lingkungan", "lingkungan"),
    ("bulk-memantau-proyek-kelurahan", "Memantau Proyek Kelurahan", "anggaran"),
    ("bulk-informasi-publik-lanjutan", "Keterbukaan Informasi Publik Lanjutan", "hak-warga"),
    ("bulk-kurangi-plastik-sekali-pakai", "Kurangi Plastik Sekali Pakai", "lingkungan"),
    ("bulk-dana-kelurahan-dan-pemberdayaan", "Dana Kelurahan dan Pemberdayaan", "anggaran"),
]

MODULE_TITLES = ["Pengantar", "Dasar hukum", "Praktik di kelurahan", "Rencana aksi warga"]

PLACEHOLDER_TEXT = (
    "Kursus ini dibuat oleh perintah seed_bulk sebagai data uji beban. Isinya bukan materi pelatihan: "
    "kursus yang sebenarnya ada di daftar kursus utama."
)


def course_data(slug, title, topic, organisation):
    """One bulk course in the shape demo.seeding.seed_course takes: four short modules, a quiz each."""
    return {
        "slug": slug,
        "title": title,
        "topic": topic,
        "organisation": organisation,
        "summary": f"{title}: data uji beban, bukan materi pelatihan.",
        "outcomes": ["Data uji beban untuk laporan kelulusan."],
        "duration_hours": 4,
        "modules": [
            {
                "slug": f"bagian-{number}",
                "title": f"Bagian {number}: {module_title}",
                "summary": PLACEHOLDER_TEXT[:300],
                "estimated_minutes": 20,
                "body": [("paragraph", f"<p>{PLACEHOLDER_TEXT}</p>")],
                "quiz": [
                    {
                        "kind": "true_false",
                        "prompt": "Kursus ini adalah data uji beban.",
                        "choices": [("Benar", True), ("Salah", False)],
                        "explanation": PLACEHOLDER_TEXT,
                    }
                ],
            }
            for number, module_title in enumerate(MODULE_TITLES, start=1)
        ],
    }
