"""The demo accounts of DESIGN.md. All share one published password: never on a real site."""

DEMO_PASSWORD = "demo12345"

ACCOUNTS = [
    # username, first name, last name, e-mail, role (what later issues give each role)
    {"username": "admin", "first_name": "Admin", "last_name": "Sekolah Warga", "role": "superuser"},
    {"username": "warga1", "first_name": "Siti", "last_name": "Rahmawati", "role": "resident"},
    {"username": "warga2", "first_name": "Budi", "last_name": "Santoso", "role": "resident"},
    {
        "username": "penulis-lestari",
        "first_name": "Rina",
        "last_name": "Kartika",
        "role": "author",
        "organisation": "yayasan-lingkungan-lestari",
    },
    {
        "username": "fasilitator-lestari",
        "first_name": "Andi",
        "last_name": "Pratama",
        "role": "facilitator",
        "organisation": "yayasan-lingkungan-lestari",
    },
    {
        "username": "penulis-cerdas",
        "first_name": "Dewi",
        "last_name": "Lestari",
        "role": "author",
        "organisation": "perkumpulan-warga-cerdas",
    },
    {
        "username": "fasilitator-cerdas",
        "first_name": "Yusuf",
        "last_name": "Hidayat",
        "role": "facilitator",
        "organisation": "perkumpulan-warga-cerdas",
    },
    {"username": "pemkot", "first_name": "Hendra", "last_name": "Wijaya", "role": "government staff"},
    {"username": "peninjau", "first_name": "Maya", "last_name": "Anggraini", "role": "content reviewer"},
    # Given the role in Gunung Bahagia by pemkot (demo.content.participation.KELURAHAN_STAFF).
    {"username": "staf-gunungbahagia", "first_name": "Rahmadani", "last_name": "Putri", "role": "kelurahan staff"},
]
