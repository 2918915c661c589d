"""The forum page's routes for residents (participation.models.ForumPage):

- the page: when and where (an OpenStreetMap link, no map script), agenda, organiser, the courses to take
  first, the budgeting call it decides on, places left, the visitor's own registration, the questions
  taken up for the agenda; after the meeting its minutes, decisions and attendance figures;
- ``daftar/`` ("Saya akan hadir"), ``batal/`` and ``pertanyaan/``: POST only, signed in, then a message
  and back to the page.

Thin: the writes are participation.forum_registration and participation.forum_questions, the reads
participation.forum_selectors. Wagtail's routing has already refused a draft (404) and a private page the
visitor may not see (its log-in or password form) before these run. The page is never kept by the
anonymous page cache nor by a proxy (``Cache-Control: private, no-cache``): places left change with every
registration and must be right at once.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, resolve_url
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participation import forum_selectors as selectors
from participation.forum_forms import ForumQuestionForm
from participation.forum_questions import QuestionError, questions_left, questions_open
from participation.forum_questions import forum_question_send as question_send
from participation.forum_registration import RegistrationError, forum_places, registration_open
from participation.forum_registration import forum_cancel as registration_cancel
from participation.forum_registration import forum_register as registration_create
from participation.models import ForumRegistration

SAFE_METHODS = ("GET", "HEAD")


def forum_page(request, *, page):
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    return _page_response(request, page)


def forum_register(request, *, page):
    """ "Saya akan hadir": a place, or the waiting list when the meeting is full."""
    refusal = _refusal(request, page)
    if refusal is not None:
        return refusal
    try:
        registration = registration_create(forum=page, user=request.user)
    except RegistrationError as error:
        messages.error(request, str(error))
    else:
        if registration.status == ForumRegistration.Status.WAITING:
            position = selectors.forum_registration_of(forum=page, user=request.user).waiting_position
            messages.info(
                request,
                _(
                    "The forum is full: you are number %(position)d on the waiting list. If a place becomes free, "
                    "it is yours and you are told."
                )
                % {"position": position},
            )
        else:
            messages.success(request, _("You are registered for %(forum)s. See you there!") % {"forum": page.title})
    return redirect(page.get_url(request))


def forum_cancel(request, *, page):
    refusal = _refusal(request, page)
    if refusal is not None:
        return refusal
    try:
        registration_cancel(forum=page, user=request.user)
    except RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your registration for %(forum)s is cancelled.") % {"forum": page.title})
    return redirect(page.get_url(request))


def forum_question_send(request, *, page):
    """A question or topic for the agenda. A form with mistakes comes back on the page, next to its field."""
    refusal = _refusal(request, page)
    if refusal is not None:
        return refusal
    form = ForumQuestionForm(request.POST)
    if not form.is_valid():
        return _page_response(request, page, question_form=form)
    try:
        question_send(forum=page, user=request.user, text=form.cleaned_data["text"])
    except QuestionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "Thank you: your question was sent to the organiser. If it is taken up for the agenda, it is "
                "shown on this page, without your name."
            ),
        )
    return redirect(page.get_url(request) + "#pertanyaan")


def _refusal(request, page):
    """The response refusing a write, or None: POST only, and signed in (back to the page afterwards)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request))
    return None


def _page_response(request, page, *, question_form=None):
    now = timezone.now()
    user = request.user
    # None for a page outside any site (an admin preview of an unsaved draft): its links then go nowhere.
    page_url = page.get_url(request) or ""
    has_ended = page.has_ended(now)
    context = {
        "places": forum_places(page),
        "registration_open": registration_open(page, now),
        "started": now >= page.starts_at,
        "has_ended": has_ended,
        "map_url": selectors.forum_map_url(page),
        "budgeting_call": selectors.forum_budgeting_call(forum=page),
        "questions": list(selectors.forum_questions_taken_up(forum=page)),
        "calendar_url": page_url + page.reverse_subpage("calendar"),
        "register_url": page_url + page.reverse_subpage("register"),
        "cancel_url": page_url + page.reverse_subpage("cancel"),
        "question_url": page_url + page.reverse_subpage("question"),
        "login_url": f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': page_url})}",
        "figures": selectors.forum_attendance_figures(forum=page) if has_ended else None,
    }
    if user.is_authenticated:
        registration = selectors.forum_registration_of(forum=page, user=user)
        context["registration"] = registration
        context["registration_active"] = registration is not None and registration.status in (
            ForumRegistration.Status.REGISTERED,
            ForumRegistration.Status.WAITING,
        )
        if questions_open(page, now):
            left = questions_left(forum=page, user=user)
            context["questions_left"] = left
            context["questions_left_text"] = ngettext(
                "You may send %(count)d more question for this forum.",
                "You may send %(count)d more questions for this forum.",
                left,
            ) % {"count": left}
            context["question_form"] = question_form or ForumQuestionForm()
    response = page.render(request, context_overrides=context)
    # Kept by no cache, ours (core.page_cache) or a proxy's: places left must be right at once.
    patch_cache_control(response, private=True, no_cache=True)
    return response
