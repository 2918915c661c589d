"""End to end with a real Celery worker on the broker: a notice's e-mail goes out from the worker, once."""

from email import message_from_string
from email.policy import default

from notices.services import notice_send
from tests import factories
from tests.celery_worker import WORKER_ON_THE_DATABASE, worker_caught_up, worker_on_the_database

pytestmark = WORKER_ON_THE_DATABASE


def test_the_worker_emails_the_notice_once(wagtail_root, tmp_path, monkeypatch):
    mail_folder = tmp_path / "mail"
    mail_folder.mkdir()
    # The worker is another process: it writes each e-mail to a file where this test reads it.
    monkeypatch.setenv("EMAIL_URL", f"filemail:///{mail_folder}")  # django-environ drops one slash
    resident = factories.learner(email="siti@example.com")
    with worker_on_the_database(tmp_path) as queue:
        notice = notice_send(user=resident, subject="Balasan Suara Warga", body="Saluran sudah dibersihkan.")
        assert worker_caught_up(queue)

    notice.refresh_from_db()
    assert notice.emailed_at is not None
    [written] = list(mail_folder.iterdir())
    email = message_from_string(written.read_text(), policy=default)
    assert email["To"] == "siti@example.com"
    assert email["Subject"] == "Balasan Suara Warga"
