"""The counter screen in the admin: "Participation → Sign-in codes" (Kode masuk ulang).

Staff find the resident (a phone number in any common form, or a name), check the person in front of
them, tick that they did, and give a one-time code (participation.counter_reset). Only kelurahan staff
(their kelurahan's residents) and government staff (everyone's) see the screen; anyone else is refused.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from accounts.invitations import PASSWORD_RESET_VALID_FOR, invitation_url
from accounts.validators import phone_national
from classes.admin_views import qr_svg
from participation.admin_menu import PARTICIPATION_MENU_HOOK
from participation.counter_reset import (
    counter_reset_code_issue,
    counter_resident_search,
    counter_residents,
    may_use_counter,
)


class CounterSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Phone number or name"),
        required=False,
        max_length=150,
        help_text=gettext_lazy(
            "For example 0812 3456 7890, +62 812-3456-7890 or the name the resident signed up with."
        ),
    )


class CounterIssueForm(forms.Form):
    checked = forms.BooleanField(
        label=gettext_lazy("I have checked that this is the person: their name matches a document they showed me."),
        error_messages={"required": gettext_lazy("Check the person first, and tick that you did.")},
    )


class CounterMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_counter(request.user)


def _context(title, **context):
    return {"page_title": title, "header_title": title, "header_icon": "key", **context}


def _refuse_outsiders(request):
    if not may_use_counter(request.user):
        raise PermissionDenied


def index(request):
    _refuse_outsiders(request)
    form = CounterSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    residents = counter_resident_search(user=request.user, query=query)
    rows = [
        {
            "user": resident,
            "kelurahan": resident.learner_profile.kelurahan.name,
            "phone": phone_national(resident.phone),
            "form": CounterIssueForm(auto_id=f"id_%s_{resident.pk}"),
        }
        for resident in residents
    ]
    context = _context(_("Sign-in codes"), form=form, query=query, rows=rows)
    return TemplateResponse(request, "participation/admin/counter_reset.html", context)


@never_cache  # the code is shown once: no cache keeps the page
def issue(request, user_id):
    _refuse_outsiders(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    # Another kelurahan's resident is "not found", as every scoped screen answers.
    resident = get_object_or_404(counter_residents(user=request.user), pk=user_id)
    back = reverse("counter_reset:index") + "?" + _query_string(request.POST.get("q", ""))
    form = CounterIssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["checked"]))
        return redirect(back)
    try:
        code = counter_reset_code_issue(resident=resident, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    url = invitation_url(code)
    context = _context(
        _("Sign-in code for %(name)s") % {"name": resident.get_full_name() or resident.get_username()},
        resident=resident,
        code=code,
        url=url,
        qr=qr_svg(url),
        valid_days=PASSWORD_RESET_VALID_FOR.days,
        back=back,
    )
    return TemplateResponse(request, "participation/admin/counter_reset_code.html", context)


def _query_string(query):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data["q"] = query
    return data.urlencode()


class CounterResetViewSet(ViewSet):
    name = "counter_reset"
    url_prefix = "kode-masuk-ulang"
    icon = "key"
    menu_label = gettext_lazy("Sign-in codes")
    menu_hook = PARTICIPATION_MENU_HOOK
    menu_order = 290  # with the kelurahan staff's own screens (participation.admin_menu)
    menu_item_class = CounterMenuItem

    def get_urlpatterns(self):
        return [path("", index, name="index"), path("<int:user_id>/", issue, name="issue")]
