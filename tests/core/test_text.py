"""One-line text (names, titles, codes) is stored without invisible characters that disguise it."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError

from core.forms import SingleLineCharField
from core.text import clean_single_line


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Budi\u202eSantoso", "BudiSantoso"),  # a right-to-left override would show the rest reversed
        ("Budi\u2066Santoso\u2069", "BudiSantoso"),  # bidi isolates
        ("Siti\u200bRahma", "SitiRahma"),  # a zero-width space makes a look-alike of another name
        ("\ufeffSiti", "Siti"),  # a byte-order mark pasted from a file
        ("Budi\x00Santoso\x07", "BudiSantoso"),  # NUL and bell
        ("Budi\tSantoso", "Budi Santoso"),  # a tab or a line break separates words: a space
        ("Budi\r\nSantoso\u2028", "Budi  Santoso"),
        ("  Siti Rahmawati \n", "Siti Rahmawati"),
        ("Siti\u00a0Aminah", "Siti\u00a0Aminah"),  # a no-break space is a visible space: kept
        ("A\u0301gus", "\u00c1gus"),  # decomposed letters come out composed (NFC)
        ("Ni Luh Ayu Setiawati, S.Pd.", "Ni Luh Ayu Setiawati, S.Pd."),
    ],
)
def test_controls_and_formatting_marks_are_removed_and_letters_composed(typed, stored):
    assert clean_single_line(typed) == stored


def test_a_combining_mark_after_a_removed_mark_still_composes():
    assert clean_single_line("A\u200b\u0301") == "\u00c1"
    assert unicodedata.is_normalized("NFC", clean_single_line("e\u0301\u202e"))


def test_the_form_field_cleans_before_it_counts_and_accepts_a_nul():
    field = SingleLineCharField(max_length=4)

    assert field.clean("\u202eBudi\x00") == "Budi"  # five characters typed, four stored: accepted
    with pytest.raises(ValidationError, match="4"):
        field.clean("Budi Santoso")


def test_the_form_field_of_a_required_name_refuses_only_invisible_characters():
    field = SingleLineCharField(error_messages={"required": "Enter your full name."})

    with pytest.raises(ValidationError, match="Enter your full name."):
        field.clean("\u202e\u200b\t")
