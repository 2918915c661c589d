"""The budgeting call's own page: what it is (area, budgets, categories, the voting rule in plain words),
its timeline with today marked, the musrenbang forums that decide on it, and, at the top, what the visitor
may do now or why not.

What the visitor may do is participation.budgeting_eligibility's rule (``proposal_permission``,
``vote_permission``), never worked out again here: this module only picks, for the current phase, the
action and the help that goes with a refusal (a log-in link, the course, the kelurahan office where a
resident shows their KTP). The page is kept by no cache (BudgetingCallPage.serve): it changes with the day.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.templatetags.format_tags import rupiah
from participation.budgeting_eligibility import (
    Refusal,
    proposal_permission,
    resident_kelurahan,
    resident_verification,
    vote_permission,
    voter_budget,
)
from participation.budgeting_phases import Phase, call_phase, call_timeline, today_in_balikpapan
from participation.budgeting_pools import budget_pools
from participation.models import BudgetingCallPage, ForumPage
from participation.selectors import budgeting_call_courses, budgeting_call_prerequisite_met
from regions.models import KelurahanOffice


@dataclass
class NextStep:
    """What the visitor may do now: an action (a link), or why not, with what helps."""

    kind: str  # propose | vote | read-proposals | read-results | wait
    text: str
    action_label: str = ""
    action_url: str = ""
    allowed: bool = True
    refusal: str = ""
    reason: str = ""
    login_url: str = ""
    profile_url: str = ""
    office: KelurahanOffice | None = None
    extra_links: list = field(default_factory=list)


def call_page_context(request, *, call):
    today = today_in_balikpapan()
    user = request.user
    phase = call_phase(call, today)
    courses = budgeting_call_courses(call=call, user=user)
    context = {
        "phase": phase,
        "timeline": call_timeline(call, today),
        "today": today,
        # The course to take first, whether the visitor completed it, and so whether they may propose.
        "courses": courses,
        "kelurahan_budgets": list(call.kelurahan_budgets.select_related("kelurahan").order_by("kelurahan__name")),
        "call_categories": list(call.categories.order_by("name")),
        "forums": list(call_forums(call=call)),
        "next_step": next_step(request, call=call, phase=phase, today=today, courses=courses),
        "voting_rule_text": voting_rule_text(call, user=user),
    }
    if call.prerequisite_course_id is not None and user.is_authenticated:
        context["prerequisite_met"] = budgeting_call_prerequisite_met(call=call, user=user)
    return context


def call_forums(*, call):
    """The live, public musrenbang forums that decide on ``call``, soonest first."""
    return (
        ForumPage.objects.live()
        .public()
        .filter(budgeting_call=call)
        .select_related("kelurahan")
        .order_by("starts_at", "pk")
    )


def route_url(request, call, name):
    return (call.get_url(request) or "") + call.reverse_subpage(name)


def voting_rule_text(call, *, user):
    """The call's voting rule in plain words; under the knapsack rule, with the budget the visitor's ballot
    must fit when their kelurahan is known."""
    if call.voting_rule == BudgetingCallPage.VotingRule.APPROVAL:
        return ngettext(
            "Each voter chooses up to %(count)d proposal.",
            "Each voter chooses up to %(count)d proposals.",
            call.approval_limit,
        ) % {"count": call.approval_limit}
    if len(budget_pools(call)) > 1:
        text = _(
            "Each voter chooses the proposals they want, as long as their reviewed costs together fit the budget: "
            "that of the voter's kelurahan where the call sets one, among its proposals; otherwise what is left "
            "of the whole call's budget, among the proposals of the kelurahan without a budget of their own."
        )
    else:
        text = _(
            "Each voter chooses the proposals they want, as long as their reviewed costs together fit the "
            "call's budget."
        )
    if user.is_authenticated:
        kelurahan = resident_kelurahan(user, resident_verification(user))
        if kelurahan is not None:
            text += " " + _("For you (%(kelurahan)s): up to %(budget)s.") % {
                "kelurahan": kelurahan.name,
                "budget": rupiah(voter_budget(call, kelurahan)),
            }
    return text


def _login_url(request, call):
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': call.get_url(request) or '/'})}"


def _refused(step, permission, request, call):
    """``step`` turned into a refusal: the rule's reason, and what helps with it."""
    step.allowed = False
    step.refusal = permission.refusal
    step.reason = str(permission.reason)
    if permission.refusal == Refusal.NOT_LOGGED_IN:
        step.login_url = _login_url(request, call)
    elif permission.refusal in (Refusal.NO_PROFILE, Refusal.AGE_UNKNOWN):
        step.profile_url = reverse("profile:edit")
    elif permission.refusal == Refusal.NOT_VERIFIED:
        kelurahan = resident_kelurahan(request.user)
        if kelurahan is not None:
            step.office = KelurahanOffice.objects.filter(kelurahan=kelurahan).select_related("kelurahan").first()
    return step


def next_step(request, *, call, phase, today, courses):
    """What the visitor may do now, in the call's current phase, or why not."""
    user = request.user
    if phase == Phase.UPCOMING:
        return NextStep(
            kind="wait",
            text=_("Proposals open on %(date)s.") % {"date": _date(call.proposals_open)},
        )
    if phase == Phase.PROPOSALS:
        step = NextStep(
            kind="propose",
            text=_("Proposals are open until %(date)s.") % {"date": _date(call.proposals_close)},
            action_label=_("Send a proposal"),
            action_url=route_url(request, call, "proposal_new"),
            extra_links=[(_("Read the proposals sent so far"), route_url(request, call, "proposals"))],
        )
        permission = proposal_permission(call, user, today)
        return step if permission else _refused(step, permission, request, call)
    if phase == Phase.REVIEW:
        return NextStep(
            kind="read-proposals",
            text=_("The proposals are being reviewed. Voting opens on %(date)s.") % {"date": _date(call.voting_open)},
            action_label=_("Read the proposals"),
            action_url=route_url(request, call, "proposals"),
        )
    if phase == Phase.VOTING:
        step = NextStep(
            kind="vote",
            text=_("Voting is open until %(date)s.") % {"date": _date(call.voting_close)},
            action_label=_("Vote"),
            action_url=route_url(request, call, "ballot"),
            extra_links=[(_("Read the proposals"), route_url(request, call, "proposals"))],
        )
        permission = vote_permission(call, user, today)
        return step if permission else _refused(step, permission, request, call)
    if phase == Phase.COUNTING:
        return NextStep(
            kind="read-proposals",
            text=_(
                "Online voting has closed. Residents who did not vote online vote on paper at the polling places; "
                "the results are published on %(date)s."
            )
            % {"date": _date(call.results_on)},
            action_label=_("Read the proposals"),
            action_url=route_url(request, call, "proposals"),
        )
    return NextStep(
        kind="read-results",
        text=_("The results are published: see which proposals won and what became of them."),
        action_label=_("Read the results"),
        action_url=route_url(request, call, "results"),
    )


def _date(day):
    return date_format(day, "DATE_FORMAT")
