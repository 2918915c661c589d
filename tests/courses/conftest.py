import pytest

from tests import factories


@pytest.fixture
def course(site_tree):
    """A course of three modules: a plain one, one with a two-question quiz, and a last plain one."""
    course = factories.course_page(site_tree["courses"], title="Hak atas Informasi", shuffle_choices=False)
    factories.module_page(course, title="Pengantar")
    factories.module_with_quiz(
        course,
        title="Meminta Informasi",
        questions=[
            factories.quiz_question(
                prompt="Berapa lama batas pemberitahuan tertulis?",
                choices=[("3 hari kerja", False), ("10 hari kerja", True), ("30 hari", False)],
                explanation="PENJELASAN-SATU: UU 14/2008 Pasal 22 ayat (7).",
            ),
            factories.quiz_question(
                prompt="Siapa saja yang termasuk badan publik?",
                kind="multiple",
                choices=[("Kantor kelurahan", True), ("Dinas kota", True), ("Warung kopi", False)],
                explanation="PENJELASAN-DUA: UU 14/2008 Pasal 1 angka 3.",
            ),
        ],
    )
    factories.module_page(course, title="Keberatan")
    return course


@pytest.fixture
def modules(course):
    from courses.models import ModulePage

    return list(ModulePage.objects.child_of(course).order_by("path"))


@pytest.fixture
def resident(db):
    return factories.resident()


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident)
    return client
