"""A forum organiser's screens in the admin (participation.forum_admin_views): participants and the door,
the attendance list, the QR check-in screen, the sign-in sheet and the questions; who may open them, and
the buttons that reach them from the page explorer and the editor."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from organisations.models import Membership
from organisations.services import GOVERNMENT_STAFF_GROUP, organisation_create
from participation import forum_course_requirement
from participation.forum_attendance import LOG_ATTENDANCE_LIST, LOG_DOOR_ADD
from participation.forum_registration import forum_cancel, forum_register
from participation.models import ForumQuestion, ForumRegistration
from tests import factories

pytestmark = pytest.mark.django_db

SCREENS = ["participants", "attendance", "check_in_qr", "sign_in_sheet", "questions"]
# role -> what opening a screen of Gunung Bahagia's forum answers
EXPECTED = {
    "kelurahan": 200,
    "government": 200,
    "superuser": 200,
    "other_kelurahan": 404,
    "facilitator": 302,  # Wagtail's answer to a refusal in its admin: back to its home, with a message
    "resident": 302,  # no access to the admin: sent to its log-in
    "anonymous": 302,
}


@pytest.fixture(autouse=True)
def no_course_completion(monkeypatch):
    monkeypatch.setattr(forum_course_requirement, "courses_complete_after_attendance", lambda *, user: [])


@pytest.fixture
def world(site_tree):
    gunung_bahagia = factories.region_chain()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    # Starting within the hour: registration is still open, and so are the door and the attendance list.
    forum = factories.forum_page(
        site_tree["forums"],
        title="Rembuk Gunung Bahagia",
        kelurahan=gunung_bahagia,
        capacity=2,
        starts_at=timezone.now() + datetime.timedelta(minutes=30),
    )
    from django.contrib.auth import get_user_model

    users = {
        "kelurahan": factories.kelurahan_staff(region=gunung_bahagia),
        "other_kelurahan": factories.kelurahan_staff(username="staf-damai", region=damai),
        "resident": factories.resident(username="warga"),
        "superuser": get_user_model().objects.create_superuser(username="admin", password="x", email="a@contoh.id"),
        **factories.users_with_roles(
            members=[("facilitator", lestari, Membership.Role.FACILITATOR)],
            government=[("government", GOVERNMENT_STAFF_GROUP)],
        ),
    }
    return {"forum": forum, "forums": site_tree["forums"], "users": users, "kelurahan": gunung_bahagia}


def url(name, forum):
    return reverse(f"forum_admin:{name}", args=[forum.pk])


def log_in(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])


def texts(response, selector):
    return [
        element.get_text(" ", strip=True) for element in BeautifulSoup(response.text, "html.parser").select(selector)
    ]


# --- Who may open them ------------------------------------------------------------------------------------


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("role", EXPECTED)
def test_who_may_open_each_screen(client, world, screen, role):
    log_in(client, world, role)

    response = client.get(url(screen, world["forum"]))

    assert response.status_code == EXPECTED[role], f"{role} {screen}"
    if response.status_code != 200:
        assert "Rembuk Gunung Bahagia" not in response.content.decode()
    if role == "facilitator":
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("role", ["other_kelurahan", "facilitator", "resident", "anonymous"])
def test_those_refused_change_nothing(client, world, role):
    registration = forum_register(forum=world["forum"], user=factories.resident(username="ani"))
    log_in(client, world, role)

    client.post(url("attendance", world["forum"]), {"hadir": [registration.pk]})
    client.post(url("participants", world["forum"]), {"name": "Pak Rahmat"})

    assert not ForumRegistration.objects.attended().exists()
    assert not ForumRegistration.objects.filter(name="Pak Rahmat").exists()


def test_a_forum_that_does_not_exist_is_not_found(client, world):
    log_in(client, world, "government")

    assert client.get(reverse("forum_admin:participants", args=[999_999])).status_code == 404


# --- Reaching them ----------------------------------------------------------------------------------------------


def test_the_explorer_offers_the_participants_of_a_forum_to_its_organiser(client, world):
    log_in(client, world, "kelurahan")

    response = client.get(reverse("wagtailadmin_explore", args=[world["forums"].pk]))

    assert url("participants", world["forum"]) in response.content.decode()
    assert url("questions", world["forum"]) in response.content.decode()


def test_the_editor_offers_every_screen_to_the_organiser(client, world):
    log_in(client, world, "government")

    response = client.get(reverse("wagtailadmin_pages:edit", args=[world["forum"].pk]))

    page = response.content.decode()
    assert all(url(screen, world["forum"]) in page for screen in SCREENS)


def test_the_buttons_are_offered_to_those_who_organise_the_forum_only(world):
    from participation.forum_admin import organises

    users = world["users"]
    assert [organises(world["forum"], users[role]) for role in EXPECTED if role != "anonymous"] == [
        True,  # kelurahan
        True,  # government
        True,  # superuser
        False,  # other_kelurahan
        False,  # facilitator
        False,  # resident
    ]
    assert not organises(world["forums"], users["government"])  # the index is not a forum


# --- Participants and the door ---------------------------------------------------------------------------------


def test_the_participants_screen_lists_each_status_with_counts_and_how_they_attended(client, world):
    forum = world["forum"]
    ani, budi, citra, dewi = (factories.resident(username=name) for name in ("ani", "budi", "citra", "dewi"))
    ani.first_name, budi.first_name = "Ani Lestari", "Budi Santoso"
    ani.save(), budi.save()
    for person in (ani, budi, citra):
        forum_register(forum=forum, user=person)  # Citra waits
    forum_register(forum=forum, user=dewi)
    forum_cancel(forum=forum, user=dewi)
    log_in(client, world, "kelurahan")
    client.post(url("participants", forum), {"name": "Pak Rahmat", "gender": "laki-laki"})

    response = client.get(url("participants", forum))

    assert response.status_code == 200
    registered = texts(response, "#terdaftar tbody tr")
    assert [row.split(" ")[0] for row in registered] == ["Ani", "Budi", "Pak"]
    assert "Ditambahkan di pintu" in registered[2] or "Added at the door" in registered[2]
    assert texts(response, "#menunggu tbody tr")[0].startswith("1 Siti Rahma citra")
    assert texts(response, "#batal tbody tr")[0].startswith("Siti Rahma dewi")
    status = texts(response, ".forum-counts")[0]
    assert "3 dari 2" in status or "3 of 2" in status
    assert "1 hadir" in status or "1 present" in status


def test_someone_without_an_account_is_added_at_the_door(client, world):
    log_in(client, world, "kelurahan")

    response = client.post(url("participants", world["forum"]), {"name": "  Ibu Sari ", "gender": "perempuan"})

    assert response.status_code == 302
    registration = ForumRegistration.objects.get(forum=world["forum"], name="Ibu Sari")
    assert (registration.gender, registration.user, registration.attendance_method) == ("perempuan", None, "pintu")
    assert registration.recorded_by == world["users"]["kelurahan"]
    assert PageLogEntry.objects.filter(page=world["forum"], action=LOG_DOOR_ADD).count() == 1


@pytest.mark.parametrize("identifier", ["siti", "siti@contoh.id", "0812 3456 7890"])
def test_an_account_holder_is_added_at_the_door_by_how_they_log_in(client, world, identifier):
    siti = factories.learner(full_name="Siti Rahmawati", email="siti@contoh.id", phone="+6281234567890")
    siti.username = "siti"
    siti.save()
    log_in(client, world, "government")

    response = client.post(url("participants", world["forum"]), {"account": identifier})

    assert response.status_code == 302
    registration = ForumRegistration.objects.get(forum=world["forum"], user=siti)
    assert (registration.status, registration.attendance_method) == ("terdaftar", "pintu")


def test_an_unknown_account_at_the_door_is_refused_on_its_field(client, world):
    log_in(client, world, "kelurahan")

    response = client.post(url("participants", world["forum"]), {"account": "tidak-ada"})

    assert response.status_code == 400
    assert response.context["form"].errors["account"]
    assert not ForumRegistration.objects.exists()


@pytest.mark.parametrize("data", [{}, {"name": "Ibu Sari", "account": "warga"}])
def test_the_door_wants_a_name_or_an_account_not_both(client, world, data):
    log_in(client, world, "kelurahan")

    response = client.post(url("participants", world["forum"]), data)

    assert response.status_code == 400
    assert not ForumRegistration.objects.exists()


def test_the_participants_screen_reads_the_same_queries_whatever_the_number(client, world):
    forum = world["forum"]
    forum.capacity = None
    forum.save_revision().publish()
    log_in(client, world, "kelurahan")
    client.get(url("participants", forum))  # warm what is read once per process

    def queries_for(count, start):
        for number in range(start, start + count):
            registration = forum_register(forum=forum, user=factories.resident(username=f"warga{number}"))
            ForumRegistration.objects.filter(pk=registration.pk).update(
                attended_at=timezone.now(), attendance_method="daftar", recorded_by=world["users"]["kelurahan"]
            )
        client.get(url("participants", forum))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("participants", forum))
        assert response.status_code == 200
        return len(queries)

    assert queries_for(2, 0) == queries_for(10, 2)


# --- The attendance list --------------------------------------------------------------------------------------


def test_the_list_offers_those_registered_and_waiting_and_saves_the_ticks(client, world):
    forum = world["forum"]
    people = [factories.resident(username=name) for name in ("ani", "budi", "citra")]
    ani, budi, citra = (forum_register(forum=forum, user=person) for person in people)  # Citra waits
    log_in(client, world, "kelurahan")

    page = client.get(url("attendance", forum))
    assert sorted(
        int(box["value"]) for box in BeautifulSoup(page.text, "html.parser").select("input[name=hadir]")
    ) == [
        ani.pk,
        budi.pk,
        citra.pk,
    ]
    response = client.post(url("attendance", forum), {"hadir": [ani.pk, citra.pk]})

    assert response.status_code == 302
    assert set(ForumRegistration.objects.attended().values_list("pk", flat=True)) == {ani.pk, citra.pk}
    assert PageLogEntry.objects.get(page=forum, action=LOG_ATTENDANCE_LIST).user == world["users"]["kelurahan"]


def test_a_list_naming_another_forums_registration_is_refused_whole(client, world, site_tree):
    forum = world["forum"]
    other = factories.forum_page(site_tree["forums"], title="Rembuk Lain", kelurahan=world["kelurahan"])
    mine = forum_register(forum=forum, user=factories.resident(username="ani"))
    theirs = forum_register(forum=other, user=factories.resident(username="budi"))
    log_in(client, world, "kelurahan")

    response = client.post(url("attendance", forum), {"hadir": [mine.pk, theirs.pk]})

    assert response.status_code == 400
    assert not ForumRegistration.objects.attended().exists()


# --- The QR screen and the sign-in sheet --------------------------------------------------------------------


def test_the_qr_screen_shows_a_code_reloads_itself_and_is_never_cached(client, world):
    log_in(client, world, "kelurahan")

    response = client.get(url("check_in_qr", world["forum"]))

    page = response.content.decode()
    assert "<svg" in page and "check-in-qr-code" in page
    assert 'http-equiv="refresh"' in page
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_sign_in_sheet_lists_the_registered_only_sorted_by_name(client, world):
    forum = world["forum"]
    forum.capacity = 3
    forum.save_revision().publish()
    names = {"zaenal": "Zaenal Arifin", "ani": "Ani Lestari", "maria": "Maria Ulfa", "yusuf": "Yusuf Waiting"}
    people = {}
    for username, full_name in names.items():
        people[username] = factories.resident(username=username)
        people[username].first_name = full_name
        people[username].save()
        forum_register(forum=forum, user=people[username])  # Yusuf, the fourth, waits
    dewi = factories.resident(username="dewi")
    forum_register(forum=forum, user=dewi)
    forum_cancel(forum=forum, user=dewi)
    log_in(client, world, "kelurahan")

    response = client.get(url("sign_in_sheet", forum))

    rows = [row for row in texts(response, "tbody tr") if row]
    assert rows == ["1 Ani Lestari", "2 Maria Ulfa", "3 Zaenal Arifin"]
    assert "@media print" in response.content.decode()


# --- Questions ---------------------------------------------------------------------------------------------


def test_the_organiser_takes_a_question_up_and_marks_it_discussed(client, world, site_tree):
    started = factories.forum_page(
        site_tree["forums"],
        title="Rembuk Kemarin",
        kelurahan=world["kelurahan"],
        starts_at=timezone.now() - datetime.timedelta(hours=3),
    )
    question = ForumQuestion.objects.create(
        forum=started, user=world["users"]["resident"], text="Kapan jalan diperbaiki?"
    )
    log_in(client, world, "kelurahan")

    taken = client.post(url("questions", started), {"question": question.pk, "action": "take_up"})
    discussed = client.post(
        url("questions", started), {"question": question.pk, "action": "discussed", "answer": "Bulan depan."}
    )

    assert (taken.status_code, discussed.status_code) == (302, 302)
    question.refresh_from_db()
    assert (question.status, question.answer) == (ForumQuestion.Status.TAKEN_UP, "Bulan depan.")
    assert question.discussed_at is not None and question.decided_by == world["users"]["kelurahan"]


def test_a_question_of_another_forum_is_refused(client, world, site_tree):
    other = factories.forum_page(site_tree["forums"], title="Rembuk Lain", kelurahan=world["kelurahan"])
    question = ForumQuestion.objects.create(forum=other, user=world["users"]["resident"], text="Pertanyaan lain?")
    log_in(client, world, "kelurahan")

    response = client.post(url("questions", world["forum"]), {"question": question.pk, "action": "take_up"})

    assert response.status_code == 400
    question.refresh_from_db()
    assert question.status == ForumQuestion.Status.SENT


def test_a_refused_decision_says_why(client, world):
    question = ForumQuestion.objects.create(
        forum=world["forum"], user=world["users"]["resident"], text="Kapan jalan diperbaiki?"
    )
    log_in(client, world, "kelurahan")

    response = client.post(
        url("questions", world["forum"]), {"question": question.pk, "action": "discussed", "answer": "x"}
    )

    assert response.status_code == 400
    question.refresh_from_db()
    assert question.discussed_at is None
