"""Region names as people write them, from the upper-case names BPS publishes.

"KOTA BALIKPAPAN" becomes "Kota Balikpapan": each word is capitalised, except what Indonesians keep
in capitals (Roman numerals, acronyms such as DKI, UPT or SP) and letters after an apostrophe inside
a word ("MA'RUF" → "Ma'ruf"). The BPS files also carry a few typing slips that are repaired here:
backticks for apostrophes, the digit 0 for the letter O, a lower-case "l" for the numeral I, names
spelled out letter by letter ("KOTA B A T A M"), spaces around hyphens and doubled spaces.
"""

import re

# Roman numerals made of I, V and X (I to XXXIX): "SUKAMAJU II", "NAN XX", "IV NAGARI".
_ROMAN_NUMERAL = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")

# Acronyms that contain vowels, so they cannot be told from words without a list. Words without
# a vowel ("SP", "LB", "GPM") are taken to be acronyms anyway.
_ACRONYMS = frozenset({"DKI", "HTI", "PIR", "PJKA", "SMK", "UPT"})

# Vowel-less abbreviations of ordinary words, which are written like words: "Kp." (kampung),
# "Tgk." (teungku), "Mns." (meunasah), "Psr." (pasar), "Tj." (tanjung), "Km" (kilometre).
_WORD_ABBREVIATIONS = frozenset({"BT", "DR", "KM", "KMP", "KP", "KR", "MNS", "PD", "PGR", "PSR", "TGK", "TJ"})

_VOWELS = frozenset("AEIOU")
# A name _repair leaves as it is (unless it ends in a spelled-out word, "KOTA B A T A M"), of words _word_case
# capitalises unless they are in _KEPT_UPPER: a word of I, V and X, an acronym, a word without a vowel.
_PLAIN = re.compile(r"[A-Z]+(?: [A-Z]+)*")
_KEPT_UPPER = re.compile(r"\b(?:[IVX]+|[B-DF-HJ-NP-TV-Z]+|{})\b".format("|".join(sorted(_ACRONYMS))))
_LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters, accented ones included
_ZERO_FOR_O = re.compile(r"(?<=[A-Z])0(?=[A-Z])|\b0(?=[A-Z]{2})|(?<=[A-Z]{2})0\b")
_LOWER_L_FOR_I = re.compile(r"(?<=\s)l{1,3}\b")
_SPACE_INSIDE_PARENTHESES = re.compile(r"\(\s+|\s+\)")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")  # "BATI - BATI" is Bati-Bati
# "KOTA B A T A M": a name spelled out letter by letter, up to the end of the name or a slash.
# (Stopping there leaves "SUKAMULYA UPT I K A ULU" alone: which of those letters belong
# together is anybody's guess.)
_SPELLED_OUT = re.compile(r"(?<![\w'])[A-Z](?: [A-Z]){2,}(?=$|/)")


def region_display_name(raw: str) -> str:
    """Return a BPS region name the way people write it: "GUNUNG BAHAGIA" → "Gunung Bahagia"."""
    if _PLAIN.fullmatch(raw) and raw[-2:-1] != " " and not _KEPT_UPPER.search(raw):
        # Most names (96 in 100 in the BPS files): capital letters and single spaces, nothing to repair and no word
        # kept in capitals, so every word is capitalised, in one step instead of a look at each word.
        name = raw.title()
    else:
        name = _repair(raw)
        name = " ".join(
            _word_case(word) if word.isalpha() else _LETTERS.sub(_part_case, word) for word in name.split(" ")
        )
    # "DI YOGYAKARTA" is the Daerah Istimewa; elsewhere "di" is a preposition.
    if name.startswith("Di "):
        name = "DI" + name[2:]
    return name


def _repair(name: str) -> str:
    """Undo the typing slips of the BPS files (each check is cheap; most names need none)."""
    name = " ".join(name.split())
    if "`" in name:
        name = name.replace("`", "'")
    if "0" in name:
        name = _ZERO_FOR_O.sub("O", name)
    if "l" in name:
        name = _LOWER_L_FOR_I.sub(lambda match: "I" * len(match[0]), name)
    if "(" in name or ")" in name:
        name = _SPACE_INSIDE_PARENTHESES.sub(lambda match: match[0].strip(), name)
    if "-" in name:
        name = _SPACED_HYPHEN.sub("-", name)
    # A spelled-out name ends the name or stops at a slash, on a letter after a space.
    if name[-2:-1] == " " or "/" in name:
        name = _SPELLED_OUT.sub(lambda match: match[0].replace(" ", ""), name)
    return name


def _part_case(match: re.Match) -> str:
    """Case a run of letters inside a word with other characters ("MA'RUF", "SP6", "(UPT)")."""
    word, start, end = match.string, match.start(), match.end()
    before = word[start - 1] if start else ""
    if before == "'" and start >= 2 and word[start - 2].isalpha():
        return match[0].lower()  # "MA'RUF" → "Ma'ruf", but "'ANA" → "'Ana"
    after = word[end] if end < len(word) else ""
    if before.isdigit() or after.isdigit():
        return match[0].upper()  # "SP6", "B1", "F2"
    return _word_case(match[0])


def _word_case(word: str) -> str:
    """Case a word (or a run of letters) on its own."""
    upper = word.upper()
    # Only words of I, V and X can be numerals; most words are not, and stripping is cheaper than matching.
    if (not upper.strip("IVX") and _ROMAN_NUMERAL.fullmatch(upper)) or upper in _ACRONYMS:
        return upper
    if len(word) > 1 and not _VOWELS.intersection(upper):
        return word.capitalize() if upper in _WORD_ABBREVIATIONS else upper
    return word.capitalize()
