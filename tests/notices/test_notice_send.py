"""notice_send, the one way to tell a resident something: kept for /saya/, e-mailed where there is an address."""

import pytest
from django.db import transaction

from notices.models import Notice
from notices.selectors import unread_notices
from notices.services import notice_send, notices_mark_seen
from notices.tasks import email_deliver
from tests import factories

pytestmark = pytest.mark.django_db


def send(**kwargs):
    return notice_send(
        subject="Balasan Suara Warga", body="Saluran sudah dibersihkan.", link="/suara-warga/X/", **kwargs
    )


def test_a_resident_with_an_email_gets_the_notice_on_saya_and_by_email(
    mailoutbox, django_capture_on_commit_callbacks, settings
):
    resident = factories.learner(email="siti@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        notice = send(user=resident)
    assert list(unread_notices(user=resident)) == [notice]
    [email] = mailoutbox
    assert email.to == ["siti@example.com"]
    assert email.subject == "Balasan Suara Warga"
    assert "Saluran sudah dibersihkan." in email.body
    assert f"{settings.SITE_URL}/suara-warga/X/" in email.body
    notice.refresh_from_db()
    assert notice.emailed_at is not None


def test_a_phone_only_resident_gets_the_notice_on_saya_and_no_email(mailoutbox, django_capture_on_commit_callbacks):
    resident = factories.learner(phone="081234567890")
    with django_capture_on_commit_callbacks(execute=True):
        notice = send(user=resident)
    assert list(unread_notices(user=resident)) == [notice]
    assert mailoutbox == []


def test_someone_without_an_account_gets_only_the_email(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert send(email="budi@example.com") is None
    assert [email.to for email in mailoutbox] == [["budi@example.com"]]
    assert not Notice.objects.exists()


def test_nothing_goes_out_for_a_change_that_is_rolled_back(mailoutbox, django_capture_on_commit_callbacks):
    resident = factories.learner(email="siti@example.com")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send(user=resident)
        raise RuntimeError("the change failed")
    assert mailoutbox == []
    assert not Notice.objects.exists()


def test_a_second_run_of_the_email_task_sends_nothing_again(mailoutbox, django_capture_on_commit_callbacks):
    resident = factories.learner(email="siti@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        notice = send(user=resident)
    email_deliver(notice_id=notice.pk, email="siti@example.com", subject=notice.subject, body=notice.body)
    assert len(mailoutbox) == 1


def test_a_failed_email_is_sent_again_by_the_retry(mailoutbox, django_capture_on_commit_callbacks, monkeypatch):
    resident = factories.learner(email="siti@example.com")
    with django_capture_on_commit_callbacks(execute=False):
        notice = send(user=resident)

    def mail_server_down(self, *args, **kwargs):
        raise OSError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMessage.send", mail_server_down)
        with pytest.raises(OSError):
            email_deliver.run(notice_id=notice.pk, email="siti@example.com", subject=notice.subject, body=notice.body)
    notice.refresh_from_db()
    assert notice.emailed_at is None  # not claimed: the retry sends it
    email_deliver.run(notice_id=notice.pk, email="siti@example.com", subject=notice.subject, body=notice.body)
    assert len(mailoutbox) == 1


def test_seen_notices_leave_the_unread_list_and_only_the_residents_own(django_capture_on_commit_callbacks):
    siti, budi = factories.learner(phone="081234567890"), factories.learner(full_name="Budi", phone="081298765432")
    first, second = send(user=siti), send(user=siti)
    budis = send(user=budi)
    assert notices_mark_seen(user=siti, notices=[first]) == 1
    assert list(unread_notices(user=siti)) == [second]
    assert notices_mark_seen(user=siti, notices=[budis]) == 0  # another resident's notice is not theirs to mark
    assert list(unread_notices(user=budi)) == [budis]


def test_a_subject_longer_than_a_notice_keeps_is_shortened_not_refused(mailoutbox, django_capture_on_commit_callbacks):
    """A forum's title (up to 255 characters) may make a subject longer than the 200 a notice keeps."""
    resident = factories.learner(email="siti@example.com")
    long_subject = "Tempat untuk Anda di " + "Forum Warga Gunung Bahagia " * 10
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_send(user=resident, subject=long_subject, body="Anda terdaftar.")
    notice.refresh_from_db()
    assert len(notice.subject) == 200 and notice.subject.endswith("…")
    assert long_subject.startswith(notice.subject[:-1])
    assert mailoutbox[0].subject == notice.subject


def test_a_link_that_is_already_a_full_address_is_emailed_as_it_is(mailoutbox, django_capture_on_commit_callbacks):
    """A page's URL is a full address when the install serves several sites: the e-mail still goes out."""
    resident = factories.learner(email="siti@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_send(
            user=resident, subject="Forum", body="Anda terdaftar.", link="https://kelurahan.example.id/forum/x/"
        )
    assert "https://kelurahan.example.id/forum/x/" in mailoutbox[0].body
    notice.refresh_from_db()
    assert notice.emailed_at is not None
