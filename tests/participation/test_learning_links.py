"""Forum and budgeting-call pages name the courses that prepare for them and tell a signed-in visitor
whether they completed each; a call says whether its prerequisite lets the visitor propose."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation
from django.utils.translation import gettext

from participation.selectors import budgeting_call_prerequisite_met
from tests import factories

pytestmark = pytest.mark.django_db


def said(msgid):
    """What the site says for `msgid`, in its language (Indonesian)."""
    with translation.override("id"):
        return gettext(msgid)


def course_states(response):
    """{course title: "completed" / "not completed" / None (nothing said)} for each course link."""
    soup = BeautifulSoup(response.content, "html.parser")
    states = {}
    for item in soup.select("article li, aside.callout p"):
        link = item.find("a")
        if link is None:
            continue
        if item.select_one(".course-completed"):
            states[link.get_text(strip=True)] = "completed"
        elif item.select_one(".course-not-completed"):
            states[link.get_text(strip=True)] = "not completed"
        else:
            states[link.get_text(strip=True)] = None
    return states


@pytest.fixture
def courses(site_tree):
    index = site_tree["courses"]
    return {
        "done": factories.course_page(index, title="Hak dan Kewajiban Warga"),
        "started": factories.course_page(index, title="Pengelolaan Sampah", topic="lingkungan"),
        "draft": factories.course_page(index, title="Kursus Draf"),
    }


@pytest.fixture
def forum(site_tree, courses):
    courses["draft"].unpublish()
    forum = factories.forum_page(site_tree["forums"], title="Forum Warga Desember")
    forum.related_courses.add(courses["done"], courses["started"], courses["draft"])
    forum.save_revision().publish()
    return forum


@pytest.fixture
def resident(courses):
    resident = factories.resident()
    factories.enrolment(user=resident, course=courses["done"], completed_at=timezone.now())
    factories.enrolment(user=resident, course=courses["started"])
    return resident


def test_forum_page_shows_a_signed_in_resident_which_courses_they_completed(client, forum, resident):
    client.force_login(resident)

    response = client.get(forum.url)

    assert course_states(response) == {"Hak dan Kewajiban Warga": "completed", "Pengelolaan Sampah": "not completed"}
    assert said("Completed already") in response.text
    assert said("Not completed yet") in response.text


def test_forum_page_lists_its_courses_without_a_state_for_an_anonymous_visitor(client, forum, courses):
    response = client.get(forum.url)

    assert course_states(response) == {"Hak dan Kewajiban Warga": None, "Pengelolaan Sampah": None}
    assert f'href="{courses["done"].url}"' in response.text
    assert "Kursus Draf" not in response.text  # a course nobody can open is not offered
    assert said("Not completed yet") not in response.text


def test_another_residents_completion_is_not_the_visitors(client, forum, resident):
    neighbour = factories.resident(username="tetangga")
    client.force_login(neighbour)

    response = client.get(forum.url)

    assert course_states(response) == {
        "Hak dan Kewajiban Warga": "not completed",
        "Pengelolaan Sampah": "not completed",
    }


def test_forum_page_queries_do_not_grow_with_its_courses(
    client, site_tree, forum, resident, django_assert_max_num_queries
):
    client.force_login(resident)
    client.get(forum.url)
    with django_assert_max_num_queries(100) as few:
        client.get(forum.url)
    for number in range(3):
        course = factories.course_page(site_tree["courses"], title=f"Kursus Tambahan {number}")
        factories.enrolment(user=resident, course=course, completed_at=timezone.now())
        forum.related_courses.add(course)
    forum.save_revision().publish()
    client.get(forum.url)
    with django_assert_max_num_queries(100) as many:
        response = client.get(forum.url)

    assert len(course_states(response)) == 5
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.fixture
def call(site_tree, courses):
    return factories.budgeting_call_page(site_tree["budgeting"], prerequisite_course=courses["done"])


def test_call_page_tells_a_resident_who_completed_its_course_that_they_may_propose(client, call, resident):
    client.force_login(resident)

    response = client.get(call.url)

    assert course_states(response) == {"Hak dan Kewajiban Warga": "completed"}
    assert said("You have completed it: you may propose.") in response.text
    assert said("Complete it first: then you may propose.") not in response.text


def test_call_page_tells_a_resident_who_has_not_completed_its_course_to_complete_it_first(
    client, site_tree, courses, resident
):
    call = factories.budgeting_call_page(site_tree["budgeting"], prerequisite_course=courses["started"])
    client.force_login(resident)

    response = client.get(call.url)

    assert course_states(response) == {"Pengelolaan Sampah": "not completed"}
    assert said("Complete it first: then you may propose.") in response.text
    assert said("You have completed it: you may propose.") not in response.text


def test_call_page_names_its_course_to_an_anonymous_visitor_without_a_verdict(client, call):
    response = client.get(call.url)

    assert course_states(response) == {"Hak dan Kewajiban Warga": None}
    assert said("Take this course before you propose:") in response.text
    assert said("You have completed it: you may propose.") not in response.text
    assert said("Complete it first: then you may propose.") not in response.text


def test_the_prerequisite_rule(site_tree, courses, call, resident):
    neighbour = factories.resident(username="tetangga")
    without = factories.budgeting_call_page(site_tree["budgeting"], title="Usulan Tanpa Syarat")

    assert budgeting_call_prerequisite_met(call=call, user=resident)
    assert not budgeting_call_prerequisite_met(call=call, user=neighbour)  # the resident's completion is theirs
    assert not budgeting_call_prerequisite_met(call=call, user=AnonymousUser())
    assert budgeting_call_prerequisite_met(call=without, user=neighbour)
