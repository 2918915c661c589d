"""Kota Balikpapan's regions (BPS codes, January 2018 vintage), carried by seed_demo itself
so that a first run needs nothing outside the repository. The whole country comes from
``manage.py import_regions`` instead. Rows: (code, parent code, level, name)."""

BALIKPAPAN_REGIONS = [
    ("64", None, "province", "Kalimantan Timur"),
    ("6471", "64", "regency", "Kota Balikpapan"),
    ("6471010", "6471", "district", "Balikpapan Selatan"),
    ("6471011", "6471", "district", "Balikpapan Kota"),
    ("6471020", "6471", "district", "Balikpapan Timur"),
    ("6471030", "6471", "district", "Balikpapan Utara"),
    ("6471040", "6471", "district", "Balikpapan Tengah"),
    ("6471050", "6471", "district", "Balikpapan Barat"),
]
BALIKPAPAN_REGIONS += [
    (code, code[:7], "village", name)
    for code, name in [
        ("6471010006", "Gunung Bahagia"),
        ("6471010007", "Sepinggan"),
        ("6471010008", "Damai Baru"),
        ("6471010009", "Damai Bahagia"),
        ("6471010010", "Sungai Nangka"),
        ("6471010011", "Sepinggan Raya"),
        ("6471010012", "Sepinggan Baru"),
        ("6471011001", "Prapatan"),
        ("6471011002", "Telaga Sari"),
        ("6471011003", "Klandasan Ulu"),
        ("6471011004", "Klandasan Ilir"),
        ("6471011005", "Damai"),
        ("6471020001", "Manggar"),
        ("6471020002", "Manggar Baru"),
        ("6471020003", "Lemaru"),
        ("6471020004", "Teritip"),
        ("6471030001", "Muara Rapak"),
        ("6471030002", "Gunung Samarinda"),
        ("6471030003", "Batu Ampar"),
        ("6471030004", "Karang Joang"),
        ("6471030005", "Gunung Samarinda Baru"),
        ("6471030006", "Graha Indah"),
        ("6471040001", "Gunung Sari Ilir"),
        ("6471040002", "Gunung Sari Ulu"),
        ("6471040003", "Mekar Sari"),
        ("6471040004", "Karang Rejo"),
        ("6471040005", "Sumber Rejo"),
        ("6471040006", "Karang Jati"),
        ("6471050001", "Baru Tengah"),
        ("6471050002", "Marga Sari"),
        ("6471050003", "Baru Ilir"),
        ("6471050004", "Margo Mulyo"),
        ("6471050005", "Baru Ulu"),
        ("6471050006", "Kariangau"),
    ]
]
