"""Thin views: sign up, log in and out, reset a password, edit the profile.

Log-in, log-out and password reset are Django's own views with our forms and templates;
the writes go through accounts.services.
"""

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
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from accounts import services
from accounts.forms import LoginForm, PasswordResetForm, ProfileForm, SetPasswordForm, SignUpForm
from accounts.models import LearnerProfile
from accounts.validators import guardian_cut_off_year

RESIDENT_BACKEND = "accounts.backends.EmailPhoneUsernameBackend"
PRIVACY_NOTICE_URL = "/privasi/"


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
            "privacy_url": PRIVACY_NOTICE_URL,
        },
    )


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


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_email.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # The link must work from a phone's mail app, whatever host served this request.
        self.extra_email_context = {"site_url": settings.SITE_URL}
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


@login_required
@never_cache
def profile_edit(request):
    profile = LearnerProfile.objects.filter(user=request.user).select_related("kelurahan").first()
    if profile is None:
        # Staff and partner accounts have no resident profile: say so instead of failing.
        return TemplateResponse(request, "accounts/profile_missing.html", {})
    form = ProfileForm(request.POST or None, user=request.user, profile=profile)
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
        request, "accounts/profile.html", {"form": form, "profile": profile, "privacy_url": PRIVACY_NOTICE_URL}
    )
