"""participation/migrations/0003 gives forums saved before it an end and a check-in secret of their own, in
their rows and in their saved revisions: a draft scheduled to go live, or a revision an editor reverts to,
is published from its revision."""

import datetime
import importlib

import pytest
from django.apps import apps

from participation.models import ForumPage
from tests import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("participation.migrations.0003_forum_registrations_questions_schedules")


def test_a_revision_saved_before_forums_had_an_end_can_still_be_published(site_tree):
    forum = factories.forum_page(site_tree["forums"], title="Forum Lama")
    revision = forum.save_revision()
    # As a revision saved before the migration reads: no end, no secret.
    revision.content = {
        key: value for key, value in revision.content.items() if key not in ("ends_at", "check_in_secret")
    }
    revision.save(update_fields=["content"])

    migration.forums_end_and_get_their_own_secrets(apps, None)

    forum.refresh_from_db()
    revision.refresh_from_db()
    assert forum.ends_at == forum.starts_at + datetime.timedelta(hours=2)
    assert revision.content["check_in_secret"] == forum.check_in_secret
    revision.publish()  # refused before: "ends at" is required
    published = ForumPage.objects.get(pk=forum.pk)
    # Revisions keep times to the millisecond.
    assert abs(published.ends_at - forum.ends_at) < datetime.timedelta(milliseconds=1)
    assert published.check_in_secret == forum.check_in_secret  # the codes on screen keep working
