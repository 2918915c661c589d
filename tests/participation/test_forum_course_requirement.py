"""A course that names a forum ("attend one musrenbang" in the budget course) completes only once the
resident attended one of its kind, held after they enrolled; what is still to do says so on the dashboard
and the course page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from django.utils.translation import gettext

from courses.hooks import still_to_do
from courses.models import CoursePage, Enrolment, ForumAttendance, ModulePage
from courses.services import module_mark_read
from participation.forum_course_requirement import courses_complete_after_attendance, forum_attendance_requirement
from participation.forum_registration import forum_door_add
from participation.models import ForumPage, ForumRegistration
from tests import factories

pytestmark = pytest.mark.django_db

MUSRENBANG, MONTHLY = ForumPage.Kind.MUSRENBANG, ForumPage.Kind.MONTHLY


def said(msgid):
    with translation.override("id"):
        return gettext(msgid)


@pytest.fixture
def staff(db):
    return factories.resident(username="staf")


@pytest.fixture
def budget_course(site_tree):
    course = factories.course_page(
        site_tree["courses"], title="Anggaran Kelurahan", topic="anggaran", forum_attendance="musrenbang"
    )
    factories.module_page(course, title="Musrenbang")
    return course


def enrolled_days_ago(user, course, days=10):
    return factories.enrolment(user=user, course=course, enrolled_at=timezone.now() - datetime.timedelta(days=days))


def all_modules_done(user, course):
    for module in ModulePage.objects.child_of(course).live():
        module_mark_read(user=user, module=module)


def held_forum(site_tree, *, kind, days_ago=1, title=None):
    starts_at = timezone.now() - datetime.timedelta(days=days_ago)
    return factories.forum_page(
        site_tree["forums"], title=title or f"Forum {kind} {days_ago}", kind=kind, starts_at=starts_at
    )


def attends(forum, user, by):
    forum_door_add(forum=forum, by=by, user=user)
    return courses_complete_after_attendance(user=user)


def status(enrolment):
    return Enrolment.objects.get(pk=enrolment.pk).status


def test_the_courses_choices_are_the_forum_kinds_where_they_name_one():
    named = set(ForumAttendance.values) - {ForumAttendance.NONE, ForumAttendance.ANY_FORUM}
    assert named and named <= set(ForumPage.Kind.values)


def test_a_course_asking_for_a_musrenbang_completes_only_once_the_resident_attended_one(
    site_tree, budget_course, staff
):
    resident = factories.resident()
    enrolment = enrolled_days_ago(resident, budget_course)

    all_modules_done(resident, budget_course)
    assert status(enrolment) == Enrolment.Status.ACTIVE

    completed = attends(held_forum(site_tree, kind=MUSRENBANG), resident, staff)

    assert [done.pk for done in completed] == [enrolment.pk]
    assert status(enrolment) == Enrolment.Status.COMPLETED


def test_attending_first_then_finishing_the_modules_completes_the_course(site_tree, budget_course, staff):
    resident = factories.resident()
    enrolment = enrolled_days_ago(resident, budget_course)

    assert attends(held_forum(site_tree, kind=MUSRENBANG), resident, staff) == []  # the modules are not done
    assert status(enrolment) == Enrolment.Status.ACTIVE

    all_modules_done(resident, budget_course)
    assert status(enrolment) == Enrolment.Status.COMPLETED


@pytest.mark.parametrize(
    "asked, kind, counts",
    [
        ("musrenbang", MONTHLY, False),
        ("musrenbang", MUSRENBANG, True),
        ("forum", MONTHLY, True),
        ("forum", MUSRENBANG, True),
    ],
)
def test_a_monthly_forum_counts_for_any_forum_but_not_for_a_musrenbang(
    site_tree, budget_course, staff, asked, kind, counts
):
    CoursePage.objects.filter(pk=budget_course.pk).update(forum_attendance=asked)
    resident = factories.resident()
    enrolment = enrolled_days_ago(resident, budget_course)
    all_modules_done(resident, budget_course)

    attends(held_forum(site_tree, kind=kind), resident, staff)

    assert status(enrolment) == (Enrolment.Status.COMPLETED if counts else Enrolment.Status.ACTIVE)


def test_a_forum_attended_before_enrolling_does_not_count(site_tree, budget_course, staff):
    resident = factories.resident()
    forum = held_forum(site_tree, kind=MUSRENBANG, days_ago=20)
    forum_door_add(forum=forum, by=staff, user=resident)
    enrolment = enrolled_days_ago(resident, budget_course, days=10)

    all_modules_done(resident, budget_course)

    assert courses_complete_after_attendance(user=resident) == []
    assert status(enrolment) == Enrolment.Status.ACTIVE
    assert enrolment.pk in forum_attendance_requirement.still_to_do([Enrolment.objects.get(pk=enrolment.pk)])


def test_registering_without_attending_and_someone_elses_attendance_do_not_count(site_tree, budget_course, staff):
    resident, neighbour = factories.resident(), factories.resident(username="tetangga")
    enrolment = enrolled_days_ago(resident, budget_course)
    all_modules_done(resident, budget_course)
    forum = held_forum(site_tree, kind=MUSRENBANG)
    ForumRegistration.objects.create(forum=forum, user=resident)  # registered, never checked in
    forum_door_add(forum=forum, by=staff, user=neighbour)

    assert courses_complete_after_attendance(user=resident) == []
    assert status(enrolment) == Enrolment.Status.ACTIVE


def test_a_course_asking_for_no_forum_completes_with_its_modules(site_tree):
    course = factories.course_page(site_tree["courses"], title="Hak Warga")
    factories.module_page(course)
    resident = factories.resident()
    enrolment = enrolled_days_ago(resident, course)

    all_modules_done(resident, course)

    assert status(enrolment) == Enrolment.Status.COMPLETED
    assert forum_attendance_requirement.still_to_do([enrolment]) == {}


def test_completing_after_attendance_leaves_other_residents_and_other_courses_alone(site_tree, budget_course, staff):
    resident, neighbour = factories.resident(), factories.resident(username="tetangga")
    other_course = factories.course_page(site_tree["courses"], title="Hak Warga")
    factories.module_page(other_course)
    mine = enrolled_days_ago(resident, budget_course)
    theirs = enrolled_days_ago(neighbour, budget_course)
    not_asking = enrolled_days_ago(resident, other_course)
    all_modules_done(resident, budget_course)
    all_modules_done(neighbour, budget_course)

    attends(held_forum(site_tree, kind=MUSRENBANG), resident, staff)

    assert status(mine) == Enrolment.Status.COMPLETED
    assert status(theirs) == Enrolment.Status.ACTIVE
    assert status(not_asking) == Enrolment.Status.ACTIVE  # its module is not read: nothing to complete


def test_what_is_still_to_do_names_the_forum_and_links_to_the_coming_forums(client, site_tree, budget_course):
    resident = factories.resident()
    enrolled_days_ago(resident, budget_course)
    client.force_login(resident)

    for url in ("/saya/", budget_course.url):
        response = client.get(url)
        assert response.status_code == 200
        items = [item for item in BeautifulSoup(response.content, "html.parser").select("main li") if item.find("a")]
        line = next(item for item in items if said("Attend one musrenbang kelurahan") in item.get_text())
        expected = f"{said('Attend one musrenbang kelurahan')}: {said('see the coming forums')}."
        assert " ".join(line.get_text().split()) == expected
        assert line.find("a")["href"] == site_tree["forums"].url

    # The course page says what completing it asks, for anyone.
    client.logout()
    assert said("Attend one musrenbang kelurahan").lower() in client.get(budget_course.url).text


def test_what_is_still_to_do_is_gone_once_a_musrenbang_is_attended(site_tree, budget_course, staff):
    resident = factories.resident()
    enrolment = enrolled_days_ago(resident, budget_course)
    with translation.override("en"):
        assert [str(line) for line in still_to_do([enrolment])[enrolment.pk]] == [
            'Attend one musrenbang kelurahan: <a href="/forum/">see the coming forums</a>.'
        ]

    forum_door_add(forum=held_forum(site_tree, kind=MUSRENBANG), by=staff, user=resident)

    assert still_to_do([enrolment]) == {}


def test_what_is_still_to_do_takes_the_same_queries_for_many_enrolments(
    site_tree, budget_course, staff, django_assert_num_queries
):
    def enrolments(count, start):
        made = []
        for number in range(start, start + count):
            resident = factories.resident(username=f"warga{number}")
            made.append(enrolled_days_ago(resident, budget_course))
            if number % 2:
                forum_door_add(forum=forum, by=staff, user=resident)
        return made

    forum = held_forum(site_tree, kind=MUSRENBANG)
    few = enrolments(2, 0)
    forum_attendance_requirement.still_to_do(few)  # warm the site's root paths, which Wagtail caches
    with django_assert_num_queries(3) as captured:  # the courses' asks, the attendance, the forum index
        lines = forum_attendance_requirement.still_to_do(few)
    assert len(lines) == 1
    many = few + enrolments(8, 2)
    with django_assert_num_queries(len(captured.captured_queries)):
        lines = forum_attendance_requirement.still_to_do(many)
    assert len(lines) == 5
