"""The learning-journey benchmark's work inside Django: prepare the data, count what arrived.

Run by bench/bench_learning_pages.py in its own process, with ``DJANGO_SETTINGS_MODULE=bench.settings``
and the benchmark's own database (the runner's process keeps its settings and database):

    python bench/learning_journey.py prepare OUT.json   migrate, collectstatic, seed_demo, residents,
                                                        sessions, open quiz attempts, query counts
    python bench/learning_journey.py count IN.json OUT.json
                                                        what the database holds for the submissions sent

Residents are made through the services residents use (enrol, mark read, open and submit attempts),
so their state is one the site can reach. The quiz residents are many (a few thousand open attempts, so
that each round of submissions lasts long enough), so one of them is made through the services and the
others get copies of its rows, made in bulk, each attempt with its own token; the services then find
the copies as the open attempts they are. Each run starts them afresh: their enrolments (with progress
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
# Quiz submissions: 50 connections, each sending its residents' submissions one resident after the other,
# so 50 residents submit at any moment. 20 residents x 12 quizzes per connection: enough open attempts for
# three rounds of 10 s and their warm-up at up to about 350 submissions/s (8 ran out at 195/s on a quiet
# machine, and the figure fails when they do).
QUIZ_CONNECTIONS = 50
QUIZ_RESIDENTS = QUIZ_CONNECTIONS * 20  # every module of the three courses has an open attempt
STORM_RESIDENTS = 25  # the double-submit storm: each resident's submissions sent by two connections at once
PAGE_PREFIX = "bench-warga-"
QUIZ_PREFIX = "bench-kuis-"
STORM_PREFIX = "bench-badai-"
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
        storm_users = residents(STORM_PREFIX, STORM_RESIDENTS)
        probe = residents(PROBE_USERNAME, 1, numbered=False)[0]
        forget_learning(page_users + quiz_users + storm_users + [probe])
        for user in page_users:
            reach_page_state(user, course=course, first_module=first_module, page_module=page_module)
        template, *others = quiz_users + storm_users
        submissions = {template.pk: open_attempts(template, courses=courses, modules=modules)}
        submissions.update(copy_open_attempts(template, others, modules=modules))
        probe_submissions = open_attempts(probe, courses=courses, modules=modules)
        check_open_attempts(others[-1], submissions[others[-1].pk], modules=modules)

    page_sessions = [session_cookies(user) for user in page_users]

    def with_sessions(users):
        return [
            {"username": user.username, "cookies": session_cookies(user), "submissions": submissions[user.pk]}
            for user in users
        ]

    return {
        "course_url": course.url,
        "module_url": page_module.url,
        "page_residents": page_sessions,
        "quiz_residents": with_sessions(quiz_users),
        "storm_residents": with_sessions(storm_users),
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


def copy_open_attempts(template, users, *, modules):
    """Give each of `users` what `template` has (its enrolments, progress rows and open attempts), in bulk.

    Opening 12 attempts through the services takes about half a second per resident here; a few hundred
    residents would take minutes. Copies of rows the services made are rows the services would make (only
    the shuffled order of choices in a snapshot is the template's); each attempt gets its own token.
    Returns each user's submissions, as ``open_attempts`` does.
    """
    import uuid

    from courses.models import Enrolment, ModuleProgress, QuizAttempt

    enrolments = list(Enrolment.objects.filter(user=template).order_by("pk"))
    progress = list(ModuleProgress.objects.filter(enrolment__user=template).order_by("pk"))
    attempts = list(QuizAttempt.objects.filter(enrolment__user=template).order_by("pk"))
    all_modules = [module for pages in modules.values() for module in pages]
    module_urls = {module.pk: module.url + module.reverse_subpage("quiz") for module in all_modules}

    new_enrolments = Enrolment.objects.bulk_create(
        Enrolment(user=user, course_id=enrolment.course_id, status=enrolment.status, source=enrolment.source)
        for user in users
        for enrolment in enrolments
    )
    enrolment_of = {(e.user_id, e.course_id): e for e in new_enrolments}
    course_of_template = {enrolment.pk: enrolment.course_id for enrolment in enrolments}

    def copied_enrolment(user, row):
        return enrolment_of[user.pk, course_of_template[row.enrolment_id]]

    ModuleProgress.objects.bulk_create(
        ModuleProgress(
            enrolment=copied_enrolment(user, row),
            module_id=row.module_id,
            read_at=row.read_at,
            best_score_percent=row.best_score_percent,
            quiz_passed_at=row.quiz_passed_at,
            completed_at=row.completed_at,
        )
        for user in users
        for row in progress
    )
    new_attempts = QuizAttempt.objects.bulk_create(
        QuizAttempt(
            enrolment=copied_enrolment(user, row),
            module_id=row.module_id,
            number=row.number,
            token=uuid.uuid4(),
            questions=row.questions,
        )
        for user in users
        for row in attempts
    )
    submissions = {user.pk: [] for user in users}
    for attempt in new_attempts:
        fields = [("token", str(attempt.token))]
        for question_id, choice_ids in answers_for(attempt.questions, correct=True).items():
            fields += [(f"q-{question_id}", choice_id) for choice_id in choice_ids]
        submissions[attempt.enrolment.user_id].append({"path": module_urls[attempt.module_id], "fields": fields})
    return submissions


def check_open_attempts(user, submissions, *, modules):
    """The services see a copied resident's attempts as its open attempts (the ones the view grades)."""
    from courses.services import quiz_attempt_open

    tokens = {dict(submission["fields"])["token"] for submission in submissions}
    opened = {str(quiz_attempt_open(user=user, module=module).token) for pages in modules.values() for module in pages}
    if opened != tokens:
        raise RuntimeError(f"{user.username}: the services open {sorted(opened)}, not the copied {sorted(tokens)}")


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

    from accounts.views import RESIDENT_BACKEND

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = RESIDENT_BACKEND  # the backend the log-in view names
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
    """What the database holds for the submissions sent.

    `sent` maps each group of residents (``quiz``, ``storm``) to its tokens by what the client saw:
    ``answered`` (the redirect to their result), ``cut_off`` (sent, no answer: wrk stopped or the connection
    failed), ``refused`` (another answer), ``unsent``. For each: how many of those attempts are submitted; and
    for the group's residents, their attempts and the progress rows whose quiz is passed, which must match.
    """
    from courses.models import ModuleProgress, QuizAttempt

    prefixes = {"quiz": QUIZ_PREFIX, "storm": STORM_PREFIX}
    result = {}
    for group, tokens in sent.items():
        residents = {"enrolment__user__username__startswith": prefixes[group]}
        attempts = QuizAttempt.objects.filter(**residents).exclude(enrolment__user__username=PROBE_USERNAME)
        progress = ModuleProgress.objects.filter(**residents).exclude(enrolment__user__username=PROBE_USERNAME)
        result[group] = {
            **{
                f"submitted_of_{kind}": attempts.filter(token__in=kind_tokens, submitted_at__isnull=False).count()
                for kind, kind_tokens in tokens.items()
            },
            "attempts": attempts.count(),
            "submitted_attempts": attempts.filter(submitted_at__isnull=False).count(),
            "passed_progress_rows": progress.filter(quiz_passed_at__isnull=False).count(),
        }
    return result


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
