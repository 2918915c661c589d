"""The counter screen where kelurahan staff verify residents in person: "Participation → Verify residents"
(Verifikasi warga). Registered from participation.budgeting_call_admin.

Staff find the resident (name, username, e-mail, or phone in any common form), see the KTP, choose the
kelurahan it shows (one of theirs), tick that they saw it, and verify; or withdraw a verification made in
their kelurahan. Thin: the rules and the audit are participation.resident_verification's. Anyone who acts
in no kelurahan is refused (403); a resident outside the staff member's scope is "not found" (404).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from accounts.resident_identity import MaskedContact
from participation.admin_menu import PARTICIPATION_MENU_HOOK
from participation.resident_verification import (
    VerificationError,
    kelurahan_choices,
    may_verify,
    resident_verification_withdraw,
    resident_verify,
    verifiable_resident_search,
    verifiable_residents,
)


class VerificationSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name, username, e-mail or phone number"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("For example Siti Rahmawati, 0812 3456 7890 or +62 812-3456-7890."),
    )


class VerifyForm(forms.Form):
    kelurahan = forms.ModelChoiceField(
        label=gettext_lazy("Kelurahan on the KTP"),
        queryset=None,
        error_messages={"required": gettext_lazy("Choose the kelurahan the KTP shows.")},
    )
    ktp_seen = forms.BooleanField(
        label=gettext_lazy("I saw the KTP, which shows this kelurahan."),
        error_messages={
            "required": gettext_lazy("See the resident's KTP first, and tick that it shows this kelurahan.")
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = kelurahan_choices(user=user)
        self.fields["kelurahan"].error_messages["invalid_choice"] = _(
            "Choose a kelurahan where you are kelurahan staff: you verify its residents only."
        )


class VerificationMenuItem(MenuItem):
    def is_shown(self, request):
        return may_verify(request.user)


def _refuse_outsiders(request):
    if not may_verify(request.user):
        raise PermissionDenied


def _context(**context):
    title = _("Verify residents")
    return {"page_title": title, "header_title": title, "header_icon": "user", **context}


def index(request):
    _refuse_outsiders(request)
    form = VerificationSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    residents = verifiable_resident_search(user=request.user, query=query)
    contacts = _masked_contacts(residents)
    choices = list(kelurahan_choices(user=request.user))
    # The kelurahan offered in every row's select, read once (a form field would read them once per row).
    rows = [
        {
            "user": resident,
            "contact": contacts.get(resident.pk, ""),
            "verification": getattr(resident, "residence_verification", None),
        }
        for resident in residents
    ]
    context = _context(form=form, query=query, rows=rows, kelurahan_choices=choices)
    return TemplateResponse(request, "participation/admin/resident_verification.html", context)


def _masked_contacts(residents):
    from django.contrib.auth import get_user_model

    if not residents:
        return {}
    return dict(
        get_user_model()
        .objects.filter(pk__in=[resident.pk for resident in residents])
        .annotate(contact=MaskedContact(prefix=""))
        .values_list("pk", "contact")
    )


def _back(request):
    data = QueryDict(mutable=True)
    data["q"] = request.POST.get("q", "")
    return reverse("resident_verification:index") + "?" + data.urlencode()


def verify(request, user_id):
    _refuse_outsiders(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    resident = get_object_or_404(verifiable_residents(user=request.user), pk=user_id)
    form = VerifyForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect(_back(request))
    try:
        verification = resident_verify(
            resident=resident, kelurahan=form.cleaned_data["kelurahan"], by=request.user, ktp_seen=True
        )
    except VerificationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s is verified as a resident of %(kelurahan)s.")
            % {"name": resident.get_full_name() or resident.get_username(), "kelurahan": verification.kelurahan.name},
        )
    return redirect(_back(request))


def withdraw(request, user_id):
    _refuse_outsiders(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    resident = get_object_or_404(verifiable_residents(user=request.user), pk=user_id)
    try:
        resident_verification_withdraw(resident=resident, by=request.user)
    except VerificationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The verification of %(name)s is withdrawn.")
            % {"name": resident.get_full_name() or resident.get_username()},
        )
    return redirect(_back(request))


class ResidentVerificationViewSet(ViewSet):
    name = "resident_verification"
    url_prefix = "verifikasi-warga"
    icon = "user"
    menu_label = gettext_lazy("Verify residents")
    menu_hook = PARTICIPATION_MENU_HOOK
    menu_order = 410
    menu_item_class = VerificationMenuItem

    def get_urlpatterns(self):
        return [
            path("", index, name="index"),
            path("<int:user_id>/", verify, name="verify"),
            path("<int:user_id>/cabut/", withdraw, name="withdraw"),
        ]
