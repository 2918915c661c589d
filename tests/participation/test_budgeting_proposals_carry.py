"""A proposal not funded, carried by its author with one click into the next year's call of the same area
(participation.budgeting_proposals.proposal_carry): a new submitted copy, its photo copied, once per proposal
and call; and each refusal, which creates nothing."""

import pytest
from django.core.files.base import ContentFile

from participation import budgeting_proposals
from participation.budgeting_phases import Phase
from participation.budgeting_proposals import ProposalError, proposal_carry
from participation.models import BudgetingCategory, Proposal
from tests.participation import budgeting_factories as budgeting


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def author(db):
    return budgeting.resident_in_area("Siti Rahmawati")


@pytest.fixture
def finished(site_tree):
    """A call whose results are public."""
    return budgeting.call(site_tree, phase=Phase.RESULTS, title="Usulan Warga 2027", fiscal_year=2027)


@pytest.fixture
def next_call(site_tree):
    return budgeting.call(site_tree, phase=Phase.PROPOSALS, title="Usulan Warga 2028", fiscal_year=2028)


@pytest.fixture
def not_funded(finished, author):
    proposal = budgeting.proposal(
        finished,
        author=author,
        title="Lampu jalan RT 05",
        status=Proposal.Status.FEASIBLE,
        reviewed_cost=45_000_000,
        rt="005",
        rw="02",
    )
    proposal.photo.save("lampu.jpg", ContentFile(b"\xff\xd8 foto lampu"), save=True)
    return proposal


def carry_url(proposal):
    return f"{proposal.call.url}usulan/{proposal.pk}/bawa/"


def detail_url(proposal):
    return f"{proposal.call.url}usulan/{proposal.pk}/"


def test_its_author_carries_a_proposal_not_funded_into_the_next_years_call(client, author, not_funded, next_call):
    client.force_login(author)
    assert client.get(detail_url(not_funded)).context["carry_url"] == carry_url(not_funded)

    response = client.post(carry_url(not_funded))

    copy = Proposal.objects.get(call=next_call)
    assert response.status_code == 302 and response["Location"] == detail_url(copy)
    assert copy.carried_from == not_funded and copy.author == author
    assert (copy.title, copy.rt, copy.rw, copy.estimated_cost) == ("Lampu jalan RT 05", "005", "02", 50_000_000)
    assert copy.status == Proposal.Status.SUBMITTED
    assert copy.reviewed_cost is None and copy.reviewed_at is None and copy.review_reason == ""
    assert copy.photo and copy.photo.name != not_funded.photo.name
    assert copy.photo.read() == b"\xff\xd8 foto lampu"
    page = client.get(response["Location"])
    assert page.context["carried_from_url"] == detail_url(not_funded)


def test_a_proposal_is_carried_into_a_call_once(client, author, not_funded, next_call):
    client.force_login(author)
    client.post(carry_url(not_funded))

    second = client.post(carry_url(not_funded), follow=True)

    assert Proposal.objects.filter(call=next_call).count() == 1
    assert second.redirect_chain[0][0] == detail_url(not_funded)
    assert [str(message) for message in second.context["messages"]]
    assert "carry_url" not in second.context


def test_only_its_author_may_carry_a_proposal(client, not_funded, next_call):
    someone_else = budgeting.resident_in_area("Budi Santoso")
    client.force_login(someone_else)

    assert "carry_url" not in client.get(detail_url(not_funded)).context
    client.post(carry_url(not_funded))

    assert not Proposal.objects.filter(call=next_call).exists()


def test_an_anonymous_visitor_is_sent_to_log_in_and_nothing_is_carried(client, not_funded, next_call):
    response = client.post(carry_url(not_funded))

    assert response.status_code == 302 and "next=" in response["Location"]
    assert not Proposal.objects.filter(call=next_call).exists()


def test_carrying_is_a_post(client, author, not_funded, next_call):
    client.force_login(author)

    assert client.get(carry_url(not_funded)).status_code == 405
    assert not Proposal.objects.filter(call=next_call).exists()


def test_a_funded_proposal_is_not_carried(author, not_funded, next_call, monkeypatch):
    monkeypatch.setattr(budgeting_proposals, "winning_proposal_ids", lambda call: {not_funded.pk})

    with pytest.raises(ProposalError):
        proposal_carry(proposal=not_funded, by=author)

    assert not Proposal.objects.filter(call=next_call).exists()


def test_without_a_next_years_call_nothing_is_carried(client, author, not_funded):
    client.force_login(author)

    assert "carry_url" not in client.get(detail_url(not_funded)).context
    with pytest.raises(ProposalError):
        proposal_carry(proposal=not_funded, by=author)

    assert Proposal.objects.count() == 1


def test_a_next_call_not_taking_proposals_takes_no_carried_one(site_tree, author, not_funded):
    later = budgeting.call(site_tree, phase=Phase.UPCOMING, title="Usulan Warga 2028", fiscal_year=2028)

    with pytest.raises(ProposalError):
        proposal_carry(proposal=not_funded, by=author)

    assert not Proposal.objects.filter(call=later).exists()


def test_a_call_of_another_area_is_not_the_next_call(site_tree, author, not_funded):
    from tests import factories

    elsewhere = budgeting.call(
        site_tree, title="Usulan Warga Lain 2028", fiscal_year=2028, area=factories.region_chain("6471020001").parent
    )

    with pytest.raises(ProposalError):
        proposal_carry(proposal=not_funded, by=author)

    assert not Proposal.objects.filter(call=elsewhere).exists()


def test_nothing_is_carried_before_the_results_are_public(site_tree, author):
    counting = budgeting.call(site_tree, phase=Phase.COUNTING, title="Usulan Warga 2027", fiscal_year=2027)
    next_call = budgeting.call(site_tree, title="Usulan Warga 2028", fiscal_year=2028)
    proposal = budgeting.proposal(counting, author=author, status=Proposal.Status.FEASIBLE)

    with pytest.raises(ProposalError):
        proposal_carry(proposal=proposal, by=author)

    assert not Proposal.objects.filter(call=next_call).exists()


@pytest.mark.parametrize("status", [Proposal.Status.HIDDEN, Proposal.Status.MERGED])
def test_a_hidden_or_merged_proposal_is_not_carried(finished, next_call, author, status):
    proposal = budgeting.proposal(finished, author=author, status=status)

    with pytest.raises(ProposalError):
        proposal_carry(proposal=proposal, by=author)

    assert not Proposal.objects.filter(call=next_call).exists()


def test_a_category_the_next_call_does_not_offer_refuses_carrying_with_the_reason(author, not_funded, next_call):
    next_call.categories.set(BudgetingCategory.objects.exclude(pk=not_funded.category_id))
    next_call.save()

    with pytest.raises(ProposalError) as refused:
        proposal_carry(proposal=not_funded, by=author)

    assert not_funded.category.name in refused.value.message
    assert not Proposal.objects.filter(call=next_call).exists()


def test_an_author_who_may_not_propose_in_the_next_call_is_refused_with_its_reason(
    site_tree, author, not_funded, next_call
):
    from tests import factories

    next_call.prerequisite_course = factories.course_page(site_tree["courses"])
    next_call.save()

    with pytest.raises(ProposalError):
        proposal_carry(proposal=not_funded, by=author)

    assert not Proposal.objects.filter(call=next_call).exists()
