"""Reads for the facilitator's class screens: the class overview and its learners' progress."""

from dataclasses import dataclass

from django.db.models import Count, Q
from wagtail.admin.utils import get_user_display_name

from accounts.validators import phone_national
from courses.models import CohortSession, Enrolment, ModuleProgress
from courses.selectors import course_modules

PROGRESS_ORDERINGS = {
    "nama": lambda row: (row.name.lower(),),
    "modul": lambda row: (row.modules_done, row.name.lower()),
    "kehadiran": lambda row: (row.attended, row.name.lower()),
    "selesai": lambda row: (row.enrolment.completed_at is None, row.enrolment.completed_at or 0, row.name.lower()),
}


@dataclass
class LearnerProgress:
    enrolment: object
    name: str
    contact: str
    modules_done: int
    scores: list  # best quiz score per module of the course, None where not taken or no quiz
    attended: int

    @property
    def is_complete(self):
        return self.enrolment.completed_at is not None


def cohort_progress(*, cohort, ordering="nama"):
    """Every learner of the class with modules done, best scores, attendance and completion.

    Four queries whatever the size of the class: the modules, the meetings, the learners with
    their counts, and their best scores.
    """
    modules = list(course_modules(course=cohort.course))
    module_ids = [module.id for module in modules]
    session_count = CohortSession.objects.filter(cohort=cohort).count()
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort)
        .select_related("user", "completion_recorded_by")
        .annotate(
            modules_done=Count(
                "module_progress",
                filter=Q(module_progress__completed_at__isnull=False, module_progress__module_id__in=module_ids),
                distinct=True,
            ),
            attended=Count("attendances", distinct=True),
        )
    )
    scores = {
        (row["enrolment_id"], row["module_id"]): row["best_score_percent"]
        for row in ModuleProgress.objects.filter(enrolment__cohort=cohort, module_id__in=module_ids).values(
            "enrolment_id", "module_id", "best_score_percent"
        )
    }
    rows = [
        LearnerProgress(
            enrolment=enrolment,
            name=get_user_display_name(enrolment.user),
            # A phone as residents write it (0812 3456 7890), for a facilitator to dial or export.
            contact=enrolment.user.email or phone_national(enrolment.user.phone),
            modules_done=enrolment.modules_done,
            scores=[scores.get((enrolment.id, module_id)) for module_id in module_ids],
            attended=enrolment.attended,
        )
        for enrolment in enrolments
    ]
    key, reverse = ordering.removeprefix("-"), ordering.startswith("-")
    rows.sort(key=PROGRESS_ORDERINGS.get(key, PROGRESS_ORDERINGS["nama"]), reverse=reverse)
    return {"modules": modules, "session_count": session_count, "rows": rows}


def cohort_overview(*, cohort):
    """The class's meetings with how many attended each, and its number of learners."""
    sessions = list(CohortSession.objects.filter(cohort=cohort).annotate(attended=Count("attendances")))
    return {"sessions": sessions, "learner_count": Enrolment.objects.filter(cohort=cohort).count()}
