"""Consent records moved from privacy to accounts (issue 16) with every row: a database migrated before
the move finds them after it, in accounts' table, with their content type."""

import datetime

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("accounts", "0006_clean_text"), ("privacy", "0001_initial")]
AFTER = [("accounts", "0007_consentrecord"), ("privacy", "0002_consentrecord_to_accounts")]


def test_consent_records_keep_their_rows_and_content_type_when_they_move_to_accounts(migrate_to):
    old = migrate_to(BEFORE)  # the database as it was before the move
    user_model = old.get_model("accounts", "User")
    resident = user_model.objects.create(username="siti", first_name="Siti Rahmawati")
    facilitator = user_model.objects.create(username="fasilitator")
    at = datetime.datetime(2026, 11, 10, 1, 0, tzinfo=datetime.UTC)
    old_record = old.get_model("privacy", "ConsentRecord")
    given = old_record.objects.create(
        user=resident, kind="privacy-notice", notice_version="2026-01", at=at, recorded_by=facilitator
    )
    withdrawn = old_record.objects.create(
        user=resident, kind="optional-data", action="withdrawn", notice_version="2026-01", at=at
    )
    old_content_type = old.get_model("contenttypes", "ContentType")
    old_content_type.objects.filter(model="consentrecord").delete()
    content_type = old_content_type.objects.create(app_label="privacy", model="consentrecord")

    new = migrate_to(AFTER)

    records = new.get_model("accounts", "ConsentRecord").objects.order_by("pk")
    assert list(records.values_list("pk", "user_id", "kind", "action", "notice_version", "at", "recorded_by_id")) == [
        (given.pk, resident.pk, "privacy-notice", "given", "2026-01", at, facilitator.pk),
        (withdrawn.pk, resident.pk, "optional-data", "withdrawn", "2026-01", at, None),
    ]
    tables = connection.introspection.table_names()
    assert "accounts_consentrecord" in tables and "privacy_consentrecord" not in tables
    moved = new.get_model("contenttypes", "ContentType").objects.get(pk=content_type.pk)
    assert (moved.app_label, moved.model) == ("accounts", "consentrecord")
