"""Revoking, re-issuing and retrying one certificate in the admin: who may, what changes, what is logged."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from certificates.services import certificate_revoke
from tests.certificates import admin_fixtures
from tests.certificates.admin_fixtures import completed_enrolment

pytestmark = pytest.mark.django_db

# Fixtures shared by the admin tests (tests/certificates/conftest.py belongs to the issuing tests).
world = admin_fixtures.world
certified = admin_fixtures.certified


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser(username="admin", password="x", email="admin@contoh.id")


def url(name, certificate):
    return reverse(f"issued_certificates:{name}", args=[certificate.pk])


def shown_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def refused(response):
    """A 404, a 403, Wagtail's "no permission" redirect to the dashboard, or to its login for non-staff."""
    if response.status_code == 302:
        return response.url == reverse("wagtailadmin_home") or response.url.startswith(reverse("wagtailadmin_login"))
    return response.status_code in (403, 404)


def log_entries(certificate, action):
    return ModelLogEntry.objects.filter(object_id=str(certificate.pk), action=action)


# --- Revoke


@pytest.mark.parametrize("who", ["government", "superuser"])
def test_government_staff_and_superusers_revoke_with_a_reason_and_it_is_logged(client, certified, superuser, who):
    user = superuser if who == "superuser" else certified["users"]["government"]
    certificate = certified["certificates"]["own"]
    client.force_login(user)

    form = client.get(url("revoke", certificate))
    response = client.post(url("revoke", certificate), {"reason": "Peserta tidak pernah hadir; data palsu."})

    assert "Alasan pencabutan" in form.text
    assert response.status_code == 302 and response.url == url("inspect", certificate)
    assert f"Sertifikat {certificate.display_code} telah dicabut." in shown_messages(response)[0]
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by == user
    assert certificate.revocation_reason == "Peserta tidak pernah hadir; data palsu."
    entry = log_entries(certificate, "certificates.revoke").get()
    assert entry.user == user
    assert entry.data["reason"] == "Peserta tidak pernah hadir; data palsu."


def test_the_revocation_log_action_has_an_indonesian_label():
    assert str(log_registry.get_action_label("certificates.revoke")) == "Cabut sertifikat"
    assert str(log_registry.get_action_label("certificates.reissue")) == "Terbitkan ulang sertifikat"
    assert str(log_registry.get_action_label("certificates.batch")) == "Terbitkan sertifikat kelas"


def test_a_revocation_without_a_reason_is_refused_with_a_message(client, certified):
    certificate = certified["certificates"]["own"]
    client.force_login(certified["users"]["government"])

    response = client.post(url("revoke", certificate), {"reason": "  "})

    assert response.status_code == 200
    assert "Tuliskan alasan pencabutan sertifikat ini." in response.text
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_revoking_a_revoked_certificate_shows_the_services_error(client, certified):
    certificate = certified["certificates"]["own"]
    certificate_revoke(certificate=certificate, revoked_by=certified["users"]["government"], reason="Pertama")
    client.force_login(certified["users"]["government"])

    response = client.post(url("revoke", certificate), {"reason": "Kedua"})

    assert response.status_code == 200
    assert "Sertifikat ini sudah dicabut sebelumnya." in response.text
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Pertama"
    assert log_entries(certificate, "certificates.revoke").count() == 1


@pytest.mark.parametrize("role", ["facilitator", "author", "other facilitator", "reviewer", "resident"])
def test_only_government_staff_and_superusers_revoke(client, certified, role):
    certificate = certified["certificates"]["own"]
    client.force_login(certified["users"][role])

    assert refused(client.get(url("revoke", certificate)))
    assert refused(client.post(url("revoke", certificate), {"reason": "Saya mau mencabut"}))

    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_the_revoke_button_is_offered_to_staff_but_not_to_the_facilitator(client, certified):
    certificate = certified["certificates"]["own"]
    client.force_login(certified["users"]["government"])
    assert "Cabut sertifikat" in client.get(url("inspect", certificate)).text
    client.force_login(certified["users"]["facilitator"])
    assert "Cabut sertifikat" not in client.get(url("inspect", certificate)).text


# --- Re-issue


def test_the_classes_facilitator_reissues_after_a_name_correction(client, certified):
    certificate = certified["certificates"]["own"]
    learner = certificate.enrolment.user
    learner.first_name = "Budi Santoso Wibowo"
    learner.save(update_fields=["first_name"])
    client.force_login(certified["users"]["facilitator"])

    assert "Terbitkan ulang dengan nama peserta saat ini" in client.get(url("inspect", certificate)).text
    response = client.post(url("reissue", certificate))

    assert response.status_code == 302 and response.url == url("inspect", certificate)
    assert shown_messages(response) == [
        f"Sertifikat {certificate.display_code} telah diterbitkan ulang sebagai versi 2, "
        "atas nama Budi Santoso Wibowo."
    ]
    current = certificate.versions.get(superseded_at__isnull=True)
    assert (current.number, current.name) == (2, "Budi Santoso Wibowo")
    assert certificate.versions.count() == 2
    entry = log_entries(certificate, "certificates.reissue").get()
    assert entry.user == certified["users"]["facilitator"]
    assert entry.data["version"] == 2


def test_a_superuser_reissues_any_certificate(client, certified, superuser):
    certificate = certified["certificates"]["other"]
    client.force_login(superuser)

    client.post(url("reissue", certificate))

    assert certificate.versions.count() == 2


@pytest.mark.parametrize("role", ["government", "author", "other facilitator", "reviewer"])
def test_government_staff_and_others_do_not_reissue(client, certified, role):
    certificate = certified["certificates"]["own"]
    client.force_login(certified["users"][role])

    assert refused(client.post(url("reissue", certificate)))

    assert certificate.versions.count() == 1
    assert not log_entries(certificate, "certificates.reissue").exists()


def test_government_staff_are_not_offered_the_reissue_button(client, certified):
    client.force_login(certified["users"]["government"])

    page = client.get(url("inspect", certified["certificates"]["own"])).text

    assert "Terbitkan ulang dengan nama peserta saat ini" not in page


def test_a_revoked_certificate_is_not_reissued_and_the_reason_is_shown(client, certified):
    certificate = certified["certificates"]["own"]
    certificate_revoke(certificate=certificate, revoked_by=certified["users"]["government"], reason="Data palsu")
    client.force_login(certified["users"]["facilitator"])

    response = client.post(url("reissue", certificate))

    assert shown_messages(response) == ["Sertifikat yang sudah dicabut tidak diterbitkan ulang."]
    assert certificate.versions.count() == 1


def test_reissuing_takes_a_post(client, certified):
    client.force_login(certified["users"]["facilitator"])

    assert client.get(url("reissue", certified["certificates"]["own"])).status_code == 405


# --- Retry a failed certificate


@pytest.fixture
def failed(certified):
    enrolment = completed_enrolment(certified["own"], "Rina Gagal")
    return Certificate.objects.create(
        enrolment=enrolment, failed_at=timezone.now(), failure_reason="OSError: font tidak ditemukan"
    )


@pytest.mark.parametrize("role", ["government", "facilitator"])
def test_a_failed_certificate_is_made_again_after_commit(
    client, certified, failed, role, django_capture_on_commit_callbacks
):
    client.force_login(certified["users"][role])
    page = client.get(url("inspect", failed)).text
    assert "OSError: font tidak ditemukan" in page and "Coba lagi" in page

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url("retry", failed))

    assert len(callbacks) == 1
    assert response.status_code == 302
    assert f"Sertifikat {failed.display_code} sedang dibuat lagi." in shown_messages(response)[0]
    failed.refresh_from_db()
    assert failed.failed_at is None and failed.failure_reason == ""
    assert failed.versions.filter(superseded_at__isnull=True).exists()
    assert log_entries(failed, "certificates.retry").get().user == certified["users"][role]


def test_retrying_enqueues_nothing_before_the_commit(client, certified, failed, django_capture_on_commit_callbacks):
    client.force_login(certified["users"]["government"])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url("retry", failed))

    assert len(callbacks) == 1
    failed.refresh_from_db()
    assert failed.failed_at is not None  # the view itself clears nothing


def test_a_certificate_that_has_not_failed_is_not_retried(client, certified, django_capture_on_commit_callbacks):
    certificate = certified["certificates"]["own"]
    client.force_login(certified["users"]["government"])

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url("retry", certificate))

    assert callbacks == []
    assert shown_messages(response) == ["Sertifikat ini tidak gagal: tidak ada yang perlu dicoba lagi."]


@pytest.mark.parametrize("role", ["other facilitator", "author", "reviewer"])
def test_others_cannot_retry_a_failed_certificate(client, certified, failed, role, django_capture_on_commit_callbacks):
    client.force_login(certified["users"][role])

    with django_capture_on_commit_callbacks() as callbacks:
        assert refused(client.post(url("retry", failed)))

    assert callbacks == []


def test_the_site_history_report_lists_a_revocation_with_a_link_to_the_certificate(client, certified, superuser):
    certificate = certified["certificates"]["own"]
    certificate_revoke(certificate=certificate, revoked_by=certified["users"]["government"], reason="Data palsu")
    client.force_login(superuser)

    page = client.get(reverse("wagtailadmin_reports:site_history")).text

    assert "Sertifikat dicabut" in page or "Cabut sertifikat" in page
    assert url("inspect", certificate) in page
