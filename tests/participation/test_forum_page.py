"""A forum's page for residents (participation.forum_views): what it shows before and after the meeting, the
registration buttons and questions, and every refusal (anonymous, GET to a POST route, after the start,
draft and private forums, CSRF); the page is never kept by the anonymous page cache."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from accounts.models import LearnerProfile
from notices.models import Notice
from participation.forum_questions import (
    QuestionError,
    forum_question_discussed,
    forum_question_send,
    forum_question_take_up,
)
from participation.forum_registration import forum_register
from participation.forum_selectors import forum_attendance_figures
from participation.models import ForumQuestion, ForumRegistration
from tests import factories

REGISTERED = ForumRegistration.Status.REGISTERED
WAITING = ForumRegistration.Status.WAITING


def in_indonesian(text, context=None):
    """The text as residents read it, whether or not its translation is in the locale files yet."""
    with translation.override("id"):
        return translation.pgettext(context, text) if context else translation.gettext(text)


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def forum(site_tree):
    return factories.forum_page(
        site_tree["forums"],
        capacity=2,
        latitude=Decimal("-1.268200"),
        longitude=Decimal("116.828500"),
        organiser="LPM Gunung Bahagia",
    )


@pytest.fixture
def siti(db):
    return factories.resident(username="siti")


@pytest.fixture
def signed_in(client, siti):
    client.force_login(siti)
    return client


def url(forum, route=""):
    return forum.url + (forum.reverse_subpage(route) if route else "")


# --- What the page shows


def test_the_page_shows_kind_times_in_wita_venue_map_link_organiser_and_places(client, forum):
    response = client.get(forum.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert forum.get_kind_display() in html
    starts, ends = timezone.localtime(forum.starts_at), timezone.localtime(forum.ends_at)
    assert starts.strftime("%H.%M") in html and ends.strftime("%H.%M") in html and "WITA" in html
    assert forum.venue in html
    assert (
        'href="https://www.openstreetmap.org/?mlat=-1.268200&amp;mlon=116.828500#map=18/-1.268200/116.828500"' in html
    )
    assert "<script" not in html.split("<main", 1)[1]  # no map script: a plain link
    assert "LPM Gunung Bahagia" in html
    assert "2 tempat tersisa" in html or "2 places left" in html
    assert f'href="{url(forum, "calendar")}"' in html


def test_a_forum_without_coordinates_has_no_map_link(client, site_tree):
    forum = factories.forum_page(site_tree["forums"])
    assert "openstreetmap" not in client.get(forum.url).content.decode()


def test_anonymous_visitors_are_offered_the_log_in_with_the_way_back(client, forum):
    html = client.get(forum.url).content.decode()

    assert f'href="/akun/masuk/?next={forum.url.replace("/", "%2F")}"' in html
    assert in_indonesian("Log in to register") in html
    assert in_indonesian("I will attend") not in html


def places_left(left, capacity):
    """The places left as residents read them (participation/includes/forum_places.html)."""
    with translation.override("id"):
        text = translation.ngettext(
            "%(left)s place left of %(capacity)s", "%(left)s places left of %(capacity)s", left
        )
    return text % {"left": left, "capacity": capacity}


@pytest.fixture
def page_cache_on(settings):
    """The anonymous page cache as in production (lms/settings/test.py switches it off); its caches, "pages"
    and "pages-local", start empty (tests/conftest.py's empty_caches)."""
    settings.PAGE_CACHE_ENABLED = True


def test_the_page_is_never_kept_by_the_anonymous_page_cache(
    client, forum, page_cache_on, django_capture_on_commit_callbacks
):
    first = client.get(forum.url)
    second = client.get(forum.url)
    # The registration's commit invalidates the page cache, as in production; the page must be right without
    # that: no response is served from the page cache ("hit") or kept in it ("miss").
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        forum_register(forum=forum, user=factories.resident(username="budi"))
    assert callbacks
    third = client.get(forum.url)

    for response in (first, second, third):
        assert response.status_code == 200
        assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
        assert "X-Page-Cache" not in response
    assert places_left(2, 2) in first.content.decode() and places_left(2, 2) in second.content.decode()
    assert places_left(1, 2) in third.content.decode()


def test_places_change_at_once_for_anonymous_visitors(
    client, site_tree, forum, page_cache_on, django_capture_on_commit_callbacks
):
    """The forum index (/forum/) is kept by the page cache, and its cards show places left: a registration
    makes the copy stale."""
    index_url = site_tree["forums"].url
    assert client.get(index_url)["X-Page-Cache"] == "miss"
    cached = client.get(index_url)
    assert cached["X-Page-Cache"] == "hit" and places_left(2, 2) in cached.content.decode()
    assert in_indonesian("Full") not in cached.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        for name in ("budi", "ani", "dewi"):  # two places, then the waiting list
            forum_register(forum=forum, user=factories.resident(username=name))
    index = client.get(index_url)

    assert index["X-Page-Cache"] == "miss"
    html = index.content.decode()
    assert places_left(2, 2) not in html and in_indonesian("Full") in html
    assert in_indonesian("Full") in client.get(forum.url).content.decode()


def test_the_budgeting_call_it_decides_on_is_linked(client, site_tree):
    call = factories.budgeting_call_page(site_tree["budgeting"])
    forum = factories.forum_page(site_tree["forums"], budgeting_call=call)

    html = client.get(forum.url).content.decode()
    assert f'href="{call.url}"' in html and call.title in html


# --- Registering and cancelling


def test_a_resident_registers_and_sees_it_on_the_page(signed_in, forum, siti):
    html = signed_in.get(forum.url).content.decode()
    assert in_indonesian("I will attend") in html and f'action="{url(forum, "register")}"' in html

    response = signed_in.post(url(forum, "register"))

    assert response.status_code == 302 and response["Location"] == forum.url
    assert message_texts(response) == [
        in_indonesian("You are registered for %(forum)s. See you there!") % {"forum": forum.title}
    ]
    assert ForumRegistration.objects.get(forum=forum, user=siti).status == REGISTERED
    html = signed_in.get(forum.url).content.decode()
    assert in_indonesian("You are registered.") in html
    assert in_indonesian("Cancel", "forum registration") in html


def test_a_full_forum_offers_the_waiting_list_and_tells_the_place_on_it(signed_in, forum, siti):
    for name in ("budi", "ani", "dewi"):
        forum_register(forum=forum, user=factories.resident(username=name))

    html = signed_in.get(forum.url).content.decode()
    assert in_indonesian("Join the waiting list") in html and in_indonesian("I will attend") not in html

    response = signed_in.post(url(forum, "register"))
    assert ForumRegistration.objects.get(user=siti).status == WAITING
    assert message_texts(response) == [
        in_indonesian(
            "The forum is full: you are number %(position)d on the waiting list. If a place becomes free, it is "
            "yours and you are told."
        )
        % {"position": 2}
    ]
    html = signed_in.get(forum.url).content.decode()
    assert in_indonesian("You are on the waiting list: number %(position)s.") % {"position": 2} in html


def test_cancelling_frees_the_place_for_the_first_waiting(signed_in, forum, siti):
    forum_register(forum=forum, user=siti)
    forum_register(forum=forum, user=factories.resident(username="budi"))
    ani = factories.resident(username="ani")
    forum_register(forum=forum, user=ani)

    response = signed_in.post(url(forum, "cancel"))

    assert message_texts(response) == [
        in_indonesian("Your registration for %(forum)s is cancelled.") % {"forum": forum.title}
    ]
    assert ForumRegistration.objects.get(user=ani).status == REGISTERED
    assert Notice.objects.filter(user=ani).count() == 1
    html = signed_in.get(forum.url).content.decode()
    assert in_indonesian("I will attend") in html or in_indonesian("Join the waiting list") in html


def test_cancelling_without_a_registration_says_so(signed_in, forum):
    response = signed_in.post(url(forum, "cancel"))
    assert message_texts(response) == [in_indonesian("You are not registered for this forum.")]


@pytest.mark.parametrize("route", ["register", "cancel", "question"])
def test_the_routes_that_change_something_answer_only_post(signed_in, forum, route):
    response = signed_in.get(url(forum, route))
    assert response.status_code == 405
    assert not ForumRegistration.objects.exists() and not ForumQuestion.objects.exists()


def test_the_page_itself_does_not_take_a_post(signed_in, forum):
    assert signed_in.post(forum.url).status_code == 405


@pytest.mark.parametrize("route", ["register", "cancel", "question"])
def test_anonymous_posts_lead_to_the_log_in_and_back_to_the_forum(client, forum, route):
    response = client.post(url(forum, route), {"text": "Bagaimana jadwal pengangkutan sampah?"})

    assert response.status_code == 302
    assert response["Location"] == f"/akun/masuk/?next={forum.url}"
    assert not ForumRegistration.objects.exists() and not ForumQuestion.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(forum, siti):
    client = Client(enforce_csrf_checks=True)
    client.force_login(siti)

    assert client.post(url(forum, "register")).status_code == 403
    assert not ForumRegistration.objects.exists()


def test_registering_after_the_start_is_refused_with_a_message(signed_in, site_tree, siti):
    now = timezone.now()
    forum = factories.forum_page(
        site_tree["forums"], starts_at=now - datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(hours=1)
    )
    html = signed_in.get(forum.url).content.decode()
    assert in_indonesian("I will attend") not in html

    response = signed_in.post(url(forum, "register"))

    assert message_texts(response) == [
        in_indonesian("Registration for this forum is closed: the meeting has started.")
    ]
    assert not ForumRegistration.objects.exists()


def test_a_draft_forum_and_its_routes_are_not_found(signed_in, site_tree):
    forum = factories.forum_page(site_tree["forums"])
    address = forum.url
    forum.unpublish()

    assert signed_in.get(address).status_code == 404
    assert signed_in.post(address + "daftar/").status_code == 404
    assert not ForumRegistration.objects.exists()


def test_a_private_forum_takes_no_registration_without_its_password(signed_in, forum):
    PageViewRestriction.objects.create(page=forum, restriction_type=PageViewRestriction.PASSWORD, password="rahasia")

    response = signed_in.post(url(forum, "register"))

    assert response.status_code == 200  # Wagtail's password form, not our view
    assert not ForumRegistration.objects.exists()
    assert signed_in.get(forum.url).status_code == 200
    assert in_indonesian("I will attend") not in signed_in.get(forum.url).content.decode()


# --- Questions for the agenda


def test_a_resident_sends_a_question_cleaned_of_control_characters(signed_in, forum, siti):
    response = signed_in.post(url(forum, "question"), {"text": "  Kapan\u202e saluran di RT 05\x07 diperbaiki?\r\n "})

    assert response.status_code == 302 and response["Location"] == forum.url + "#pertanyaan"
    question = ForumQuestion.objects.get(user=siti)
    assert question.text == "Kapan saluran di RT 05 diperbaiki?"
    assert question.status == ForumQuestion.Status.SENT
    assert len(message_texts(response)) == 1


def test_a_question_too_short_comes_back_with_its_error_and_nothing_saved(signed_in, forum):
    response = signed_in.post(url(forum, "question"), {"text": "Sampah"})

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not ForumQuestion.objects.exists()
    assert "no-cache" in response["Cache-Control"]


def test_a_question_too_long_is_refused(signed_in, forum):
    response = signed_in.post(url(forum, "question"), {"text": "a" * 501})
    assert response.status_code == 200 and not ForumQuestion.objects.exists()


def test_a_resident_sends_at_most_three_questions_per_meeting(signed_in, forum, siti):
    for number in range(3):
        signed_in.post(url(forum, "question"), {"text": f"Pertanyaan nomor {number} tentang drainase"})

    html = signed_in.get(forum.url).content.decode()
    assert 'action="' + url(forum, "question") + '"' not in html

    response = signed_in.post(url(forum, "question"), {"text": "Pertanyaan keempat tentang drainase"})

    assert ForumQuestion.objects.filter(user=siti).count() == 3
    expected = translation.override("id")
    with expected:
        refusal = translation.ngettext(
            "You have already sent %(count)d question for this forum, the most one resident may send.",
            "You have already sent %(count)d questions for this forum, the most one resident may send.",
            3,
        ) % {"count": 3}
    assert message_texts(response) == [refusal]


def test_questions_close_when_the_meeting_starts(signed_in, site_tree, siti):
    now = timezone.now()
    forum = factories.forum_page(
        site_tree["forums"], starts_at=now - datetime.timedelta(minutes=5), ends_at=now + datetime.timedelta(hours=1)
    )
    assert 'name="text"' not in signed_in.get(forum.url).content.decode()

    response = signed_in.post(url(forum, "question"), {"text": "Bagaimana jadwal pengangkutan sampah?"})

    assert message_texts(response) == [in_indonesian("Questions for this forum are closed: the meeting has started.")]
    assert not ForumQuestion.objects.exists()


def test_only_questions_taken_up_are_shown_never_with_the_senders_name(client, forum, siti):
    staff = factories.kelurahan_staff()
    taken = forum_question_send(forum=forum, user=siti, text="Kapan bank sampah unit dibentuk di RT kami?")
    refused = forum_question_send(forum=forum, user=siti, text="Topik yang tidak masuk agenda kali ini.")
    forum_question_send(forum=forum, user=siti, text="Pertanyaan yang belum diputuskan panitia.")
    forum_question_take_up(question=taken, by=staff, taken_up=True)
    forum_question_take_up(question=refused, by=staff, taken_up=False)

    html = client.get(forum.url).content.decode()

    assert taken.text in html
    assert refused.text not in html and "belum diputuskan" not in html
    assert siti.first_name not in html and siti.username not in html


def test_taking_up_and_discussing_record_who_decided_and_tell_the_sender_in_indonesian(forum, siti):
    staff = factories.kelurahan_staff()
    question = forum_question_send(forum=forum, user=siti, text="Kapan bank sampah unit dibentuk di RT kami?")

    with translation.override("en"):  # the organiser's admin in English; the resident reads Indonesian
        forum_question_take_up(question=question, by=staff, taken_up=True)
    question.refresh_from_db()
    assert question.status == ForumQuestion.Status.TAKEN_UP and question.decided_by == staff
    notice = Notice.objects.get(user=siti)
    assert notice.subject == in_indonesian("Your question is on the agenda of %(forum)s") % {"forum": forum.title}
    assert notice.link == forum.url

    with pytest.raises(QuestionError) as refused:
        forum_question_discussed(question=question, by=staff, answer="Dibahas.")
    assert refused.value.code == "state"  # the meeting has not started

    after = forum.ends_at + datetime.timedelta(hours=1)
    forum_question_discussed(question=question, by=staff, answer="Dibentuk bulan depan oleh PKK.", now=after)
    question.refresh_from_db()
    assert question.discussed_at == after and question.answer == "Dibentuk bulan depan oleh PKK."
    assert Notice.objects.filter(user=siti).count() == 2


def test_a_question_not_taken_up_cannot_be_marked_discussed(forum, siti):
    staff = factories.kelurahan_staff()
    question = forum_question_send(forum=forum, user=siti, text="Kapan bank sampah unit dibentuk di RT kami?")
    with pytest.raises(QuestionError):
        forum_question_discussed(
            question=question, by=staff, answer="Dibahas.", now=forum.ends_at + datetime.timedelta(hours=1)
        )
    assert ForumQuestion.objects.get(pk=question.pk).discussed_at is None


# --- After the meeting


@pytest.fixture
def past_forum(site_tree):
    now = timezone.now()
    forum = factories.forum_page(
        site_tree["forums"],
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(days=3) + datetime.timedelta(hours=2),
        minutes="<p>Warga membahas bank sampah unit.</p>",
        decisions="<ol><li>PKK mendata calon anggota.</li></ol>",
    )
    return forum


def registered_row(forum, *, gender="", attended=True, door=False, number=[0]):  # noqa: B006
    number[0] += 1
    now = timezone.now()
    if door:
        return ForumRegistration.objects.create(
            forum=forum, name=f"Tamu {number[0]}", gender=gender, status=REGISTERED, attended_at=now
        )
    user = factories.learner(full_name=f"Warga Nomor {number[0]}", gender=gender)
    return ForumRegistration.objects.create(
        forum=forum, user=user, status=REGISTERED, attended_at=now if attended else None
    )


def test_after_the_meeting_the_page_shows_minutes_decisions_and_attendance(client, past_forum, siti):
    staff = factories.kelurahan_staff()
    question = ForumQuestion.objects.create(forum=past_forum, user=siti, text="Kapan bank sampah unit dibentuk?")
    forum_question_take_up(question=question, by=staff, taken_up=True)
    forum_question_discussed(question=question, by=staff, answer="Bulan depan, oleh PKK.")
    for _ in range(6):
        registered_row(past_forum, gender=LearnerProfile.Gender.FEMALE)
    for _ in range(5):
        registered_row(past_forum, gender=LearnerProfile.Gender.MALE, attended=False)

    html = client.get(past_forum.url).content.decode()

    assert "Warga membahas bank sampah unit." in html and "PKK mendata calon anggota." in html
    assert "Bulan depan, oleh PKK." in html
    assert in_indonesian("I will attend") not in html and 'name="text"' not in html
    figures = forum_attendance_figures(forum=past_forum)
    assert [(row.registered.count, row.attended.count) for row in figures] == [(11, 6), (6, 6), (5, 0), (0, 0)]
    assert ">11<" in html


def test_small_attendance_counts_are_hidden_as_on_the_open_data_page(past_forum):
    for _ in range(6):
        registered_row(past_forum, gender=LearnerProfile.Gender.FEMALE)
    for _ in range(2):
        registered_row(past_forum, gender=LearnerProfile.Gender.MALE)
    registered_row(past_forum, door=True, gender="laki-laki")  # a door entry's own gender
    for _ in range(5):
        registered_row(past_forum, gender="", attended=False)

    total, women, men, unknown = forum_attendance_figures(forum=past_forum)

    assert (total.registered.count, total.attended.count) == (14, 9)
    assert women.registered.count == 6 and women.attended.count == 6
    # 3 men: "<5"; the smallest other count of the same sum is then hidden too ("—").
    assert men.registered.small and men.attended.small
    # One hidden count of a sum could be worked out from the total: the smallest other non-zero count
    # (5 not known, against 6 women) is hidden too, and with it their attendance.
    assert unknown.registered.hidden and unknown.attended.hidden
    assert total.registered.count == 14


def test_hidden_counts_render_as_marks(client, past_forum):
    for _ in range(3):
        registered_row(past_forum, gender=LearnerProfile.Gender.FEMALE)

    html = client.get(past_forum.url).content.decode()

    assert "&lt;5" in html
    assert ">3<" not in html


# --- The forum list


def queries_for(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def test_the_forum_list_shows_kind_times_and_places_of_each_coming_meeting(client, site_tree):
    full = factories.forum_page(site_tree["forums"], title="Forum Penuh", capacity=1)
    factories.forum_page(site_tree["forums"], title="Forum Terbuka", capacity=None)
    forum_register(forum=full, user=factories.resident(username="budi"))
    forum_register(forum=full, user=factories.resident(username="ani"))

    html = client.get(site_tree["forums"].url).content.decode()

    assert html.count(in_indonesian("Monthly kelurahan forum")) >= 2
    assert in_indonesian("Full") in html and in_indonesian("Open to all: no limit on places") in html
    assert "WITA" in html


def test_the_forum_list_reads_places_in_the_lists_own_query(client, site_tree):
    """Anonymous, the list is then kept by the page cache: logged in, it is computed every time."""
    client.force_login(factories.resident(username="pembaca"))
    # The site is remembered past publishes (core.page_cache.remember_site): looked up here, so that both
    # counts below are of a request after a publish, with the site known and the route to be found.
    client.get(site_tree["forums"].url)
    forums = [factories.forum_page(site_tree["forums"], title="Forum 1", capacity=3)]
    few = queries_for(client, site_tree["forums"].url)
    for number in range(2, 7):
        forum = factories.forum_page(site_tree["forums"], title=f"Forum {number}", capacity=3)
        forum_register(forum=forum, user=factories.resident(username=f"warga{number}"))
        forums.append(forum)
    past = timezone.now() - datetime.timedelta(days=30)
    factories.forum_page(site_tree["forums"], title="Forum Lalu", starts_at=past, capacity=2)

    assert queries_for(client, site_tree["forums"].url) == few
