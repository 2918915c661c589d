"""The access log's link to a worker-built export became a plain id (issue 16: privacy is below reports):
a database migrated before the change keeps every entry, and each entry the id of its export."""

import datetime

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("privacy", "0002_consentrecord_to_accounts")]
AFTER = [("privacy", "0003_recordaccess_export_id")]


def test_the_access_log_keeps_its_entries_and_their_exports_ids(migrate_to):
    old = migrate_to(BEFORE)  # the database as it was before the change
    user_model = old.get_model("accounts", "User")
    resident = user_model.objects.create(username="siti", first_name="Siti Rahmawati")
    staff = user_model.objects.create(username="staf")
    export = old.get_model("reports", "ReportExport").objects.create(requested_by=staff, language="id")
    at = datetime.datetime(2026, 11, 10, 1, 0, tzinfo=datetime.UTC)
    access = old.get_model("privacy", "RecordAccess")
    exported = access.objects.create(
        resident=resident, accessed_by=staff, accessed_at=at, action="export", export=export
    )
    opened = access.objects.create(resident=resident, accessed_by=staff, accessed_at=at, action="learner-record")

    new = migrate_to(AFTER)

    entries = new.get_model("privacy", "RecordAccess").objects.order_by("pk")
    assert list(entries.values_list("pk", "resident_id", "accessed_by_id", "accessed_at", "action", "export_id")) == [
        (exported.pk, resident.pk, staff.pk, at, "export", export.pk),
        (opened.pk, resident.pk, staff.pk, at, "learner-record", None),
    ]
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "privacy_recordaccess")
    on_export = [constraint for constraint in constraints.values() if constraint["columns"] == ["export_id"]]
    assert [constraint["foreign_key"] for constraint in on_export] == [None]  # indexed, pointing nowhere
    assert on_export[0]["index"]
