"""A budgeting call's ballot at ``…/pilih/``: the rule in plain words, the proposals the resident may
choose as checkboxes with their reviewed costs, their current choices ticked; sent as a plain POST (no
script needed), changed as often as they like until voting closes, withdrawn by sending none.

Thin: the rule of who may vote is participation.budgeting_eligibility's, the ballot's rules and writes are
participation.budgeting_ballots'. A visitor not signed in is sent to log in; a resident who may not vote is
told why (403). Never cached (``private, no-cache``): it shows the resident's own ballot.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from participation.budgeting_ballot_forms import BallotForm
from participation.budgeting_ballots import (
    BallotError,
    ballot_cast,
    ballot_choice_ids,
    ballot_of,
    voter_ballot_scope,
)
from participation.budgeting_eligibility import Permission, Refusal, vote_permission
from participation.models import Proposal

METHODS = ("GET", "HEAD", "POST")
# Who may not vote at all (budgeting_eligibility), as opposed to a ballot the rule refuses.
REFUSALS = {value for name, value in vars(Refusal).items() if not name.startswith("_")}


def ballot(request, *, call):
    if request.method not in METHODS:
        return HttpResponseNotAllowed(METHODS)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        # ballot_cast asks who may vote itself (under the same rule as below): read once per ballot, the
        # busiest request of a call's voting peak.
        form = BallotForm(request.POST)
        if not form.is_valid():
            return _refused_or_ballot_page(request, call, error=form.errors["proposal"][0], ticked=set())
        ticked = set(form.cleaned_data["proposal"])
        try:
            cast = ballot_cast(call=call, user=request.user, proposal_ids=ticked)
        except BallotError as error:
            if error.code in REFUSALS:
                return _refused(request, call, Permission(allowed=False, refusal=error.code, reason=str(error)))
            return _ballot_page(request, call, error=str(error), ticked=ticked)
        if cast is None:
            messages.success(request, _("Your ballot is withdrawn: no proposal of yours is counted now."))
        # A ballot saved needs no message: the page says it is saved, and when, whenever the resident comes back.
        return redirect(request.path)
    return _refused_or_ballot_page(request, call)


def _refused_or_ballot_page(request, call, **page):
    permission = vote_permission(call, request.user)
    if not permission:
        return _refused(request, call, permission)
    return _ballot_page(request, call, **page)


def _ballot_page(request, call, *, error="", ticked=None, status=200):
    scope = voter_ballot_scope(call=call, user=request.user)
    proposals = list(scope.proposals())
    saved = ballot_of(call=call, user=request.user)
    current = ballot_choice_ids(call=call, user=request.user) if saved is not None else set()
    ticked = current if ticked is None else ticked
    page_url = call.get_url(request) or ""
    context = {
        "scope": scope,
        "proposals": proposals,
        "proposal_base_url": page_url + "usulan/",
        "ticked": ticked,
        "saved_ballot": saved,
        "ticked_cost": sum(proposal.reviewed_cost for proposal in proposals if proposal.pk in ticked),
        "ballot_url": page_url + call.reverse_subpage("ballot"),
        "error": error,
    }
    response = call.render(request, template="participation/budgeting/ballot.html", context_overrides=context)
    response.status_code = status
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _refused(request, call, permission):
    """Why the resident may not vote, and what their ballot chose if they cast one (after voting closed)."""
    own = ballot_of(call=call, user=request.user)
    chosen = (
        list(Proposal.objects.filter(ballot_choices__ballot=own).order_by("title").only("pk", "title"))
        if own is not None
        else []
    )
    context = {"reason": permission.reason, "refusal": permission.refusal, "own_ballot": own, "chosen": chosen}
    response = call.render(request, template="participation/budgeting/ballot_refused.html", context_overrides=context)
    response.status_code = 403
    patch_cache_control(response, private=True, no_cache=True)
    return response
