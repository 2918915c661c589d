"""The forum and budgeting-call pages keep their rows, revisions, workflow states and addresses when
their page types move from cms_pages to participation (cms_pages 0003, participation 0001).

The pages are made as they were before the move: their tables still cms_pages's, their content types
labelled cms_pages. Wagtail's own tables and the home and course pages do not move, so those are made
with today's models; the moving page types' rows with the historical models of that time.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import Page, Revision, Workflow, WorkflowState

from participation.models import BudgetingCallIndexPage, BudgetingCallPage, ForumIndexPage, ForumPage
from tests import factories

LAST_BEFORE_THE_MOVE = ("cms_pages", "0002_initial")
BEFORE_THE_MOVE = [LAST_BEFORE_THE_MOVE, ("participation", None)]


def migrate_to_before_the_move(migration_executor):
    """The database as it was before the move; the historical models of that time."""
    migration_executor.loader.build_graph()
    migration_executor.migrate(BEFORE_THE_MOVE)
    migration_executor.loader.build_graph()
    return migration_executor.loader.project_state(LAST_BEFORE_THE_MOVE).apps


def page_of_a_type_before_the_move(old_apps, parent, model_name, *, title, slug, **fields):
    """A published page of a cms_pages type: Wagtail's page row, the type's own row, one revision."""
    OldContentType = old_apps.get_model("contenttypes", "ContentType")
    content_type, _ = OldContentType.objects.get_or_create(app_label="cms_pages", model=model_name.lower())
    # The locale is given: Wagtail would look for the parent's through its type, unknown until the move.
    page = parent.add_child(instance=Page(title=title, slug=slug, live=True, locale_id=parent.locale_id))
    page.refresh_from_db()
    related_courses = fields.pop("related_courses", [])
    old_model = old_apps.get_model("cms_pages", model_name)
    # raw: only the type's own table; Wagtail's page row is already there.
    old_model(page_ptr_id=page.pk, **fields).save_base(raw=True)
    for course in related_courses:
        old_model.related_courses.through.objects.create(forumpage_id=page.pk, coursepage_id=course.pk)

    # What Wagtail keeps in a revision: the page's fields by name, foreign keys as ids.
    content = page.serializable_data()
    content.update(
        {
            name.removesuffix("_id"): value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in fields.items()
        },
        content_type=content_type.pk,
    )
    if related_courses:
        content["related_courses"] = [course.pk for course in related_courses]
    revision = Revision.objects.create(
        content_type_id=content_type.pk,
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        object_str=title,
        created_at=timezone.now(),
        content=content,
    )
    Page.objects.filter(pk=page.pk).update(
        content_type_id=content_type.pk, latest_revision_id=revision.pk, live_revision_id=revision.pk
    )
    return Page.objects.get(pk=page.pk)


def test_moved_pages_keep_their_rows_revisions_workflow_states_and_addresses(migration_executor, client):
    # The home page and the course pages do not move: they are built first, with today's models
    # (which, before the move, could not delete a page: that looks in every page type's table).
    home = factories.home_page()
    course = factories.course_page(factories.publish(home, factories.CourseIndexPage(title="Kursus", slug="kursus")))
    kelurahan = factories.region_chain()

    old_apps = migrate_to_before_the_move(migration_executor)
    forum_index = page_of_a_type_before_the_move(
        old_apps, home, "ForumIndexPage", title="Forum Warga", slug="forum", intro="<p>Forum bulanan.</p>"
    )
    forum = page_of_a_type_before_the_move(
        old_apps,
        forum_index,
        "ForumPage",
        title="Forum Warga Gunung Bahagia",
        slug="gunung-bahagia-desember",
        kelurahan_id=kelurahan.pk,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        venue="Aula Kantor Kelurahan Gunung Bahagia",
        agenda="<p>Laporan kelurahan.</p>",
        minutes="",
        related_courses=[course],
    )
    budgeting_index = page_of_a_type_before_the_move(
        old_apps, home, "BudgetingCallIndexPage", title="Penganggaran Partisipatif", slug="penganggaran", intro=""
    )
    today = timezone.localdate()
    call = page_of_a_type_before_the_move(
        old_apps,
        budgeting_index,
        "BudgetingCallPage",
        title="Usulan Warga Balikpapan Selatan",
        slug="usulan-balikpapan-selatan",
        area_id=kelurahan.parent_id,
        scope="<p>Perbaikan drainase lingkungan.</p>",
        ceiling_rupiah=150_000_000,
        fiscal_year=today.year + 1,
        proposals_open=today,
        proposals_close=today + datetime.timedelta(days=30),
        eligibility="<p>Warga Balikpapan Selatan.</p>",
        prerequisite_course_id=course.pk,
        body="",
    )
    review = WorkflowState.objects.create(
        workflow=Workflow.objects.create(name="Tinjauan Pemkot"),
        content_type_id=call.content_type_id,
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(call.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    moved = {
        page.pk: (page.title, page.url_path, page.content_type_id)
        for page in (forum_index, forum, budgeting_index, call)
    }

    migration_executor.loader.build_graph()
    migration_executor.migrate(migration_executor.loader.graph.leaf_nodes())

    for model, old_page in [
        (ForumIndexPage, forum_index),
        (ForumPage, forum),
        (BudgetingCallIndexPage, budgeting_index),
        (BudgetingCallPage, call),
    ]:
        page = Page.objects.get(pk=old_page.pk)
        assert (page.title, page.url_path, page.content_type_id) == moved[old_page.pk]
        assert page.content_type.app_label == "participation"
        assert type(page.specific) is model
        assert page.specific.revisions.count() == 1
        assert page.get_latest_revision().as_object().title == old_page.title

    forum = ForumPage.objects.get(pk=forum.pk)
    assert forum.get_parent().specific == ForumIndexPage.objects.get(pk=forum_index.pk)
    assert (forum.kelurahan, forum.venue) == (kelurahan, "Aula Kantor Kelurahan Gunung Bahagia")
    assert list(forum.related_courses.all()) == [course]
    assert forum.get_latest_revision().as_object().venue == "Aula Kantor Kelurahan Gunung Bahagia"
    call = BudgetingCallPage.objects.get(pk=call.pk)
    assert (call.ceiling_rupiah, call.prerequisite_course) == (150_000_000, course)
    assert call.current_workflow_state == review
    assert call.current_workflow_state.content_type.model_class() is BudgetingCallPage
    assert ForumIndexPage.objects.get(pk=forum_index.pk).intro == "<p>Forum bulanan.</p>"

    for page, shows in [
        (forum_index, "Forum Warga Gunung Bahagia"),
        (forum, "Aula Kantor Kelurahan Gunung Bahagia"),
        (budgeting_index, "Usulan Warga Balikpapan Selatan"),
        (call, "Perbaikan drainase lingkungan."),
    ]:
        response = client.get(Page.objects.get(pk=page.pk).url)
        assert response.status_code == 200
        assert shows in response.content.decode()
    # A moved type can still be added where it belongs, and the home page still offers them.
    assert ForumPage.can_create_at(Page.objects.get(pk=forum_index.pk))
    assert {ForumIndexPage, BudgetingCallIndexPage} <= set(home.specific_class.allowed_subpage_models())


def test_moving_back_restores_the_cms_pages_tables_and_content_types(migration_executor):
    old_apps = migrate_to_before_the_move(migration_executor)
    table_names = connection.introspection.table_names()
    assert "cms_pages_forumpage_related_courses" in table_names
    assert not any(name.startswith("participation_") for name in table_names)
    OldContentType = old_apps.get_model("contenttypes", "ContentType")
    # (Models participation made later keep their content types: Django never deletes those on the way back.)
    moved = ["forumindexpage", "forumpage", "budgetingcallindexpage", "budgetingcallpage"]
    assert not OldContentType.objects.filter(app_label="participation", model__in=moved).exists()
