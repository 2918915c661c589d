"""Who opened a resident's learner record or exported rows that include them, and when."""

import pytest
from django.urls import reverse

from privacy.models import RecordAccess

pytestmark = pytest.mark.django_db

REPORT = "/admin/laporan/kelulusan/"


def accesses(user):
    return list(RecordAccess.objects.filter(resident=user).values_list("accessed_by__username", "action"))


def test_opening_a_learner_record_logs_who_opened_it(client, world, sulastri):
    RecordAccess.objects.all().delete()
    facilitator = world["users"]["facilitator"]  # Lestari runs sulastri's class
    client.force_login(facilitator)

    response = client.get(reverse("reports_learner_record", args=[sulastri["user"].pk]))

    assert response.status_code == 200
    assert accesses(sulastri["user"]) == [(facilitator.username, RecordAccess.Action.LEARNER_RECORD)]


def test_a_refused_learner_record_logs_nothing(client, world, sulastri):
    RecordAccess.objects.all().delete()
    client.force_login(world["users"]["other facilitator"])  # Cerdas does not run sulastri's class

    response = client.get(reverse("reports_learner_record", args=[sulastri["user"].pk]))

    assert response.status_code == 404
    assert accesses(sulastri["user"]) == []


def completion_records(export):
    return lambda world: f"{REPORT}?export={export}&cohort={world['own'].pk}&course={world['own_course'].pk}"


def learners_list(export):
    return lambda world: f"/admin/peserta/?export={export}"


# Who exports, and what: each export holds sulastri (of Lestari's class) and not another (of Cerdas's).
@pytest.mark.parametrize(("role", "address"), [
    pytest.param(
        "government", completion_records("csv"), id="an_export_logs_each_resident_it_holds_and_no_one_else-csv"
    ),
    pytest.param(
        "government", completion_records("xlsx"), id="an_export_logs_each_resident_it_holds_and_no_one_else-xlsx"
    ),
    pytest.param("facilitator", learners_list("csv"), id="exporting_the_learners_list_logs_each_resident_in_it-csv"),
    pytest.param("facilitator", learners_list("xlsx"), id="exporting_the_learners_list_logs_each_resident_in_it-xlsx"),
    pytest.param(
        "facilitator",
        lambda world: reverse("cohorts:progress_csv", args=[world["own"].pk]),
        id="a_class_progress_export_logs_each_learner_of_the_class",
    ),
])  # fmt: skip
def test_an_export_logs_each_resident_it_holds_and_no_one_else(client, world, sulastri, another, role, address):
    RecordAccess.objects.all().delete()
    user = world["users"][role]
    client.force_login(user)

    response = client.get(address(world))

    assert response.status_code == 200
    b"".join(response.streaming_content) if response.streaming else response.content  # a file streams its rows
    assert accesses(sulastri["user"]) == [(user.username, RecordAccess.Action.EXPORT)]
    assert accesses(another["user"]) == []


def test_a_facilitators_export_logs_only_their_own_learners(client, world, sulastri, another):
    RecordAccess.objects.all().delete()
    client.force_login(world["users"]["other facilitator"])

    b"".join(client.get(f"{REPORT}?export=csv").streaming_content)

    assert accesses(sulastri["user"]) == []
    assert accesses(another["user"]) == [("other-facilitator", RecordAccess.Action.EXPORT)]


def test_a_refused_export_logs_nothing(client, world, sulastri):
    RecordAccess.objects.all().delete()
    client.force_login(world["users"]["author"])

    response = client.get(f"{REPORT}?export=csv")

    assert response.status_code in (302, 403)
    assert not RecordAccess.objects.exists()


def test_a_searched_learners_export_logs_only_the_residents_found(client, world, sulastri, another):
    RecordAccess.objects.all().delete()
    client.force_login(world["users"]["government"])

    b"".join(client.get("/admin/peserta/?export=csv&q=Bambang").streaming_content)

    assert accesses(sulastri["user"]) == []
    assert len(accesses(another["user"])) == 1
