"""Enrolling a class from a roster file (CSV): the facilitator's list of names and contacts.

Each valid row makes the resident an account without a password and enrols them in the class's
course, in this class. A row whose e-mail or phone already has an account is found and reported
with the class code: its owner joins themselves, since a roster never takes an account over.
Invalid rows come back with their line numbers and reasons and change nothing. The same file uploaded twice creates
nothing the second time. The valid rows are saved together or not at all.

New accounts get no password: the resident sets one with an invitation, which is e-mailed to
those with an address; phone-only residents get a code on a printed sheet from the facilitator.
The work is done in bulk (a few queries per thousand rows), so a 10,000-row roster takes seconds.
"""

import csv
import io
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import log

from accounts.invitations import invitation_codes_create
from accounts.models import AccountInvitation, LearnerProfile
from accounts.selectors import kelurahan_for_sign_up
from accounts.services import USERNAME_BASE_LENGTH
from accounts.tasks import invitation_emails_send
from accounts.validators import normalise_email, normalise_phone
from classes.models import Cohort, CohortEnrolment
from core.text import clean_single_line
from courses.models import Enrolment
from courses.scope import may_run_course

MAX_ROSTER_BYTES = 5 * 1024 * 1024
MAX_ROSTER_ROWS = 20_000
# Lookups of existing accounts go in chunks: SQLite limits the parameters of one query.
LOOKUP_CHUNK = 2_000

# What the columns may be called: Indonesian first, as the downloadable template has them.
COLUMN_NAMES = {
    "name": {"nama", "nama lengkap", "name", "full name"},
    "email": {"email", "e-mail", "surel", "alamat email", "alamat e-mail"},
    "phone": {"telepon", "no telepon", "nomor telepon", "hp", "no hp", "nomor hp", "whatsapp", "wa", "phone"},
    "kelurahan": {"kelurahan", "desa", "kelurahan/desa", "kode kelurahan", "village"},
}
TEMPLATE_HEADER = ["nama", "email", "telepon", "kelurahan"]

_email_is_valid = EmailValidator()


class RosterError(Exception):
    """The file as a whole cannot be read; the message says why, for the facilitator."""


@dataclass
class RosterProblem:
    line: int
    reason: str


@dataclass
class RosterResult:
    created: list = field(default_factory=list)  # new accounts
    already_in_class: int = 0  # rows of learners this class has already: a repeated upload
    problems: list = field(default_factory=list)
    # New phone-only residents and their invitation codes, for the printed sheet.
    invitation_codes: list = field(default_factory=list)


@dataclass
class _Row:
    line: int
    name: str
    email: str | None
    phone: str | None
    kelurahan: object


def roster_import(*, cohort, data, by):
    """Import a roster file's bytes into `cohort` on behalf of facilitator `by`; returns a RosterResult."""
    if not may_run_course(organisation=cohort.organisation, course=cohort.course):
        raise RosterError(
            _(
                "%(organisation)s may not enrol learners in this course: it holds no grant from the owner of "
                "the course, or the grant was withdrawn."
            )
            % {"organisation": cohort.organisation}
        )
    rows, problems = _parse(data, cohort=cohort)
    result = RosterResult(problems=problems)
    try:
        with transaction.atomic():
            # The class row is locked while its seats are counted and filled: a resident joining with
            # the code, or a second upload, waits instead of overbooking it.
            Cohort.objects.select_for_update().filter(pk=cohort.pk).values_list("pk").get()
            _enrol(rows, cohort=cohort, by=by, result=result)
            summary = {"enrolled": len(result.created), "refused": len(result.problems)}
            log(cohort, "sekolah_warga.roster_import", user=by, data=summary)
    except IntegrityError:
        # Someone signed up with one of these e-mails or phones while the file was read.
        raise RosterError(_("Some of these residents registered at the same moment. Upload the file again.")) from None
    result.problems.sort(key=lambda problem: problem.line)
    return result


# --- Reading the file -----------------------------------------------------------------------------


def _decode(data):
    if len(data) > MAX_ROSTER_BYTES:
        raise RosterError(
            _("The file is larger than %(size)s MB: split the roster into several files.")
            % {"size": MAX_ROSTER_BYTES // (1024 * 1024)}
        )
    if b"\x00" in data:  # a picture, a spreadsheet's own format, a PDF: not text at all
        raise RosterError(_("The file cannot be read as text. Save it from your spreadsheet as “CSV UTF-8”."))
    # Spreadsheets save CSV as UTF-8 (often with a byte-order mark) or in Windows' own encoding.
    # latin-1 last: it reads any byte, where cp1252 leaves five undefined.
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterError(_("The file cannot be read as text. Save it from your spreadsheet as “CSV UTF-8”."))


def _columns(header):
    """Which column holds what, from the header row; the missing ones are named in the error."""
    positions = {}
    for position, title in enumerate(header):
        title = " ".join(title.replace(".", " ").replace("_", " ").split()).lower()
        for key, names in COLUMN_NAMES.items():
            if title in names and key not in positions:
                positions[key] = position
    missing = [label for key, label in (("name", "nama"), ("kelurahan", "kelurahan")) if key not in positions]
    if "email" not in positions and "phone" not in positions:
        missing.append(_("email or telepon"))
    if missing:
        raise RosterError(
            _("The first row must name the columns. Missing: %(columns)s. Download the template to see the format.")
            % {"columns": ", ".join(missing)}
        )
    return positions


def _parse(data, *, cohort):
    text = _decode(data)
    first_line = text.splitlines()[0] if text else ""
    # Spreadsheets set to Indonesian separate columns with semicolons: the decimal mark is the comma.
    delimiter = max(",;\t", key=first_line.count)
    # newline="": the csv module reads the line endings itself (old Mac spreadsheets end lines with CR).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _read_rows(reader, villages=_villages())
    except csv.Error as error:
        raise RosterError(
            _("Line %(line)s cannot be read as CSV (%(error)s). Save the file from your spreadsheet again as CSV.")
            % {"line": reader.line_num, "error": error}
        ) from None


def _read_rows(reader, *, villages):
    header = next(reader, None)
    if not header:
        raise RosterError(_("The file is empty."))
    positions = _columns(header)

    rows, problems, seen = [], [], {}
    for values in reader:
        line = reader.line_num  # the file's line, even after a quoted cell that spans lines
        if not any(value.strip() for value in values):
            continue  # blank lines at the end of a spreadsheet
        if len(rows) + len(problems) >= MAX_ROSTER_ROWS:
            raise RosterError(
                _("A roster holds at most %(count)s rows: split it into several files.") % {"count": MAX_ROSTER_ROWS}
            )
        row, reasons = _row(line, values, positions, villages)
        for contact in (row.email, row.phone):
            if contact and not reasons:
                if contact in seen:
                    reasons.append(_("the same person as line %(line)s") % {"line": seen[contact]})
                else:
                    seen[contact] = line
        if reasons:
            problems.append(RosterProblem(line, "; ".join(reasons)))
        else:
            rows.append(row)
    return rows, problems


def _value(values, positions, key):
    """One cell, without controls or bidirectional overrides and in NFC: names go onto certificates."""
    position = positions.get(key)
    return clean_single_line(values[position]) if position is not None and position < len(values) else ""


def _row(line, values, positions, villages):
    reasons = []
    name = " ".join(_value(values, positions, "name").split())
    if not name:
        reasons.append(_("the name is missing"))
    elif len(name) > 150:
        reasons.append(_("the name is longer than 150 characters"))
    email = normalise_email(_value(values, positions, "email")) or None
    if email:
        try:
            _email_is_valid(email)
        except ValidationError:
            reasons.append(_("“%(email)s” is not an e-mail address") % {"email": email})
    phone = _value(values, positions, "phone") or None
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValidationError:
            reasons.append(_("“%(phone)s” is not an Indonesian mobile number") % {"phone": phone})
    if not email and not phone:
        reasons.append(_("an e-mail address or a phone number is needed"))
    kelurahan_text = _value(values, positions, "kelurahan")
    kelurahan = None
    if not kelurahan_text:
        reasons.append(_("the kelurahan is missing"))
    else:
        kelurahan = villages.get(_village_key(kelurahan_text))
        if kelurahan is None:
            reasons.append(_("no kelurahan “%(kelurahan)s” in the service area") % {"kelurahan": kelurahan_text})
        elif kelurahan == _AMBIGUOUS:
            reasons.append(
                _("more than one kelurahan is called “%(kelurahan)s”: give its code") % {"kelurahan": kelurahan_text}
            )
            kelurahan = None
    return _Row(line, name, email, phone, kelurahan), reasons


_AMBIGUOUS = object()


def _village_key(text):
    """Codes with or without dots (64.71.01.1006), names in any case, "Kelurahan X" as X."""
    text = " ".join(text.split()).lower()
    digits = text.replace(".", "")
    if digits.isdigit():
        return digits
    for prefix in ("kelurahan ", "kel. ", "kel ", "desa "):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def _villages():
    villages = {}
    for village in kelurahan_for_sign_up().select_related(None):
        villages[village.code] = village
        key = village.name.lower()
        villages[key] = _AMBIGUOUS if key in villages else village
    return villages


# --- Saving ----------------------------------------------------------------------------------------


def _enrol(rows, *, cohort, by, result):
    User = get_user_model()
    by_email, by_phone = _existing_accounts(rows)
    course_id = cohort.course_id
    existing_users = {}  # row line → user
    new_rows = []
    for row in rows:
        owner_of_email = by_email.get(row.email) if row.email else None
        owner_of_phone = by_phone.get(row.phone) if row.phone else None
        if owner_of_email and owner_of_phone and owner_of_email.pk != owner_of_phone.pk:
            result.problems.append(
                RosterProblem(row.line, _("the e-mail address and the phone number belong to two different accounts"))
            )
        elif owner_of_email or owner_of_phone:
            existing_users[row.line] = owner_of_email or owner_of_phone
        else:
            new_rows.append(row)

    # A roster makes accounts; it never takes one over. Residents who have an account already join
    # the class themselves, with its code: otherwise any facilitator could pull anyone's account
    # (found by a phone number) into a class and then hand out a reset code for it.
    in_class = _users_in_class(cohort, [user.pk for user in existing_users.values()])
    for line, user in existing_users.items():
        if user.pk in in_class:
            result.already_in_class += 1
        else:
            result.problems.append(
                RosterProblem(
                    line,
                    _("already has an account: ask them to join the class with its code, %(code)s")
                    % {"code": cohort.enrolment_code},
                )
            )
    # Capacity: the class's current learners first, then the new rows in file order.
    seats_left = cohort.capacity - Enrolment.objects.filter(cohort_enrolment__cohort=cohort).count()
    to_enrol = []
    for row in new_rows:
        if seats_left <= 0:
            result.problems.append(
                RosterProblem(row.line, _("the class is full (%(capacity)s learners)") % {"capacity": cohort.capacity})
            )
            continue
        seats_left -= 1
        to_enrol.append(row)

    now = timezone.now()
    accounts = _insert_rows(
        User,
        ("username", "first_name", "email", "phone", "password", "date_joined"),
        [(_username(row.name), row.name, row.email, row.phone, _unusable_password(), now) for row in to_enrol],
    )
    # The accounts as instances, for the result (the printed sheet, the count): from their rows, as a query makes them.
    new_accounts = [User.from_db(connection.alias, None, values) for values in accounts]
    _insert_rows(
        LearnerProfile,
        ("user_id", "kelurahan_id", "consent_given_at", "privacy_notice_version", "consent_recorded_by_id"),
        [
            (user.pk, row.kelurahan.pk, now, settings.PRIVACY_NOTICE_VERSION, by.pk)
            for user, row in zip(new_accounts, to_enrol, strict=True)
        ],
    )
    enrolments = _insert_rows(
        Enrolment,
        ("user_id", "course_id", "source", "enrolled_at"),
        [(user.pk, course_id, Enrolment.Source.ROSTER, now) for user in new_accounts],
    )
    _insert_rows(
        CohortEnrolment, ("enrolment_id", "cohort_id"), [(enrolment[0], cohort.pk) for enrolment in enrolments]
    )

    result.created = new_accounts
    phone_only = [user for user in new_accounts if not user.email]
    codes = invitation_codes_create(
        users=phone_only, kind=AccountInvitation.Kind.ACTIVATION, created_by=by, accounts_are_new=True
    )
    result.invitation_codes = [(user, codes[user.pk]) for user in phone_only]
    with_email = [user.pk for user in new_accounts if user.email]
    if with_email:
        invited_to = invitation_names(cohort=cohort, by=by)
        transaction.on_commit(lambda: invitation_emails_send.delay(with_email, by.pk, invited_to))
    return result


def invitation_names(*, cohort, by):
    """What the invitation e-mail names, so that it cannot read as phishing: the class, its course, the
    organisation running it with its contact, and the facilitator who enrolled the resident (as text:
    accounts, below classes, reads no class)."""
    organisation = cohort.organisation
    return {
        "class": cohort.name,
        "course": cohort.course.title,
        "organisation": organisation.name,
        "facilitator": get_user_display_name(by),
        "contact": " · ".join(part for part in (organisation.contact_email, organisation.contact_phone) if part),
    }


def _insert_rows(model, columns, rows):
    """Insert new rows of ``model``, each a tuple of values for ``columns`` (attribute names); return them whole.

    Every other column takes its default, as a new instance would. The rows come back with every
    column's value in the model's field order, their ids included: the first value, since each model
    here has its key first (a class learner's key is its enrolment's).

    On PostgreSQL the rows go in with COPY, their ids drawn from the table's sequence first, and no
    model instance is made: in a roster of thousands, making instances (and, before COPY, bulk_create's
    preparation of every value) was most of the import's time. Other databases (SQLite, for a first
    run) take bulk_create.
    """
    if not rows:
        return []
    meta = model._meta
    fields = meta.concrete_fields
    if connection.vendor != "postgresql":
        objects = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model.objects.bulk_create(objects, batch_size=2_000)
        return [[getattr(obj, field.attname) for field in fields] for obj in objects]

    given = {meta.get_field(column).attname: position for position, column in enumerate(columns)}
    take = [(index, given[field.attname]) for index, field in enumerate(fields) if field.attname in given]
    auto = meta.auto_field is not None
    # Callable defaults (a time, a token) are called for each row, as for each new instance.
    per_row = [field.has_default() and callable(field.default) for field in fields]
    called = [
        (index, field)
        for index, field in enumerate(fields)
        if per_row[index] and field.attname not in given and not (auto and field.primary_key)
    ]
    template = [None if per_row[index] else field.get_default() for index, field in enumerate(fields)]
    with connection.cursor() as cursor:
        if auto:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            ids = cursor.fetchall()
        full_rows = []
        for number, row in enumerate(rows):
            values = template.copy()
            for index, position in take:
                values[index] = row[position]
            for index, field in called:
                values[index] = field.get_default()
            if auto:
                values[0] = ids[number][0]
            full_rows.append(values)
        column_list = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with cursor.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({column_list}) FROM STDIN") as copy:
            for values in full_rows:
                copy.write_row(values)
    return full_rows


def _existing_accounts(rows):
    User = get_user_model()
    emails = [row.email for row in rows if row.email]
    phones = [row.phone for row in rows if row.phone]
    by_email, by_phone = {}, {}
    fields = ("id", "email", "phone", "username")
    for start in range(0, len(emails), LOOKUP_CHUNK):
        for user in User.objects.filter(email__in=emails[start : start + LOOKUP_CHUNK]).only(*fields):
            by_email[user.email] = user
    for start in range(0, len(phones), LOOKUP_CHUNK):
        for user in User.objects.filter(phone__in=phones[start : start + LOOKUP_CHUNK]).only(*fields):
            by_phone[user.phone] = user
    return by_email, by_phone


def _users_in_class(cohort, user_ids):
    """Of these accounts, those already learners of the class (a roster uploaded again)."""
    found = set()
    for start in range(0, len(user_ids), LOOKUP_CHUNK):
        chunk = user_ids[start : start + LOOKUP_CHUNK]
        found.update(
            Enrolment.objects.filter(cohort_enrolment__cohort=cohort, user_id__in=chunk).values_list(
                "user_id", flat=True
            )
        )
    return found


def _unusable_password():
    # What make_password(None) stores, without its forty separate draws from the system's random
    # source: at roster sizes those draws were a third of the import's time.
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def _username(name):
    # Nobody types it (residents log in with e-mail or phone); the random part makes it unique
    # without a query per row.
    return f"{slugify(name)[:USERNAME_BASE_LENGTH].strip('-') or 'warga'}-{secrets.token_hex(5)}"


def roster_template():
    """The CSV a facilitator downloads to fill in, with one example row.

    With a byte-order mark, so that Excel opens it as UTF-8 and residents' names typed into it keep their
    letters (the upload reads it with or without the mark: _decode).
    """
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output)
    writer.writerow(TEMPLATE_HEADER)
    writer.writerow(["Siti Rahmawati", "", "0812 3456 7890", "Gunung Bahagia"])
    return output.getvalue()
