"""Random codes that people read off paper, say aloud and type on a phone.

Two alphabets, because codes already given out must keep reading back the same:

- ``LOOKALIKE_FREE_ALPHABET``: 25 letters and digits with no pair that handwriting or a small
  screen confuses (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). Class codes and account invitation codes.
- ``CROCKFORD_ALPHABET``: Crockford's base32, 32 symbols without I, L, O and U. Certificate codes,
  printed on certificates since the first was issued; a verifier reads a typed I or L as 1 and O
  as 0, so these codes forgive the look-alikes instead of avoiding them.
"""

import secrets

LOOKALIKE_FREE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def human_code(length, *, alphabet=LOOKALIKE_FREE_ALPHABET):
    """``length`` characters of ``alphabet``, each equally likely, from the system's random source.

    Never derived from a sequence, so codes say nothing about each other. One draw per code, spelled
    out in the alphabet: as uniform as a draw per character, and that many times fewer calls for a
    roster's thousands of codes.
    """
    number = secrets.randbelow(len(alphabet) ** length)
    characters = []
    for _position in range(length):
        number, index = divmod(number, len(alphabet))
        characters.append(alphabet[index])
    return "".join(characters)
