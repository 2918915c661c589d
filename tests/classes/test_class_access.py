"""Who may open which class screen: each role × each admin URL × own or other organisation's class.

Facilitators run their own organisation's classes; government staff read every class and change
none; content reviewers, authors, residents and other organisations see none. Adding a screen is
adding a line to VIEWS (and, if it changes things, to CHANGES).
"""

import pytest
from django.urls import reverse

from courses.models import Enrolment
from tests import factories
from tests.classes.conftest import add_meetings

pytestmark = pytest.mark.django_db

ALLOW, DENY = "allow", "deny"


def _learner_url(name):
    return lambda w, cohort: reverse(f"cohorts:{name}", args=[cohort.pk, w["learners"][cohort.pk].pk])


VIEWS = {
    "class page": lambda w, cohort: reverse("cohorts:inspect", args=[cohort.pk]),
    "edit": lambda w, cohort: reverse("cohorts:edit", args=[cohort.pk]),
    "delete": lambda w, cohort: reverse("cohorts:delete", args=[cohort.pk]),
    "history": lambda w, cohort: reverse("cohorts:history", args=[cohort.pk]),
    "usage": lambda w, cohort: reverse("cohorts:usage", args=[cohort.pk]),
    "progress": lambda w, cohort: reverse("cohorts:progress", args=[cohort.pk]),
    "progress CSV": lambda w, cohort: reverse("cohorts:progress_csv", args=[cohort.pk]),
    "roster upload": lambda w, cohort: reverse("cohorts:roster_upload", args=[cohort.pk]),
    "roster template": lambda w, cohort: reverse("cohorts:roster_template", args=[cohort.pk]),
    "attendance": lambda w, cohort: reverse("cohorts:attendance", args=[cohort.pk, w["meetings"][cohort.pk].pk]),
    "QR check-in screen": lambda w, cohort: reverse(
        "cohorts:check_in_qr", args=[cohort.pk, w["meetings"][cohort.pk].pk]
    ),
}
# The screens that change a class or its learners: readers (government staff, reviewers) are refused.
CHANGES = {"edit", "delete", "roster upload", "roster template", "QR check-in screen"}

# role -> (own organisation's class, other organisation's class), for reading screens
READ = {
    "facilitator": (ALLOW, DENY),
    "other facilitator": (DENY, ALLOW),
    "government": (ALLOW, ALLOW),
    "reviewer": (DENY, DENY),  # reviewers judge pages, not people: no learners' data
    "author": (DENY, DENY),
    "resident": (DENY, DENY),
    "anonymous": (DENY, DENY),
}
READERS_ONLY = {"government"}


@pytest.fixture
def classes(world):
    learners, meetings = {}, {}
    for cohort in (world["own"], world["other"]):
        learner = factories.learner(full_name=f"Peserta {cohort.name}", phone=None, email=f"{cohort.pk}@contoh.id")
        learners[cohort.pk] = factories.enrolment(user=learner, course=cohort.course, cohort=cohort)
        meetings[cohort.pk] = add_meetings(cohort, 1)[0]
    return {**world, "learners": learners, "meetings": meetings}


def outcome(response):
    """200 is allowed; a refusal is a redirect to the login, a 403 or a 404: never an error."""
    assert response.status_code in (200, 302, 403, 404), response.status_code
    return ALLOW if response.status_code == 200 else DENY


def expected(role, view, whose):
    allowed = READ[role][0 if whose == "own" else 1]
    if allowed == ALLOW and view in CHANGES and role in READERS_ONLY:
        return DENY
    return allowed


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("role", READ)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_class_screens_matrix(client, classes, role, view, whose):
    if role != "anonymous":
        client.force_login(classes["users"][role])
    response = client.get(VIEWS[view](classes, classes[whose]))
    assert outcome(response) == expected(role, view, whose), f"{role} {view} ({whose}): {response.status_code}"


# --- Course grants: who may run classes of which organisation's course ---------------------------------

GRANT_VIEWS = {
    "grants": lambda grant: reverse("course_grants:index"),
    "grant form": lambda grant: reverse("course_grants:add"),
    "withdraw": lambda grant: reverse("course_grants:withdraw", args=[grant.pk]),
}
# role -> outcome per screen, for Lestari's grant of its own course to Cerdas. Members of any organisation
# list the grants they give or hold and may grant their own courses; only the owner and government staff
# withdraw; reviewers, residents and visitors see none.
GRANT_MATRIX = {
    "facilitator": {"grants": ALLOW, "grant form": ALLOW, "withdraw": ALLOW},  # Lestari: the owner
    "author": {"grants": ALLOW, "grant form": ALLOW, "withdraw": ALLOW},  # Lestari: the owner
    "other facilitator": {"grants": ALLOW, "grant form": ALLOW, "withdraw": DENY},  # Cerdas: holds it
    "government": {"grants": ALLOW, "grant form": ALLOW, "withdraw": ALLOW},
    "reviewer": {"grants": DENY, "grant form": DENY, "withdraw": DENY},
    "resident": {"grants": DENY, "grant form": DENY, "withdraw": DENY},
    "anonymous": {"grants": DENY, "grant form": DENY, "withdraw": DENY},
}


@pytest.mark.parametrize("view", GRANT_VIEWS)
@pytest.mark.parametrize("role", GRANT_MATRIX)
def test_grant_screens_matrix(client, world, role, view):
    from courses.grant_services import course_grant

    grant = course_grant(course=world["own_course"], organisation=world["cerdas"], by=world["users"]["author"])
    if role != "anonymous":
        client.force_login(world["users"][role])

    response = client.get(GRANT_VIEWS[view](grant))

    assert outcome(response) == GRANT_MATRIX[role][view], f"{role} {view}: {response.status_code}"


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage", "inspect"])
def test_a_grant_is_never_edited_or_deleted_in_the_admin(world, view):
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse(f"course_grants:{view}", args=[1])


LEARNER_ACTIONS = {
    "one more quiz attempt": ("grant_quiz_attempt", {}),
    "completion on paper": ("record_paper_completion", {"note": "Tes kertas 12 Januari, nilai 85"}),
}


@pytest.mark.parametrize("action", LEARNER_ACTIONS)
@pytest.mark.parametrize(
    ("role", "whose", "status", "changes"),
    [
        ("facilitator", "own", 302, True),  # back to the progress page
        ("other facilitator", "own", 404, False),
        ("government", "own", 302, False),  # the admin answers a refusal with a redirect to its dashboard
        ("author", "own", 404, False),
        ("facilitator", "other", 404, False),
    ],
)
def test_helping_a_learner_is_for_the_class_facilitators_organisation_only(
    client, classes, action, role, whose, status, changes
):
    name, data = LEARNER_ACTIONS[action]
    enrolment = classes["learners"][classes[whose].pk]
    client.force_login(classes["users"][role])

    response = client.post(reverse(f"cohorts:{name}", args=[classes[whose].pk, enrolment.pk]), data)

    assert response.status_code == status
    if status == 302:
        progress_page = reverse("cohorts:progress", args=[classes[whose].pk])
        assert (response.url == progress_page) == changes
    enrolment.refresh_from_db()
    assert (enrolment.extra_quiz_attempts > 0 or enrolment.completed_at is not None) == changes


def test_a_learner_of_another_class_cannot_be_reached_through_ones_own_class(client, classes):
    client.force_login(classes["users"]["facilitator"])
    stranger = classes["learners"][classes["other"].pk]

    response = client.post(reverse("cohorts:grant_quiz_attempt", args=[classes["own"].pk, stranger.pk]))

    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.extra_quiz_attempts == 0


def test_the_class_listing_shows_a_facilitator_only_their_organisations_classes(client, classes):
    client.force_login(classes["users"]["facilitator"])

    page = client.get(reverse("cohorts:index")).text

    assert classes["own"].name in page
    assert classes["other"].name not in page


def test_government_staff_see_every_class_in_the_listing_but_cannot_add_one(client, classes):
    client.force_login(classes["users"]["government"])

    assert classes["other"].name in client.get(reverse("cohorts:index")).text
    assert client.get(reverse("cohorts:add")).status_code in (302, 403)


def test_a_progress_csv_holds_only_the_classes_own_learners(client, classes):
    client.force_login(classes["users"]["facilitator"])

    csv_text = client.get(reverse("cohorts:progress_csv", args=[classes["own"].pk])).content.decode()

    assert f"Peserta {classes['own'].name}" in csv_text
    assert f"Peserta {classes['other'].name}" not in csv_text


# --- Learners: the organisation's own, listed and exported ------------------------------------------


@pytest.fixture
def learners(classes):
    """Besides each class's learner: a class-less learner in each organisation's own course."""
    for course in (classes["own_course"], classes["other_course"]):
        learner = factories.learner(full_name=f"Mandiri {course.title}", email=f"{course.pk}@mandiri.id")
        Enrolment.objects.create(user=learner, course=course)
    return classes


def listed_names(client, **params):
    response = client.get(reverse("learners:index"), params)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


@pytest.mark.parametrize("export", [None, "csv"])
def test_a_facilitator_lists_and_exports_only_their_organisations_learners(client, learners, export):
    client.force_login(learners["users"]["facilitator"])

    page = listed_names(client, **({"export": export} if export else {}))

    # Lestari: its class's learner (a course of Cerdas's) and the class-less learner of its own course.
    assert f"Peserta {learners['own'].name}" in page
    assert f"Mandiri {learners['own_course'].title}" in page
    # Cerdas's: its class's learner (in Lestari's course) and the class-less one of its own course.
    assert f"Peserta {learners['other'].name}" not in page
    assert f"Mandiri {learners['other_course'].title}" not in page


def test_government_staff_list_every_learner(client, learners):
    client.force_login(learners["users"]["government"])

    page = listed_names(client)

    assert all(f"Peserta {learners[whose].name}" in page for whose in ("own", "other"))


@pytest.mark.parametrize("role", ["author", "resident"])
def test_those_without_learners_cannot_open_the_listing(client, learners, role):
    client.force_login(learners["users"][role])

    assert client.get(reverse("learners:index")).status_code in (302, 403)


@pytest.mark.parametrize("view", ["edit", "delete", "history"])
def test_another_organisations_learner_cannot_be_opened_by_id(client, learners, view):
    client.force_login(learners["users"]["facilitator"])
    stranger = learners["learners"][learners["other"].pk]

    response = client.get(reverse(f"learners:{view}", args=[stranger.pk]))

    assert response.status_code in (302, 403, 404)
    assert stranger.user.first_name not in response.content.decode()


def test_a_facilitator_cannot_give_a_reset_code_for_a_partners_or_staff_account(client, classes):
    from organisations.models import Membership
    from organisations.services import membership_set

    enrolment = classes["learners"][classes["own"].pk]
    enrolment.user.email = None
    enrolment.user.save()
    membership_set(user=enrolment.user, organisation=classes["cerdas"], role=Membership.Role.AUTHOR)
    client.force_login(classes["users"]["facilitator"])

    client.post(reverse("cohorts:password_reset_link", args=[classes["own"].pk, enrolment.pk]))

    from accounts.models import AccountInvitation

    assert not AccountInvitation.objects.filter(user=enrolment.user).exists()


def test_the_course_of_a_class_with_learners_cannot_change(classes):
    from classes.viewsets import CohortViewSet

    cohort = classes["own"]
    another_own_course = factories.course_page(
        classes["own_course"].get_parent(), title="Kursus Lain", organisation=classes["lestari"]
    )
    form_class = CohortViewSet("cohorts-form").get_form_class(for_update=True)
    data = {
        "name": cohort.name,
        "course": another_own_course.pk,
        "organisation": cohort.organisation_id,
        "kelurahan": cohort.kelurahan_id,
        "mode": cohort.mode,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "capacity": cohort.capacity,
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    form = form_class(data, instance=cohort, for_user=classes["users"]["facilitator"])

    assert not form.is_valid()
    assert form.errors["course"] == ["Kelas ini sudah punya peserta dalam kursusnya: kursus tidak bisa diganti lagi."]
