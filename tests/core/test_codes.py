"""Human-typable codes (core.codes): what an issued code looks like must not change."""

from core.codes import CROCKFORD_ALPHABET, LOOKALIKE_FREE_ALPHABET, human_code


def test_a_code_has_the_length_asked_for_in_the_letters_of_its_alphabet():
    codes = [human_code(10) for _ in range(200)] + [human_code(10, alphabet=CROCKFORD_ALPHABET) for _ in range(200)]

    assert all(len(code) == 10 for code in codes)
    assert set("".join(codes[:200])) <= set(LOOKALIKE_FREE_ALPHABET)
    assert set("".join(codes[200:])) <= set(CROCKFORD_ALPHABET)
    assert len(set(codes)) == len(codes)


def test_class_and_invitation_codes_have_no_look_alikes():
    assert not set(LOOKALIKE_FREE_ALPHABET) & set("0O1IL2Z5S8B")
    assert len(LOOKALIKE_FREE_ALPHABET) == 25


def test_certificate_codes_keep_crockfords_base32():
    assert CROCKFORD_ALPHABET == "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
