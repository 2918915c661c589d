"""Facilitators enrol a class from a roster file: valid rows in, invalid rows back with reasons."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from accounts.models import AccountInvitation, LearnerProfile
from classes.roster import RosterError, roster_import
from classes.selectors import cohort_of
from courses.models import Enrolment
from tests import factories

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def english():
    """The services' reasons compared in English, the code's own language; the admin test reads them in Indonesian."""
    with translation.override("en"):
        yield


def csv_bytes(*lines, header="nama,email,telepon,kelurahan"):
    return "\n".join([header, *lines]).encode()


def test_valid_rows_make_accounts_without_password_and_enrol_them_in_the_class(world):
    cohort, facilitator = world["own"], world["users"]["facilitator"]
    factories.kelurahan("6471010007", "Sepinggan")
    data = csv_bytes(
        "Siti Rahmawati,siti@contoh.id,,Gunung Bahagia",
        "Budi Santoso,,0812 3456 7890,6471010007",
        "Ani Wijaya,ani@contoh.id,0813-1111-2222,kelurahan gunung bahagia",
    )

    result = roster_import(cohort=cohort, data=data, by=facilitator)

    assert result.problems == []
    assert len(result.created) == 3
    siti = User.objects.get(email="siti@contoh.id")
    budi = User.objects.get(phone="+6281234567890")
    assert not siti.has_usable_password() and not budi.has_usable_password()
    assert budi.learner_profile.kelurahan.name == "Sepinggan"
    assert siti.learner_profile.consent_recorded_by == facilitator
    enrolments = Enrolment.objects.filter(cohort_enrolment__cohort=cohort)
    assert enrolments.count() == 3
    assert set(enrolments.values_list("source", flat=True)) == {Enrolment.Source.ROSTER}
    assert set(enrolments.values_list("course_id", flat=True)) == {cohort.course_id}


def test_phone_only_rows_get_an_invitation_code_for_the_printed_sheet(world):
    result = roster_import(
        cohort=world["own"],
        data=csv_bytes("Budi Santoso,,0812 3456 7890,Gunung Bahagia", "Siti,siti@contoh.id,,Gunung Bahagia"),
        by=world["users"]["facilitator"],
    )

    assert [(user.first_name, len(code.replace("-", ""))) for user, code in result.invitation_codes] == [
        ("Budi Santoso", 10)
    ]
    budi = result.invitation_codes[0][0]
    assert AccountInvitation.objects.filter(user=budi, kind=AccountInvitation.Kind.ACTIVATION).count() == 1


def test_email_rows_get_their_invitation_by_email_after_the_import_is_saved(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        roster_import(
            cohort=world["own"],
            data=csv_bytes("Siti,siti@contoh.id,,Gunung Bahagia", "Budi,,0812 3456 7890,Gunung Bahagia"),
            by=world["users"]["facilitator"],
        )

    assert [message.to for message in mailoutbox] == [["siti@contoh.id"]]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (",siti@contoh.id,,Gunung Bahagia", "the name is missing"),
        ("Siti,siti(at)contoh.id,,Gunung Bahagia", "is not an e-mail address"),
        ("Siti,,12345,Gunung Bahagia", "is not an Indonesian mobile number"),
        ("Siti,,,Gunung Bahagia", "an e-mail address or a phone number is needed"),
        ("Siti,siti@contoh.id,,", "the kelurahan is missing"),
        ("Siti,siti@contoh.id,,Menteng", "no kelurahan “Menteng” in the service area"),
        ("Siti,siti@contoh.id,,9999999999", "no kelurahan “9999999999” in the service area"),
    ],
)
def test_each_kind_of_malformed_row_comes_back_with_its_line_and_reason_and_saves_nothing(english, world, row, reason):
    data = csv_bytes("Budi,,0812 3456 7890,Gunung Bahagia", row)

    result = roster_import(cohort=world["own"], data=data, by=world["users"]["facilitator"])

    assert [(problem.line, reason in problem.reason) for problem in result.problems] == [(3, True)]
    assert Enrolment.objects.filter(cohort_enrolment__cohort=world["own"]).count() == 1  # Budi, on line 2
    assert not User.objects.filter(first_name="Siti").exists()


def test_a_person_twice_in_the_file_is_imported_once_and_the_repeat_is_reported(english, world):
    data = csv_bytes("Budi,,0812 3456 7890,Gunung Bahagia", "Budi S.,,+62 812-3456-7890,Gunung Bahagia")

    result = roster_import(cohort=world["own"], data=data, by=world["users"]["facilitator"])

    assert len(result.created) == 1
    assert [(problem.line, problem.reason) for problem in result.problems] == [(3, "the same person as line 2")]


def test_uploading_the_same_file_again_creates_no_duplicates(world):
    data = csv_bytes("Siti,siti@contoh.id,,Gunung Bahagia", "Budi,,0812 3456 7890,Gunung Bahagia")
    roster_import(cohort=world["own"], data=data, by=world["users"]["facilitator"])

    again = roster_import(cohort=world["own"], data=data, by=world["users"]["facilitator"])

    assert (len(again.created), again.already_in_class, again.problems) == (0, 2, [])
    assert User.objects.filter(first_name__in=["Siti", "Budi"]).count() == 2
    assert Enrolment.objects.filter(cohort_enrolment__cohort=world["own"]).count() == 2


def test_a_resident_with_an_account_is_asked_to_join_with_the_code_and_their_account_is_left_alone(english, world):
    """A roster never takes an account over: otherwise a facilitator could pull anyone's account into a
    class by their phone number and give out a reset code for it."""
    resident = factories.learner(full_name="Budi Santoso", phone="+6281234567890")
    own_enrolment = Enrolment.objects.create(user=resident, course=world["own"].course)

    result = roster_import(
        cohort=world["own"],
        data=csv_bytes("B. Santoso,,0812 3456 7890,Gunung Bahagia"),
        by=world["users"]["facilitator"],
    )

    assert result.created == []
    assert [(problem.line, problem.reason) for problem in result.problems] == [
        (2, f"already has an account: ask them to join the class with its code, {world['own'].enrolment_code}")
    ]
    resident.refresh_from_db()
    own_enrolment.refresh_from_db()
    assert (resident.first_name, resident.has_usable_password(), cohort_of(own_enrolment)) == (
        "Budi Santoso",
        True,
        None,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"nama,telepon,kelurahan\rBudi,0812 3456 7890,Gunung Bahagia\r", None),
        # An opening quote never closed swallows the rest of the file into one cell, past csv's limit.
        (
            b'nama,telepon,kelurahan\nBudi,"0812 3456 7890,Gunung Bahagia\n' + b"Siti,0812,X\n" * 12_000,
            "cannot be read as CSV",
        ),
    ],
)
def test_old_mac_line_endings_are_read_and_a_broken_quote_is_refused_clearly(english, world, data, message):
    if message is None:
        assert roster_import(cohort=world["own"], data=data, by=world["users"]["facilitator"]).problems == []
    else:
        with pytest.raises(RosterError, match=message):
            roster_import(cohort=world["own"], data=data, by=world["users"]["facilitator"])


def test_email_and_phone_of_two_different_accounts_are_refused(english, world):
    factories.learner(full_name="Siti", email="siti@contoh.id")
    factories.learner(full_name="Budi", phone="+6281234567890")

    result = roster_import(
        cohort=world["own"],
        data=csv_bytes("Siti,siti@contoh.id,0812 3456 7890,Gunung Bahagia"),
        by=world["users"]["facilitator"],
    )

    assert [problem.reason for problem in result.problems] == [
        "the e-mail address and the phone number belong to two different accounts"
    ]
    assert not Enrolment.objects.filter(cohort_enrolment__cohort=world["own"]).exists()


def test_rows_beyond_the_capacity_are_refused_in_file_order(english, world):
    cohort = world["own"]
    cohort.capacity = 1
    cohort.save()

    result = roster_import(
        cohort=cohort,
        data=csv_bytes("Siti,siti@contoh.id,,Gunung Bahagia", "Budi,,0812 3456 7890,Gunung Bahagia"),
        by=world["users"]["facilitator"],
    )

    assert [user.first_name for user in result.created] == ["Siti"]
    assert [(problem.line, problem.reason) for problem in result.problems] == [(3, "the class is full (1 learners)")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"nama,kota\nSiti,Balikpapan\n", "Missing: kelurahan, email or telepon"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "cannot be read as text"),
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", "cannot be read as text"),
    ],
)
def test_a_file_that_is_not_a_roster_is_refused_as_a_whole(english, world, data, message):
    with pytest.raises(RosterError, match=message):
        roster_import(cohort=world["own"], data=data, by=world["users"]["facilitator"])
    assert not Enrolment.objects.filter(cohort_enrolment__cohort=world["own"]).exists()


def test_spreadsheet_exports_with_semicolons_a_byte_order_mark_or_windows_encoding_are_read(world):
    semicolons = "\ufeffNama;Telepon;Kelurahan\nBudi;0812 3456 7890;Gunung Bahagia\n".encode()
    windows = "nama,email,kelurahan\nJosé,jose@contoh.id,Gunung Bahagia\n".encode("cp1252")

    first = roster_import(cohort=world["own"], data=semicolons, by=world["users"]["facilitator"])
    second = roster_import(cohort=world["own"], data=windows, by=world["users"]["facilitator"])

    assert (first.problems, second.problems) == ([], [])
    assert User.objects.get(email="jose@contoh.id").first_name == "José"


def test_a_five_thousand_row_roster_is_imported_in_a_few_queries(world, django_assert_max_num_queries):
    cohort = world["own"]
    cohort.capacity = 5_000
    cohort.save()
    rows = [
        f"Warga {number},{'' if number % 2 else f'warga{number}@contoh.id'},0813 {number:08d},Gunung Bahagia"
        for number in range(5_000)
    ]

    # Nothing per row: PostgreSQL inserts 2,000 rows a query; SQLite's parameter limit makes Django
    # split the same bulk inserts into batches of about ninety rows.
    with django_assert_max_num_queries(40 if connection.vendor == "postgresql" else 250):
        result = roster_import(cohort=cohort, data=csv_bytes(*rows), by=world["users"]["facilitator"])

    assert (len(result.created), result.problems) == (5_000, [])
    assert Enrolment.objects.filter(cohort_enrolment__cohort=cohort).count() == 5_000
    assert LearnerProfile.objects.filter(user__enrolments__cohort_enrolment__cohort=cohort).count() == 5_000
    assert len(result.invitation_codes) == 2_500


# --- Through the admin --------------------------------------------------------------------------


def upload(client, cohort, data, consent=True):
    payload = {"file": SimpleUploadedFile("peserta.csv", data, content_type="text/csv")}
    if consent:
        payload["consent_collected"] = "on"
    return client.post(reverse("cohorts:roster_upload", args=[cohort.pk]), payload)


def test_the_facilitator_uploads_a_roster_and_sees_problems_and_codes_to_print(client, world):
    client.force_login(world["users"]["facilitator"])

    response = upload(client, world["own"], csv_bytes("Budi,,0812 3456 7890,Gunung Bahagia", "Siti,,,Gunung Bahagia"))

    assert response.status_code == 200
    page = response.text
    assert "Budi" in page and "+6281234567890" in page
    assert AccountInvitation.objects.filter(user__first_name="Budi").exists()
    assert "alamat e-mail atau nomor telepon diperlukan" in page


def test_a_roster_without_the_consent_confirmation_is_refused(client, world):
    client.force_login(world["users"]["facilitator"])

    response = upload(client, world["own"], csv_bytes("Budi,,0812 3456 7890,Gunung Bahagia"), consent=False)

    assert response.status_code == 200
    assert "Warga didaftarkan hanya dengan persetujuan mereka." in response.text
    assert not Enrolment.objects.filter(cohort_enrolment__cohort=world["own"]).exists()


# Wagtail's admin answers a refusal (403) with a redirect to its dashboard and a message.
@pytest.mark.parametrize(("role", "status"), [("other facilitator", 404), ("government", 302), ("author", 404)])
def test_only_the_class_facilitators_organisation_uploads_rosters(client, world, role, status):
    client.force_login(world["users"][role])

    response = upload(client, world["own"], csv_bytes("Budi,,0812 3456 7890,Gunung Bahagia"))

    assert response.status_code == status
    assert not Enrolment.objects.filter(cohort_enrolment__cohort=world["own"]).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's COPY path, compared with bulk_create's")
def test_copy_writes_the_same_rows_as_bulk_create(world, monkeypatch):
    cohort, facilitator = world["own"], world["users"]["facilitator"]
    cohort.capacity = 10
    cohort.save()

    def written(result):
        """Every column of what the import wrote but what differs by nature: ids, random parts, times, contacts."""
        users = sorted(result.created, key=lambda user: user.first_name)
        rows = []
        for user in users:
            stored = User.objects.get(pk=user.pk)
            enrolment = Enrolment.objects.get(user=stored)
            assert stored.password.startswith("!") and stored.username.startswith(slugify(stored.first_name))
            assert [getattr(user, field.attname) for field in User._meta.concrete_fields] == [
                getattr(stored, field.attname) for field in User._meta.concrete_fields
            ]
            rows.append(
                (
                    [getattr(stored, f.attname) for f in User._meta.concrete_fields if f.name not in USER_VARYING],
                    model_values(stored.learner_profile, {"id", "user", "consent_given_at"}),
                    model_values(enrolment, {"id", "user", "enrolled_at"}),
                    enrolment.cohort_enrolment.cohort_id,
                    bool(stored.email),
                    bool(stored.phone),
                )
            )
        return rows

    by_copy = roster_import(
        cohort=cohort,
        data=csv_bytes(
            "Siti,siti@contoh.id,,Gunung Bahagia",
            "Budi,,0812 3456 7890,6471010006",
            "Ani,ani@contoh.id,0813 1111 2222,Gunung Bahagia",
        ),
        by=facilitator,
    )
    # What the code takes on any other database (SQLite): bulk_create.
    monkeypatch.setattr(connections[DEFAULT_DB_ALIAS], "vendor", "other")
    by_orm = roster_import(
        cohort=cohort,
        data=csv_bytes(
            "Siti,siti2@contoh.id,,Gunung Bahagia",
            "Budi,,0812 3456 7891,6471010006",
            "Ani,ani2@contoh.id,0813 1111 2223,Gunung Bahagia",
        ),
        by=facilitator,
    )

    assert (by_copy.problems, by_orm.problems) == ([], [])
    assert written(by_copy) == written(by_orm)
    assert len(by_copy.invitation_codes) == len(by_orm.invitation_codes) == 1


USER_VARYING = {"id", "username", "password", "email", "phone", "date_joined"}


def model_values(instance, varying):
    return [getattr(instance, field.attname) for field in instance._meta.concrete_fields if field.name not in varying]
