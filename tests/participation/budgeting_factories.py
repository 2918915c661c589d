"""Test data for participatory budgeting: a call in a chosen phase, its categories, proposals, and residents
who may (or may not) take part. Shared by the budgeting tests; owned by the lead."""

import datetime

from django.utils import timezone

from participation.budgeting_phases import Phase
from participation.models import BudgetingCategory, KelurahanBudget, Proposal, ResidentVerification
from tests import factories

DAY = datetime.timedelta(days=1)


def phase_dates(phase, today=None):
    """Dates that put a call in ``phase`` on ``today``: each phase two weeks, in order."""
    today = today or timezone.localdate()
    starts = {
        Phase.UPCOMING: today + 5 * DAY,
        Phase.PROPOSALS: today - 5 * DAY,
        Phase.REVIEW: today - 20 * DAY,
        Phase.VOTING: today - 35 * DAY,
        Phase.COUNTING: today - 45 * DAY,
        Phase.RESULTS: today - 60 * DAY,
        Phase.FOLLOW_UP: today - 100 * DAY,
    }[phase]
    proposals_close = starts + 13 * DAY
    voting_open = proposals_close + 15 * DAY
    voting_close = voting_open + 13 * DAY
    results_on = voting_close + 7 * DAY
    return {
        "proposals_open": starts,
        "proposals_close": proposals_close,
        "voting_open": voting_open,
        "voting_close": voting_close,
        "results_on": results_on,
        "follow_up_from": results_on + 30 * DAY,
    }


def categories():
    return [
        BudgetingCategory.objects.get_or_create(name=name)[0]
        for name in ("Jalan", "Drainase", "Penerangan", "Taman", "Kebersihan")
    ]


def call(site_tree, *, phase=Phase.PROPOSALS, kelurahan_budgets=(), **fields):
    """A published call of Kecamatan Balikpapan Selatan (the kecamatan of Gunung Bahagia) in ``phase``.
    ``kelurahan_budgets``: (kelurahan Region, budget) pairs."""
    fields = {**phase_dates(phase), **fields}
    fields.setdefault("total_budget_rupiah", 500_000_000)
    fields.setdefault("ceiling_rupiah", 200_000_000)
    fields.setdefault("require_verified", True)
    page = factories.budgeting_call_page(site_tree["budgeting"], **fields)
    page.categories.set(categories())
    for kelurahan, budget in kelurahan_budgets:
        page.kelurahan_budgets.add(KelurahanBudget(kelurahan=kelurahan, budget_rupiah=budget))
    page.save()
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def resident_in_area(full_name="Siti Rahmawati", *, kelurahan=None, birth_year=1990, verified=False, **profile):
    """A resident of Gunung Bahagia (unless given), of voting age, verified in person if asked."""
    user = factories.learner(
        full_name=full_name, kelurahan=kelurahan or factories.region_chain(), birth_year=birth_year, **profile
    )
    if verified:
        verify(user)
    return user


def verify(user, *, by=None, kelurahan=None):
    return ResidentVerification.objects.update_or_create(
        user=user,
        defaults={"kelurahan": kelurahan or user.learner_profile.kelurahan, "verified_by": by},
    )[0]


def proposal(
    call, *, author=None, title="Perbaikan drainase RT 03", cost=50_000_000, status=None, reviewed_cost=None, **fields
):
    """A proposal to ``call`` (by a new resident of the area unless given); ``status`` FEASIBLE gives it a
    reviewed cost equal to the estimate unless ``reviewed_cost`` is given."""
    author = author or resident_in_area(f"Pengusul {Proposal.objects.count() + 1}")
    status = status or Proposal.Status.SUBMITTED
    if status == Proposal.Status.FEASIBLE and reviewed_cost is None:
        reviewed_cost = cost
    return Proposal.objects.create(
        call=call,
        author=author,
        title=title,
        description=fields.pop("description", "Saluran air di RT 03 tersumbat setiap hujan deras."),
        kelurahan=fields.pop("kelurahan", None) or factories.region_chain(),
        category=fields.pop("category", None) or categories()[1],
        estimated_cost=cost,
        status=status,
        reviewed_cost=reviewed_cost,
        **fields,
    )
