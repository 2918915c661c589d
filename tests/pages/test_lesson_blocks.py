"""Every kind of lesson block renders on a module page, and the editor opens for every page type."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests import factories

pytestmark = pytest.mark.django_db


def png_file(name="sungai.png", size=(800, 500)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (30, 120, 80)).save(buffer, "PNG")
    return ImageFile(buffer, name=name)


def raw_stream(*blocks):
    """The JSON a StreamField stores, as an author's saved page would hold it."""
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


def test_lesson_renders_each_block_kind(client, site_tree):
    image = Image.objects.create(title="Sungai Klandasan", file=png_file())
    document = Document.objects.create(
        title="Formulir Permohonan Informasi", file=ContentFile(b"%PDF-1.4 formulir", name="formulir.pdf")
    )
    course = factories.course_page(site_tree["courses"])
    module = factories.module_page(
        course,
        title="Semua Jenis Blok",
        body=raw_stream(
            ("paragraph", "<h2>Pengantar</h2><p>Teks pelajaran.</p>"),
            ("image", {"image": image.pk, "alt_text": "Sungai yang bersih", "decorative": False}),
            ("video", {"video": "https://video.example/abc123", "caption": "Cara mengajukan permohonan"}),
            ("document", {"document": document.pk, "title": ""}),
            (
                "callout",
                {"kind": "law", "title": "UU 14/2008 Pasal 22", "text": "<p>Paling lambat 10 hari kerja.</p>"},
            ),
            (
                "key_terms",
                {"title": "Istilah penting", "terms": [{"term": "PPID", "definition": "Pejabat informasi."}]},
            ),
        ),
    )
    response = client.get(module.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    lesson = html.select_one(".lesson .prose")
    assert lesson.h2.get_text() == "Pengantar"
    picture = lesson.select_one("figure.image img")
    assert picture["alt"] == "Sungai yang bersih"
    assert "srcset" in picture.attrs and picture["loading"] == "lazy"
    assert lesson.select_one("figure.video iframe")["src"] == "https://video.example/embed/abc123"
    assert "Cara mengajukan permohonan" in lesson.select_one("figure.video figcaption").get_text()
    link = lesson.select_one(".document-link a")
    assert link.get_text(strip=True) == "Formulir Permohonan Informasi"
    assert "(PDF" in lesson.select_one(".document-link .meta").get_text()
    callout = lesson.select_one("aside.callout-law")
    assert "UU 14/2008 Pasal 22" in callout.get_text() and "10 hari kerja" in callout.get_text()
    assert lesson.select_one(".key-terms dt").get_text() == "PPID"


@pytest.mark.parametrize(
    "parent_key, page_type",
    [
        ("courses", "courses/coursepage"),
        ("forums", "participation/forumpage"),
        ("budgeting", "participation/budgetingcallpage"),
        ("home", "cms_pages/standardpage"),
    ],
)
def test_the_editor_opens_the_add_form_for_each_page_type(client, admin_user, site_tree, parent_key, page_type):
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/add/{page_type}/{site_tree[parent_key].pk}/")
    assert response.status_code == 200


def test_the_editor_opens_a_module_with_its_quiz_inline(client, admin_user, site_tree):
    course = factories.course_page(site_tree["courses"])
    module = factories.module_page(course, title="Modul Berkuis", questions=2)
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{module.pk}/edit/")
    assert response.status_code == 200
    assert response.text.count("Pertanyaan 1?") >= 1 and "Pertanyaan 2?" in response.text
    response = client.get(f"/admin/pages/add/courses/modulepage/{course.pk}/")
    assert response.status_code == 200
