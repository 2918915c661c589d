"""Rules that hold across the parts of participatory budgeting: the call's editor keeps what residents voted
under; budgets per kelurahan stay inside the area and the total; a pool is the same for the ballot, the
paper tally and the results; staff never verify themselves; a hidden proposal's photo is gone."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from accounts.models import LearnerProfile
from participation.budgeting_ballots import BallotError, ballot_cast
from participation.budgeting_phases import Phase
from participation.budgeting_results import call_results
from participation.budgeting_review import proposal_hide
from participation.budgeting_tallies import tally_proposals
from participation.models import BudgetingCallPage, Proposal
from participation.resident_verification import VerificationError, resident_verify
from tests import factories
from tests.participation import budgeting_factories as budgeting

pytestmark = pytest.mark.django_db

FEASIBLE = Proposal.Status.FEASIBLE


def editor_post(client, call, *, budgets=(), **changes):
    """Publish ``call`` from the admin's editor with ``changes``; the call as the database then holds it."""
    fields = {
        "title": call.title,
        "slug": call.slug,
        "area": call.area_id,
        "scope": rich_text(call.scope),
        "total_budget_rupiah": call.total_budget_rupiah,
        "ceiling_rupiah": call.ceiling_rupiah,
        "fiscal_year": call.fiscal_year,
        "kelurahan_budgets": inline_formset(
            [{"kelurahan": kelurahan.code, "budget_rupiah": amount} for kelurahan, amount in budgets]
        ),
        "eligibility": rich_text(call.eligibility),
        "require_verified": "on" if call.require_verified else "",
        "voting_rule": call.voting_rule,
        "approval_limit": call.approval_limit,
        "prerequisite_course": "",
        "body": rich_text(call.body or "<p></p>"),
        "action-publish": "action-publish",
    }
    for name in ("proposals_open", "proposals_close", "voting_open", "voting_close", "results_on", "follow_up_from"):
        fields[name] = getattr(call, name).isoformat()
    fields.update(changes)
    data = nested_form_data(fields)
    data["categories"] = [category.pk for category in call.categories.all()]  # a multiple choice, not nested
    response = client.post(reverse("wagtailadmin_pages:edit", args=[call.pk]), data)
    return response, BudgetingCallPage.objects.get(pk=call.pk)


@pytest.fixture
def editor(client):
    admin = factories.resident(username="penyunting")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    return client


def test_once_voting_has_opened_the_editor_keeps_the_rule_and_budget_residents_voted_under(site_tree, editor):
    call = budgeting.call(site_tree, phase=Phase.VOTING, voting_rule="knapsack", total_budget_rupiah=500_000_000)

    response, saved = editor_post(editor, call, voting_rule="approval", total_budget_rupiah=900_000_000)

    assert response.status_code == 200  # the editor again, with the errors
    assert (
        "Voting has opened" in response.content.decode()
        or "Pemungutan suara sudah dibuka" in response.content.decode()
    )
    assert (saved.voting_rule, saved.total_budget_rupiah) == ("knapsack", 500_000_000)


def test_once_voting_has_opened_moving_its_opening_day_later_is_refused(site_tree, editor):
    """Moving it later would reopen the review, and reviewed costs would change under ballots already cast."""
    call = budgeting.call(site_tree, phase=Phase.VOTING)
    later = call.voting_close.isoformat()

    _response, saved = editor_post(editor, call, voting_open=later)

    assert saved.voting_open == call.voting_open


def test_before_voting_the_editor_changes_the_rule(site_tree, editor):
    call = budgeting.call(site_tree, phase=Phase.REVIEW, voting_rule="knapsack")

    response, saved = editor_post(editor, call, voting_rule="approval", approval_limit=2)

    assert response.status_code == 302
    assert (saved.voting_rule, saved.approval_limit) == ("approval", 2)


def test_budgets_per_kelurahan_must_lie_inside_the_area_and_within_the_total(site_tree, editor):
    call = budgeting.call(site_tree, phase=Phase.PROPOSALS, total_budget_rupiah=500_000_000)
    inside = factories.kelurahan(code="6471010007", name="Damai")
    outside = factories.kelurahan(code="6471020001", name="Klandasan Ilir", kecamatan="Balikpapan Kota")

    _response, saved = editor_post(editor, call, budgets=[(outside, 100_000_000)])
    assert not saved.kelurahan_budgets.exists()

    _response, saved = editor_post(
        editor, call, budgets=[(inside, 400_000_000), (factories.region_chain(), 200_000_000)]
    )
    assert not saved.kelurahan_budgets.exists()

    response, saved = editor_post(editor, call, budgets=[(inside, 300_000_000)])
    assert response.status_code == 302
    assert [(budget.kelurahan_id, budget.budget_rupiah) for budget in saved.kelurahan_budgets.all()] == [
        ("6471010007", 300_000_000)
    ]


def test_a_pool_is_the_same_for_the_ballot_the_paper_tally_and_the_results(site_tree):
    """Damai has a budget of its own; Gunung Bahagia has none and shares the rest of the total."""
    damai = factories.kelurahan(code="6471010007", name="Damai")
    call = budgeting.call(
        site_tree,
        phase=Phase.VOTING,
        voting_rule="knapsack",
        total_budget_rupiah=300_000_000,
        kelurahan_budgets=[(damai, 100_000_000)],
    )
    here = budgeting.proposal(call, title="Lampu Gunung Bahagia", status=FEASIBLE, cost=150_000_000)
    there = budgeting.proposal(call, title="Taman Damai", status=FEASIBLE, cost=80_000_000, kelurahan=damai)
    voter = budgeting.resident_in_area("Warga Gunung Bahagia", verified=True)

    with pytest.raises(BallotError):  # Damai's proposal is not on a Gunung Bahagia ballot
        ballot_cast(call=call, user=voter, proposal_ids=[there.pk])
    ballot_cast(call=call, user=voter, proposal_ids=[here.pk])  # within the rest: 300 - 100 = 200 million

    assert [proposal.pk for proposal in tally_proposals(call, damai)] == [there.pk]
    assert [proposal.pk for proposal in tally_proposals(call, factories.region_chain())] == [here.pk]
    pools = {pool.kelurahan.code if pool.kelurahan else "rest": pool for pool in call_results(call).pools}
    assert (pools["rest"].budget, [row.proposal.pk for row in pools["rest"].rows]) == (200_000_000, [here.pk])
    assert call_results(call).winner_ids == {here.pk}  # Taman Damai has no vote


def test_staff_cannot_verify_themselves(site_tree):
    staff = factories.kelurahan_staff()
    LearnerProfile.objects.create(  # the staff member is a resident too
        user=staff,
        kelurahan=factories.region_chain(),
        consent_given_at=timezone.now(),
        privacy_notice_version="2026-11",
    )

    with pytest.raises(VerificationError):
        resident_verify(resident=staff, kelurahan=factories.region_chain(), by=staff, ktp_seen=True)

    other_staff = factories.kelurahan_staff("staf-kedua")
    assert resident_verify(resident=staff, kelurahan=factories.region_chain(), by=other_staff, ktp_seen=True)


def test_a_hidden_proposals_photo_is_gone_from_its_address(site_tree, client, django_capture_on_commit_callbacks):
    call = budgeting.call(site_tree, phase=Phase.REVIEW)
    proposal = budgeting.proposal(call)
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(picture, "JPEG")
    proposal.photo.save("usulan.jpg", ContentFile(picture.getvalue()))
    storage, name = proposal.photo.storage, proposal.photo.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        proposal_hide(proposal=proposal, reason="Foto berisi wajah warga tanpa izin.", by=factories.kelurahan_staff())

    proposal.refresh_from_db()
    assert not proposal.photo
    assert not storage.exists(name)
