"""An invitation e-mail names the class, its organisation and the facilitator, with the organisation's
contact to check it with: an unnamed "choose your password" e-mail reads as phishing."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.tasks import invitation_emails_send
from classes.roster import invitation_names, roster_import
from organisations.models import Membership, Organisation
from organisations.services import organisation_create
from tests import factories
from tests.classes.conftest import make_cohort

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def cohort(site_tree):
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    Organisation.objects.filter(pk=lestari.pk).update(
        contact_email="halo@lestari.example.id", contact_phone="0542 123456"
    )
    lestari.refresh_from_db()
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=lestari)
    factories.module_page(course, title="Memilah Sampah")
    [facilitator] = factories.users_with_roles(
        members=[("fasilitator-lestari", lestari, Membership.Role.FACILITATOR)]
    ).values()
    facilitator.first_name = "Rina Wulandari"
    facilitator.save()
    return make_cohort(
        course=course, organisation=lestari, facilitators=[facilitator], name="Kelas Lingkungan Gunung Bahagia"
    )


def roster_with(cohort, *lines):
    facilitator = cohort.facilitators.get()
    data = "\n".join(["nama,email,telepon,kelurahan", *lines]).encode()
    return roster_import(cohort=cohort, data=data, by=facilitator)


def test_the_invitation_names_the_class_the_organisation_and_the_facilitator(
    cohort, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        roster_with(cohort, "Siti Rahmawati,siti@contoh.id,,Gunung Bahagia")

    [email] = mailoutbox
    assert email.to == ["siti@contoh.id"]
    assert "\n" not in email.subject
    assert "Kelas Lingkungan Gunung Bahagia" in email.subject and "Yayasan Lingkungan Lestari" in email.subject
    body = " ".join(email.body.split())
    for name in (
        "Siti Rahmawati",  # whom it is for
        "Rina Wulandari",  # who enrolled them
        "Yayasan Lingkungan Lestari",
        "Kelas Lingkungan Gunung Bahagia",
        "“Pengelolaan Sampah”",
        "halo@lestari.example.id · 0542 123456",  # where to check that it is genuine
    ):
        assert name in body, name
    # Plain text: names are never HTML-escaped (an “&” stays an “&”).
    assert "&amp;" not in email.subject + email.body


def test_names_with_an_ampersand_are_not_escaped(cohort, mailoutbox, django_capture_on_commit_callbacks):
    Organisation.objects.filter(pk=cohort.organisation_id).update(name="Warga & Lingkungan")
    cohort.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        roster_with(cohort, "Siti Rahmawati,siti@contoh.id,,Gunung Bahagia")

    [email] = mailoutbox
    assert "Warga & Lingkungan" in email.subject and "Warga & Lingkungan" in email.body
    assert "&amp;" not in email.subject + email.body


def test_without_the_organisations_contact_the_facilitator_is_who_to_ask(
    cohort, mailoutbox, django_capture_on_commit_callbacks
):
    Organisation.objects.filter(pk=cohort.organisation_id).update(contact_email="", contact_phone="")
    cohort.refresh_from_db()
    assert invitation_names(cohort=cohort, by=cohort.facilitators.get())["contact"] == ""

    with django_capture_on_commit_callbacks(execute=True):
        roster_with(cohort, "Siti Rahmawati,siti@contoh.id,,Gunung Bahagia")

    [email] = mailoutbox
    body = " ".join(email.body.split())
    assert "Rina Wulandari" in body and "Yayasan Lingkungan Lestari" in body
    assert "halo@lestari.example.id" not in body
    assert ": ." not in body  # no empty contact left behind


def test_phone_only_learners_get_no_email(cohort, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        roster_with(cohort, "Budi Santoso,,0812 3456 7890,Gunung Bahagia")

    assert mailoutbox == []


def test_an_invitation_queued_before_the_names_were_passed_still_goes_out(cohort):
    # A task enqueued by the previous version (user ids and the facilitator only) runs after a deploy.
    siti = factories.learner(full_name="Siti Rahmawati", password=None, email="siti@contoh.id")

    assert invitation_emails_send([siti.pk], cohort.facilitators.get().pk) == 1

    [email] = mail.outbox
    assert "Sekolah Warga" in email.subject
    assert "Kelas Lingkungan Gunung Bahagia" not in email.body
