"""The learning-journey benchmark's work inside Django: prepare the data, count what arrived.

Run by bench/bench_learning_pages.py in its own process, with ``DJANGO_SETTINGS_MODULE=bench.settings``
and the benchmark's own database (the runner's process keeps its settings and database):

    python bench/learning_journey.py prepare OUT.json   migrate, collectstatic, seed_demo, residents,
                                                        sessions, open quiz attempts, query counts
    python bench/learning_journey.py count IN.json OUT.json
                                                        how many of the submissions sent are in the database

Residents are made through the services residents use (enrol, mark read, open and submit attempts),
so their state is one the site can reach. Each run starts them afresh: their enrolments (with progress
and attempts) are deleted, and so is every session (this database holds only benchmark data).
"""

import json
import os
import sys
from importlib import import_module
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent

COURSE_SLUG = "hak-dan-kewajiban-warga"
PAGE_RESIDENTS = 100  # the logged-in module page rotates over their sessions
QUIZ_RESIDENTS = 50  # one concurrent client each; every module of the three courses has an open attempt
PAGE_PREFIX = "bench-warga-"
QUIZ_PREFIX = "bench-kuis-"
PROBE_USERNAME = "bench-kuis-probe"  # submits in-process, for the query count, outside the load


def main(argv: list[str]) -> int:
    sys.path[:0] = [str(REPO_ROOT), str(BENCH_DIR)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    command, *paths = argv
    if command == "prepare":
        result = prepare()
    elif command == "count":
        result = count(json.loads(Path(paths[0]).read_text()))
        paths = paths[1:]
    else:
        raise SystemExit(__doc__)
    Path(paths[0]).write_text(json.dumps(result), encoding="utf-8")
    return 0


# --- Prepare -----------------------------------------------------------------------------


def prepare() -> dict:
    from django.core.management import call_command
    from django.db import transaction
    from run import migrate

    from courses.models import CoursePage, ModulePage
    from demo.seeding import seed_demo

    migrate(disposable=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    seed_demo()

    courses = list(CoursePage.objects.live().order_by("path"))
    modules = {course.pk: list(ModulePage.objects.child_of(course).live().order_by("path")) for course in courses}
    course = next(course for course in courses if course.slug == COURSE_SLUG)
    first_module, page_module = modules[course.pk][:2]

    with transaction.atomic():
        page_users = residents(PAGE_PREFIX, PAGE_RESIDENTS)
        quiz_users = residents(QUIZ_PREFIX, QUIZ_RESIDENTS)
        probe = residents(PROBE_USERNAME, 1, numbered=False)[0]
        forget_learning(page_users + quiz_users + [probe])
        for user in page_users:
            reach_page_state(user, course=course, first_module=first_module, page_module=page_module)
        submissions = {user.pk: open_attempts(user, courses=courses, modules=modules) for user in quiz_users}
        probe_submissions = open_attempts(probe, courses=courses, modules=modules)

    page_sessions = [session_cookies(user) for user in page_users]
    quiz_residents = [
        {"username": user.username, "cookies": session_cookies(user), "submissions": submissions[user.pk]}
        for user in quiz_users
    ]
    return {
        "course_url": course.url,
        "module_url": page_module.url,
        "page_residents": page_sessions,
        "quiz_residents": quiz_residents,
        "queries": query_counts(
            course_url=course.url,
            module_url=page_module.url,
            module_cookies=page_sessions[0],
            probe_cookies=session_cookies(probe),
            probe_submissions=probe_submissions,
        ),
    }


def residents(prefix, count, *, numbered=True):
    """The benchmark's residents, made once; no password (they log in through a session made here)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    usernames = [f"{prefix}{number:03d}" for number in range(1, count + 1)] if numbered else [prefix]
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    new = []
    for username in usernames:
        if username not in existing:
            user = User(username=username, first_name=f"Warga {username}")
            user.set_unusable_password()
            new.append(user)
    User.objects.bulk_create(new)
    return list(User.objects.filter(username__in=usernames).order_by("username"))


def forget_learning(users):
    from django.contrib.sessions.models import Session

    from courses.models import Enrolment

    Enrolment.objects.filter(user__in=users).delete()  # their progress and attempts go with them
    Session.objects.all().delete()


def reach_page_state(user, *, course, first_module, page_module):
    """Enrolled; module 1 read and its quiz passed; module 2 (the page measured) read, one attempt failed."""
    from courses.services import enrolment_create, module_mark_read, quiz_attempt_open, quiz_attempt_submit

    enrolment_create(user=user, course=course)
    module_mark_read(user=user, module=first_module)
    attempt = quiz_attempt_open(user=user, module=first_module)
    quiz_attempt_submit(user=user, token=attempt.token, answers=answers_for(attempt.questions, correct=True))
    module_mark_read(user=user, module=page_module)
    attempt = quiz_attempt_open(user=user, module=page_module)
    quiz_attempt_submit(user=user, token=attempt.token, answers=answers_for(attempt.questions, correct=False))


def open_attempts(user, *, courses, modules):
    """Enrolled in every course, the first three modules of each read, an attempt open at every quiz.

    Returns each attempt's submission (the quiz address and the form's fields, answers right), so
    that a load generator can send each exactly once. No course gets completed (its last module is
    unread), so no submission starts the completion work.
    """
    from courses.services import enrolment_create, module_mark_read, quiz_attempt_open

    submissions = []
    for course in courses:
        enrolment_create(user=user, course=course)
        for module in modules[course.pk][:-1]:
            module_mark_read(user=user, module=module)
        for module in modules[course.pk]:
            attempt = quiz_attempt_open(user=user, module=module)
            fields = [("token", str(attempt.token))]
            for question_id, choice_ids in answers_for(attempt.questions, correct=True).items():
                fields += [(f"q-{question_id}", choice_id) for choice_id in choice_ids]
            submissions.append({"path": module.url + module.reverse_subpage("quiz"), "fields": fields})
    return submissions


def answers_for(questions, *, correct):
    answers = {}
    for question in questions:
        right = [choice["id"] for choice in question["choices"] if choice["is_correct"]]
        wrong = [choice["id"] for choice in question["choices"] if not choice["is_correct"]]
        answers[str(question["id"])] = right if correct else wrong[:1]
    return answers


def session_cookies(user):
    """A logged-in session for `user`, as the login view makes it, and a CSRF secret: the cookies to send."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {
        settings.SESSION_COOKIE_NAME: session.session_key,
        settings.CSRF_COOKIE_NAME: get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS),
    }


# --- Query counts ----------------------------------------------------------------------------


def query_counts(*, course_url, module_url, module_cookies, probe_cookies, probe_submissions) -> dict:
    """Queries per request, in-process through the same settings, with the caches warm."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def counted(client, method, url, data=None, *, expect):
        with CaptureQueriesContext(connection) as captured:
            response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        if response.status_code != expect:
            raise RuntimeError(f"{method.upper()} {url} answered {response.status_code}, not {expect}")
        return len(captured), response

    def client_with(cookies):
        client = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
        for name, value in cookies.items():
            client.cookies[name] = value
        return client

    anonymous = client_with({})
    counts = {"hello": counted(anonymous, "get", "/hello/", expect=200)[0]}

    anonymous.get(course_url)  # fill the page cache
    counts["course_hit"], response = counted(anonymous, "get", course_url, expect=200)
    if response.get("X-Page-Cache") != "hit":
        raise RuntimeError(f"{course_url} was not served from the page cache in-process")
    # The same page rendered (a query string is a different cache key), as on a cache miss.
    counts["course_miss"], _response = counted(anonymous, "get", course_url + "?bench=miss", expect=200)

    resident = client_with(module_cookies)
    resident.get(module_url)
    counts["module"], _response = counted(resident, "get", module_url, expect=200)

    probe = client_with(probe_cookies)
    token = {settings.CSRF_COOKIE_NAME: probe_cookies[settings.CSRF_COOKIE_NAME]}
    warm, measured = probe_submissions[:2]
    probe.get(measured["path"])  # the route to the measured address is cached, as under load
    for submission in (warm, measured):
        fields = {}
        for name, value in submission["fields"]:
            fields.setdefault(name, []).append(value)
        fields["csrfmiddlewaretoken"] = token[settings.CSRF_COOKIE_NAME]
        counts["submission"], _response = counted(probe, "post", submission["path"], fields, expect=302)
    return counts


# --- Count ---------------------------------------------------------------------------------


def count(sent: dict) -> dict:
    """What the database holds for the submissions sent: each must be submitted, once."""
    from django.contrib.auth import get_user_model

    from courses.models import QuizAttempt

    tokens = sent["tokens"]
    residents = get_user_model().objects.filter(username__startswith=QUIZ_PREFIX).exclude(username=PROBE_USERNAME)
    attempts = QuizAttempt.objects.filter(enrolment__user__in=residents)
    return {
        "tokens_sent": len(tokens),
        "distinct_tokens_sent": len(set(tokens)),
        "submitted_of_sent": attempts.filter(token__in=tokens, submitted_at__isnull=False).count(),
        "open_of_sent": attempts.filter(token__in=tokens, submitted_at__isnull=True).count(),
        "attempts_of_quiz_residents": attempts.count(),
        "submitted_attempts_of_quiz_residents": attempts.filter(submitted_at__isnull=False).count(),
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
