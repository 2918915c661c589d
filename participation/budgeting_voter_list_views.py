"""The printed voter lists of the paper vote in the admin: "Participation → Voter lists" (Daftar pemilih).
Registered from participation.budgeting_call_admin.

The index lists the calls with the kelurahan of their area where the staff member acts; each list is a
page of its own, printed by the browser (as a forum's sign-in sheet), once online voting has closed. Anyone
who acts in no kelurahan is refused (403); another kelurahan's list is "not found" (404) for kelurahan staff.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from participation.admin_menu import PARTICIPATION_MENU_HOOK
from participation.budgeting_voter_list import call_kelurahan, voter_list, voter_list_calls, voter_list_open
from participation.models import BudgetingCallPage
from participation.resident_verification import may_verify
from participation.scope import may_act_in


class VoterListMenuItem(MenuItem):
    def is_shown(self, request):
        return may_verify(request.user)


def _refuse_outsiders(request):
    if not may_verify(request.user):
        raise PermissionDenied


def index(request):
    _refuse_outsiders(request)
    title = _("Voter lists")
    calls = [
        {
            "call": call,
            "lists": [
                {"kelurahan": kelurahan, "url": reverse("budgeting_voter_list:print", args=[call.pk, kelurahan.code])}
                for kelurahan in villages
            ],
        }
        for call, villages in voter_list_calls(user=request.user)
    ]
    context = {"page_title": title, "header_title": title, "header_icon": "list-ul", "calls": calls}
    return TemplateResponse(request, "participation/admin/budgeting_voter_lists.html", context)


def print_list(request, call_id, kelurahan_code):
    _refuse_outsiders(request)
    call = get_object_or_404(BudgetingCallPage.objects.select_related("area"), pk=call_id)
    kelurahan = call_kelurahan(call=call, code=kelurahan_code)
    if kelurahan is None or not may_act_in(request.user, kelurahan.code):
        raise Http404
    if not voter_list_open(call):
        messages.error(
            request,
            _(
                "The voter list of %(call)s is printed once online voting has closed (from %(date)s), so that it "
                "marks everyone who voted online."
            )
            % {"call": call.title, "date": date_format(call.voting_close + datetime.timedelta(days=1))},
        )
        return redirect("budgeting_voter_list:index")
    rows = list(voter_list(call=call, kelurahan=kelurahan))
    context = {
        "call": call,
        "kelurahan": kelurahan,
        "rows": rows,
        "voted_online_count": sum(1 for row in rows if row.voted_online),
        "index_url": reverse("budgeting_voter_list:index"),
    }
    return TemplateResponse(request, "participation/admin/budgeting_voter_list_print.html", context)


class VoterListViewSet(ViewSet):
    name = "budgeting_voter_list"
    url_prefix = "daftar-pemilih"
    icon = "list-ul"
    menu_label = gettext_lazy("Voter lists")
    menu_hook = PARTICIPATION_MENU_HOOK
    menu_order = 411
    menu_item_class = VoterListMenuItem

    def get_urlpatterns(self):
        return [
            path("", index, name="index"),
            path("<int:call_id>/<str:kelurahan_code>/", print_list, name="print"),
        ]
