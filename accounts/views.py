"""Thin views: sign up, log in and out, reset a password, use an invitation code, edit the profile.

Log-in, log-out and password reset are Django's own views with our forms and templates;
the writes go through accounts.services.
"""

import functools
import math

import axes.utils
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView
from wagtail.admin.auth import require_admin_access
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import account as wagtail_account
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts import invitation_throttle, invitations, services, sign_up_throttle
from accounts.forms import (
    AdminNameEmailForm,
    AdminPasswordChangeForm,
    InvitationCodeForm,
    InvitationPasswordForm,
    LoginForm,
    PasswordResetForm,
    ProfileForm,
    SetPasswordForm,
    SignUpForm,
)
from accounts.models import AccountInvitation, LearnerProfile
from accounts.selectors import privacy_notice_url
from accounts.validators import guardian_cut_off_year
from core.site_address import site_url

RESIDENT_BACKEND = "accounts.backends.EmailPhoneUsernameBackend"


def next_url(request):
    """Where to go after signing up or logging in: ``next`` if it stays on this site, else /saya/."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("password", "password_confirm")
@csrf_protect
@never_cache
def sign_up(request):
    if request.user.is_authenticated:
        return redirect(next_url(request))
    if request.method == "POST":
        retry_at = sign_up_throttle.attempt_record(request)
        if retry_at is not None:
            return _sign_up_paused(request, retry_at)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.resident_sign_up(**form.service_arguments())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            login(request, user, backend=RESIDENT_BACKEND)
            messages.success(request, _("Welcome to Sekolah Warga! Your account is ready."))
            return redirect(next_url(request))
    return TemplateResponse(
        request,
        "accounts/sign_up.html",
        {
            "form": form,
            "next": request.POST.get("next") or request.GET.get("next", ""),
            "guardian_year": str(guardian_cut_off_year()),
            "privacy_url": privacy_notice_url(request),
        },
    )


def _sign_up_paused(request, retry_at):
    """429 with a page saying when this network may sign up again (accounts.sign_up_throttle)."""
    seconds = max(1, math.ceil((retry_at - timezone.now()).total_seconds()))
    context = {
        "retry_at": timezone.localtime(retry_at),
        "minutes": max(1, math.ceil(seconds / 60)),
        "limit": settings.SIGN_UP_LIMIT,
        "window_minutes": settings.SIGN_UP_WINDOW_MINUTES,
    }
    response = TemplateResponse(request, "accounts/sign_up_paused.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Log out by POST (a small form in the header); a GET shows a page with that form."""

    http_method_names = ["get", "post", "options"]
    template_name = "accounts/logout.html"
    next_page = "/"

    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, self.template_name, {})

    def post(self, request, *args, **kwargs):
        was_logged_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_logged_in:
            messages.info(request, _("You have logged out. See you again!"))
        return response


class AdminLogoutConfirmView(WagtailAdminTemplateMixin, TemplateView):
    """The admin's "Log out?" page, with the button that logs out by POST."""

    template_name = "accounts/admin_logout.html"
    page_title = gettext_lazy("Log out")
    header_icon = "logout"

    def get_breadcrumbs_items(self):
        # Home, then this page: without the last item the header would read "Home" only.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class AdminLogoutView(wagtail_account.LogoutView):
    """/admin/logout/ (lms.urls, before Wagtail's own): Wagtail's log-out, by POST only; a GET asks first.

    Wagtail's view answers a GET with 405, yet says "You have been successfully logged out" and
    drops the browser's session cookie while the session itself stays valid, so a copy of the
    cookie (a stolen one) still opens the admin. Its sidebar already logs out by POST.
    """

    http_method_names = ["get", "post", "options"]
    # In the admin's language and time zone, like Wagtail's own admin views.
    confirm_view = staticmethod(require_admin_access(never_cache(AdminLogoutConfirmView.as_view())))

    def dispatch(self, request, *args, **kwargs):
        if request.method == "GET":
            return self.confirm_view(request)
        return super().dispatch(request, *args, **kwargs)


class AdminAccountView(wagtail_account.AccountView):
    """/admin/account/ (lms.urls, before Wagtail's own): Wagtail's account page, guarded against a stolen session.

    A new e-mail address or a new password needs the current password, and a wrong one counts in
    the log-in lock-out (accounts.lockout.password_confirm): Wagtail's own forms took a new e-mail
    with no password at all, and wrong old passwords without limit.
    """

    guarded_forms = {
        wagtail_account.NameEmailSettingsPanel: AdminNameEmailForm,
        wagtail_account.ChangePasswordPanel: AdminPasswordChangeForm,
    }

    def get_panels(self):
        panels = super().get_panels()
        for panel in panels:
            form_class = self.guarded_forms.get(type(panel))
            if form_class is not None:
                panel.form_class = functools.partial(form_class, request=self.request)
        return panels


# As Wagtail's admin URLs are: for staff only, in their language, never cached.
admin_account = never_cache(require_admin_access(AdminAccountView.as_view()))


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_email.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # The link must work from a phone's mail app, whatever host served this request.
        self.extra_email_context = {"site_url": site_url()}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever holds the link owns the mailbox: lift any lock-out on the account.
        axes.utils.reset(username=form.user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# --- Invitation and reset codes (accounts.invitations) ---------------------------------------


@csrf_protect
@never_cache
def activate(request):
    """/akun/aktifkan/: type the code from the facilitator's sheet (or open ``?kode=…``), then choose a password."""
    data = request.POST if request.method == "POST" else (request.GET if "kode" in request.GET else None)
    if data is None:
        return _code_page(request, InvitationCodeForm())
    if invitation_throttle.paused_until(request):
        return _code_page(request, InvitationCodeForm())
    form = InvitationCodeForm(data)
    if form.is_valid():
        code = form.cleaned_data["kode"]
        if invitations.invitation_by_code(code) is not None:
            return redirect("accounts:activate_with_code", code=invitations.code_display(code))
        _code_not_found(request, form)
    return _code_page(request, form)


@sensitive_post_parameters("password", "password_confirm")
@csrf_protect
@never_cache
def activate_with_code(request, code):
    """/akun/aktifkan/<code>/ (the link in the e-mail and behind the QR code): choose a password, then log in."""
    if invitation_throttle.paused_until(request):
        return _code_page(request, InvitationCodeForm())
    invitation = invitations.invitation_by_code(code)
    if invitation is None:
        return _link_not_valid(request, code)
    is_activation = invitation.kind == AccountInvitation.Kind.ACTIVATION
    form = InvitationPasswordForm(
        request.POST or None, user=invitation.user, needs_consent=invitations.invitation_needs_consent(invitation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.invitation_redeem(code=code, **form.service_arguments())
        except ValidationError as error:
            if "code" in error.message_dict:  # used meanwhile: in another tab, or by someone else
                return _link_not_valid(request, code)
            form.add_service_errors(error)
        else:
            invitation_throttle.failures_clear(request)
            # A new password set with the account's own code lifts any lock-out, as a reset link does.
            axes.utils.reset(username=user.get_username())
            login(request, user, backend=RESIDENT_BACKEND)
            if is_activation:
                message = _("Your password is set and your account is ready. Welcome to Sekolah Warga!")
            else:
                message = _("Your new password is set. Use it the next time you log in.")
            messages.success(request, message)
            return redirect(settings.LOGIN_REDIRECT_URL)
    context = {
        "form": form,
        "is_activation": is_activation,
        "name": get_user_display_name(invitation.user),
        "privacy_url": privacy_notice_url(request),
    }
    return TemplateResponse(request, "accounts/activation_password.html", context)


def _link_not_valid(request, code):
    """The code form with the link's code in it and what is wrong with it; 404, as for any dead link."""
    form = InvitationCodeForm({"kode": code})
    if form.is_valid():  # well formed, so a guess or a used or expired code
        _code_not_found(request, form)
    return _code_page(request, form, status=404)


def _code_not_found(request, form):
    invitation_throttle.failure_record(request)
    form.add_error("kode", invitations.INVALID_CODE_MESSAGE)


def _code_page(request, form, *, status=200):
    """The code form; while this address is paused for too many wrong codes, that instead (429)."""
    paused_until = invitation_throttle.paused_until(request)
    context = {
        "form": form,
        "paused_until": paused_until,
        "minutes": max(1, math.ceil((paused_until - timezone.now()).total_seconds() / 60)) if paused_until else None,
    }
    return TemplateResponse(request, "accounts/activation_code.html", context, status=429 if paused_until else status)


@sensitive_post_parameters("password")
@login_required
@never_cache
def profile_edit(request):
    profile = LearnerProfile.objects.filter(user=request.user).select_related("kelurahan").first()
    if profile is None:
        # Staff and partner accounts have no resident profile: say so instead of failing.
        return TemplateResponse(request, "accounts/profile_missing.html", {})
    form = ProfileForm(request.POST or None, request=request, profile=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_profile_update(
                user=request.user,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                kelurahan=form.cleaned_data["kelurahan"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("profile:edit")
    return TemplateResponse(
        request,
        "accounts/profile.html",
        {"form": form, "profile": profile, "privacy_url": privacy_notice_url(request)},
    )
