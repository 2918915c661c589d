"""Carrying a proposal racing on PostgreSQL (participation.budgeting_proposals.proposal_carry): a double click
or two tabs at once make one copy in the next call, the other click refused."""

import pytest
from django.db import connection

from participation.budgeting_phases import Phase
from participation.budgeting_proposals import ProposalError, proposal_carry
from participation.models import Proposal
from tests import factories
from tests.participation import budgeting_factories as budgeting

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions")


def test_two_clicks_carrying_at_once_make_one_copy(wagtail_root, run_together, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    site = factories.site_tree(factories.home_page())
    finished = budgeting.call(site, phase=Phase.RESULTS, title="Usulan Warga 2027", fiscal_year=2027)
    following = budgeting.call(site, phase=Phase.PROPOSALS, title="Usulan Warga 2028", fiscal_year=2028)
    author = budgeting.resident_in_area("Siti Rahmawati")
    proposal = budgeting.proposal(finished, author=author, status=Proposal.Status.NOT_FEASIBLE)

    results = run_together(*(lambda: proposal_carry(proposal=proposal, by=author) for _ in range(3)))

    assert len([result for result in results if isinstance(result, Proposal)]) == 1, results
    assert len([result for result in results if isinstance(result, ProposalError)]) == 2, results
    assert Proposal.objects.filter(call=following, carried_from=proposal).count() == 1
