"""Reads for the residents' data rights: whose records an incident window touched."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.models import ConsentRecord
from certificates.models import Certificate, CertificateVersion
from classes.models import Attendance
from classes.scope import learners_seen_by
from courses.models import Enrolment, ModuleProgress, QuizAttempt
from privacy.models import RecordAccess

# What may have been read or written in an incident window, per resident: (kind, rows, the path from
# a row to its resident, the row's times). A row counts when any of its times falls in the window.
TOUCHES = [
    ("account", get_user_model().objects.all(), "pk", ["date_joined", "last_login"]),
    ("enrolment", Enrolment.objects.all(), "user_id", ["enrolled_at", "completed_at"]),
    ("progress", ModuleProgress.objects.all(), "enrolment__user_id", ["read_at", "quiz_passed_at", "completed_at"]),
    ("quiz", QuizAttempt.objects.all(), "enrolment__user_id", ["started_at", "submitted_at"]),
    ("attendance", Attendance.objects.all(), "enrolment__user_id", ["recorded_at"]),
    ("certificate", CertificateVersion.objects.all(), "certificate__enrolment__user_id", ["issued_at"]),
    ("certificate", Certificate.objects.all(), "enrolment__user_id", ["revoked_at"]),
    ("consent", ConsentRecord.objects.all(), "user_id", ["at"]),
    ("record-opened", RecordAccess.objects.all(), "resident_id", ["accessed_at"]),
]


def residents_touched(*, since, until, organisation=None):
    """[(resident, sorted kinds of their records written or read between `since` and `until`)].

    Residents only (accounts with a learner profile), not those already deleted (nothing is left to
    notify). With `organisation`: only the residents that organisation can read: the learners it answers
    for, and every learner of the courses it owns, whoever ran the class (issue 15).
    """
    kinds_by_resident = {}
    for kind, rows, resident_path, times in TOUCHES:
        in_window = Q()
        for time in times:
            in_window |= Q(**{f"{time}__gte": since, f"{time}__lt": until})
        for resident_id in rows.filter(in_window).order_by().values_list(resident_path, flat=True).distinct():
            kinds_by_resident.setdefault(resident_id, set()).add(kind)
    residents = get_user_model().objects.filter(
        pk__in=kinds_by_resident, learner_profile__isnull=False, erased_at__isnull=True
    )
    if organisation is not None:
        residents = residents.filter(pk__in=learners_seen_by([organisation]).values("user_id"))
    residents = residents.select_related("learner_profile__kelurahan").order_by("first_name", "pk")
    return [(resident, sorted(kinds_by_resident[resident.pk])) for resident in residents]
