"""Reads about classes: which class a learner is in, the join page, and the facilitator's class screens
(the class overview and its learners' progress)."""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count
from wagtail.admin.utils import get_user_display_name

from accounts.validators import phone_national
from classes.models import Cohort, CohortEnrolment, CohortMeeting
from courses.models import Enrolment, ModuleProgress
from courses.scope import may_run_course
from courses.selectors import course_modules, module_count


def cohort_of(enrolment):
    """The class `enrolment` is taken in, or None when the resident learns on their own.

    No query when the enrolment was read with ``select_related("cohort_enrolment__cohort")``.
    """
    try:
        return enrolment.cohort_enrolment.cohort
    except ObjectDoesNotExist:
        return None


def cohort_name_of(enrolment):
    """The class's name, empty for a learner who enrolled on their own (for exports)."""
    cohort = cohort_of(enrolment)
    return cohort.name if cohort is not None else ""


def cohort_names_of(enrolments):
    """{enrolment id: its class's name} for those of `enrolments` taken in a class: one query.

    Registered as the enrolment group finder of courses.hooks (the resident's dashboard).
    """
    return dict(
        CohortEnrolment.objects.filter(enrolment__in=[enrolment.pk for enrolment in enrolments]).values_list(
            "enrolment_id", "cohort__name"
        )
    )


def cohort_by_code(*, code):
    return (
        Cohort.objects.select_related("course", "organisation", "kelurahan")
        .filter(enrolment_code=code, course__live=True)
        .first()
    )


def cohort_join_state(*, user, cohort):
    """What the join page says to this resident: already in it, in another class, or whether it has room."""
    enrolment = (
        Enrolment.objects.select_related("cohort_enrolment__cohort")
        .filter(user=user, course_id=cohort.course_id)
        .first()
    )
    current = cohort_of(enrolment) if enrolment is not None else None
    return {
        "already_in_class": current is not None and current.pk == cohort.pk,
        "other_class": current if current is not None and current.pk != cohort.pk else None,
        # A class whose organisation may no longer run the course takes no new learners either.
        "is_closed": cohort.is_closed() or not may_run_course(organisation=cohort.organisation, course=cohort.course),
        "is_full": Enrolment.objects.filter(cohort_enrolment__cohort=cohort).count() >= cohort.capacity,
    }


PROGRESS_ORDERINGS = {
    "nama": lambda row: (row.name.lower(),),
    "modul": lambda row: (row.is_complete, row.modules_done, row.name.lower()),
    "kehadiran": lambda row: (row.attended, row.name.lower()),
    "selesai": lambda row: (row.enrolment.completed_at is None, row.enrolment.completed_at or 0, row.name.lower()),
}


@dataclass
class LearnerProgress:
    enrolment: object
    name: str
    contact: str
    counts: object  # courses.selectors.ModuleCount: done, counted, new since completion
    scores: list  # best quiz score per module of the course, None where not taken or no quiz
    attended: int

    @property
    def is_complete(self):
        return self.enrolment.completed_at is not None

    @property
    def modules_done(self):
        return self.counts.done

    @property
    def modules_counted(self):
        return self.counts.counted


def cohort_progress(*, cohort, ordering="nama"):
    """Every learner of the class with modules done, best scores, attendance and completion.

    Modules are counted as on the resident's own pages (courses.selectors.module_count): a learner who
    completed the course stays complete when a module is published afterwards. Four queries whatever
    the size of the class: the modules, the meetings, the learners with their attendance, and their
    progress in each module.
    """
    modules = list(course_modules(course=cohort.course))
    module_ids = [module.id for module in modules]
    session_count = CohortMeeting.objects.filter(cohort=cohort).count()
    enrolments = list(
        Enrolment.objects.filter(cohort_enrolment__cohort=cohort)
        .select_related("user", "completion_recorded_by")
        .annotate(attended=Count("attendances", distinct=True))
    )
    progress = list(
        ModuleProgress.objects.filter(enrolment__cohort_enrolment__cohort=cohort, module_id__in=module_ids).values(
            "enrolment_id", "module_id", "best_score_percent", "completed_at"
        )
    )
    scores = {(row["enrolment_id"], row["module_id"]): row["best_score_percent"] for row in progress}
    done = {}
    for row in progress:
        if row["completed_at"] is not None:
            done.setdefault(row["enrolment_id"], set()).add(row["module_id"])
    rows = [
        LearnerProgress(
            enrolment=enrolment,
            name=get_user_display_name(enrolment.user),
            # A phone as residents write it (0812 3456 7890), for a facilitator to dial or export.
            contact=enrolment.user.email or phone_national(enrolment.user.phone),
            counts=module_count(enrolment=enrolment, modules=modules, done_module_ids=done.get(enrolment.id, set())),
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
    sessions = list(CohortMeeting.objects.filter(cohort=cohort).annotate(attended=Count("attendances")))
    return {"sessions": sessions, "learner_count": Enrolment.objects.filter(cohort_enrolment__cohort=cohort).count()}
