"""Reads for the course pages. Each returns exactly what its page shows, in few queries."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from core.compiled_reads import read_compiled
from core.page_cache import public, remember, site_key
from courses import hooks
from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress, QuizAttempt, QuizQuestion
from notices.selectors import recent_notices, unread_notices


def course_list(*, index_page, topic=None):
    """Published courses under the index, with their organisation, newest last edited first."""
    courses = (
        CoursePage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("organisation", "cover_image")
        .order_by("title")
    )
    if topic:
        courses = courses.filter(topic=topic)
    return courses


def course_modules(*, course):
    """The course's published modules in the order the author arranged them."""
    # public(): the view restrictions read once per publish, not once per call (core.page_cache).
    return public(
        ModulePage.objects.child_of(course)
        .live()
        .order_by("path")
        .only("id", "title", "slug", "url_path", "path", "depth", "summary", "estimated_minutes", "first_published_at")
    )


def course_of(*, module):
    """The course a module belongs to, in one query (``get_parent().specific`` takes two)."""
    return CoursePage.objects.select_related("organisation").get(path=module.path[: -CoursePage.steplen])


def enrolment_for(*, user, course):
    """The resident's enrolment in the course, or None (also for anonymous visitors)."""
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).select_related("course").first()


def completed_enrolments():
    """Enrolments whose course is complete: the one rule of "completed" that higher apps build queries on
    (a budgeting proposal's "Terlatih" asks it inside its list's own query)."""
    return Enrolment.objects.filter(completed_at__isnull=False)


def completed_course_ids(*, user, course_ids):
    """The ids among `course_ids` of the courses `user` has completed: one query, none for an anonymous
    visitor. Higher apps ask it for the courses their pages name (a forum's, a budgeting call's)."""
    if not user.is_authenticated or not course_ids:
        return set()
    return set(completed_enrolments().filter(user=user, course_id__in=course_ids).values_list("course_id", flat=True))


def quiz_attempts_allowed(*, course, enrolment=None):
    """How many quiz attempts a resident gets per module: the one place this rule is read.

    The course sets the number; a facilitator may grant a learner more (``extra_quiz_attempts``).
    """
    return course.max_quiz_attempts + (enrolment.extra_quiz_attempts if enrolment is not None else 0)


def live_module_ids(*, course, fresh=False):
    """The ids of the course's published modules (private ones too: completion counts them), kept until
    a page is next published, unpublished, moved or deleted (``remember``): every module a resident
    completes asks for them. ``fresh``: read from the page tree now."""

    def read():
        return list(ModulePage.objects.child_of(course).live().values_list("id", flat=True))

    return read() if fresh else remember(f"course-live-module-ids:{course.pk}", read)


def module_outline(*, module):
    """Where a module sits in its course ("Modul 2 dari 4", previous and next), the course itself,
    and the size of each module's quiz.

    The same for every resident, so it is kept until a page is next published (``remember``).
    """
    if module.pk is None:  # a new module's preview: nothing to share it with
        return _module_outline(module)
    return remember(f"module-outline:v2:{module.pk}", lambda: _module_outline(module))


def _module_outline(module):
    course = course_of(module=module)
    siblings = list(
        ModulePage.objects.child_of(course)
        .live()
        .public()
        .order_by("path")
        .only("id", "title", "slug", "url_path", "path", "depth", "first_published_at")
    )
    ids = [sibling.id for sibling in siblings]
    # A draft being previewed is not among the live siblings.
    index = ids.index(module.id) if module.id in ids else None
    question_counts = dict(
        QuizQuestion.objects.filter(module_id__in=set(ids) | {module.id})
        .values_list("module_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {
        "course": course,
        "siblings": siblings,
        "module_number": index + 1 if index is not None else None,
        "module_count": len(siblings),
        "previous_module": siblings[index - 1] if index else None,
        "next_module": siblings[index + 1] if index is not None and index + 1 < len(siblings) else None,
        "question_counts": question_counts,
        "question_count": question_counts.get(module.id, 0),
    }


def module_addresses(*, module, course, request):
    """Where the module page's forms and links lead, as this site writes them: the course's enrolment,
    the module's "read" and quiz routes (a quiz result's is the quiz's, its token and a slash).

    Wagtail's ``{% routablepageurl %}`` asks the shared cache for the sites' root paths on every page;
    these are the same for every resident, so they are kept until a page is next published, per site
    (``remember``). A new module's preview has no address of its own yet: computed each time.
    """

    def read():
        site = Site.find_for_request(request)
        # As {% routablepageurl %} does: a page's address ends in a slash before its route is added.
        module_url, course_url = (_with_slash(page.relative_url(site, request)) for page in (module, course))
        return {
            "enrol": course_url + course.reverse_subpage("enrol"),
            "mark_read": module_url + module.reverse_subpage("mark_read"),
            "quiz": module_url + module.reverse_subpage("quiz"),
        }

    if module.pk is None or getattr(request, "is_preview", False):
        return read()
    return remember(f"module-addresses:{site_key(request)}:{module.pk}", read)


def _with_slash(url):
    return url if url.endswith("/") else url + "/"


# --- A resident's progress ------------------------------------------------------------------


class ModuleState:
    """What a resident has done in one module, for the pages that show progress."""

    def __init__(self, module, progress, has_quiz):
        self.module = module
        self.progress = progress
        self.has_quiz = has_quiz
        # Published since the resident completed the course, not done yet (module_count says).
        self.is_new = False

    @property
    def is_read(self):
        return bool(self.progress and self.progress.read_at)

    @property
    def quiz_passed(self):
        return bool(self.progress and self.progress.quiz_passed_at)

    @property
    def is_complete(self):
        return bool(self.progress and self.progress.completed_at)

    @property
    def missing(self):
        """What is still missing, in the resident's words (empty when complete)."""
        if self.is_complete:
            return []
        missing = []
        if not self.is_read:
            missing.append(_("not marked as read"))
        if self.has_quiz and not self.quiz_passed:
            missing.append(_("quiz not passed yet"))
        return missing


def _modules_with_quiz(module_ids):
    return set(QuizQuestion.objects.filter(module_id__in=module_ids).values_list("module_id", flat=True).distinct())


def course_progress(*, enrolment, modules):
    """Each module's state for one enrolment, and the course's percentage, in two queries."""
    modules = list(modules)
    module_ids = [module.id for module in modules]
    progress = {
        row.module_id: row for row in ModuleProgress.objects.filter(enrolment=enrolment, module_id__in=module_ids)
    }
    with_quiz = _modules_with_quiz(module_ids)
    states = [ModuleState(module, progress.get(module.id), module.id in with_quiz) for module in modules]
    return _summary(enrolment, states)


@dataclass(frozen=True)
class ModuleCount:
    """How far an enrolment is, in modules: worked out by ``module_count`` alone, for every screen that
    shows it (the resident's dashboard, the course and module pages, the class's progress screen)."""

    is_complete: bool
    done: int  # modules done, of those counted
    counted: int  # modules the course's completion counts for this enrolment
    new: int = 0  # modules published since the course was completed, not done yet: counted apart
    new_module_ids: frozenset = field(default_factory=frozenset)

    @property
    def percent(self):
        if self.is_complete:
            return 100
        return round(100 * self.done / self.counted) if self.counted else 0


def module_count(*, enrolment, modules, done_module_ids):
    """The rule for counting modules, in one place.

    A course in progress needs every module published now: a module published today is one more to
    do. A completed course stays complete (completion and certificates never change afterwards): a
    module first published after the completion, and not done since, is new material, counted apart
    and never against the resident; every other module counts as done, whether the resident did it
    online or a facilitator recorded the course done on paper. `modules` are the course's live
    modules (with ``first_published_at``), `done_module_ids` the ids of those the resident completed.
    """
    modules = list(modules)
    if enrolment.completed_at is None:
        done = sum(1 for module in modules if module.id in done_module_ids)
        return ModuleCount(is_complete=False, done=done, counted=len(modules))
    new_ids = frozenset(
        module.id
        for module in modules
        if module.id not in done_module_ids
        and module.first_published_at is not None
        and module.first_published_at > enrolment.completed_at
    )
    counted = len(modules) - len(new_ids)
    return ModuleCount(is_complete=True, done=counted, counted=counted, new=len(new_ids), new_module_ids=new_ids)


def _summary(enrolment, states, still_to_do=(), group=None, completed_parts=()):
    counts = module_count(
        enrolment=enrolment,
        modules=[state.module for state in states],
        done_module_ids={state.module.id for state in states if state.is_complete},
    )
    for state in states:
        state.is_new = state.module.id in counts.new_module_ids
    next_state = next((state for state in states if not state.is_complete), None)
    return {
        "enrolment": enrolment,
        "module_states": states,
        "counts": counts,
        "completed_modules": counts.done,
        "total_modules": counts.counted,
        "new_modules": [state.module for state in states if state.is_new],
        "percent": counts.percent,
        "next_module": next_state.module if next_state else None,
        "missing": [state for state in states if state.missing],
        # What requirements beyond the modules still ask (a class's attendance: courses.hooks).
        "still_to_do": still_to_do,
        # The class the course is taken in, if any (courses.hooks).
        "group": group,
        # Shown under a completed course: its certificate (courses.hooks).
        "completed_parts": completed_parts,
    }


def dashboard(*, user):
    """ "Kursus saya": every enrolment with its progress, in a constant number of queries."""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("course", "course__organisation")
        .order_by("completed_at", "-enrolled_at")
    )
    if not enrolments:
        return []
    paths = Q()
    for enrolment in enrolments:
        paths |= Q(path__startswith=enrolment.course.path, depth=enrolment.course.depth + 1)
    modules = list(
        ModulePage.objects.live()
        .public()
        .filter(paths)
        .order_by("path")
        .only("id", "title", "slug", "url_path", "path", "depth", "first_published_at")
    )
    with_quiz = _modules_with_quiz([module.id for module in modules])
    progress = {
        (row.enrolment_id, row.module_id): row for row in ModuleProgress.objects.filter(enrolment__in=enrolments)
    }
    still_to_do = hooks.still_to_do(enrolments)
    groups = hooks.enrolment_groups(enrolments)
    completed_parts = hooks.completed_enrolment_parts(enrolments)
    rows = []
    for enrolment in enrolments:
        course_modules = [m for m in modules if m.path.startswith(enrolment.course.path)]
        states = [ModuleState(m, progress.get((enrolment.id, m.id)), m.id in with_quiz) for m in course_modules]
        rows.append(
            _summary(
                enrolment,
                states,
                still_to_do=still_to_do.get(enrolment.id, []),
                group=groups.get(enrolment.id),
                completed_parts=completed_parts.get(enrolment.id, []),
            )
        )
    return rows


def completion_celebration(*, enrolment, course, leads_to=None):
    """What a resident who completed `course` sees under "Congratulations": the certificate's state
    (certificates' completed-enrolment part: ready, being made, revoked) and what the course prepares
    for (coming forums, open budgeting calls: courses.hooks; `leads_to` when the page has them already).
    None while the course is not complete."""
    if enrolment is None or enrolment.completed_at is None:
        return None
    return {
        "completed_parts": hooks.completed_enrolment_parts([enrolment]).get(enrolment.pk, []),
        "leads_to": hooks.course_leads_to(course, now=timezone.now()) if leads_to is None else leads_to,
    }


# How long after a quiz's submission the course's completion may be recorded and still be that
# submission's doing: both are written in the same transaction, a moment apart.
COMPLETED_BY_SUBMISSION_WITHIN = datetime.timedelta(seconds=60)


def completed_by_attempt(*, enrolment, attempt):
    """Whether submitting `attempt` is what completed the course, so that its result celebrates it.

    The completion service does not record which submission completed a course, only who recorded it (a
    facilitator, on paper) and when; so: the attempt passed, the completion is the learner's own (not on
    paper), recorded within a moment after this submission, and no attempt of the enrolment was submitted
    after it. An earlier passed attempt, or a completion that came later (attendance taken afterwards, a
    paper record), is not celebrated on the result page; the course page celebrates any completion.
    At most one query, and none unless the rest holds.
    """
    if enrolment is None or enrolment.completed_at is None or not attempt.passed or attempt.submitted_at is None:
        return False
    if enrolment.completion_recorded_by_id is not None:
        return False
    if not attempt.submitted_at <= enrolment.completed_at <= attempt.submitted_at + COMPLETED_BY_SUBMISSION_WITHIN:
        return False
    return not QuizAttempt.objects.filter(enrolment=enrolment, submitted_at__gt=attempt.submitted_at).exists()


def dashboard_notices(*, user, unread_limit=50, earlier_limit=10):
    """The resident's notices for their dashboard: the unread ones ("New notices"), which the page marks
    seen once it has shown them, and the latest of those seen before. Two queries."""
    unread = list(unread_notices(user=user)[:unread_limit])
    earlier = [notice for notice in recent_notices(user=user, limit=earlier_limit + len(unread)) if notice.seen_at]
    return {"unread": unread, "earlier": earlier[:earlier_limit]}


def module_learning_state(*, user, module, course):
    """A logged-in resident's enrolment, progress and attempts at one module (the quiz result page)."""
    enrolment = enrolment_for(user=user, course=course)
    if enrolment is None:
        return {"enrolment": None}
    progress = ModuleProgress.objects.filter(enrolment=enrolment, module=module).first()
    return _learning_state(enrolment=enrolment, module=module, course=course, progress=progress)


def module_page_state(*, user, module, outline):
    """A logged-in resident's state on the module page, besides the lesson: at most three queries.

    Their enrolment, their state in each module of the course (the progress bar) and their attempts
    at this quiz. The progress rows bring the enrolment with them; a resident without any progress
    yet needs a query more. ``outline`` is ``module_outline(module=module)``.
    """
    if not user.is_authenticated:
        return {"enrolment": None}
    course = outline["course"]
    progress_rows = read_compiled("module_progress", _progress_rows, user.pk, course.pk)
    if progress_rows:
        enrolment = progress_rows[0].enrolment
    else:
        enrolment = enrolment_for(user=user, course=course)
        if enrolment is None:
            return {"enrolment": None}
    progress = {row.module_id: row for row in progress_rows}
    question_counts = outline["question_counts"]
    states = [
        ModuleState(sibling, progress.get(sibling.id), sibling.id in question_counts)
        for sibling in outline["siblings"]
    ]
    state = _learning_state(enrolment=enrolment, module=module, course=course, progress=progress.get(module.id))
    state["course_progress"] = _summary(enrolment, states)
    return state


def _progress_rows(user_id, course_id):
    return ModuleProgress.objects.filter(enrolment__user=user_id, enrolment__course=course_id).select_related(
        "enrolment"
    )


def _quiz_attempts(enrolment_id, module_id):
    return (
        QuizAttempt.objects.filter(enrolment=enrolment_id, module=module_id)
        .order_by("number")
        .only("number", "token", "score_percent", "passed", "submitted_at", "enrolment_id", "module_id")
    )


def _learning_state(*, enrolment, module, course, progress):
    attempts = read_compiled("quiz_attempts", _quiz_attempts, enrolment.pk, module.pk)
    submitted = [attempt for attempt in attempts if attempt.is_submitted]
    allowed = quiz_attempts_allowed(course=course, enrolment=enrolment)
    return {
        "enrolment": enrolment,
        "module_progress": progress,
        "submitted_attempts": submitted,
        "open_attempt": next((attempt for attempt in attempts if not attempt.is_submitted), None),
        "attempts_allowed": allowed,
        "attempts_left": max(allowed - len(submitted), 0),
        "quiz_passed": bool(progress and progress.quiz_passed_at),
        "best_score": progress.best_score_percent if progress else None,
    }


def quiz_attempt_of(*, user, module, token):
    """The resident's own attempt at this module's quiz named by `token`, or None."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return (
        QuizAttempt.objects.filter(token=token, module=module, enrolment__user=user)
        .only(
            "token",
            "questions",
            "number",
            "submitted_at",
            "answers",
            "score_percent",
            "passed",
            "enrolment_id",
            "module_id",
        )
        .first()
    )


def open_quiz_attempt(*, user, module):
    """The resident's unfinished attempt at this module's quiz, if any."""
    return (
        QuizAttempt.objects.filter(enrolment__user=user, module=module, submitted_at__isnull=True)
        .only("token", "questions", "number", "submitted_at")
        .first()
    )


def quiz_passed(*, user, module):
    return ModuleProgress.objects.filter(enrolment__user=user, module=module, quiz_passed_at__isnull=False).exists()
