"""A forum organiser's screens in the Wagtail admin, one set per forum page: the participants (and the door),
the attendance list to tick, the QR check-in screen, the printable sign-in sheet and the questions sent
for the agenda. They are reached from the page explorer and the page editor (participation.forum_admin).

Who may use them is participation.scope's rule: kelurahan staff of the forum's kelurahan, government staff
and superusers. Kelurahan staff of another kelurahan are answered 404 (the forum is not theirs to know of);
anyone else with access to the admin (an NGO's staff) is refused. The views are thin: the changes are
participation.forum_attendance's and participation.forum_questions' services.
"""

import segno
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.rotating_codes import code_seconds_left
from participation.forum_admin_forms import DoorAddForm
from participation.forum_attendance import (
    ForumAttendanceError,
    forum_attendance_door_add,
    forum_attendance_record,
    forum_check_in_url,
    forum_participants,
    forum_sign_in_sheet,
)
from participation.forum_questions import QuestionError, forum_question_discussed, forum_question_take_up
from participation.forum_registration import RegistrationError
from participation.models import ForumPage, ForumQuestion, ForumRegistration
from participation.models.forums import ANSWER_MAX_LENGTH
from participation.scope import EVERYWHERE, kelurahan_scope

NAMESPACE = "forum_admin"


def organiser_forum_or_refuse(user, forum_id):
    """The forum `user` organises, or the refusal: 404 for kelurahan staff of another kelurahan (and for a
    forum that does not exist), 403 for anyone who acts in no kelurahan at all."""
    forum = get_object_or_404(ForumPage.objects.select_related("kelurahan"), pk=forum_id)
    scope = kelurahan_scope(user)
    if scope is EVERYWHERE or forum.kelurahan_id in scope:
        return forum
    if scope:
        raise Http404
    raise PermissionDenied


def forum_admin_url(name, forum):
    return reverse(f"{NAMESPACE}:{name}", args=[forum.pk])


class ForumScreen(WagtailAdminTemplateMixin, TemplateView):
    """A screen about one forum the person organises."""

    header_icon = "group"
    screen = ""  # this screen's URL name, marked in the row of links between the screens

    def dispatch(self, request, *args, **kwargs):
        self.forum = organiser_forum_or_refuse(request.user, kwargs["forum_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.forum.title

    def get_breadcrumbs_items(self):
        index = self.forum.get_parent()
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_explore", args=[index.pk]), "label": index.title},
            {"url": reverse("wagtailadmin_pages:edit", args=[self.forum.pk]), "label": self.forum.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        screens = [
            ("participants", _("Participants")),
            ("attendance", _("Attendance list")),
            ("check_in_qr", _("QR check-in")),
            ("sign_in_sheet", _("Sign-in sheet")),
            ("questions", _("Questions")),
        ]
        return super().get_context_data(
            forum=self.forum,
            screens=[
                {"url": forum_admin_url(name, self.forum), "label": label, "current": name == self.screen}
                for name, label in screens
            ],
            **kwargs,
        )


class ParticipantsView(ForumScreen):
    """Who registered, who waits (in the order they move up), who cancelled, and who attended and how;
    with the form that adds someone at the door."""

    template_name = "participation/admin/forum_participants.html"
    screen = "participants"

    def get_page_title(self):
        return _("Participants")

    def get_context_data(self, form=None, **kwargs):
        participants = forum_participants(self.forum)
        return super().get_context_data(
            participants=participants,
            capacity=self.forum.capacity,
            form=form or DoorAddForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = DoorAddForm(request.POST)
        if form.is_valid():
            try:
                registration = forum_attendance_door_add(
                    forum=self.forum,
                    by=request.user,
                    name=form.cleaned_data["name"],
                    gender=form.cleaned_data["gender"],
                    user=form.cleaned_data["account"],
                )
            except RegistrationError as error:
                form.add_error(None, str(error))
            else:
                name = registration.name or get_user_display_name(registration.user)
                messages.success(request, _("%(name)s is added and present.") % {"name": name})
                return redirect(request.get_full_path())
        messages.error(request, _("The person was not added. Correct the form below."))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AttendanceView(ForumScreen):
    """One checkbox per person holding a place (and those waiting, who may come), their name as its label:
    ticked on a phone at the door, or from the signed paper sheet afterwards."""

    template_name = "participation/admin/forum_attendance.html"
    screen = "attendance"

    def get_page_title(self):
        return _("Attendance list")

    def get_context_data(self, **kwargs):
        participants = forum_participants(self.forum)
        rows = participants.on_the_list
        return super().get_context_data(
            rows=rows,
            present_count=len(participants.attended),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            present = forum_attendance_record(
                forum=self.forum,
                present_registration_ids=request.POST.getlist("hadir"),
                shown_present_ids=request.POST.getlist("tercatat"),
                by=request.user,
            )
        except ForumAttendanceError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(), status=400)
        messages.success(
            request,
            _("Attendance saved for %(forum)s: %(present)s present.")
            % {"forum": self.forum.title, "present": present},
        )
        return redirect(request.get_full_path())


def check_in_qr_svg(url):
    """A QR code that scales to its box: large enough to scan from the back of a kelurahan hall."""
    return segno.make(url, error="m").svg_inline(
        border=2, dark="#000", light="#fff", omitsize=True, svgclass="check-in-qr-code", title=_("Check-in QR code")
    )


class CheckInQRView(ForumScreen):
    """The code residents scan to check in; it changes every minute, and the page reloads itself to show the
    next (no JavaScript)."""

    template_name = "participation/admin/forum_check_in_qr.html"
    screen = "check_in_qr"

    def get_page_title(self):
        return _("QR check-in")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        add_never_cache_headers(response)  # a code from the browser's cache would be an expired one
        return response

    def get_context_data(self, **kwargs):
        # One moment for both: the page reloads right after the code it shows has changed.
        now = timezone.now()
        registrations = ForumRegistration.objects.filter(forum_id=self.forum.pk)
        return super().get_context_data(
            qr_svg=check_in_qr_svg(forum_check_in_url(self.forum, now=now)),
            seconds_left=code_seconds_left(now),
            present_count=registrations.attended().count(),
            registered_count=registrations.registered().count(),
            **kwargs,
        )


class SignInSheetView(ForumScreen):
    """The registered, by name, with a blank column for their RT and one to sign: printed by the browser
    (the page's print style leaves the admin's furniture out)."""

    template_name = "participation/admin/forum_sign_in_sheet.html"
    screen = "sign_in_sheet"

    def get_page_title(self):
        return _("Sign-in sheet")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rows=forum_sign_in_sheet(self.forum),
            participants_url=forum_admin_url("participants", self.forum),
            **kwargs,
        )


class QuestionsView(ForumScreen):
    """The questions residents sent for the agenda: take each up or not and, once discussed, give the
    meeting's short answer. The sender's name is not shown: the decision is about the question."""

    template_name = "participation/admin/forum_questions.html"
    screen = "questions"
    actions = {"take_up", "not_take_up", "discussed"}

    def get_page_title(self):
        return _("Questions")

    def get_context_data(self, **kwargs):
        questions = list(ForumQuestion.objects.filter(forum_id=self.forum.pk).order_by("created_at", "pk"))
        return super().get_context_data(
            questions=questions,
            answer_max_length=ANSWER_MAX_LENGTH,
            has_started=timezone.now() >= self.forum.starts_at,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        question = ForumQuestion.objects.filter(forum_id=self.forum.pk, pk=_int(request.POST.get("question"))).first()
        if question is None or action not in self.actions:
            messages.error(request, _("This question is not one of this forum's. Reload the page."))
            return self.render_to_response(self.get_context_data(), status=400)
        try:
            if action == "discussed":
                forum_question_discussed(question=question, by=request.user, answer=request.POST.get("answer", ""))
                messages.success(request, _("The question is marked as discussed, with its answer."))
            else:
                forum_question_take_up(question=question, by=request.user, taken_up=action == "take_up")
                messages.success(
                    request,
                    _("The question is taken up for the agenda.")
                    if action == "take_up"
                    else _("The question is not taken up."),
                )
        except QuestionError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(), status=400)
        return redirect(request.get_full_path())


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


forum_admin_urls = [
    path("peserta/", ParticipantsView.as_view(), name="participants"),
    path("kehadiran/", AttendanceView.as_view(), name="attendance"),
    path("qr/", CheckInQRView.as_view(), name="check_in_qr"),
    path("lembar-hadir/", SignInSheetView.as_view(), name="sign_in_sheet"),
    path("pertanyaan/", QuestionsView.as_view(), name="questions"),
]

urlpatterns = [path("forum/<int:forum_id>/", include((forum_admin_urls, NAMESPACE), namespace=NAMESPACE))]
