"""The learner record: everything about one resident's learning that the viewer may see, on one page.

What a clerk needs when a resident comes to the counter: who they are and how to reach them, then per
enrolment the course, the organisation and class, where they stand (modules done, best score per
module), every quiz attempt with its answers, the class's meetings attended or missed, and the
certificate with its versions.

Scope: only the enrolments the viewer may read (classes.scope.learners_visible_to): all of them for
government staff, an organisation's learners for its facilitators, none for anyone else. A resident
none of whose enrolments the viewer may read has no record for them (None): the page then answers 404
and so does not tell whether the account exists.

Cost: a fixed number of queries whatever the number of enrolments, attempts or meetings (one per kind
of thing shown), each over this resident's rows only.
"""

from dataclasses import dataclass, field

from django.db.models import F, Q

from certificates.models import Certificate, CertificateVersion, certificate_status, format_certificate_code
from classes.models import Attendance, CohortMeeting
from classes.scope import learners_visible_to
from classes.selectors import cohort_of
from courses.models import ModulePage, ModuleProgress, QuizAttempt
from courses.quiz_review import attempt_review
from courses.selectors import ModuleCount, module_count


@dataclass
class ModuleRow:
    """A published module of the course and what the resident did in it."""

    module: ModulePage
    progress: ModuleProgress | None
    # Published after the course was completed and not done since: counted apart (courses.selectors.module_count).
    is_new: bool = False

    @property
    def is_complete(self):
        return bool(self.progress and self.progress.completed_at)

    @property
    def best_score(self):
        return self.progress.best_score_percent if self.progress else None


@dataclass
class MeetingRow:
    """A meeting of the resident's class, and their attendance at it (None: absent)."""

    session: CohortMeeting
    attendance: Attendance | None

    @property
    def attended(self):
        return self.attendance is not None


@dataclass
class CertificateRecord:
    certificate: object
    status: str
    status_label: str
    # When it came to stand where it does: issued (the current version), revoked, failed, or asked for.
    status_at: object
    versions: list

    @property
    def display_code(self):
        return format_certificate_code(self.certificate.code)


@dataclass
class EnrolmentRecord:
    enrolment: object
    modules: list = field(default_factory=list)
    attempts: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    certificate: CertificateRecord | None = None
    # Modules done of those counted, and new ones apart: by courses.selectors.module_count, the one rule, so
    # that a course completed before a module was published reads as complete here as on every other screen.
    counts: ModuleCount | None = None

    @property
    def cohort(self):
        """The class the course is taken in, or None."""
        return cohort_of(self.enrolment)

    @property
    def organisation(self):
        """The organisation that ran the learning: the class's, or the course's for a learner without one
        (as the completion records name it)."""
        cohort = self.cohort
        return cohort.organisation if cohort else self.enrolment.course.organisation

    @property
    def recorded_by_facilitator(self):
        """Completed on paper in class and recorded by a facilitator ("dicatat fasilitator")."""
        return self.enrolment.completion_recorded_by_id is not None

    @property
    def meetings_attended(self):
        return sum(1 for row in self.meetings if row.attended)


@dataclass
class LearnerRecord:
    resident: object
    profile: object  # accounts.LearnerProfile, or None for an account that never filled one in
    enrolments: list

    @property
    def is_activated(self):
        """Whether the resident can log in: an account made from a class roster has no password until
        the resident chooses one with their invitation."""
        return self.resident.has_usable_password()


def _visible_enrolments(viewer, user_id):
    return list(
        learners_visible_to(viewer)
        .filter(user_id=user_id)
        .select_related(
            "user__learner_profile__kelurahan__parent",
            "course__organisation",
            "cohort_enrolment__cohort__organisation",
            "completion_recorded_by",
            "certificate",
        )
        # Where the certificate stands, by certificates' one rule, in the same query (meaningless without one).
        .annotate(certificate_status=certificate_status("certificate"))
        .order_by("-enrolled_at", "-pk")
    )


def _live_modules(courses):
    """{course id: [its published modules, in the author's order]}: one query (and Wagtail's one for
    private sections), as the resident's dashboard and the completion records count them."""
    paths = Q()
    for course in courses:
        paths |= Q(path__startswith=course.path, depth=course.depth + 1)
    course_by_path = {course.path: course.pk for course in courses}
    by_course = {course.pk: [] for course in courses}
    modules = (
        ModulePage.objects.live()
        .public()
        .filter(paths)
        .order_by("path")
        .only("id", "title", "path", "depth", "first_published_at")
    )
    for module in modules:
        by_course[course_by_path[module.path[: -ModulePage.steplen]]].append(module)
    return by_course


def _certificate_record(certificate, status, versions):
    status = Certificate.Status(status)
    if status == Certificate.Status.REVOKED:
        status_at = certificate.revoked_at
    elif status == Certificate.Status.ISSUED:
        status_at = next((version.issued_at for version in versions if version.superseded_at is None), None)
    elif status == Certificate.Status.FAILED:
        status_at = certificate.failed_at
    else:
        status_at = certificate.created_at
    return CertificateRecord(
        certificate=certificate, status=status, status_label=status.label, status_at=status_at, versions=versions
    )


def learner_record(*, viewer, user_id):
    """The record of resident `user_id` as `viewer` may see it, or None when they may see none of it."""
    enrolments = _visible_enrolments(viewer, user_id)
    if not enrolments:
        return None
    resident = enrolments[0].user
    ids = [enrolment.pk for enrolment in enrolments]
    records = {enrolment.pk: EnrolmentRecord(enrolment=enrolment) for enrolment in enrolments}

    modules = _live_modules({enrolment.course for enrolment in enrolments})
    progress = {
        (row.enrolment_id, row.module_id): row
        for row in ModuleProgress.objects.filter(enrolment_id__in=ids).only(
            "enrolment_id", "module_id", "read_at", "best_score_percent", "quiz_passed_at", "completed_at"
        )
    }
    for enrolment in enrolments:
        record = records[enrolment.pk]
        rows = [ModuleRow(module, progress.get((enrolment.pk, module.pk))) for module in modules[enrolment.course_id]]
        record.counts = module_count(
            enrolment=enrolment,
            modules=[row.module for row in rows],
            done_module_ids={row.module.pk for row in rows if row.is_complete},
        )
        for row in rows:
            row.is_new = row.module.pk in record.counts.new_module_ids
        record.modules = rows

    attempts = (
        QuizAttempt.objects.filter(enrolment_id__in=ids)
        .annotate(module_title=F("module__title"))
        .only(
            "enrolment_id",
            "module_id",
            "number",
            "questions",
            "answers",
            "score_percent",
            "passed",
            "started_at",
            "submitted_at",
        )
        .order_by("module__path", "number")
    )
    attempts = list(attempts)
    # Staff see a submitted attempt's answers, right or wrong, whatever the course shows its resident;
    # an open one, nothing of its questions (the resident is taking it). A facilitator who is also a
    # learner sees their own record as a resident would, or it would hand them the key of a retake.
    own_record = viewer.pk == resident.pk
    for attempt in attempts:
        record = records[attempt.enrolment_id]
        same_quiz = (
            [
                other
                for other in attempts
                if (other.enrolment_id, other.module_id) == (attempt.enrolment_id, attempt.module_id)
            ]
            if own_record
            else ()
        )
        attempt.review = attempt_review(
            attempt=attempt,
            course=record.enrolment.course,
            enrolment=record.enrolment,
            attempts=same_quiz,
            for_staff=not own_record,
        )
        record.attempts.append(attempt)

    cohorts = {enrolment.pk: cohort_of(enrolment) for enrolment in enrolments}
    cohort_ids = {cohort.pk for cohort in cohorts.values() if cohort is not None}
    if cohort_ids:
        attended = {
            (row.enrolment_id, row.session_id): row
            for row in Attendance.objects.filter(enrolment_id__in=ids).only(
                "enrolment_id", "session_id", "method", "recorded_at"
            )
        }
        sessions = CohortMeeting.objects.filter(cohort_id__in=cohort_ids).order_by("starts_at", "pk")
        by_cohort = {}
        for session in sessions:
            by_cohort.setdefault(session.cohort_id, []).append(session)
        for enrolment in enrolments:
            records[enrolment.pk].meetings = [
                MeetingRow(session, attended.get((enrolment.pk, session.pk)))
                for session in by_cohort.get(getattr(cohorts[enrolment.pk], "pk", None), [])
            ]

    # select_related left None (not a query) on the enrolments without a certificate.
    certified = [enrolment for enrolment in enrolments if getattr(enrolment, "certificate", None)]
    if certified:
        versions = {}
        for version in (
            CertificateVersion.objects.filter(certificate_id__in=[enrolment.certificate.pk for enrolment in certified])
            .only("certificate_id", "number", "name", "issued_at", "superseded_at")
            .order_by("-number")
        ):
            versions.setdefault(version.certificate_id, []).append(version)
        for enrolment in certified:
            records[enrolment.pk].certificate = _certificate_record(
                enrolment.certificate, enrolment.certificate_status, versions.get(enrolment.certificate.pk, [])
            )

    return LearnerRecord(
        resident=resident,
        profile=getattr(resident, "learner_profile", None),
        enrolments=[records[pk] for pk in ids],
    )
