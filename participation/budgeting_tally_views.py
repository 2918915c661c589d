"""Paper ballots in the admin: "Participation → Paper ballots" (Surat suara kertas).

Three screens: the calls; a call's polling places (those of the kelurahan where the person acts) with the
form that adds one; a polling place's tally form (the ballots cast, a number per feasible proposal, a
reason when correcting) with the history of every entry and correction. The rules are
participation.budgeting_tallies'; the views only read forms and show refusals.

Kelurahan staff of another kelurahan are answered 404 for a polling place that is not theirs; anyone who
acts in no kelurahan is refused.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from participation.admin_menu import PARTICIPATION_MENU_HOOK
from participation.budgeting_phases import PHASE_NAMES, call_phase
from participation.budgeting_tallies import (
    in_call_area,
    paper_tallies_save,
    polling_place_create,
    tallies_open,
    tally_history,
    tally_proposals,
)
from participation.models import BudgetingCallPage, PaperTally, PollingPlace
from participation.scope import EVERYWHERE, acts_somewhere, in_kelurahan_scope, kelurahan_scope
from regions.models import Region

NAMESPACE = "budgeting_tallies"


def may_enter_tallies(user):
    """Whether ``user`` may open the screens at all: someone who acts in participation somewhere."""
    return acts_somewhere(user)


def _refuse_outsiders(request):
    if not may_enter_tallies(request.user):
        raise PermissionDenied


def _context(title, **context):
    return {"page_title": title, "header_title": title, "header_icon": "doc-full", **context}


class TallyMenuItem(MenuItem):
    def is_shown(self, request):
        return may_enter_tallies(request.user)


class PollingPlaceForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    kelurahan = forms.ModelChoiceField(label=gettext_lazy("Kelurahan"), queryset=Region.objects.none())
    ballots_cast = forms.IntegerField(label=gettext_lazy("Paper ballots cast"), min_value=0, initial=0)

    def __init__(self, *args, call, user, **kwargs):
        super().__init__(*args, **kwargs)
        villages = Region.objects.filter(level=Region.Level.VILLAGE).order_by("name")
        if call.area.level == Region.Level.VILLAGE:
            villages = villages.filter(pk=call.area_id)
        else:
            villages = villages.filter(parent_id=call.area_id)
        self.fields["kelurahan"].queryset = in_kelurahan_scope(villages, user, field="code")


class TallyForm(forms.Form):
    ballots_cast = forms.IntegerField(label=gettext_lazy("Paper ballots cast here"), min_value=0)
    reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Needed when you change numbers already entered: it is kept in the history."),
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal_fields = []
        for proposal in proposals:
            name = f"votes_{proposal.pk}"
            self.fields[name] = forms.IntegerField(
                label=proposal.title,
                min_value=0,
                help_text=proposal.kelurahan.name,
            )
            self.proposal_fields.append(name)

    def votes(self):
        return {int(name.removeprefix("votes_")): self.cleaned_data[name] for name in self.proposal_fields}


def index(request):
    _refuse_outsiders(request)
    calls = BudgetingCallPage.objects.live().select_related("area").order_by("-voting_open", "title")
    rows = [
        {
            "call": call,
            "phase": PHASE_NAMES[call_phase(call)],
            "open": tallies_open(call),
            "url": reverse(f"{NAMESPACE}:call", args=[call.pk]),
        }
        for call in calls
    ]
    return TemplateResponse(
        request, "participation/admin/budgeting_tally_calls.html", _context(_("Paper ballots"), rows=rows)
    )


def call_places(request, call_id):
    _refuse_outsiders(request)
    call = get_object_or_404(BudgetingCallPage.objects.select_related("area"), pk=call_id)
    form = PollingPlaceForm(request.POST or None, call=call, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            place = polling_place_create(
                call=call,
                by=request.user,
                name=form.cleaned_data["name"],
                kelurahan=form.cleaned_data["kelurahan"],
                ballots_cast=form.cleaned_data["ballots_cast"],
            )
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You may not do this."))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Polling place %(name)s added.") % {"name": place.name})
            return redirect(reverse(f"{NAMESPACE}:place", args=[place.pk]))
    status = 400 if request.method == "POST" else 200
    places = (
        in_kelurahan_scope(PollingPlace.objects.filter(call=call), request.user)
        .select_related("kelurahan")
        .annotate(tallies_entered=Count("tallies"))
        .order_by("kelurahan__name", "name")
    )
    context = _context(
        _("Polling places"),
        call=call,
        phase=PHASE_NAMES[call_phase(call)],
        open=tallies_open(call),
        places=[{"place": place, "url": reverse(f"{NAMESPACE}:place", args=[place.pk])} for place in places],
        form=form,
        back=reverse(f"{NAMESPACE}:index"),
    )
    return TemplateResponse(request, "participation/admin/budgeting_tally_places.html", context, status=status)


def _place_or_refuse(user, place_id):
    place = get_object_or_404(PollingPlace.objects.select_related("call", "kelurahan"), pk=place_id)
    scope = kelurahan_scope(user)
    if scope is EVERYWHERE or place.kelurahan_id in scope:
        return place
    if scope:
        raise Http404
    raise PermissionDenied


def place_tallies(request, place_id):
    _refuse_outsiders(request)
    place = _place_or_refuse(request.user, place_id)
    call = place.call
    proposals = list(tally_proposals(call, place.kelurahan))
    current = dict(PaperTally.objects.filter(polling_place=place).values_list("proposal_id", "votes"))
    initial = {"ballots_cast": place.ballots_cast, **{f"votes_{pk}": votes for pk, votes in current.items()}}
    form = TallyForm(request.POST or None, initial=initial, proposals=proposals)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                entered, corrected = paper_tallies_save(
                    polling_place=place,
                    by=request.user,
                    votes=form.votes(),
                    ballots_cast=form.cleaned_data["ballots_cast"],
                    reason=form.cleaned_data["reason"],
                )
            except PermissionDenied as error:
                messages.error(request, str(error) or _("You may not do this."))
            except ValidationError as error:
                _add_errors(form, error)
                messages.error(request, _("Nothing was saved. Correct the form below."))
            else:
                messages.success(
                    request,
                    _("Saved: %(entered)d tallies entered, %(corrected)d corrected.")
                    % {"entered": entered, "corrected": corrected},
                )
                return redirect(request.get_full_path())
        else:
            messages.error(request, _("Nothing was saved. Correct the form below."))
    context = _context(
        _("Paper tally: %(name)s") % {"name": place.name},
        place=place,
        call=call,
        open=tallies_open(call),
        in_area=in_call_area(call, place.kelurahan),
        form=form,
        proposal_fields=[form[name] for name in form.proposal_fields],
        history=list(tally_history(place)),
        back=reverse(f"{NAMESPACE}:call", args=[call.pk]),
    )
    return TemplateResponse(request, "participation/admin/budgeting_tally_place.html", context, status=status)


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(None if field == "__all__" or field not in form.fields else field, errors)
    else:
        form.add_error(None, error.messages)


class TallyViewSet(ViewSet):
    name = NAMESPACE
    url_prefix = "surat-suara-kertas"
    icon = "doc-full"
    menu_label = gettext_lazy("Paper ballots")
    menu_hook = PARTICIPATION_MENU_HOOK
    menu_order = 440
    menu_item_class = TallyMenuItem

    def get_urlpatterns(self):
        return [
            path("", index, name="index"),
            path("usulan/<int:call_id>/", call_places, name="call"),
            path("tps/<int:place_id>/", place_tallies, name="place"),
        ]
