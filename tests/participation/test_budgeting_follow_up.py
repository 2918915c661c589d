"""The follow-up of budgeting winners (participation.budgeting_follow_up): who may add a dated update and when,
what it does to the proposal's progress, its photo, the admin's screens and the public proposal's part.

The winners come from participation.budgeting_results.winning_proposal_ids, written elsewhere: these tests
name the winners by replacing it where the follow-up reads it (``winners`` below)."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.models import ModelLogEntry

from organisations.services import GOVERNMENT_STAFF_GROUP
from participation import budgeting_follow_up
from participation.budgeting_follow_up import (
    LOG_UPDATE_ADD,
    FollowUpError,
    call_winners,
    proposal_update_add,
    proposal_updates,
)
from participation.budgeting_phases import Phase
from participation.models import Proposal, ProposalUpdate
from tests import factories
from tests.participation import budgeting_factories as bf

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
Progress = Proposal.Progress


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def winners(monkeypatch):
    """The set of winning proposal ids, filled by each test (for every call)."""
    ids = set()
    monkeypatch.setattr(budgeting_follow_up, "winning_proposal_ids", lambda call: set(ids))
    return ids


@pytest.fixture
def world(site_tree, winners):
    gunung_bahagia = factories.region_chain()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    call = bf.call(site_tree, phase=Phase.FOLLOW_UP, title="Usulan Warga 2026")
    winner = bf.proposal(call, title="Lampu jalan RT 05", status=Proposal.Status.FEASIBLE, kelurahan=gunung_bahagia)
    loser = bf.proposal(call, title="Taman bermain RT 07", status=Proposal.Status.FEASIBLE, kelurahan=gunung_bahagia)
    winner_in_damai = bf.proposal(call, title="Drainase Damai", status=Proposal.Status.FEASIBLE, kelurahan=damai)
    winners.update({winner.pk, winner_in_damai.pk})
    users = {
        "kelurahan": factories.kelurahan_staff(region=gunung_bahagia),
        "other_kelurahan": factories.kelurahan_staff(username="staf-damai", region=damai),
        "resident": bf.resident_in_area("Warga Biasa"),
        "superuser": get_user_model().objects.create_superuser(username="admin", password="x", email="a@contoh.id"),
        **factories.users_with_roles(government=[("government", GOVERNMENT_STAFF_GROUP)]),
    }
    return {
        "call": call,
        "winner": winner,
        "loser": loser,
        "winner_in_damai": winner_in_damai,
        "users": users,
        "today": timezone.localdate(),
    }


def add(world, *, by="kelurahan", proposal="winner", date=None, progress=Progress.IN_PROGRESS, text=None, **kwargs):
    return proposal_update_add(
        proposal=world[proposal],
        by=world["users"][by],
        date=date or world["today"],
        progress=progress,
        text="Tiang lampu sudah dipasang di RT 05." if text is None else text,
        **kwargs,
    )


def photo_upload(size=(3000, 2000)):
    output = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGB", size, "green").save(output, "JPEG", exif=exif)
    return SimpleUploadedFile("IMG_0001.jpg", output.getvalue(), content_type="image/jpeg")


# --- The service: who, what, when ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["kelurahan", "government", "superuser"])
def test_staff_of_the_kelurahan_and_government_staff_add_an_update(world, role):
    update = add(world, by=role)

    world["winner"].refresh_from_db()
    assert world["winner"].progress == Progress.IN_PROGRESS
    assert update.created_by == world["users"][role]
    assert proposal_updates(world["winner"]) == [update]


def test_government_staff_follow_up_a_winner_in_any_kelurahan(world):
    add(world, by="government", proposal="winner_in_damai", progress=Progress.PLANNED)

    world["winner_in_damai"].refresh_from_db()
    assert world["winner_in_damai"].progress == Progress.PLANNED


@pytest.mark.parametrize("role", ["other_kelurahan", "resident"])
def test_a_resident_or_another_kelurahans_staff_is_refused(world, role):
    with pytest.raises(PermissionDenied):
        add(world, by=role)

    assert not ProposalUpdate.objects.exists()
    world["winner"].refresh_from_db()
    assert world["winner"].progress == ""


def test_a_proposal_that_did_not_win_is_not_followed_up(world):
    with pytest.raises(FollowUpError):
        add(world, proposal="loser")

    assert not ProposalUpdate.objects.exists()
    world["loser"].refresh_from_db()
    assert world["loser"].progress == ""


@pytest.mark.parametrize("phase", [Phase.PROPOSALS, Phase.REVIEW, Phase.VOTING, Phase.COUNTING])
def test_nothing_is_followed_up_before_the_results_are_public(world, phase):
    call = world["call"]
    for field, value in bf.phase_dates(phase).items():
        setattr(call, field, value)
    call.save()
    world["winner"].call = call

    with pytest.raises(FollowUpError):
        add(world, date=call.proposals_open)

    assert not ProposalUpdate.objects.exists()


def test_an_update_may_be_written_once_the_results_are_public(site_tree, world, winners):
    """Decision: from the results' day, not only from follow_up_from: "planned" is news residents want."""
    call = bf.call(site_tree, phase=Phase.RESULTS, title="Usulan Warga 2027", slug="usulan-2027")
    proposal = bf.proposal(call, status=Proposal.Status.FEASIBLE)
    winners.add(proposal.pk)

    proposal_update_add(
        proposal=proposal,
        by=world["users"]["government"],
        date=world["today"],
        progress=Progress.PLANNED,
        text="Dijadwalkan bulan depan.",
    )

    proposal.refresh_from_db()
    assert proposal.progress == Progress.PLANNED


@pytest.mark.parametrize(
    "change",
    [
        {"date": "tomorrow"},
        {"date": "before_results"},
        {"text": "   "},
        {"text": "x" * 2001},
        {"progress": "finished"},
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(world, change):
    kwargs = dict(change)
    if kwargs.get("date") == "tomorrow":
        kwargs["date"] = world["today"] + DAY
    elif kwargs.get("date") == "before_results":
        kwargs["date"] = world["call"].results_on - DAY

    with pytest.raises(FollowUpError) as refused:
        add(world, **kwargs)

    assert refused.value.message
    assert not ProposalUpdate.objects.exists()


def test_the_progress_is_that_of_the_newest_update_by_date(world):
    today = world["today"]
    add(world, date=today - 10 * DAY, progress=Progress.PLANNED)
    add(world, date=today - 2 * DAY, progress=Progress.DONE)
    # Written late, about a day before the work was done: the work stays done.
    late = add(world, date=today - 5 * DAY, progress=Progress.IN_PROGRESS)

    world["winner"].refresh_from_db()
    assert world["winner"].progress == Progress.DONE
    assert [u.date for u in proposal_updates(world["winner"])] == [today - 2 * DAY, late.date, today - 10 * DAY]


def test_the_photo_is_made_small_and_stripped_of_its_metadata(world):
    update = add(world, photo=photo_upload())

    with Image.open(update.photo.path) as image:
        assert max(image.size) <= 1600
        assert not image.getexif()
    assert update.photo.name.startswith("penganggaran/progres/")


def test_a_file_that_is_not_a_photo_is_refused(world):
    with pytest.raises(FollowUpError):
        add(world, photo=SimpleUploadedFile("foto.jpg", b"not a photo", content_type="image/jpeg"))

    assert not ProposalUpdate.objects.exists()


def test_each_update_is_in_the_proposals_history(world):
    update = add(world)

    entry = ModelLogEntry.objects.get(action=LOG_UPDATE_ADD)
    assert entry.object_id == str(world["winner"].pk)
    assert entry.user_id == world["users"]["kelurahan"].pk
    assert entry.data["update"] == update.pk


# --- The admin's list of winners -----------------------------------------------------------------------------


def test_the_list_of_winners_is_scoped_to_the_kelurahan(world):
    call = world["call"]

    assert {row.proposal for row in call_winners(call, world["users"]["government"])} == {
        world["winner"],
        world["winner_in_damai"],
    }
    assert [row.proposal for row in call_winners(call, world["users"]["kelurahan"])] == [world["winner"]]
    assert call_winners(call, world["users"]["resident"]) == []


INDEX_EXPECTED = {
    "kelurahan": 200,
    "government": 200,
    "superuser": 200,
    "resident": 302,  # no access to the admin: sent to its log-in
    "anonymous": 302,
}


@pytest.mark.parametrize("role", INDEX_EXPECTED)
def test_who_may_open_the_follow_up_screen(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])

    response = client.get(reverse("budgeting_follow_up:index"))

    assert response.status_code == INDEX_EXPECTED[role]
    if response.status_code == 200:
        assert "no-cache" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_an_admin_user_without_a_kelurahan_is_refused(client, world):
    from organisations.models import Membership
    from organisations.services import organisation_create

    lestari = organisation_create(name="Yayasan Lestari", slug="lestari", kind="ngo")
    facilitator = factories.users_with_roles(members=[("facilitator", lestari, Membership.Role.FACILITATOR)])[
        "facilitator"
    ]
    client.force_login(facilitator)

    assert client.get(reverse("budgeting_follow_up:index")).status_code in (302, 403)
    response = client.post(
        reverse("budgeting_follow_up:proposal", args=[world["winner"].pk]),
        {"date": world["today"].isoformat(), "progress": Progress.DONE, "text": "Selesai."},
    )
    assert response.status_code in (302, 403)
    assert not ProposalUpdate.objects.exists()


def test_the_follow_up_screen_lists_the_winners_with_their_progress(client, world, django_assert_max_num_queries):
    add(world, progress=Progress.IN_PROGRESS)
    client.force_login(world["users"]["kelurahan"])
    client.get(reverse("budgeting_follow_up:index"))  # warm the session and the menu's caches

    with django_assert_max_num_queries(25):
        response = client.get(reverse("budgeting_follow_up:index"))

    soup = BeautifulSoup(response.text, "html.parser")
    rows = soup.select("table.budgeting-winners tbody tr")
    assert [row["data-proposal"] for row in rows] == [str(world["winner"].pk)]
    assert rows[0].select_one(".progress-cell").get_text(strip=True)


def test_the_winners_screen_counts_its_queries_once_whatever_the_number(client, world, winners):
    """No N+1: ten winners take as many queries as one."""
    client.force_login(world["users"]["government"])
    client.get(reverse("budgeting_follow_up:index"))

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("budgeting_follow_up:index"))
    for number in range(10):
        proposal = bf.proposal(world["call"], title=f"Usulan tambahan {number}", status=Proposal.Status.FEASIBLE)
        winners.add(proposal.pk)
    add(world, by="government", proposal="winner_in_damai")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("budgeting_follow_up:index"))

    assert len(BeautifulSoup(response.text, "html.parser").select("table.budgeting-winners tbody tr")) == 12
    assert len(many) == len(few)


def test_staff_add_an_update_from_the_winners_screen(client, world):
    client.force_login(world["users"]["kelurahan"])
    url = reverse("budgeting_follow_up:proposal", args=[world["winner"].pk])

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "date": world["today"].isoformat(),
            "progress": Progress.IN_PROGRESS,
            "text": "Pemasangan tiang dimulai.",
            "photo": photo_upload((800, 600)),
        },
    )

    assert response.status_code == 302
    update = ProposalUpdate.objects.get()
    assert update.photo
    world["winner"].refresh_from_db()
    assert world["winner"].progress == Progress.IN_PROGRESS


def test_the_screen_says_what_is_wrong_and_saves_nothing(client, world):
    client.force_login(world["users"]["kelurahan"])

    response = client.post(
        reverse("budgeting_follow_up:proposal", args=[world["winner"].pk]),
        {"date": (world["today"] + DAY).isoformat(), "progress": Progress.DONE, "text": "Selesai."},
    )

    assert response.status_code == 400
    assert BeautifulSoup(response.text, "html.parser").select(".help-critical")
    assert not ProposalUpdate.objects.exists()


def test_another_kelurahans_proposal_is_not_found_for_its_staff(client, world):
    client.force_login(world["users"]["other_kelurahan"])
    url = reverse("budgeting_follow_up:proposal", args=[world["winner"].pk])

    assert client.get(url).status_code == 404
    client.post(url, {"date": world["today"].isoformat(), "progress": Progress.DONE, "text": "Selesai."})

    assert not ProposalUpdate.objects.exists()


def test_a_non_winner_shows_why_it_is_not_followed_up_and_refuses_a_post(client, world):
    client.force_login(world["users"]["government"])
    url = reverse("budgeting_follow_up:proposal", args=[world["loser"].pk])

    page = BeautifulSoup(client.get(url).text, "html.parser")
    assert page.select(".follow-up-refusal")
    assert not page.select("form.follow-up-form")
    response = client.post(url, {"date": world["today"].isoformat(), "progress": Progress.DONE, "text": "Selesai."})

    assert response.status_code == 400
    assert not ProposalUpdate.objects.exists()


# --- What residents read --------------------------------------------------------------------------------------


def test_the_proposal_page_part_shows_the_progress_and_the_updates_newest_first(world):
    today = world["today"]
    add(world, date=today - 9 * DAY, progress=Progress.PLANNED, text="Direncanakan.")
    add(world, date=today - 1 * DAY, progress=Progress.IN_PROGRESS, text="Dikerjakan.", photo=photo_upload())
    world["winner"].refresh_from_db()

    html = render_to_string(
        "participation/budgeting/includes/follow_up.html",
        {"proposal": world["winner"], "updates": proposal_updates(world["winner"])},
    )

    soup = BeautifulSoup(html, "html.parser")
    current = soup.select_one(".follow-up-step.is-current")
    assert current["data-progress"] == Progress.IN_PROGRESS
    assert current["aria-current"] == "step"
    updates = soup.select(".follow-up-update")
    assert [u.select_one("time")["datetime"] for u in updates] == [
        (today - DAY).isoformat(),
        (today - 9 * DAY).isoformat(),
    ]
    assert updates[0].select_one("img")["src"].startswith("/")
    assert not updates[1].select("img")


def test_a_proposal_without_follow_up_shows_nothing_of_it(world):
    html = render_to_string(
        "participation/budgeting/includes/follow_up.html", {"proposal": world["loser"], "updates": []}
    )

    assert not html.strip()


def test_residents_read_the_follow_up_on_the_public_proposal_page(client, world):
    add(world, progress=Progress.DONE, text="Lampu sudah menyala semua.")
    call = world["call"]

    response = client.get(call.url + call.reverse_subpage("proposal", args=[world["winner"].pk]))

    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.select_one(".follow-up-step.is-current")["data-progress"] == Progress.DONE
    assert "Lampu sudah menyala semua." in soup.select_one(".follow-up-update").get_text()


def test_the_winners_screen_of_a_proposal_reads_its_updates_in_few_queries(
    client, world, django_assert_max_num_queries
):
    for days in range(6):
        add(world, date=world["today"] - days * DAY)
    client.force_login(world["users"]["kelurahan"])
    url = reverse("budgeting_follow_up:proposal", args=[world["winner"].pk])
    client.get(url)

    with django_assert_max_num_queries(25):
        response = client.get(url)

    assert len(BeautifulSoup(response.text, "html.parser").select("ol.follow-up-updates > li")) == 6
