"""A budgeting call's proposals, served by the call page's routes (participation.models.BudgetingCallPage):

- ``usulan/``: the call's public proposals, filtered by ``kelurahan`` (a BPS code) and ``kategori`` (a
  category's id), ``halaman`` at a time;
- ``usulan/baru/``: the form to propose (signed in; refused with the reason of
  participation.budgeting_eligibility.proposal_permission, 403);
- ``usulan/<id>/``: one proposal, its review, its WhatsApp share link and its follow-up;
- ``usulan/<id>/ubah/``: its author changes it while proposals are taken;
- ``usulan/<id>/bawa/``: POST only, its author carries it, not funded, into the next year's call.

Thin: the writes and reads are participation.budgeting_proposals. Every response is ``private, no-cache``:
the list and the pages change with each proposal, review and day, and the page cache must never keep them.
"""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.site_address import absolute_url
from participation import budgeting_proposals as proposals
from participation.budgeting_eligibility import (
    in_call_area,
    proposal_permission,
    resident_kelurahan,
    resident_verification,
)
from participation.budgeting_follow_up import proposal_updates
from participation.budgeting_phases import Phase, call_phase
from participation.budgeting_proposal_forms import ProposalFilterForm, ProposalForm
from participation.models import Proposal

PROPOSALS_PER_PAGE = 20
SAFE_METHODS = ("GET", "HEAD")


def proposal_list(request, *, call):
    if request.method not in SAFE_METHODS:
        return _never_stale(HttpResponseNotAllowed(SAFE_METHODS))
    filters = ProposalFilterForm(request.GET or None, call=call)
    kelurahan = category = None
    if filters.is_bound:
        if not filters.is_valid():  # a value that names nothing: the list without it
            return _never_stale(redirect(_list_url(call, filters.cleaned_data)))
        kelurahan, category = filters.cleaned_data.get("kelurahan"), filters.cleaned_data.get("kategori")
    paginator = Paginator(
        proposals.proposals_public(call=call, kelurahan=kelurahan, category=category), PROPOSALS_PER_PAGE
    )
    number = request.GET.get("halaman") or "1"
    if not number.isdigit() or not 1 <= int(number) <= paginator.num_pages:
        return _never_stale(redirect(_list_url(call, {"kelurahan": kelurahan, "kategori": category})))
    items = paginator.page(int(number))
    chosen = {"kelurahan": kelurahan, "kategori": category}
    context = {
        "proposals": items,
        "filters": filters,
        "filtered": kelurahan is not None or category is not None,
        "previous_url": _list_url(call, chosen, items.previous_page_number()) if items.has_previous() else "",
        "next_url": _list_url(call, chosen, items.next_page_number()) if items.has_next() else "",
        "phase": call_phase(call),
        "proposals_open": call_phase(call) == Phase.PROPOSALS,
        "new_url": _route(call, "proposal_new"),
        "list_url": _route(call, "proposals"),
    }
    return _render(request, call, "proposal_list.html", context)


def proposal_new(request, *, call):
    if request.method not in (*SAFE_METHODS, "POST"):
        return _never_stale(HttpResponseNotAllowed([*SAFE_METHODS, "POST"]))
    if not request.user.is_authenticated:
        return _never_stale(redirect_to_login(request.get_full_path()))
    permission = proposal_permission(call, request.user)
    if not permission:
        return _refused(request, call, permission.reason)
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, call=call)
        if form.is_valid():
            try:
                proposal = proposals.proposal_create(
                    call=call,
                    author=request.user,
                    fields=form.proposal_fields(),
                    photo=form.cleaned_data.get("photo"),
                )
            except proposals.ProposalError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you: your proposal has been sent. You may change it until proposals close; "
                        "then kelurahan staff review it."
                    ),
                )
                return _never_stale(redirect(_proposal_url(call, proposal)))
    else:
        form = ProposalForm(call=call, initial=_home_kelurahan(call, request.user))
    context = {"form": form, "list_url": _route(call, "proposals"), "editing": False}
    return _render(request, call, "proposal_form.html", context)


def proposal_detail(request, *, call, proposal_id):
    if request.method not in SAFE_METHODS:
        return _never_stale(HttpResponseNotAllowed(SAFE_METHODS))
    proposal = _proposal_or_404(call, proposal_id)
    path = _proposal_url(call, proposal)
    context = {
        "proposal": proposal,
        "list_url": _route(call, "proposals"),
        "hidden": proposal.status == Proposal.Status.HIDDEN,
    }
    if proposal.status != Proposal.Status.HIDDEN:
        context.update(
            {
                "map_url": _map_url(proposal),
                "share_url": "https://wa.me/?text=" + quote(f"{proposal.title} {absolute_url(path)}", safe=""),
                "updates": proposal_updates(proposal),
                "reviewed": proposal.status != Proposal.Status.SUBMITTED,
            }
        )
        if proposal.carried_from is not None and proposal.carried_from.call.live:
            context["carried_from_url"] = _proposal_url(proposal.carried_from.call, proposal.carried_from)
        if proposals.proposal_is_editable(proposal, request.user):
            context["edit_url"] = _route(call, "proposal_edit", proposal_id=proposal.pk)
        if request.user.is_authenticated and proposal.author_id == request.user.pk:
            target = proposals.next_call(call)
            if target is not None and not proposals.carry_refusal(proposal, request.user, target=target):
                context["carry_target"] = target
                context["carry_url"] = _route(call, "proposal_carry", proposal_id=proposal.pk)
    return _render(request, call, "proposal_detail.html", context)


def proposal_edit(request, *, call, proposal_id):
    if request.method not in (*SAFE_METHODS, "POST"):
        return _never_stale(HttpResponseNotAllowed([*SAFE_METHODS, "POST"]))
    if not request.user.is_authenticated:
        return _never_stale(redirect_to_login(request.get_full_path()))
    proposal = _proposal_or_404(call, proposal_id)
    if proposal.author_id != request.user.pk:
        return _refused(request, call, _("Only its author may change a proposal."))
    if not proposals.proposal_is_editable(proposal, request.user):
        messages.error(request, _("Proposals can be changed only until the proposal period ends."))
        return _never_stale(redirect(_proposal_url(call, proposal)))
    has_photo = bool(proposal.photo)
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, call=call, has_photo=has_photo)
        if form.is_valid():
            try:
                proposals.proposal_edit(
                    proposal=proposal,
                    by=request.user,
                    fields=form.proposal_fields(),
                    photo=form.cleaned_data.get("photo"),
                    photo_removed=form.cleaned_data.get("photo_removed", False),
                )
            except proposals.ProposalError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Your proposal has been changed."))
                return _never_stale(redirect(_proposal_url(call, proposal)))
    else:
        initial = {name: getattr(proposal, name) for name in proposals.PROPOSAL_FIELDS}
        form = ProposalForm(call=call, has_photo=has_photo, initial=initial)
    context = {
        "form": form,
        "proposal": proposal,
        "editing": True,
        "list_url": _route(call, "proposals"),
        "proposal_url": _proposal_url(call, proposal),
    }
    return _render(request, call, "proposal_form.html", context)


def proposal_carry(request, *, call, proposal_id):
    if request.method != "POST":
        return _never_stale(HttpResponseNotAllowed(["POST"]))
    if not request.user.is_authenticated:
        return _never_stale(redirect_to_login(_route(call, "proposal", proposal_id=proposal_id)))
    proposal = _proposal_or_404(call, proposal_id)
    try:
        copy = proposals.proposal_carry(proposal=proposal, by=request.user)
    except proposals.ProposalError as error:
        messages.error(request, error.message)
        return _never_stale(redirect(_proposal_url(call, proposal)))
    messages.success(
        request,
        _("Your proposal has been carried into %(call)s. You may change it until proposals close there.")
        % {"call": copy.call.title},
    )
    return _never_stale(redirect(_proposal_url(copy.call, copy)))


def proposals_part(user):
    """The resident's proposals on their dashboard ("My participation", courses.hooks): title, call and status,
    each linking to its page. One query; "" when they have none."""
    mine = list(proposals.proposals_of(user=user)) if user.is_authenticated else []
    if not mine:
        return ""
    rows = [{"proposal": proposal, "url": _proposal_url(proposal.call, proposal)} for proposal in mine]
    return render_to_string("participation/budgeting/proposal_mine.html", {"rows": rows})


# --- Helpers


def _proposal_or_404(call, proposal_id):
    proposal = proposals.proposal_of(call=call, proposal_id=proposal_id)
    if proposal is None:
        raise Http404(_("No such proposal in this call."))
    return proposal


def _home_kelurahan(call, user):
    kelurahan = resident_kelurahan(user, resident_verification(user))
    return {"kelurahan": kelurahan.code} if in_call_area(call, kelurahan) else {}


def _map_url(proposal):
    """The place on OpenStreetMap (a plain link: no map script or tiles), when the proposal has coordinates."""
    if proposal.latitude is None or proposal.longitude is None:
        return ""
    latitude, longitude = f"{proposal.latitude:f}", f"{proposal.longitude:f}"
    return f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=18/{latitude}/{longitude}"


def _route(call, name, **kwargs):
    return call.url + call.reverse_subpage(name, kwargs=kwargs or None)


def _proposal_url(call, proposal):
    return _route(call, "proposal", proposal_id=proposal.pk)


def _list_url(call, chosen, number=1):
    query = {}
    if chosen.get("kelurahan") is not None:
        query["kelurahan"] = chosen["kelurahan"].code
    if chosen.get("kategori") is not None:
        query["kategori"] = chosen["kategori"].pk
    if number > 1:
        query["halaman"] = number
    return _route(call, "proposals") + (f"?{urlencode(query)}" if query else "")


def _refused(request, call, reason):
    context = {"reason": reason, "call_url": call.url}
    response = _render(request, call, "proposal_refused.html", context)
    response.status_code = 403
    return response


def _render(request, call, template, context):
    response = call.render(request, template=f"participation/budgeting/{template}", context_overrides=context)
    return _never_stale(response)


def _never_stale(response):
    """Kept by no cache, ours (core.page_cache) or a proxy's, and asked for again by the browser."""
    patch_cache_control(response, private=True, no_cache=True)
    return response
