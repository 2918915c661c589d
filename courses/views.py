"""Thin views for the learning journey: they check the request, call a service, redirect.

The course and module pages route their POSTs here (see RoutablePageMixin routes in
courses/models/pages.py); the resident's dashboard is the only standalone page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from courses import hooks, selectors, services
from courses.quiz_review import attempt_review, questions_without_key
from courses.services import LearningError
from notices.services import notices_mark_seen


def _login_first(request, page):
    return redirect_to_login(page.get_url(request))


def course_enrol(request, *, course):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return _login_first(request, course)
    try:
        services.enrolment_create(user=request.user, course=course)
    except LearningError as error:
        messages.error(request, str(error))
        return redirect(course.get_url(request))
    first_module = selectors.course_modules(course=course).first()
    return redirect((first_module or course).get_url(request))


def module_mark_read(request, *, module):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return _login_first(request, module)
    try:
        services.module_mark_read(user=request.user, module=module)
    except LearningError as error:
        messages.error(request, str(error))
    return redirect(module.get_url(request) + "#kemajuan")


def quiz(request, *, module):
    """GET: the open attempt's questions. POST without a token: start an attempt; with one: submit it."""
    if not request.user.is_authenticated:
        return _login_first(request, module)
    if request.method == "POST" and "token" in request.POST:
        return _quiz_submit(request, module=module)
    if request.method == "POST":
        try:
            attempt = services.quiz_attempt_open(user=request.user, module=module)
        except LearningError as error:
            messages.error(request, str(error))
            return redirect(module.get_url(request))
        if attempt is None:
            if selectors.quiz_passed(user=request.user, module=module):
                messages.info(request, _("You have already passed this quiz."))
            else:
                messages.info(request, _("There is no quiz attempt left to take for this module."))
            return redirect(module.get_url(request))
        return redirect(module.get_url(request) + module.reverse_subpage("quiz"))
    attempt = selectors.open_quiz_attempt(user=request.user, module=module)
    if attempt is None:
        return redirect(module.get_url(request))
    return _render_quiz(request, module=module, attempt=attempt, chosen={})


def _quiz_submit(request, *, module):
    token = request.POST["token"]
    answers = {name[2:]: request.POST.getlist(name) for name in request.POST if name.startswith("q-")}
    try:
        graded = services.quiz_attempt_submit(user=request.user, module=module, token=token, answers=answers)
    except LearningError as error:
        # Shown again with what was chosen, when the attempt is the resident's own.
        attempt = selectors.quiz_attempt_of(user=request.user, module=module, token=token)
        if attempt is None or attempt.is_submitted:  # submitted meanwhile, from another tab
            messages.error(request, str(error))
            return redirect(module.get_url(request))
        return _render_quiz(request, module=module, attempt=attempt, chosen=answers, error=str(error), status=400)
    if graded.already_submitted:
        messages.info(request, _("These answers were already submitted; your result is below."))
    return redirect(module.get_url(request) + module.reverse_subpage("quiz_result", args=[graded.token]))


def _render_quiz(request, *, module, attempt, chosen, error=None, status=200):
    questions = questions_without_key(attempt)
    for question in questions:
        for choice in question["choices"]:
            choice["checked"] = choice["id"] in chosen.get(str(question["id"]), [])
    context = {"page": module, "attempt": attempt, "questions": questions, "error": error}
    return TemplateResponse(request, "courses/quiz.html", context, status=status)


def quiz_result(request, *, module, token):
    if not request.user.is_authenticated:
        return _login_first(request, module)
    attempt = selectors.quiz_attempt_of(user=request.user, module=module, token=token)
    if attempt is None or not attempt.is_submitted:
        raise Http404
    course = selectors.course_of(module=module)
    state = selectors.module_learning_state(user=request.user, module=module, course=course)
    # What the course lets the resident see of it: marks and answers only once the quiz is finished, by default.
    review = attempt_review(
        attempt=attempt, course=course, enrolment=state["enrolment"], attempts=state["submitted_attempts"]
    )
    context = {"page": module, "attempt": attempt, "review": review, **state}
    enrolment = state["enrolment"]
    if selectors.completed_by_attempt(enrolment=enrolment, attempt=attempt):
        # Only the submission that completed the course celebrates; an earlier pass's result does not.
        context["celebration"] = selectors.completion_celebration(enrolment=enrolment, course=course)
    return TemplateResponse(request, "courses/quiz_result.html", context)


@login_required
def dashboard(request):
    """ "My courses", the resident's notices and their participation (the parts higher apps register)."""
    notices = selectors.dashboard_notices(user=request.user)
    context = {
        "rows": selectors.dashboard(user=request.user),
        "notices": notices,
        "participation_parts": hooks.participation_parts(request.user),
    }
    response = TemplateResponse(request, "courses/dashboard.html", context)
    if notices["unread"] and request.method == "GET":

        def mark_seen(response):
            # Seen once shown: marked after the page has rendered, so a failed render leaves them
            # unread. (A callback that returns something would replace the response.)
            notices_mark_seen(user=request.user, notices=notices["unread"])

        response.add_post_render_callback(mark_seen)
    return response
