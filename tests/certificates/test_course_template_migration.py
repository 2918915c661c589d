"""A course's certificate template moves from its page to certificates, and back, without losing a choice.

Run with Django's MigrationExecutor (the migrate_to fixture): rows are made with the historical models before
the move and looked for after it (and after moving back). The database ends at the latest migrations again.
"""

import uuid

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

CERTIFICATES_MIGRATION = ("certificates", "0005_coursecertificatetemplate")
COURSES_MIGRATION = ("courses", "0009_coursepage_certificate_template_moves_to_certificates")


def before_the_move(graph):
    """Certificates and courses each just before their part of the move (whatever their numbers become)."""
    return sorted(
        parent.key
        for migration in (CERTIFICATES_MIGRATION, COURSES_MIGRATION)
        for parent in graph.node_map[migration].parents
        if parent.key[0] == migration[0]
    )


def course_page(apps, *, slug, path, template=None):
    """A course page as the historical models know it: a root page's child, without Wagtail's tree helpers."""
    Locale = apps.get_model("wagtailcore", "Locale")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Organisation = apps.get_model("organisations", "Organisation")
    CoursePage = apps.get_model("courses", "CoursePage")
    locale, _ = Locale.objects.get_or_create(language_code="id")
    content_type, _ = ContentType.objects.get_or_create(app_label="courses", model="coursepage")
    organisation, _ = Organisation.objects.get_or_create(
        slug="lestari", defaults={"name": "Yayasan Lingkungan Lestari", "kind": "ngo"}
    )
    return CoursePage.objects.create(
        title=slug.replace("-", " ").title(),
        draft_title=slug.replace("-", " ").title(),
        slug=slug,
        path=path,
        depth=1,
        url_path=f"/{slug}/",
        locale=locale,
        translation_key=uuid.uuid4(),
        content_type=content_type,
        organisation=organisation,
        topic="lingkungan",
        summary="Ringkasan.",
        outcomes="<p>Hasil.</p>",
        duration_hours=3,
        certificate_template=template,
    )


def test_each_courses_template_choice_survives_the_move_and_the_way_back(migration_executor, migrate_to):
    before = before_the_move(migration_executor.loader.graph)
    old = migrate_to(before)
    Template = old.get_model("certificates", "CertificateTemplate")
    city = Template.objects.create(name="Templat Pemkot")
    chosen = course_page(old, slug="pengelolaan-sampah", path="9001", template=city)
    unchosen = course_page(old, slug="anggaran-kelurahan", path="9002")

    new = migrate_to([CERTIFICATES_MIGRATION, COURSES_MIGRATION])
    choices = new.get_model("certificates", "CourseCertificateTemplate").objects
    assert list(choices.values_list("course_id", "template__name")) == [(chosen.pk, "Templat Pemkot")]
    assert not choices.filter(course_id=unchosen.pk).exists()

    back = migrate_to(before)
    pages = back.get_model("courses", "CoursePage").objects
    assert pages.get(pk=chosen.pk).certificate_template_id == city.pk
    assert pages.get(pk=unchosen.pk).certificate_template_id is None
