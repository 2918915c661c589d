"""The review of budgeting proposals: who reviews which (by address), when (the review phase; nothing from
the day voting opens), each outcome with its rules and errors, the audit log, and the author told."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from notices.models import Notice
from organisations.models import Membership
from organisations.services import GOVERNMENT_STAFF_GROUP, organisation_create
from participation.budgeting_phases import Phase
from participation.budgeting_review import (
    LOG_FEASIBLE,
    LOG_HIDDEN,
    LOG_MERGED,
    LOG_NOT_FEASIBLE,
    ReviewError,
    proposal_hide,
    proposal_mark_feasible,
    proposal_mark_not_feasible,
    proposal_merge,
)
from participation.kelurahan_staff import participation_permissions_install
from participation.models import Proposal
from tests import factories
from tests.participation import budgeting_factories as bf
from tests.participation.feedback_admin_fixtures import works_in_english

pytestmark = pytest.mark.django_db

INDEX = reverse("budgeting_review:index")


def review_url(proposal):
    return reverse("budgeting_review:edit", args=[proposal.pk])


def history_url(proposal):
    return reverse("budgeting_review:history", args=[proposal.pk])


@pytest.fixture
def world(site_tree):
    gunung_bahagia = factories.kelurahan()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    users = {
        "kelurahan staff": factories.kelurahan_staff(region=gunung_bahagia),
        "damai staff": factories.kelurahan_staff("staf-damai", region=damai),
        "resident": factories.learner(full_name="Warga Biasa", email="warga@contoh.id"),
        **factories.users_with_roles(
            members=[("author", lestari, Membership.Role.AUTHOR)],
            government=[("government", GOVERNMENT_STAFF_GROUP)],
        ),
    }
    participation_permissions_install()
    for user in users.values():
        works_in_english(user)
    call = bf.call(site_tree, phase=Phase.REVIEW)
    author = bf.resident_in_area("Pengusul Satu", email="pengusul@contoh.id")
    own = bf.proposal(call, author=author, kelurahan=gunung_bahagia, title="Perbaikan drainase RT 03")
    other = bf.proposal(call, kelurahan=damai, title="Lampu jalan di Damai")
    return {"users": users, "call": call, "own": own, "other": other, "author": author, "site_tree": site_tree}


def login(client, world, role):
    client.force_login(world["users"][role])
    return client


# --- Who opens which screen -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "own", "other"),
    [
        ("kelurahan staff", 200, 404),
        ("damai staff", 404, 200),
        ("government", 200, 200),
    ],
)
def test_reviewers_open_only_the_proposals_located_where_they_act(client, world, role, own, other):
    login(client, world, role)
    for url in (review_url, history_url):
        assert client.get(url(world["own"])).status_code == own
        assert client.get(url(world["other"])).status_code == other


def test_the_listing_shows_kelurahan_staff_only_their_kelurahan(client, world):
    response = login(client, world, "kelurahan staff").get(INDEX)
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [world["own"]]


def test_government_staff_list_every_proposal(client, world):
    response = login(client, world, "government").get(INDEX)
    assert set(response.context["object_list"]) == {world["own"], world["other"]}


@pytest.mark.parametrize("role", ["resident", "author"])
def test_residents_and_ngo_authors_cannot_open_the_screens(client, world, role):
    login(client, world, role)
    for url in (INDEX, review_url(world["own"]), history_url(world["own"])):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
    response = client.post(review_url(world["own"]), {"outcome": "feasible", "reviewed_cost": "1000"})
    assert response.status_code in (302, 403, 404)
    world["own"].refresh_from_db()
    assert world["own"].status == Proposal.Status.SUBMITTED


def test_staff_of_another_kelurahan_cannot_review_by_posting(client, world):
    response = login(client, world, "damai staff").post(
        review_url(world["own"]), {"outcome": "feasible", "reviewed_cost": "1000"}
    )
    assert response.status_code == 404
    world["own"].refresh_from_db()
    assert world["own"].status == Proposal.Status.SUBMITTED
    assert world["own"].reviewed_by is None


def test_the_service_refuses_a_proposal_outside_the_reviewers_kelurahan(world):
    with pytest.raises(ReviewError):
        proposal_mark_feasible(proposal=world["own"], reviewed_cost=1000, by=world["users"]["damai staff"])


def test_listing_filters_by_call_status_and_kelurahan(client, world):
    proposal_mark_feasible(proposal=world["other"], reviewed_cost=1000, by=world["users"]["government"])
    login(client, world, "government")
    response = client.get(INDEX, {"status": "feasible"})
    assert list(response.context["object_list"]) == [world["other"]]
    response = client.get(INDEX, {"kelurahan": world["own"].kelurahan_id})
    assert list(response.context["object_list"]) == [world["own"]]
    response = client.get(INDEX, {"call": world["call"].pk})
    assert set(response.context["object_list"]) == {world["own"], world["other"]}


def test_the_listing_takes_the_same_queries_for_many_proposals(client, world, django_assert_max_num_queries):
    login(client, world, "government")
    client.get(INDEX)  # warm the caches (site, locale, user)
    with django_assert_max_num_queries(40) as few:
        client.get(INDEX)
    for number in range(15):
        bf.proposal(world["call"], kelurahan=world["own"].kelurahan, title=f"Usulan nomor {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(INDEX)
    assert len(response.context["object_list"]) == 17


# --- Each outcome ---------------------------------------------------------------------------------------


def test_feasible_with_a_reviewed_cost_tells_the_author_by_notice_and_email(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, world, "kelurahan staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(world["own"]), {"outcome": "feasible", "reviewed_cost": "45000000"})
    assert response.status_code == 302
    proposal = Proposal.objects.get(pk=world["own"].pk)
    assert proposal.status == Proposal.Status.FEASIBLE
    assert proposal.reviewed_cost == 45_000_000
    assert proposal.reviewed_by == world["users"]["kelurahan staff"]
    assert proposal.reviewed_at is not None
    [notice] = Notice.objects.filter(user=world["author"])
    assert proposal.title in notice.subject
    assert notice.link.endswith(f"/penganggaran/{world['call'].slug}/usulan/{proposal.pk}/")
    assert notice.link.startswith("http")
    [email] = [email for email in mailoutbox if proposal.title in email.subject]
    assert email.to == ["pengusul@contoh.id"]
    assert f"usulan/{proposal.pk}/" in email.body
    [entry] = ModelLogEntry.objects.for_instance(proposal)
    assert entry.action == LOG_FEASIBLE
    assert entry.user == world["users"]["kelurahan staff"]
    assert entry.data == {"reviewed_cost": 45_000_000}


def test_a_reviewed_cost_above_the_ceiling_is_refused_and_nothing_changes(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, world, "kelurahan staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(world["own"]), {"outcome": "feasible", "reviewed_cost": "200000001"})
    assert response.status_code == 200
    assert response.context["form"].errors["reviewed_cost"]
    world["own"].refresh_from_db()
    assert world["own"].status == Proposal.Status.SUBMITTED
    assert not Notice.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("cost", [None, 0, -5])
def test_feasible_needs_a_positive_cost(world, cost):
    with pytest.raises(ReviewError) as refused:
        proposal_mark_feasible(proposal=world["own"], reviewed_cost=cost, by=world["users"]["government"])
    assert refused.value.field == "reviewed_cost"


def test_not_feasible_needs_a_reason_which_is_kept_for_the_public(client, world, django_capture_on_commit_callbacks):
    login(client, world, "kelurahan staff")
    response = client.post(review_url(world["own"]), {"outcome": "not-feasible", "reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(world["own"]), {"outcome": "not-feasible", "reason": "Lahan milik swasta."})
    assert response.status_code == 302
    proposal = Proposal.objects.get(pk=world["own"].pk)
    assert (proposal.status, proposal.review_reason, proposal.reviewed_cost) == (
        Proposal.Status.NOT_FEASIBLE,
        "Lahan milik swasta.",
        None,
    )
    [notice] = Notice.objects.filter(user=world["author"])
    assert "Lahan milik swasta." in notice.body
    assert ModelLogEntry.objects.for_instance(proposal).get().action == LOG_NOT_FEASIBLE


def test_merging_a_duplicate_into_another_of_the_same_call(world):
    government = world["users"]["government"]
    duplicate = bf.proposal(world["call"], kelurahan=world["own"].kelurahan, title="Drainase RT 03 lagi")
    earlier = bf.proposal(world["call"], kelurahan=world["own"].kelurahan, title="Saluran RT 03")
    proposal_merge(proposal=earlier, into=duplicate, by=government)
    merged = proposal_merge(proposal=duplicate, into=world["own"], by=government)
    assert merged.status == Proposal.Status.MERGED
    assert merged.merged_into == world["own"]
    # What was merged into the duplicate follows it: no chains.
    earlier.refresh_from_db()
    assert earlier.merged_into == world["own"]
    assert ModelLogEntry.objects.for_instance(merged).get().action == LOG_MERGED
    assert Notice.objects.filter(user=duplicate.author).exists()


def test_a_merge_into_itself_a_merged_or_hidden_proposal_or_another_call_is_refused(world):
    government = world["users"]["government"]
    own = world["own"]
    with pytest.raises(ReviewError, match="dirinya sendiri"):
        proposal_merge(proposal=own, into=own, by=government)
    hidden = bf.proposal(world["call"], title="Usulan kasar sekali")
    proposal_hide(proposal=hidden, reason="Berisi hinaan.", by=government)
    with pytest.raises(ReviewError) as refused:
        proposal_merge(proposal=own, into=hidden, by=government)
    assert refused.value.field == "merged_into"
    merged = bf.proposal(world["call"], title="Usulan yang digabung")
    proposal_merge(proposal=merged, into=world["other"], by=government)
    with pytest.raises(ReviewError):
        proposal_merge(proposal=own, into=merged, by=government)
    another_call = bf.call(world["site_tree"], phase=Phase.REVIEW, title="Usulan Warga 2027", slug="usulan-2027")
    elsewhere = bf.proposal(another_call, title="Drainase di panggilan lain")
    with pytest.raises(ReviewError, match="penganggaran yang sama"):
        proposal_merge(proposal=own, into=elsewhere, by=government)
    own.refresh_from_db()
    assert own.status == Proposal.Status.SUBMITTED
    assert own.merged_into is None


def test_kelurahan_staff_cannot_merge_into_another_kelurahans_proposal(client, world):
    login(client, world, "kelurahan staff")
    response = client.post(review_url(world["own"]), {"outcome": "merged", "merged_into": world["other"].pk})
    assert response.status_code == 200
    assert response.context["form"].errors["merged_into"]
    world["own"].refresh_from_db()
    assert world["own"].status == Proposal.Status.SUBMITTED


def test_hiding_needs_a_reason_and_tells_the_author(world, django_capture_on_commit_callbacks):
    government = world["users"]["government"]
    with pytest.raises(ReviewError) as refused:
        proposal_hide(proposal=world["own"], reason="", by=government)
    assert refused.value.field == "reason"
    with django_capture_on_commit_callbacks(execute=True):
        hidden = proposal_hide(proposal=world["own"], reason="Berisi hinaan.", by=government)
    assert (hidden.status, hidden.review_reason) == (Proposal.Status.HIDDEN, "Berisi hinaan.")
    assert ModelLogEntry.objects.for_instance(hidden).get().action == LOG_HIDDEN
    assert "Berisi hinaan." in Notice.objects.get(user=world["author"]).body


def test_history_shows_who_reviewed(client, world):
    proposal_mark_not_feasible(proposal=world["own"], reason="Lahan milik swasta.", by=world["users"]["government"])
    response = login(client, world, "kelurahan staff").get(history_url(world["own"]))
    assert response.status_code == 200
    assert "Lahan milik swasta." in response.content.decode()


# --- When -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("phase", [Phase.VOTING, Phase.COUNTING, Phase.RESULTS, Phase.FOLLOW_UP])
def test_from_the_day_voting_opens_every_review_is_refused_and_nothing_changes(
    client, world, phase, mailoutbox, django_capture_on_commit_callbacks
):
    call = world["call"]
    for field, value in bf.phase_dates(phase).items():
        setattr(call, field, value)
    call.save()
    government = world["users"]["government"]
    own = world["own"]
    proposal_target = world["other"]
    with django_capture_on_commit_callbacks(execute=True):
        for attempt in (
            lambda: proposal_mark_feasible(proposal=own, reviewed_cost=1000, by=government),
            lambda: proposal_mark_not_feasible(proposal=own, reason="Tidak bisa.", by=government),
            lambda: proposal_merge(proposal=own, into=proposal_target, by=government),
            lambda: proposal_hide(proposal=own, reason="Kasar.", by=government),
        ):
            with pytest.raises(ReviewError, match="Pemungutan suara dibuka pada"):
                attempt()
    login(client, world, "government")
    response = client.post(review_url(own), {"outcome": "feasible", "reviewed_cost": "1000"})
    assert response.status_code == 200
    assert "Voting opened" in str(response.context["form"].non_field_errors())
    own.refresh_from_db()
    assert (own.status, own.reviewed_cost, own.reviewed_by) == (Proposal.Status.SUBMITTED, None, None)
    assert not ModelLogEntry.objects.for_instance(own).exists()
    assert not Notice.objects.exists()
    assert mailoutbox == []


def test_during_the_proposal_period_only_hiding_is_allowed(world):
    call = world["call"]
    for field, value in bf.phase_dates(Phase.PROPOSALS).items():
        setattr(call, field, value)
    call.save()
    government = world["users"]["government"]
    with pytest.raises(ReviewError, match="setelah masa pengusulan berakhir"):
        proposal_mark_feasible(proposal=world["own"], reviewed_cost=1000, by=government)
    hidden = proposal_hide(proposal=world["own"], reason="Berisi hinaan.", by=government)
    assert hidden.status == Proposal.Status.HIDDEN


def test_a_reviewed_proposal_can_be_reviewed_again_during_review(world):
    government = world["users"]["government"]
    proposal_mark_feasible(proposal=world["own"], reviewed_cost=1000, by=government)
    again = proposal_mark_not_feasible(proposal=world["own"], reason="Lahan milik swasta.", by=government)
    assert (again.status, again.reviewed_cost) == (Proposal.Status.NOT_FEASIBLE, None)


def test_the_review_screen_says_when_the_review_is_closed(client, world):
    login(client, world, "government")
    assert "budgeting-review-closed" not in client.get(review_url(world["own"])).content.decode()
    call = world["call"]
    for field, value in bf.phase_dates(Phase.VOTING).items():
        setattr(call, field, value)
    call.save()
    page = client.get(review_url(world["own"])).content.decode()
    assert "budgeting-review-closed" in page
