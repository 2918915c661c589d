"""Phone numbers are stored one way (+62…), however a resident types them."""

import pytest
from django.core.exceptions import ValidationError

from accounts.validators import normalise_phone, phone_national


@pytest.mark.parametrize(
    "typed",
    ["081234567890", "0812-3456-7890", "0812 3456 7890", "62 812 3456 7890", "+6281234567890", "+62 (0)812.3456.7890"],
)
def test_common_spellings_of_one_mobile_number_are_normalised_to_plus_62(typed):
    assert normalise_phone(typed) == "+6281234567890"


@pytest.mark.parametrize(
    "typed",
    ["", "halo", "0812-abc-7890", "12345", "0812", "+1 415 555 0100", "021 555 1234", "0812345678901234", "08"],
)
def test_garbage_and_non_indonesian_mobile_numbers_are_refused_with_an_example(typed):
    with pytest.raises(ValidationError) as refusal:
        normalise_phone(typed)
    assert "0812 3456 7890" in refusal.value.messages[0]


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+6281234567890", "0812 3456 7890"),
        ("+62812345678", "0812 3456 78"),
        ("+62812345678901", "0812 3456 78901"),
        (None, ""),
        ("", ""),
    ],
)
def test_exports_write_a_stored_number_as_residents_write_it_and_it_reads_back_the_same(stored, shown):
    assert phone_national(stored) == shown
    if stored:
        assert normalise_phone(shown) == stored  # a roster made from an export finds the same account
