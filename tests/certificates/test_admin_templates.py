"""Certificate templates as a snippet: who edits them, the PDF preview of unsaved edits, and placeholder errors."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from certificates.models import CertificateTemplate
from tests import factories
from tests.certificates import admin_fixtures

pytestmark = pytest.mark.django_db

# Fixtures shared by the admin tests (tests/certificates/conftest.py belongs to the issuing tests).
world = admin_fixtures.world

NAMESPACE = "wagtailsnippets_certificates_certificatetemplate"


@pytest.fixture
def template():
    return CertificateTemplate.objects.create(name="Templat Pemkot")


@pytest.fixture
def designer():
    """A user given the certificate template permissions (Django's model permissions), nothing else."""
    user = factories.resident(username="desainer")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="certificates",
            codename__in=["add_certificatetemplate", "change_certificatetemplate", "view_certificatetemplate"],
        ),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    return user


@pytest.fixture
def superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(username="admin", password="x", email="admin@contoh.id")


def form_data(template, **changes):
    values = {
        "name": template.name,
        "heading": template.heading,
        "body": template.body,
        "orientation": template.orientation,
        "show_organisation_logo": "on",
        "signatories": inline_formset([{"name": "Rahmad Mas'ud", "title": "Wali Kota Balikpapan"}]),
        **changes,
    }
    return nested_form_data(values)


@pytest.mark.parametrize("who", ["superuser", "designer"])
def test_superusers_and_holders_of_the_model_permissions_edit_templates(client, request, template, who):
    client.force_login(request.getfixturevalue(who))

    assert template.name in client.get(reverse(f"{NAMESPACE}:list")).text
    assert client.get(reverse(f"{NAMESPACE}:edit", args=[template.pk])).status_code == 200


@pytest.mark.parametrize("role", ["facilitator", "author", "government"])
def test_people_without_the_template_permissions_cannot_open_the_templates(client, world, template, role):
    client.force_login(world["users"][role])

    for url in (reverse(f"{NAMESPACE}:list"), reverse(f"{NAMESPACE}:edit", args=[template.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response.url == reverse("wagtailadmin_home")


def test_the_preview_of_unsaved_edits_is_the_certificate_pdf(client, designer, template):
    client.force_login(designer)
    preview_url = reverse(f"{NAMESPACE}:preview_on_edit", args=[template.pk])

    stored = client.post(preview_url, form_data(template, heading="Piagam Penghargaan"))
    response = client.get(preview_url, {"mode": "pdf"})

    assert stored.json() == {"is_valid": True, "is_available": True}
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    template.refresh_from_db()
    assert template.heading != "Piagam Penghargaan"  # a preview saves nothing


def test_the_preview_of_a_new_template_is_a_pdf_too(client, designer):
    client.force_login(designer)
    preview_url = reverse(f"{NAMESPACE}:preview_on_add")

    client.post(preview_url, form_data(CertificateTemplate(name="Templat Baru")))
    response = client.get(preview_url, {"mode": "pdf"})

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_an_unknown_placeholder_is_refused_with_the_placeholders_that_exist(client, designer, template):
    client.force_login(designer)

    response = client.post(
        reverse(f"{NAMESPACE}:edit", args=[template.pk]), form_data(template, body="Diberikan kepada {nama_lengkap}")
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Penanda {nama_lengkap} tidak dikenal. Gunakan hanya: {nama}, {kursus}" in page
    template.refresh_from_db()
    assert "{nama_lengkap}" not in template.body
    preview = client.post(
        reverse(f"{NAMESPACE}:preview_on_edit", args=[template.pk]),
        form_data(template, body="Diberikan kepada {nama_lengkap}"),
    )
    assert preview.json()["is_valid"] is False
