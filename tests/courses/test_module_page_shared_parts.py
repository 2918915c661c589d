"""The module page renders what every resident sees alike once (the heading, the lesson, the pager and the
addresses of its forms), and only the resident's own state for each request; what it keeps is never stale.

The anonymous page cache is off in tests; what these check is what a logged-in resident's page reuses
(core.page_cache.remember, through ``{% cached_fragment %}`` and courses.selectors.module_addresses).
"""

import pytest
from wagtail.models import Site

from courses.models import ModulePage
from courses.services import enrolment_create, module_mark_read, quiz_attempt_open
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled_client(resident_client, resident, course):
    enrolment_create(user=resident, course=course)
    return resident_client


def test_a_resident_page_asks_no_site_root_paths_once_its_shared_parts_are_kept(
    enrolled_client, resident, modules, monkeypatch, django_assert_num_queries
):
    """Wagtail's ``{% pageurl %}`` and ``{% routablepageurl %}`` ask the shared cache for the sites' root
    paths on every page; the heading, the pager and the form addresses are kept instead."""
    module = modules[1]
    module_mark_read(user=resident, module=modules[0])  # with progress: the enrolment comes with it
    enrolled_client.get(module.url)  # keeps them
    asked = []
    original = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", lambda: asked.append(1) or original())
    with django_assert_num_queries(3):  # the resident, their progress, their attempts
        response = enrolled_client.get(module.url)
    assert asked == []
    assert f'action="{module.url}kuis/"' in response.text
    assert f'rel="next" href="{modules[2].url}"' in response.text


def test_the_addresses_are_the_ones_wagtail_writes(enrolled_client, resident, course, modules):
    module = modules[1]
    enrolled_client.get(module.url)
    text = enrolled_client.get(module.url).text
    assert f'action="{module.url}kuis/"' in text  # the quiz, not yet started
    quiz_attempt_open(user=resident, module=module)
    assert f'href="{module.url}kuis/"' in enrolled_client.get(module.url).text  # continue it
    enrolled_client.force_login(factories.resident(username="warga-baru"))
    assert f'action="{course.url}ikuti/"' in enrolled_client.get(module.url).text  # not enrolled: enrol


def test_a_moved_module_leads_its_forms_to_its_new_address(enrolled_client, modules):
    module = modules[0]
    enrolled_client.get(module.url)
    module.slug = "pengantar-baru"
    module.save_revision().publish()
    module.refresh_from_db()
    text = enrolled_client.get(module.url).text
    assert f'action="{module.url}selesai/"' in text
    assert "/pengantar/selesai/" not in text


def test_a_republished_title_and_a_new_module_appear_in_the_kept_heading_and_pager(enrolled_client, course, modules):
    last = modules[2]
    text = enrolled_client.get(last.url).text
    assert "Modul 3 dari 3" in text
    assert 'rel="next"' not in text
    last.title = "Keberatan dan Banding"
    last.save_revision().publish()
    added = factories.module_page(course, title="Penutup")
    text = enrolled_client.get(last.url).text
    assert "<h1>Keberatan dan Banding</h1>" in text
    assert "Modul 3 dari 4" in text
    assert f'rel="next" href="{added.url}">Penutup' in text


def test_a_renamed_course_appears_in_the_kept_breadcrumb(enrolled_client, course, modules):
    assert "Hak atas Informasi" in enrolled_client.get(modules[0].url).text
    course.title = "Hak atas Informasi Publik"
    course.save_revision().publish()
    assert "Hak atas Informasi Publik</a>" in enrolled_client.get(modules[0].url).text


def test_a_previewed_draft_title_never_reaches_residents(enrolled_client, modules):
    module = ModulePage.objects.get(pk=modules[0].pk)
    enrolled_client.get(module.url)
    module.title = "JUDUL-DRAF"
    preview = module.save_revision().as_object().make_preview_request()
    assert "JUDUL-DRAF" in preview.content.decode()
    assert "JUDUL-DRAF" not in enrolled_client.get(module.url).text
