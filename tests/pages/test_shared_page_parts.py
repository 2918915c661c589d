"""What every visitor's page shares is cached (routes, lesson bodies, the menu), and never stale.

These run with the anonymous page cache off (as all tests do), so each request really routes and
renders; what they check is the cache that logged-in residents' pages use (core.page_cache.remember).
"""

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from courses.services import enrolment_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(site_tree):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    return factories.module_page(course, title="Memilah Sampah", body=[("paragraph", "<p>ISI-LAMA</p>")])


@pytest.fixture
def enrolled_client(client, module):
    resident = factories.resident()
    enrolment_create(user=resident, course=module.get_parent().specific)
    client.force_login(resident)
    return client


def test_a_republished_lesson_shows_its_new_text(enrolled_client, module):
    assert "ISI-LAMA" in enrolled_client.get(module.url).text
    module.body = [("paragraph", "<p>ISI-BARU</p>")]
    module.save_revision().publish()
    text = enrolled_client.get(module.url).text
    assert "ISI-BARU" in text
    assert "ISI-LAMA" not in text


def test_a_renamed_document_shows_its_new_name_in_a_lesson_already_shown(enrolled_client, module):
    """The lesson body is cached with the page cache's version (``{% cached_fragment %}``), which a document
    or image bumps: it changes without the lesson being published again."""
    document = Document.objects.create(title="Formulir Lama", file=ContentFile(b"%PDF-1.4", name="formulir.pdf"))
    module.body = [("document", {"document": document, "title": ""})]
    module.save_revision().publish()
    assert "Formulir Lama" in enrolled_client.get(module.url).text
    document.title = "Formulir Baru"
    document.save()
    text = enrolled_client.get(module.url).text
    assert "Formulir Baru" in text
    assert "Formulir Lama" not in text


def test_without_a_version_the_lesson_body_is_not_cached(enrolled_client, module, monkeypatch):
    """No version means the shared cache did not answer (Redis down or flapping): nothing is kept, or a
    lesson kept then would be served, stale, at the next outage."""
    monkeypatch.setattr("core.page_cache.page_cache_version", lambda: None)
    document = Document.objects.create(title="Formulir Lama", file=ContentFile(b"%PDF-1.4", name="formulir.pdf"))
    module.body = [("document", {"document": document, "title": ""})]
    module.save_revision().publish()
    assert "Formulir Lama" in enrolled_client.get(module.url).text
    Document.objects.filter(pk=document.pk).update(title="Formulir Baru")  # changed; no signal, no new version

    assert "Formulir Baru" in enrolled_client.get(module.url).text


def test_a_previewed_draft_never_reaches_residents(enrolled_client, module):
    enrolled_client.get(module.url)  # the live lesson is cached
    module.body = [("paragraph", "<p>DRAF-BELUM-TERBIT</p>")]
    draft = module.save_revision().as_object()
    preview = draft.make_preview_request()
    assert "DRAF-BELUM-TERBIT" in preview.content.decode()
    text = enrolled_client.get(module.url).text
    assert "ISI-LAMA" in text
    assert "DRAF-BELUM-TERBIT" not in text


def test_an_unpublished_page_is_gone_although_its_route_was_cached(enrolled_client, module):
    assert enrolled_client.get(module.url).status_code == 200
    module.unpublish()
    assert enrolled_client.get(module.url).status_code == 404


def test_a_renamed_page_moves_to_its_new_address(enrolled_client, module):
    old_url = module.url
    assert enrolled_client.get(old_url).status_code == 200
    module.slug = "memilah-sampah-di-rumah"
    module.save_revision().publish()
    module.refresh_from_db()
    assert enrolled_client.get(old_url).status_code == 404
    assert enrolled_client.get(module.url).status_code == 200


def test_a_page_made_private_is_refused_although_it_was_served_publicly(client, module):
    assert client.get(module.url).status_code == 200
    PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(module.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_a_new_menu_page_appears_in_the_cached_menu(client, site_tree):
    assert "Tentang Kami" not in client.get("/kursus/").text
    factories.standard_page(site_tree["home"], title="Tentang Kami", show_in_menus=True)
    assert "Tentang Kami" in client.get("/kursus/").text


def test_the_editing_bar_is_for_staff_only(client, module, admin_user):
    resident = factories.resident()
    client.force_login(resident)
    assert "wagtail-userbar" not in client.get(module.url).text
    client.force_login(admin_user)
    assert "wagtail-userbar" in client.get(module.url).text


def test_a_quiz_result_address_leaves_nothing_in_the_cache(enrolled_client, module):
    """Any token makes a valid-looking address: remembering each would let anyone fill Redis."""
    enrolled_client.get(f"{module.url}kuis/2d7f7c50-9187-4f2f-9f2c-313161d94c32/")  # the site, the privacy flag
    before = len(caches["pages"]._cache)
    for token in ("0b5e5a3e-7f65-4d0e-9d0a-1f0f4f7b2a10", "1c6f6b4f-8076-4e1f-8e1b-202050c83b21"):
        assert enrolled_client.get(f"{module.url}kuis/{token}/").status_code == 404
    assert len(caches["pages"]._cache) == before


def test_pages_still_work_when_the_shared_cache_is_down(client, module, settings):
    resident = factories.resident()
    enrolment_create(user=resident, course=module.get_parent().specific)
    client.force_login(resident)
    settings.CACHES = {
        **settings.CACHES,
        "pages": {  # as lms/settings/base.py makes a Redis CACHE_URL; nothing listens there
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        },
    }
    settings.PAGE_CACHE_ENABLED = True
    response = client.get(module.url)
    assert response.status_code == 200
    assert "ISI-LAMA" in response.text
    client.logout()
    assert "ISI-LAMA" in client.get(module.url).text
