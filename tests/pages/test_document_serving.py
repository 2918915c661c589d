"""Uploaded documents: sent only by Wagtail's view, which checks who may see them, and never
opened in the browser when they could run scripts as the site (HTML, SVG)."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

SCRIPTED_HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SCRIPTED_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def document(name, content, collection=None):
    """A document as the admin would have stored it (files of any kind may come from before today's
    WAGTAILDOCS_EXTENSIONS, or from someone who changes it)."""
    return get_document_model().objects.create(
        title=name,
        file=ContentFile(content, name=name),
        collection=collection or Collection.get_first_root_node(),
    )


def restricted_collection(restriction_type, *, groups=()):
    collection = Collection.get_first_root_node().add_child(name="Dokumen internal")
    restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type=restriction_type)
    restriction.groups.set(groups)
    return collection


def streamed_content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_documents_link_to_wagtails_serve_view_not_to_the_media_folder(settings):
    doc = document("jadwal.pdf", b"%PDF-1.7\n")

    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert doc.url == f"/documents/{doc.pk}/{doc.filename}"


@pytest.mark.parametrize(("name", "content"), [("halaman.html", SCRIPTED_HTML), ("gambar.svg", SCRIPTED_SVG)])
def test_html_and_svg_documents_are_downloaded_never_shown_inline(client, name, content):
    doc = document(name, content)

    response = client.get(doc.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert doc.filename in response["Content-Disposition"]
    # Were a browser to show it anyway, nothing in it may run, and its type is not guessed.
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert streamed_content(response) == content


def test_a_pdf_opens_in_the_browser(client):
    response = client.get(document("panduan.pdf", b"%PDF-1.7\n").url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_document_for_logged_in_people_sends_a_visitor_to_log_in(client):
    doc = document("notulen.pdf", b"%PDF-1.7\nrahasia", restricted_collection(CollectionViewRestriction.LOGIN))

    response = client.get(doc.url)

    assert response.status_code == 302
    assert response["Location"] == f"/akun/masuk/?next={doc.url}"
    assert b"rahasia" not in streamed_content(response)


def test_a_document_for_a_group_is_refused_to_a_resident_outside_it(client):
    staff = Group.objects.create(name="Staf Pemkot")
    doc = document("anggaran.pdf", b"%PDF-1.7\nrahasia", restricted_collection("groups", groups=[staff]))
    client.force_login(factories.learner())

    response = client.get(doc.url)

    # Refused outright: sending someone already logged in to log in would loop between the two pages.
    assert response.status_code == 403
    assert b"rahasia" not in streamed_content(response)
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_document_for_a_group_is_sent_to_a_member(client):
    staff = Group.objects.create(name="Staf Pemkot")
    doc = document("anggaran.pdf", b"%PDF-1.7\nrahasia", restricted_collection("groups", groups=[staff]))
    member = factories.learner()
    member.groups.add(staff)
    client.force_login(member)

    response = client.get(doc.url)

    assert response.status_code == 200
    assert streamed_content(response) == b"%PDF-1.7\nrahasia"
