"""The follow-up of budgeting winners in the admin: "Participation → Budget follow-up" (Tindak lanjut anggaran).

The first screen lists the calls whose results are public and, for the call chosen, its winners with their
progress, how many updates each has and the date of the newest; kelurahan staff see the winners located in
their kelurahan only. A winner's screen shows its updates and the form that adds one (date, progress, text,
optional photo). The changes are participation.budgeting_follow_up's service; these views are thin.

Who may open them: government staff, superusers and kelurahan staff (participation.scope); anyone else is
refused (403). Another kelurahan's proposal is "not found" for kelurahan staff, as every scoped screen answers.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from participation.admin_menu import PARTICIPATION_MENU_HOOK
from participation.budgeting_follow_up import (
    TEXT_MAX_LENGTH,
    FollowUpError,
    call_winners,
    follow_up_refusal,
    may_follow_up,
    may_follow_up_anywhere,
    proposal_update_add,
)
from participation.budgeting_phases import PHASE_NAMES, call_phase, today_in_balikpapan
from participation.models import BudgetingCallPage, Proposal

NAMESPACE = "budgeting_follow_up"


class UpdateForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    progress = forms.ChoiceField(label=gettext_lazy("Progress"), choices=Proposal.Progress.choices)
    text = forms.CharField(
        label=gettext_lazy("Update"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Public, on the proposal's page: what was done, or what is planned, and by whom."),
    )
    photo = forms.FileField(
        label=gettext_lazy("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=gettext_lazy("Public, as the proposal is. It is made smaller and its location data removed."),
    )


class FollowUpMenuItem(MenuItem):
    def is_shown(self, request):
        return may_follow_up_anywhere(request.user)


def _refuse_outsiders(request):
    if not may_follow_up_anywhere(request.user):
        raise PermissionDenied


def _private(response):
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _context(title, **context):
    return {"page_title": title, "header_title": title, "header_icon": "tasks", **context}


def _calls_with_results(today):
    return list(
        BudgetingCallPage.objects.live()
        .filter(results_on__lte=today)
        .only("pk", "title", "fiscal_year", "results_on", "follow_up_from", "proposals_open", "proposals_close")
        .order_by("-results_on", "-pk")
    )


def index(request):
    _refuse_outsiders(request)
    today = today_in_balikpapan()
    calls = _calls_with_results(today)
    chosen = None
    wanted = request.GET.get("call")
    if wanted:
        chosen = next((call for call in calls if str(call.pk) == wanted), None)
        if chosen is None:
            raise Http404
    elif calls:
        chosen = calls[0]
    rows = []
    if chosen is not None:
        # The full call: winning_proposal_ids reads its rule and budgets.
        chosen = BudgetingCallPage.objects.get(pk=chosen.pk)
        rows = call_winners(chosen, request.user, today)
    context = _context(
        _("Budget follow-up"),
        calls=[{"call": call, "current": chosen is not None and call.pk == chosen.pk} for call in calls],
        chosen=chosen,
        chosen_phase=PHASE_NAMES[call_phase(chosen, today)] if chosen is not None else None,
        rows=rows,
    )
    return _private(TemplateResponse(request, "participation/admin/budgeting_follow_up_index.html", context))


def proposal(request, proposal_id):
    _refuse_outsiders(request)
    found = Proposal.objects.select_related("call", "kelurahan", "category").filter(pk=proposal_id).first()
    if found is None or not may_follow_up(request.user, found):
        raise Http404
    today = today_in_balikpapan()
    form = UpdateForm(initial={"date": today, "progress": found.progress or Proposal.Progress.PLANNED})
    status = 200
    if request.method == "POST":
        form = UpdateForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                proposal_update_add(
                    proposal=found,
                    by=request.user,
                    date=form.cleaned_data["date"],
                    progress=form.cleaned_data["progress"],
                    text=form.cleaned_data["text"],
                    photo=form.cleaned_data["photo"],
                    today=today,
                )
            except FollowUpError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The update is published on the proposal's page."))
                return redirect(reverse(f"{NAMESPACE}:proposal", args=[found.pk]))
        messages.error(request, _("The update was not saved. Correct the form below."))
        status = 400
    context = _context(
        _("Follow-up: %(title)s") % {"title": found.title},
        proposal=found,
        refusal=follow_up_refusal(proposal=found, user=request.user, today=today),
        updates=list(found.updates.select_related("created_by")),
        form=form,
        index_url=reverse(f"{NAMESPACE}:index") + f"?call={found.call_id}",
        public_url=_public_url(found),
    )
    return _private(
        TemplateResponse(request, "participation/admin/budgeting_follow_up_proposal.html", context, status=status)
    )


def _public_url(found):
    try:
        return found.call.url + found.call.reverse_subpage("proposal", args=[found.pk])
    except Exception:  # noqa: BLE001 - a call not routable (not in a site): no link, the screen still works
        return None


class BudgetingFollowUpViewSet(ViewSet):
    name = NAMESPACE
    url_prefix = "tindak-lanjut-anggaran"
    icon = "tasks"
    menu_label = gettext_lazy("Budget follow-up")
    menu_hook = PARTICIPATION_MENU_HOOK
    menu_order = 460  # budgeting's follow-up: 460-479 (participation.admin_menu)
    menu_item_class = FollowUpMenuItem

    def get_urlpatterns(self):
        return [path("", index, name="index"), path("usulan/<int:proposal_id>/", proposal, name="proposal")]
