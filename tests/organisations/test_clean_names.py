"""Names typed in the Wagtail admin are stored as clean text: an organisation's name, a page's title,
an inline row's fields. Every admin form of a model's CharField cleans (lms.apps registers it)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from certificates.models import CertificateTemplate
from organisations.models import Organisation
from organisations.services import organisation_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site_tree):
    client.force_login(get_user_model().objects.create_superuser(username="admin", password="x"))
    return client


def test_a_new_organisations_name_is_stored_clean_and_composed(admin_client):
    response = admin_client.post(
        reverse("organisations:add"),
        {"name": "Komunitas\u202e Peduli Teluk\x00", "slug": "peduli-teluk", "kind": "community", "contact_phone": ""},
    )

    assert response.status_code == 302
    assert Organisation.objects.get(slug="peduli-teluk").name == "Komunitas Peduli Teluk"


def test_an_organisations_name_that_is_only_invisible_characters_is_refused(admin_client):
    response = admin_client.post(
        reverse("organisations:add"), {"name": "\u202e\u200b", "slug": "kosong", "kind": "community"}
    )

    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not Organisation.objects.filter(slug="kosong").exists()


def test_an_edited_organisation_name_with_decomposed_letters_is_stored_composed(admin_client):
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")

    response = admin_client.post(
        reverse("organisations:edit", args=[lestari.pk]),
        {"name": "Yayasan Lingkungan Lesta\u0301ri\t", "slug": "lestari", "kind": "ngo"},
    )

    assert response.status_code == 302
    lestari.refresh_from_db()
    assert lestari.name == "Yayasan Lingkungan Lest\u00e1ri"


def test_a_published_page_title_is_stored_clean(admin_client, site_tree):
    forums = site_tree["forums"]

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[forums.pk]),
        nested_form_data(
            {
                "title": "Forum\u202e Warga\u200b",
                "slug": "forum",
                "intro": rich_text(""),
                "action-publish": "action-publish",
            }
        ),
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = Page.objects.get(pk=forums.pk)
    assert (page.title, page.draft_title) == ("Forum Warga", "Forum Warga")


def test_a_snippets_inline_rows_are_stored_clean(admin_client):
    template = CertificateTemplate.objects.create(name="Templat Pemkot")

    response = admin_client.post(
        reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk]),
        nested_form_data(
            {
                "name": "Templat\u202e Pemkot",
                "heading": template.heading,
                "body": template.body,
                "orientation": template.orientation,
                "signatories": inline_formset([{"name": "Rahmad Mas\u0301ud\x00", "title": "Wali Kota\tBalikpapan"}]),
            }
        ),
    )

    assert response.status_code == 302
    template.refresh_from_db()
    assert template.name == "Templat Pemkot"
    signatory = template.signatories.get()
    assert (signatory.name, signatory.title) == ("Rahmad Ma\u015bud", "Wali Kota Balikpapan")


def test_the_data_migration_cleans_organisation_names_stored_before(site_tree):
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    cerdas = organisation_create(name="Perkumpulan Warga Cerdas", slug="cerdas", kind="ngo")
    twin = organisation_create(name="Twin", slug="twin", kind="ngo")
    # Written around the forms, as before names were cleaned; the last one's clean form is taken.
    Organisation.objects.filter(pk=lestari.pk).update(name="Yayasan\u202e Lingkungan Lestari")
    Organisation.objects.filter(pk=twin.pk).update(name="Perkumpulan Warga Cerdas\u200b")

    importlib.import_module("organisations.migrations.0004_clean_text").clean_text(apps, schema_editor=None)

    names = dict(Organisation.objects.values_list("slug", "name"))
    assert names["lestari"] == "Yayasan Lingkungan Lestari"
    assert names["cerdas"] == cerdas.name
    assert names["twin"] == "Perkumpulan Warga Cerdas\u200b"  # left for staff: two names would be the same


def test_a_page_copied_in_the_admin_gets_a_clean_title(admin_client, site_tree):
    forum = factories.forum_page(site_tree["forums"])

    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[forum.pk]),
        {
            "new_title": "Salinan\u202e Forum\u200b",
            "new_slug": "salinan-forum",
            "new_parent_page": site_tree["forums"].pk,
            "copy_subpages": "",
            "publish_copies": "",
        },
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    copy = Page.objects.get(slug="salinan-forum")
    assert (copy.title, copy.draft_title) == ("Salinan Forum", "Salinan Forum")


def test_an_image_title_is_stored_clean_however_it_is_saved(site_tree):
    image = get_image_model().objects.create(title="Logo\u202e Lestari\u0000", file=get_test_image_file())

    image.refresh_from_db()
    assert image.title == "Logo Lestari"
