"""Invitation and reset codes: residents enrolled from a roster choose their own password, once.

Messages are compared with the catalogue's text (``str()`` of the msgid in the site's language),
so these tests read the same before and after the Indonesian catalogue is brought up to date.
"""

import datetime
import math
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.utils import timezone, translation

from accounts import invitation_throttle, invitations
from accounts.invitations import (
    INVALID_CODE_MESSAGE,
    invitation_codes_create,
    invitation_redeem,
    invitation_url,
    password_reset_code_create,
)
from accounts.models import AccountInvitation
from accounts.tasks import invitation_emails_send
from tests import factories

pytestmark = pytest.mark.django_db

User = get_user_model()
ACTIVATION = AccountInvitation.Kind.ACTIVATION
PASSWORD_RESET = AccountInvitation.Kind.PASSWORD_RESET
CODE_PAGE = "/akun/aktifkan/"
NEW_PASSWORD = "sandi-baru-yang-panjang"
CLASS_ADDRESS = "114.125.10.20"  # a kelurahan hall's network: one address for the whole class
LONG_AGO = timezone.make_aware(datetime.datetime(2026, 1, 5, 9, 0))


@pytest.fixture
def facilitator(db):
    return User.objects.create_user(username="fasilitator-lestari", password="kata-sandi-rahasia")


@pytest.fixture
def roster_resident(facilitator):
    """A resident as a roster import leaves one: no password, consent recorded by the facilitator."""

    def make(full_name="Budi Santoso", *, email=None, phone="+6281234567890"):
        return factories.learner(
            full_name=full_name,
            password=None,
            email=email,
            phone=phone,
            consent_given_at=LONG_AGO,
            privacy_notice_version="2025-01",
            consent_recorded_by=facilitator,
        )

    return make


def activation_code(user, by):
    return invitation_codes_create(users=[user], kind=ACTIVATION, created_by=by)[user.pk]


def message(lazy):
    """A message as the site shows it (in Bahasa Indonesia, once the catalogue has it)."""
    with translation.override("id"):
        return str(lazy)


def refusal(error, field):
    return [item.code for item in error.value.error_dict[field]]


def code_refusals(code):
    """What redeeming `code` (with a good password and consent) is refused for, on the code."""
    with pytest.raises(ValidationError) as refused:
        invitation_redeem(code=code, password=NEW_PASSWORD, consent_given=True)
    return refusal(refused, "code")


def field_errors(response, field):
    errors = BeautifulSoup(response.content, "html.parser").find(id=f"id_{field}_error")
    return errors.get_text(" ", strip=True) if errors else ""


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


# --- The codes ----------------------------------------------------------------------------------


def test_codes_are_ten_unambiguous_characters_shown_in_two_groups_and_stored_only_as_digests(
    roster_resident, facilitator
):
    user = roster_resident()

    code = activation_code(user, facilitator)

    assert re.fullmatch(r"[34679ACDEFGHJKMNPQRTUVWXY]{5}-[34679ACDEFGHJKMNPQRTUVWXY]{5}", code)
    invitation = AccountInvitation.objects.get(user=user)
    assert invitation.code_digest == invitations.code_digest(code)
    assert code.replace("-", "") not in invitation.code_digest
    assert (invitation.kind, invitation.created_by, invitation.used_at) == (ACTIVATION, facilitator, None)


def test_an_activation_code_is_valid_for_thirty_days_and_a_reset_code_for_two(roster_resident, facilitator):
    budi = roster_resident()
    password_reset_code_create(user=budi, created_by=facilitator)
    activation_code(budi, facilitator)

    lifetimes = {
        invitation.kind: invitation.expires_at - invitation.created_at
        for invitation in AccountInvitation.objects.filter(user=budi)
    }

    assert lifetimes == {ACTIVATION: datetime.timedelta(days=30), PASSWORD_RESET: datetime.timedelta(days=2)}


def test_a_code_is_accepted_however_it_is_typed(roster_resident, facilitator):
    user = roster_resident()
    code = activation_code(user, facilitator)

    typed = f"  {code[:3].lower()} {code[3:].replace('-', ' - ')} "
    invitation_redeem(code=typed, password=NEW_PASSWORD, consent_given=True)

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_the_invitation_url_is_an_absolute_address_on_the_public_site(settings):
    settings.SITE_URL = "https://sekolahwarga.example.id"

    assert invitation_url("34679acdef") == "https://sekolahwarga.example.id/akun/aktifkan/34679-ACDEF/"
    assert invitation_url() == "https://sekolahwarga.example.id/akun/aktifkan/"


# --- Using a code -------------------------------------------------------------------------------


def test_a_code_sets_the_password_once_and_a_second_use_is_refused(roster_resident, facilitator):
    user = roster_resident()
    code = activation_code(user, facilitator)

    invitation_redeem(code=code, password=NEW_PASSWORD, password_confirm=NEW_PASSWORD, consent_given=True)
    with pytest.raises(ValidationError) as second:
        invitation_redeem(code=code, password="sandi-lain-yang-panjang", consent_given=True)

    assert refusal(second, "code") == ["invalid_code"]
    assert second.value.error_dict["code"][0].message == INVALID_CODE_MESSAGE
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AccountInvitation.objects.get(user=user).used_at is not None


def test_an_expired_code_is_refused(roster_resident, facilitator):
    user = roster_resident()
    code = activation_code(user, facilitator)
    AccountInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    assert code_refusals(code) == ["invalid_code"]
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_an_altered_code_is_refused(roster_resident, facilitator):
    user = roster_resident()
    code = activation_code(user, facilitator)
    altered = code[:-1] + ("3" if code[-1] != "3" else "4")

    assert code_refusals(altered) == ["invalid_code"]
    assert AccountInvitation.objects.get(user=user).used_at is None


@pytest.mark.parametrize("code", ["34679-ACDEF", "ABC", ""])
def test_an_unknown_or_malformed_code_is_refused_with_the_same_message(code):
    assert code_refusals(code) == ["invalid_code"]


def test_a_new_code_makes_the_earlier_unused_one_stop_working(roster_resident, facilitator):
    user = roster_resident()
    first = activation_code(user, facilitator)

    second = activation_code(user, facilitator)

    with pytest.raises(ValidationError):
        invitation_redeem(code=first, password=NEW_PASSWORD, consent_given=True)
    invitation_redeem(code=second, password=NEW_PASSWORD, consent_given=True)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_new_code_of_the_other_kind_leaves_the_first_one_working(roster_resident, facilitator):
    user = roster_resident()
    code = activation_code(user, facilitator)

    password_reset_code_create(user=user, created_by=facilitator)

    assert invitations.invitation_by_code(code) is not None


def test_using_a_code_makes_the_accounts_other_codes_stop_working(roster_resident, facilitator):
    user = roster_resident()
    activation = activation_code(user, facilitator)
    reset = password_reset_code_create(user=user, created_by=facilitator)

    invitation_redeem(code=activation, password=NEW_PASSWORD, consent_given=True)

    assert invitations.invitation_by_code(reset) is None


def password_chosen_another_way(user):
    user.set_password("dipilih-lewat-email")
    user.save()


def switched_off(user):
    User.objects.filter(pk=user.pk).update(is_active=False)


@pytest.mark.parametrize("change", [
    pytest.param(password_chosen_another_way, id="an_activation_code_stops_working_once_the_account_has_a_password"),
    pytest.param(switched_off, id="a_code_for_an_account_that_is_switched_off_is_refused"),
])  # fmt: skip
def test_a_code_stops_working_when_its_account_changes(roster_resident, facilitator, change):
    user = roster_resident()
    code = activation_code(user, facilitator)
    change(user)

    assert code_refusals(code) == ["invalid_code"]


def test_a_weak_or_mistyped_password_is_refused_and_the_code_still_works(roster_resident, facilitator):
    user = roster_resident()
    code = activation_code(user, facilitator)

    with pytest.raises(ValidationError) as refused:
        invitation_redeem(code=code, password="12345678", password_confirm="12345679", consent_given=True)

    assert set(refused.value.error_dict) == {"password", "password_confirm"}
    assert invitations.invitation_by_code(code) is not None
    user.refresh_from_db()
    assert not user.has_usable_password()


# --- Consent --------------------------------------------------------------------------------------


def test_activation_without_the_residents_own_consent_is_refused_and_changes_nothing(roster_resident, facilitator):
    user = roster_resident()
    code = activation_code(user, facilitator)

    with pytest.raises(ValidationError) as refused:
        invitation_redeem(code=code, password=NEW_PASSWORD, consent_given=False)

    assert refusal(refused, "consent") == ["consent_missing"]
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert user.learner_profile.consent_recorded_by is not None
    assert AccountInvitation.objects.get(user=user).used_at is None


def test_activation_stamps_the_residents_own_consent_on_the_profile(roster_resident, facilitator, settings):
    settings.PRIVACY_NOTICE_VERSION = "2026-11"
    user = roster_resident()
    code = activation_code(user, facilitator)

    invitation_redeem(code=code, password=NEW_PASSWORD, consent_given=True)

    profile = user.learner_profile.__class__.objects.get(user=user)
    assert profile.consent_recorded_by is None
    assert profile.privacy_notice_version == "2026-11"
    assert abs(timezone.now() - profile.consent_given_at) < datetime.timedelta(minutes=1)


# --- Password reset codes for phone-only learners -----------------------------------------------


def test_a_password_reset_code_is_refused_for_a_learner_with_an_email_address(facilitator):
    user = factories.learner(email="siti@contoh.id")

    with pytest.raises(ValidationError) as refused:
        password_reset_code_create(user=user, created_by=facilitator)

    assert [item.code for item in refused.value.error_list] == ["has_email"]
    assert not AccountInvitation.objects.exists()


def test_a_password_reset_code_gives_a_phone_only_learner_a_new_password_without_asking_consent_again(facilitator):
    user = factories.learner(phone="+6281234567890")
    consent_before = user.learner_profile.consent_given_at
    code = password_reset_code_create(user=user, created_by=facilitator)

    invitation_redeem(code=code, password=NEW_PASSWORD, password_confirm=NEW_PASSWORD)

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert user.learner_profile.consent_given_at == consent_before
    assert AccountInvitation.objects.get(user=user).kind == PASSWORD_RESET


def test_a_reset_code_for_a_roster_learner_who_never_activated_asks_for_their_own_consent(
    roster_resident, facilitator
):
    user = roster_resident()
    code = password_reset_code_create(user=user, created_by=facilitator)

    with pytest.raises(ValidationError) as refused:
        invitation_redeem(code=code, password=NEW_PASSWORD)
    invitation_redeem(code=code, password=NEW_PASSWORD, consent_given=True)

    assert refusal(refused, "consent") == ["consent_missing"]
    user.learner_profile.refresh_from_db()
    assert user.learner_profile.consent_recorded_by is None


# --- Many at once -------------------------------------------------------------------------------


def test_two_thousand_invitations_take_the_same_few_queries_whatever_their_number(
    facilitator, django_assert_max_num_queries
):
    User.objects.bulk_create(
        [
            User(username=f"warga-{number}", phone=f"+62813{number:08d}", password=make_password(None))
            for number in range(2_000)
        ]
    )
    users = list(User.objects.filter(username__startswith="warga-"))
    # One UPDATE and one bulk insert; SQLite caps the parameters of one statement, so Django sends
    # the insert in batches there (one statement on PostgreSQL). Never a query per account.
    fields = [field for field in AccountInvitation._meta.concrete_fields if not field.primary_key]
    insert_statements = math.ceil(len(users) / connection.ops.bulk_batch_size(fields, users))

    with django_assert_max_num_queries(insert_statements + 3):
        codes = invitation_codes_create(users=users, kind=ACTIVATION, created_by=facilitator)

    assert len(set(codes.values())) == 2_000
    assert AccountInvitation.objects.filter(kind=ACTIVATION, used_at__isnull=True).count() == 2_000


def test_a_second_batch_for_the_same_accounts_expires_the_first_in_one_update(facilitator):
    users = [factories.learner(full_name=f"Warga {number}", password=None) for number in range(3)]
    first = invitation_codes_create(users=users, kind=ACTIVATION, created_by=facilitator)

    invitation_codes_create(users=users, kind=ACTIVATION, created_by=facilitator)

    assert all(invitations.invitation_by_code(code) is None for code in first.values())
    assert AccountInvitation.objects.filter(expires_at__gt=timezone.now()).count() == 3


# --- Through the site ---------------------------------------------------------------------------


def test_a_resident_types_the_code_from_paper_chooses_a_password_and_is_logged_in(
    client, roster_resident, facilitator
):
    user = roster_resident()
    code = activation_code(user, facilitator)

    form_page = client.get(CODE_PAGE)
    typed = client.post(CODE_PAGE, {"kode": code.replace("-", " ").lower()})
    password_page = client.get(typed["Location"])
    done = client.post(
        typed["Location"], {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD, "consent": "on"}
    )

    assert form_page.status_code == 200
    assert BeautifulSoup(form_page.content, "html.parser").find("label", attrs={"for": "id_kode"})
    assert typed.status_code == 302
    assert typed["Location"] == f"/akun/aktifkan/{code}/"
    assert password_page.status_code == 200
    consent_box = BeautifulSoup(password_page.content, "html.parser").find("input", attrs={"name": "consent"})
    assert consent_box is not None
    assert done.status_code == 302
    assert done["Location"] == "/saya/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/saya/").status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.post("/akun/masuk/", {"username": "0812 3456 7890", "password": NEW_PASSWORD}).status_code == 302


def test_the_code_page_takes_the_code_from_its_address(client, roster_resident, facilitator):
    code = activation_code(roster_resident(), facilitator)

    response = client.get(CODE_PAGE, {"kode": code.replace("-", "")})

    assert response.status_code == 302
    assert response["Location"] == f"/akun/aktifkan/{code}/"


def test_a_code_that_does_not_work_is_refused_on_the_form_with_the_clear_message(client, roster_resident, facilitator):
    code = activation_code(roster_resident(), facilitator)
    AccountInvitation.objects.update(used_at=timezone.now())

    response = client.post(CODE_PAGE, {"kode": code})

    assert response.status_code == 200
    assert message(INVALID_CODE_MESSAGE) in field_errors(response, "kode")


def test_a_dead_link_shows_the_code_form_with_the_clear_message(client, roster_resident, facilitator):
    code = activation_code(roster_resident(), facilitator)
    AccountInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))

    response = client.get(f"/akun/aktifkan/{code}/")

    assert response.status_code == 404
    assert message(INVALID_CODE_MESSAGE) in field_errors(response, "kode")
    assert BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "kode"})


def test_a_code_used_in_another_tab_is_refused_in_the_second_one(client, roster_resident, facilitator):
    user = roster_resident()
    page = f"/akun/aktifkan/{activation_code(user, facilitator)}/"
    client.get(page)  # the first tab
    client.get(page)  # the second tab
    form = {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD, "consent": "on"}

    first = client.post(page, form)
    second = client.post(
        page, {**form, "password": "sandi-lain-yang-panjang", "password_confirm": "sandi-lain-yang-panjang"}
    )

    assert first.status_code == 302
    assert second.status_code == 404
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_the_set_password_page_shows_every_refusal_next_to_its_field_and_keeps_the_code(
    client, roster_resident, facilitator
):
    user = roster_resident()
    page = f"/akun/aktifkan/{activation_code(user, facilitator)}/"

    response = client.post(page, {"password": NEW_PASSWORD, "password_confirm": "lain"})

    assert response.status_code == 200
    assert field_errors(response, "password_confirm")
    assert field_errors(response, "consent")
    assert client.session.get("_auth_user_id") is None
    assert client.get(page).status_code == 200


def test_a_reset_code_page_asks_only_for_the_password(client, facilitator):
    user = factories.learner(phone="+6281234567890")
    page = f"/akun/aktifkan/{password_reset_code_create(user=user, created_by=facilitator)}/"

    form_page = client.get(page)
    done = client.post(page, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})

    assert BeautifulSoup(form_page.content, "html.parser").find("input", attrs={"name": "consent"}) is None
    assert done["Location"] == "/saya/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_new_password_from_a_reset_code_lifts_a_lock_out(client, facilitator):
    user = factories.learner(phone="+6281234567890")
    for number in range(5):
        client.post("/akun/masuk/", {"username": "0812 3456 7890", "password": f"salah-{number}"})
    page = f"/akun/aktifkan/{password_reset_code_create(user=user, created_by=facilitator)}/"
    client.post(page, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    client.post("/akun/keluar/")

    response = client.post("/akun/masuk/", {"username": "0812 3456 7890", "password": NEW_PASSWORD})

    assert response.status_code == 302


def test_the_log_in_and_reset_pages_lead_phone_only_residents_to_the_code_page(client):
    for page in ("/akun/masuk/", "/akun/sandi/"):
        soup = BeautifulSoup(client.get(page).content, "html.parser")
        assert soup.find("a", href=CODE_PAGE), page


# --- Guessing ---------------------------------------------------------------------------------------


def guess(client, number, address=CLASS_ADDRESS):
    code = f"{number:010d}".translate(str.maketrans("0123456789", "34679ACDEF"))
    return client.post(CODE_PAGE, {"kode": code}, REMOTE_ADDR=address)


def test_after_ten_wrong_codes_from_one_address_even_a_right_code_is_refused_for_a_while(
    client, roster_resident, facilitator
):
    code = activation_code(roster_resident(), facilitator)

    guesses = [guess(client, number) for number in range(10)]
    right_code = client.post(CODE_PAGE, {"kode": code}, REMOTE_ADDR=CLASS_ADDRESS)
    right_link = client.get(f"/akun/aktifkan/{code}/", REMOTE_ADDR=CLASS_ADDRESS)

    assert [response.status_code for response in guesses] == [200] * 9 + [429]
    assert (right_code.status_code, right_link.status_code) == (429, 429)
    page = BeautifulSoup(right_code.content, "html.parser")
    assert page.find(role="alert") is not None
    assert page.find("input", attrs={"name": "kode"}) is None
    assert invitations.invitation_by_code(code) is not None  # nothing was used


def test_the_pause_ends_after_fifteen_minutes(client, roster_resident, facilitator, monkeypatch, rate_limit_clock):
    code = activation_code(roster_resident(), facilitator)
    for number in range(10):
        guess(client, number)
    later = timezone.now() + invitation_throttle.COOL_OFF + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    rate_limit_clock.advance(invitation_throttle.COOL_OFF + datetime.timedelta(seconds=1))

    response = client.post(CODE_PAGE, {"kode": code}, REMOTE_ADDR=CLASS_ADDRESS)

    assert response.status_code == 302


def test_wrong_codes_from_one_address_do_not_pause_another(client, roster_resident, facilitator):
    code = activation_code(roster_resident(), facilitator)
    for number in range(10):
        guess(client, number)

    response = client.post(CODE_PAGE, {"kode": code}, REMOTE_ADDR="36.68.1.1")

    assert response.status_code == 302


def test_wrong_links_count_as_wrong_codes(client):
    responses = [
        client.get(f"/akun/aktifkan/{'34679ACDE' + letter}/", REMOTE_ADDR=CLASS_ADDRESS) for letter in "FGHJKMNPQR"
    ]

    assert [response.status_code for response in responses] == [404] * 9 + [429]


def test_typos_in_the_length_or_letters_of_a_code_do_not_count_as_guesses(client, roster_resident, facilitator):
    code = activation_code(roster_resident(), facilitator)
    for _typo in range(12):
        response = client.post(CODE_PAGE, {"kode": code[:-1]}, REMOTE_ADDR=CLASS_ADDRESS)
        assert response.status_code == 200
        assert field_errors(response, "kode")

    response = client.post(CODE_PAGE, {"kode": code}, REMOTE_ADDR=CLASS_ADDRESS)

    assert response.status_code == 302


def test_a_resident_who_sets_a_password_clears_the_count_for_the_next_in_the_class(
    client, roster_resident, facilitator
):
    budi, siti = roster_resident(), roster_resident("Siti Aminah", phone="+6281300000001")
    budi_code, siti_code = activation_code(budi, facilitator), activation_code(siti, facilitator)
    for number in range(9):
        guess(client, number)
    client.post(
        f"/akun/aktifkan/{budi_code}/",
        {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD, "consent": "on"},
        REMOTE_ADDR=CLASS_ADDRESS,
    )
    client.post("/akun/keluar/")
    guess(client, 100)

    response = client.post(CODE_PAGE, {"kode": siti_code}, REMOTE_ADDR=CLASS_ADDRESS)

    assert response.status_code == 302


# --- Invitations by e-mail ----------------------------------------------------------------------------


def invitation_link(message):
    return re.search(r"https?://\S+/akun/aktifkan/[0-9A-Z]{5}-[0-9A-Z]{5}/", message.body).group(0)


def test_the_invitation_email_carries_the_link_the_code_and_how_long_they_work(roster_resident, facilitator, settings):
    settings.SITE_URL = "https://sekolahwarga.example.id"
    siti = roster_resident("Siti Rahmawati", email="siti@contoh.id", phone=None)

    sent = invitation_emails_send([siti.pk], facilitator.pk)

    assert sent == 1
    [email] = mail.outbox
    assert email.to == ["siti@contoh.id"]
    assert "\n" not in email.subject and "Sekolah Warga" in email.subject
    link = invitation_link(email)
    code = link.rstrip("/").rsplit("/", 1)[1]
    assert link.startswith("https://sekolahwarga.example.id/akun/aktifkan/")
    assert f"\n{code}\n" in email.body
    assert re.search(r"https://sekolahwarga\.example\.id/akun/aktifkan/\s", email.body)  # where to type the code
    assert "Siti Rahmawati" in email.body and "30" in email.body
    invitation = AccountInvitation.objects.get(user=siti)
    assert invitation.emailed_at is not None and invitation.created_by == facilitator


def test_the_invitation_email_link_followed_activates_the_account(client, roster_resident, facilitator):
    siti = roster_resident("Siti Rahmawati", email="siti@contoh.id", phone=None)
    invitation_emails_send([siti.pk], facilitator.pk)
    page = path_of(invitation_link(mail.outbox[0]))

    assert client.get(page).status_code == 200
    response = client.post(page, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD, "consent": "on"})

    assert response["Location"] == "/saya/"
    assert client.session["_auth_user_id"] == str(siti.pk)
    siti.refresh_from_db()
    assert siti.check_password(NEW_PASSWORD)
    assert siti.learner_profile.consent_recorded_by is None


def test_invitation_emails_go_once_per_resident_even_when_the_task_runs_twice(roster_resident, facilitator):
    residents = [
        roster_resident(f"Warga {number}", email=f"warga{number}@contoh.id", phone=None) for number in range(3)
    ]
    ids = [resident.pk for resident in residents]

    invitation_emails_send.delay(ids, facilitator.pk)
    invitation_emails_send.delay(ids, facilitator.pk)

    assert sorted(message.to[0] for message in mail.outbox) == [f"warga{number}@contoh.id" for number in range(3)]
    assert AccountInvitation.objects.filter(emailed_at__isnull=False).count() == 3


def test_invitation_emails_skip_residents_without_email_or_with_a_password(roster_resident, facilitator):
    phone_only = roster_resident("Budi", phone="+6281234567890")
    has_password = factories.learner(full_name="Ani", email="ani@contoh.id")
    waiting = roster_resident("Siti", email="siti@contoh.id", phone=None)

    invitation_emails_send([phone_only.pk, has_password.pk, waiting.pk], facilitator.pk)

    assert [message.to for message in mail.outbox] == [["siti@contoh.id"]]
    assert list(AccountInvitation.objects.values_list("user_id", flat=True)) == [waiting.pk]


def test_a_resident_whose_emailed_invitation_expired_gets_a_new_one(roster_resident, facilitator):
    siti = roster_resident("Siti", email="siti@contoh.id", phone=None)
    invitation_emails_send([siti.pk], facilitator.pk)
    AccountInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))

    invitation_emails_send([siti.pk], facilitator.pk)

    assert len(mail.outbox) == 2
    assert invitation_link(mail.outbox[0]) != invitation_link(mail.outbox[1])


def test_invitation_emails_are_sent_once_the_enrolment_is_committed(
    roster_resident, facilitator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        siti = roster_resident("Siti", email="siti@contoh.id", phone=None)
        transaction.on_commit(lambda: invitation_emails_send.delay([siti.pk], facilitator.pk))
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert [message.to for message in mail.outbox] == [["siti@contoh.id"]]


def test_invitations_already_sent_stay_valid_when_the_mail_server_fails_midway(
    roster_resident, facilitator, monkeypatch
):
    residents = [roster_resident(f"Warga {n}", email=f"warga{n}@contoh.id", phone=None) for n in range(3)]
    real_send = EmailBackend.send_messages

    def fail_on_the_second(self, messages):
        if len(mail.outbox) == 1:
            raise ConnectionError("the mail server went away")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", fail_on_the_second)
    with pytest.raises(ConnectionError):
        invitation_emails_send([resident.pk for resident in residents], facilitator.pk)
    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    first_link = invitation_link(mail.outbox[0])

    invitation_emails_send([resident.pk for resident in residents], facilitator.pk)  # the retry

    assert sorted(message.to[0] for message in mail.outbox) == [f"warga{n}@contoh.id" for n in range(3)]
    code = first_link.rstrip("/").rsplit("/", 1)[1]
    assert invitations.invitation_by_code(code) is not None


def test_the_email_task_is_registered_with_the_celery_app_under_its_name():
    from lms.celery import app

    assert app.tasks[invitation_emails_send.name] is not None
    assert invitation_emails_send.name == "accounts.tasks.invitation_emails_send"
