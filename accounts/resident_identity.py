"""How staff find a resident and tell two residents apart, each in one place.

- ``resident_matches``: the search of every staff screen that looks for a resident (the completion
  records report, the Learners list). A phone number is found however it is typed (0812-3456-7890,
  0812 3456 7890, +62 812…, 62812…, 812…): the text goes through sign-up's own rule
  (accounts.validators.normalise_phone) and is compared with the stored +62… form.
- ``MaskedContact``: the contact an export writes beside the account number, so that two "Siti
  Aminah" of the same kelurahan are two people in a spreadsheet, without the file handing out whole
  phone numbers and e-mail addresses: 0812****7890, else s***@contoh.id. In SQL, so that PostgreSQL's
  COPY of the completion records writes it as the XLSX and the Learners list do: one rule for every
  export, no copy in Python.
"""

from django.core.exceptions import ValidationError
from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Concat, Left, Right, StrIndex, Substr

from accounts.validators import normalise_phone

# What stands for the hidden middle of a phone number or an e-mail address's name.
HIDDEN = "****"
HIDDEN_NAME = "***"


def resident_matches(query, *, prefix="user__"):
    """A Q for the residents whose name or e-mail holds ``query``, or whose phone it is in any common form.

    ``prefix`` leads from the queried model to the account (``user__`` from an enrolment, "" from a user).
    """
    query = (query or "").strip()
    matches = Q(**{f"{prefix}first_name__icontains": query}) | Q(**{f"{prefix}email__icontains": query})
    digits = "".join(character for character in query if character.isdigit())
    if len(digits) >= 4:
        # Part of a number, as staff often type the last digits they read: "7890" or "3456-7890".
        matches |= Q(**{f"{prefix}phone__contains": digits})
    try:
        phone = normalise_phone(query)
    except ValidationError:
        return matches
    return matches | Q(**{f"{prefix}phone": phone})


class MaskedContact(Case):
    """The account's phone as residents write it with its middle hidden (0812****7890), or, without a
    phone, its e-mail address with the name hidden but its first letter (s***@contoh.id); empty for neither.

    ``prefix`` leads from the queried model to the account, as in ``resident_matches``.
    """

    def __init__(self, prefix="user__"):
        phone, email = F(f"{prefix}phone"), F(f"{prefix}email")
        super().__init__(
            # Stored as +62…: the national form's first four digits (0812) and its last four.
            When(
                **{f"{prefix}phone__startswith": "+62"},
                then=Concat(Value("0"), Substr(phone, 4, 3), Value(HIDDEN), Right(phone, 4)),
            ),
            # A number stored some other way (before normalise_phone): its own first and last four.
            When(**{f"{prefix}phone__gt": ""}, then=Concat(Left(phone, 4), Value(HIDDEN), Right(phone, 4))),
            When(
                **{f"{prefix}email__contains": "@"},
                then=Concat(Left(email, 1), Value(HIDDEN_NAME), Substr(email, StrIndex(email, Value("@")))),
            ),
            default=Value(""),
            output_field=CharField(),
        )
