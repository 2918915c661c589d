"""Who takes part in the demo's forums at Gunung Bahagia (demo.forums seeds it), and its monthly schedule.

An account is named by its demo username (demo/content/accounts.py) or by the phone a resident signed up
with: the residents of the classes' rosters (demo/content/site.py CLASSES) and the two below, who sign up
through accounts.services.resident_sign_up as anyone would. Times are days before the first run of
seed_demo (the coming forum) or before and after the meeting's start (the past forum).
"""

# Residents of Gunung Bahagia who sign up for the forums; password demo12345, logging in with their phone.
RESIDENTS = [
    {"full_name": "Wahyu Saputra", "phone": "0812 0000 0003", "kelurahan": "6471010006", "gender": "laki-laki"},
    {"full_name": "Lina Marlina", "phone": "0812 0000 0004", "kelurahan": "6471010006", "gender": "perempuan"},
]

ORGANISER = "staf-gunungbahagia"

# The coming meeting, full (its capacity is in demo/content/site.py FORUMS): (account, days before the first
# run it registered), in order; the last is on the waiting list, first to move up when someone cancels.
# warga1 is left free to try "Saya akan hadir" (and the waiting list) in the demo and its browser journey.
COMING_FORUM = "forum-gunung-bahagia-klinik-usulan-warga"
COMING_REGISTRATIONS = [
    ("0812 5100 0001", 8),  # Rahmat Hidayat
    ("0812 0000 0003", 8),  # Wahyu Saputra
    ("0812 5100 0002", 6),  # Nur Aisyah
    ("0812 0000 0004", 5),  # Lina Marlina
    ("0812 5200 0002", 3),  # Muhammad Rizky
    ("warga2", 2),  # the waiting list
]

# The past meeting: who registered online (account, days before the meeting), who of them came (ticked
# on the organiser's list), and who was added at the door (name and gender, or no gender when not given),
# in minutes after the start. 17 present in all, as its minutes say.
PAST_FORUM = "forum-gunung-bahagia-memilah-sampah"
PAST_REGISTRATIONS = [
    ("warga1", 12),
    ("0812 5100 0001", 10),  # Rahmat Hidayat
    ("0812 5100 0002", 10),  # Nur Aisyah
    ("0812 0000 0003", 7),  # Wahyu Saputra
    ("0812 0000 0004", 6),  # Lina Marlina
    ("0812 5200 0002", 4),  # Muhammad Rizky: registered, did not come
]
PAST_ABSENT = ["0812 5200 0002"]
PAST_LIST_TICKED_MINUTES = 40  # after the last added at the door
PAST_DOOR = [
    ("Sumarni", "perempuan", 0),
    ("Hasan Basri", "laki-laki", 2),
    ("Ratna Sari", "perempuan", 3),
    ("Agus Salim", "laki-laki", 5),
    ("Fatimah", "perempuan", 6),
    ("Jumadi", "laki-laki", 8),
    ("Siti Aminah", "perempuan", 10),
    ("Darmawan", "laki-laki", 12),
    ("Yuliana", "perempuan", 15),
    ("Slamet Riyadi", "laki-laki", 18),
    ("Hj. Masnah", "perempuan", 21),
    ("Pak RT 21", "", 30),
]

# "Every first Saturday of the month, 09.00 WITA, at the kelurahan hall": its coming three meetings are
# drafts for the organiser to check and publish (participation.forum_schedules), made on the first run.
SCHEDULE = {
    "kelurahan": "6471010006",
    "title": "Forum Warga Gunung Bahagia",
    "kind": "musyawarah",
    "week": 1,
    "weekday": 5,  # Saturday
    "start_time": "09:00",
    "duration_minutes": 120,
    "venue": "Aula Kantor Kelurahan Gunung Bahagia",
    "agenda": (
        "<ul><li>Laporan kelurahan dan tindak lanjut kesepakatan forum sebelumnya</li>"
        "<li>Pertanyaan dan usulan warga yang diterima untuk agenda</li>"
        "<li>Informasi kegiatan RT, LPM, dan PKK</li>"
        "<li>Kesepakatan dan tindak lanjut</li>"
        "</ul>"
    ),
    "created_by": ORGANISER,
}
