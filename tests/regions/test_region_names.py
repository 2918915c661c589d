import csv

import pytest

from regions import names
from regions.names import region_display_name


@pytest.mark.parametrize(
    ("published", "written"),
    [
        ("GUNUNG BAHAGIA", "Gunung Bahagia"),
        ("KOTA BALIKPAPAN", "Kota Balikpapan"),
        ("KALIMANTAN TIMUR", "Kalimantan Timur"),
    ],
)
def test_upper_case_name_is_written_with_capital_initials(published, written):
    assert region_display_name(published) == written


@pytest.mark.parametrize(
    ("published", "written"),
    [
        ("SUKAMAJU II", "Sukamaju II"),
        ("KOTO XI TARUSAN", "Koto XI Tarusan"),
        ("IV NAGARI BAYANG UTARA", "IV Nagari Bayang Utara"),
        ("PERKEBUNAN AIR BATU III/IX", "Perkebunan Air Batu III/IX"),
        ("KAMPUNG BARU NAN XX", "Kampung Baru Nan XX"),
        ("DESA I", "Desa I"),
        ("XXXIX KOTO", "XXXIX Koto"),
        # Words of I, V and X alone that are no numerals are words.
        ("DESA VIX", "Desa Vix"),
        ("DESA IIII", "Desa Iiii"),
    ],
)
def test_roman_numerals_stay_upper_case(published, written):
    assert region_display_name(published) == written


@pytest.mark.parametrize(
    ("published", "written"),
    [
        ("DKI JAKARTA", "DKI Jakarta"),
        ("DI YOGYAKARTA", "DI Yogyakarta"),
        ("SEUNABOK JAYA (EX UPT V)", "Seunabok Jaya (Ex UPT V)"),
        ("BANGUN HARJO (SP6,8)", "Bangun Harjo (SP6,8)"),
        ("PEULANTEU LB", "Peulanteu LB"),
        ("RENFAAN GPM", "Renfaan GPM"),
    ],
)
def test_acronyms_stay_upper_case(published, written):
    assert region_display_name(published) == written


@pytest.mark.parametrize(
    ("published", "written"),
    [
        ("KAMPUNG BARU KM 5", "Kampung Baru Km 5"),
        ("MNS. MANCANG", "Mns. Mancang"),
        ("TENEBUK KP. BARU", "Tenebuk Kp. Baru"),
        ("KOTO MAJIDIN DI AIR", "Koto Majidin Di Air"),
    ],
)
def test_abbreviated_words_are_written_like_words(published, written):
    assert region_display_name(published) == written


@pytest.mark.parametrize(
    ("published", "written"),
    [
        ("MA'RUF", "Ma'ruf"),
        ("LOLOWA'U", "Lolowa'u"),
        ("SEBUNGA'", "Sebunga'"),
        ("HAUMENI 'ANA", "Haumeni 'Ana"),
        ("LEMBANG ROROAN BARRA'-BARRA'", "Lembang Roroan Barra'-Barra'"),
    ],
)
def test_letters_after_an_apostrophe_inside_a_word_stay_lower_case(published, written):
    assert region_display_name(published) == written


@pytest.mark.parametrize(
    ("published", "written"),
    [
        ("SIMPANG-TIGA", "Simpang-Tiga"),
        ("KABUPATEN TOLI-TOLI", "Kabupaten Toli-Toli"),
        ("MANANTI (MARENTI)", "Mananti (Marenti)"),
        ("GUNUNG PUTIH/KR. JENAWI", "Gunung Putih/Kr. Jenawi"),
    ],
)
def test_each_part_of_hyphenated_bracketed_and_slashed_names_is_capitalised(published, written):
    assert region_display_name(published) == written


@pytest.mark.parametrize(
    ("published", "written"),
    [
        ("KABUPATEN S I A K", "Kabupaten Siak"),
        ("KOTA B A T A M", "Kota Batam"),
        ("T A I M/PASUE", "Taim/Pasue"),
        ("S I A K", "Siak"),
        ("KOTA B A T A M ", "Kota Batam"),
        ("PASUE/T A I M", "Pasue/Taim"),
        # Only spelled out up to the end of the name or a slash.
        ("SUKAMULYA UPT I K A ULU", "Sukamulya UPT I K A Ulu"),
        ("MA`RANG", "Ma'rang"),
        ("UJONG TAN0H", "Ujong Tanoh"),
        ("0TAM BARAT", "Otam Barat"),
        ("SOATALOARA ll", "Soataloara II"),
        ("BATI - BATI", "Bati-Bati"),
        ("PAGARAN TONGA ( PARAN )", "Pagaran Tonga (Paran)"),
        ("ANGKOLA  BARAT", "Angkola Barat"),
        (" GUNUNG BAHAGIA ", "Gunung Bahagia"),
    ],
)
def test_typing_slips_in_the_bps_files_are_repaired(published, written):
    assert region_display_name(published) == written


@pytest.mark.parametrize(
    ("published", "written"),
    [
        ("MAGEÁBUME", "Mageábume"),
        ("TITIRIí POPOLION", "Titirií Popolion"),
        ("PEMUDA (Desa Persiapan)", "Pemuda (Desa Persiapan)"),
        ("ALUE DUA MUKA 0", "Alue Dua Muka 0"),
        ("2 X 11 KAYU TANAM", "2 X 11 Kayu Tanam"),
    ],
)
def test_accents_mixed_case_and_numbers_are_kept(published, written):
    assert region_display_name(published) == written


def _word_by_word(published: str) -> str:
    """The long way for every name: repaired, then each word cased on its own."""
    name = " ".join(
        names._word_case(word) if word.isalpha() else names._LETTERS.sub(names._part_case, word)
        for word in names._repair(published).split(" ")
    )
    return "DI" + name[2:] if name.startswith("Di ") else name


@pytest.mark.parametrize(
    "published",
    ["GUNUNG BAHAGIA", "SUKAMAJU II", "IV NAGARI", "NAN XX", "DKI JAKARTA", "DI YOGYAKARTA", "SUKAMULYA UPT I K A ULU"]
    + ["KOTA B A T A M", "TANJUNG SP", "TJ BALAI", "KAMPUNG Y", "A", "V", "X", "KM LIMA", "PJKA", "PIR BARU"],
)
def test_names_in_capitals_and_single_spaces_come_out_as_word_by_word(published):
    """Most names take one step (capitalise every word); it must give what casing each word does."""
    assert region_display_name(published) == _word_by_word(published)


def test_every_name_of_the_bps_files_comes_out_as_word_by_word(wilayah_dir):
    published = {
        row[-1].strip()
        for file_name in ("provinces.csv", "regencies.csv", "districts.csv", "villages.csv")
        for row in csv.reader((wilayah_dir / file_name).open(encoding="utf-8-sig", newline=""))
        if row
    }
    assert len(published) > 60_000
    assert [name for name in published if region_display_name(name) != _word_by_word(name)] == []
