"""Text typed into one-line fields (names, titles, codes), made safe to show and to print.

Invisible characters can disguise a name: a right-to-left override (U+202E) shows the rest of a
line backwards, so "Budi" + U+202E + "otnaS" is displayed as "BudiSanto" on a screen or a
certificate while the stored text says otherwise; a zero-width space makes two names that look
the same compare different; and a control character (a NUL, a bell) has no business on a
certificate. Unicode's categories name these
exactly: Cc (controls) and Cf (formatting marks, bidirectional overrides among them). The same
letters typed on two phones can also arrive composed ("Á") or decomposed ("A" + U+0301); NFC makes
them one string, so a name compares, sorts and is looked up the same however it was typed.

Product-neutral: it imports nothing of ours.
"""

import unicodedata

from django.db.models import Q

# Controls that separate words (tab, line feed, carriage return...) and the line and paragraph
# separators: a space in a one-line field. Every other control and formatting mark: nothing.
_LINE_BREAKING_CATEGORIES = {"Cc", "Zl", "Zp"}
_DROPPED_CATEGORIES = {"Cc", "Cf"}
# What a value that clean_single_line would change must contain (Django gives SQLite a REGEXP too).
_MAYBE_UNCLEAN = r"^ | $|[^ -~]"


def clean_single_line(value: str) -> str:
    """``value`` without controls or formatting marks, in NFC, without surrounding spaces.

    A control that separates words (a tab, a line break: pasted from a spreadsheet or a
    message) becomes a space rather than gluing the words together; U+2028 and U+2029 (line
    and paragraph separators) likewise, since a one-line field has no lines. Every other Cc
    or Cf character is dropped. Runs of spaces inside are kept: collapsing them is a rule of
    the field (a person's name does it), not of text in general.
    """
    if value.isprintable():
        # The common case, and cheap: nothing but letters, marks, digits, punctuation and spaces.
        return unicodedata.normalize("NFC", value).strip()
    kept = []
    for character in value:
        category = unicodedata.category(character)
        if category in _LINE_BREAKING_CATEGORIES and character.isspace():
            kept.append(" ")
        elif category not in _DROPPED_CATEGORIES:
            kept.append(character)
    return unicodedata.normalize("NFC", "".join(kept)).strip()


def clean_single_line_columns(model, fields, *, batch_size=1000):
    """Clean ``fields`` of every row of ``model`` in place; for data migrations of text stored before.

    The database picks the candidates: a value with a character outside printable ASCII, or a space
    at either end (any other value is clean already), so a large table costs one scan and few rows.
    They are read before any is written (SQLite does not isolate a read from writes to the same table
    on one connection), and only those that change are written back, one UPDATE per batch. Returns
    how many rows changed. In a unique column, a value whose clean form another row holds already is
    left as it is, for a person to tell the two apart: a migration stopped by it would hold up the
    whole release.
    """
    manager = model._default_manager
    taken = {name: set(manager.values_list(name, flat=True)) for name in fields if model._meta.get_field(name).unique}
    candidates = Q()
    for name in fields:
        candidates |= Q(**{f"{name}__regex": _MAYBE_UNCLEAN})
    changed, count = [], 0
    for row in list(manager.filter(candidates).only("pk", *fields).order_by("pk")):
        dirty = False
        for name in fields:
            value = getattr(row, name)
            clean = clean_single_line(value) if value else value
            if clean == value or (name in taken and clean in taken[name]):
                continue
            if name in taken:
                taken[name].add(clean)
            setattr(row, name, clean)
            dirty = True
        if dirty:
            changed.append(row)
        if len(changed) >= batch_size:
            manager.bulk_update(changed, fields)
            count, changed = count + len(changed), []
    if changed:
        manager.bulk_update(changed, fields)
        count += len(changed)
    return count
