"""The demo's kelurahan office, which the password-reset page lists: where a phone-only resident gets a code.

The address is marked "contoh" (example): the shared civic facts (../shared/content/civic-facts.md) name the
kelurahan and its kecamatan but not the office's street, and the phone and e-mail are plainly not real
(a 0542 number of zeros, an address at the reserved example.org), so nobody calls a real office about
the demo. A second run changes nothing; an office someone edited keeps their changes.
"""

from regions.models import KelurahanOffice, Region

OFFICES = [
    {
        "kelurahan": "6471010006",
        "name": "Kantor Kelurahan Gunung Bahagia",
        "address": "Jl. Contoh No. 1 (alamat contoh), Kelurahan Gunung Bahagia, Kecamatan Balikpapan Selatan, "
        "Kota Balikpapan",
        "opening_hours": "Senin–Kamis 08.00–15.00 WITA\nJumat 08.00–11.00 WITA\n(jam contoh)",
        "phone": "0542 000 0000",
        "email": "kelurahan-gunungbahagia@contoh.example.org",
    },
]


def seed_offices():
    for data in OFFICES:
        fields = dict(data)
        kelurahan = Region.objects.get(code=fields.pop("kelurahan"))
        KelurahanOffice.objects.get_or_create(kelurahan=kelurahan, defaults=fields)
