"""A resident with one record of every kind the site keeps, and another beside her (the class tests' world)."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import ConsentRecord
from accounts.services import consent_record
from certificates.services import certificate_issue
from classes.models import Attendance
from courses.models import Enrolment, ModuleProgress, QuizAttempt
from privacy.services import learner_record_opened
from tests import factories
from tests.classes import conftest as class_fixtures
from tests.classes.conftest import add_meetings

world = class_fixtures.world

NAME, EMAIL, PHONE = "Sulastri Wibowo Kencana", "sulastri.kencana@contoh.id", "+6281299887766"


def everything_of(user, world, *, course_key="own_course", cohort_key="own", answer="Musrenbang kelurahan"):
    """One record of every kind for `user`: an enrolment completed in a class, its module progress, a
    quiz attempt with answers, a meeting attended, a certificate (a real PDF), a consent, an access."""
    course, cohort = world[course_key], world[cohort_key]
    enrolment = factories.enrolment(
        user=user, course=course, cohort=cohort, status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )
    module = course.get_children().specific().first()
    ModuleProgress.objects.create(enrolment=enrolment, module=module, read_at=timezone.now(), best_score_percent=100)
    QuizAttempt.objects.create(
        enrolment=enrolment,
        module=module,
        number=1,
        # As courses.services snapshots a question: its choices carry the answer key.
        questions=[
            {
                "id": 1,
                "kind": "single",
                "prompt": "Apa forum perencanaan warga?",
                "explanation": "Musrenbang diatur dalam UU 6/2014.",
                "choices": [
                    {"id": "benar", "text": answer, "is_correct": True},
                    {"id": "salah", "text": "Pilkada", "is_correct": False},
                ],
            }
        ],
        answers={"1": ["benar"]},
        score_percent=100,
        passed=True,
        submitted_at=timezone.now(),
    )
    (meeting,) = add_meetings(cohort, 1)
    Attendance.objects.create(session=meeting, enrolment=enrolment, method=Attendance.Method.QR)
    certificate = certificate_issue(enrolment_id=enrolment.pk)
    consent_record(user=user, kind=ConsentRecord.Kind.PRIVACY_NOTICE)
    learner_record_opened(viewer=world["users"]["government"], resident_id=user.pk)
    return {"enrolment": enrolment, "certificate": certificate, "meeting": meeting}


@pytest.fixture
def sulastri(world):
    user = factories.learner(full_name=NAME, email=EMAIL, phone=PHONE, gender="perempuan", birth_year=1985)
    return {"user": user, **everything_of(user, world)}


@pytest.fixture
def another(world):
    user = factories.learner(full_name="Bambang Tetangga Lain", email="bambang.lain@contoh.id", phone="+6281300001111")
    return {"user": user, **everything_of(user, world, course_key="other_course", cohort_key="other", answer="Pilah")}


def stored_bytes(version):
    with version.pdf.open("rb") as pdf:
        return pdf.read()


@pytest.fixture
def when():
    return datetime.datetime(2026, 11, 10, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
