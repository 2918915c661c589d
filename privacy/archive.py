"""Everything the site holds about one resident, as one ZIP: data.json, a CSV per kind, their PDFs.

The JSON is complete and for machines; the CSVs say the same in tables a resident can open in a
spreadsheet; the certificates' PDFs are the files as issued. Built in the request: a resident's
records are a few hundred rows at most (one query per kind, whatever their number).

Suara Warga items are those sent from the account: one sent without an account is not known to be
theirs, even with a matching e-mail or phone (anyone may type another's contact), so it is not here.
Participatory budgeting's records (proposals, their own ballots, their verification) come from
participation.budgeting_privacy.
"""

import csv
import io
import json
import zipfile

from django.conf import settings
from django.template.defaultfilters import yesno
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.utils import get_user_display_name

from accounts.models import ConsentRecord, LearnerProfile
from accounts.validators import phone_national
from certificates.models import CertificateVersion, format_certificate_code
from classes.models import Attendance
from classes.selectors import cohort_of
from core.spreadsheet_cells import spreadsheet_text
from courses.models import Enrolment, QuizAttempt
from courses.quiz_review import attempt_review
from notices.models import Notice
from organisations.models import Membership
from participation.budgeting_privacy import (
    BUDGETING_HEADINGS,
    budgeting_personal_data,
    budgeting_readme_lines,
    budgeting_tables,
)
from participation.feedback import feedback_code_format
from participation.models import Feedback, ForumQuestion, ForumRegistration
from privacy.models import RecordAccess


def _when(value):
    return timezone.localtime(value).isoformat() if value else None


def _profile(user):
    profile = (
        LearnerProfile.objects.select_related("kelurahan__parent", "consent_recorded_by").filter(user=user).first()
    )
    data = {
        "username": user.get_username(),
        "name": user.get_full_name(),
        "email": user.email,
        "phone": user.phone,
        "joined_at": _when(user.date_joined),
        "last_login_at": _when(user.last_login),
    }
    if profile:
        data |= {
            "kelurahan": profile.kelurahan.name,
            "kelurahan_code": profile.kelurahan_id,
            "kecamatan": profile.kelurahan.parent.name if profile.kelurahan.parent else None,
            "gender": profile.gender or None,
            "birth_year": profile.birth_year,
            "consent_given_at": _when(profile.consent_given_at),
            "privacy_notice_version": profile.privacy_notice_version,
            "consent_recorded_by": profile.consent_recorded_by.get_full_name()
            if profile.consent_recorded_by
            else None,
            "guardian_name": profile.guardian_name or None,
            "guardian_consent_at": _when(profile.guardian_consent_at),
        }
    return data


def _consents(user):
    return [
        {
            "kind": record.get_kind_display(),
            "action": record.get_action_display(),
            "privacy_notice_version": record.notice_version,
            "at": _when(record.at),
            "recorded_by": record.recorded_by.get_full_name() if record.recorded_by else None,
        }
        for record in ConsentRecord.objects.filter(user=user).select_related("recorded_by")
    ]


def _enrolments(user):
    rows = []
    enrolments = (
        Enrolment.objects.filter(user=user)
        .select_related("course__organisation", "cohort_enrolment__cohort__organisation", "completion_recorded_by")
        .prefetch_related("module_progress__module")
        .order_by("enrolled_at")
    )
    for enrolment in enrolments:
        cohort = cohort_of(enrolment)
        rows.append(
            {
                "course": enrolment.course.title,
                "class": cohort.name if cohort else None,
                # The class's organisation runs it; without a class, the course's (as in reports).
                "organisation": (cohort or enrolment.course).organisation.name,
                "status": enrolment.get_status_display(),
                "source": enrolment.get_source_display(),
                "enrolled_at": _when(enrolment.enrolled_at),
                "completed_at": _when(enrolment.completed_at),
                "completion_recorded_by": enrolment.completion_recorded_by.get_full_name()
                if enrolment.completion_recorded_by
                else None,
                "completion_note": enrolment.completion_note or None,
                "extra_quiz_attempts": enrolment.extra_quiz_attempts,
                "modules": [
                    {
                        "module": progress.module.title,
                        "read_at": _when(progress.read_at),
                        "best_score_percent": progress.best_score_percent,
                        "quiz_passed_at": _when(progress.quiz_passed_at),
                        "completed_at": _when(progress.completed_at),
                    }
                    for progress in enrolment.module_progress.all()
                ],
            }
        )
    return rows


def _quiz_attempts(user):
    attempts = list(
        QuizAttempt.objects.filter(enrolment__user=user)
        .select_related("enrolment__course", "module")
        .order_by("started_at", "pk")
    )
    by_quiz = {}
    for attempt in attempts:
        by_quiz.setdefault((attempt.enrolment_id, attempt.module_id), []).append(attempt)
    rows = []
    for attempt in attempts:
        # The snapshot holds the answer key: only what the course lets the resident see of it leaves
        # the server, as on the result page (nothing of it while the attempt is open).
        review = attempt_review(
            attempt=attempt,
            course=attempt.enrolment.course,
            enrolment=attempt.enrolment,
            attempts=by_quiz[(attempt.enrolment_id, attempt.module_id)],
        )
        questions = review.as_data()
        rows.append(
            {
                "course": attempt.enrolment.course.title,
                "module": attempt.module.title,
                "number": attempt.number,
                "started_at": _when(attempt.started_at),
                "submitted_at": _when(attempt.submitted_at),
                "score_percent": attempt.score_percent,
                "passed": attempt.passed,
                "questions": questions,
                # What the course does not show yet, and when it will (empty when nothing is hidden).
                "review_note": review.note or None,
                # By question number, the text of each choice given (None while the attempt is open).
                "answers": {
                    str(question["number"]): [choice["text"] for choice in question["choices"] if choice["chosen"]]
                    for question in questions
                }
                if review.submitted
                else None,
            }
        )
    return rows


# kuis.csv's columns: the attempt's, repeated on each of its questions' rows, then the question's.
QUIZ_ATTEMPT_COLUMNS = ["course", "module", "number", "started_at", "submitted_at", "score_percent", "passed"]
QUIZ_QUESTION_COLUMNS = [
    "question_number",
    "question",
    "your_answer",
    "right",
    "correct_answer",
    "explanation",
    "review_note",
]
# Between the choices of one answer (a question with several right answers).
ANSWER_SEPARATOR = "; "


def _quiz_question_rows(attempt):
    """kuis.csv's rows for one attempt of data.json: one per question, in words (the question, the answer
    chosen, whether it was right, the correct answer and why), only as far as the attempt's review shows
    them (courses.quiz_review.attempt_review decided it: a part it hides is absent from the data, and
    its cell stays empty); what is hidden, and until when, is said in the note, as the result page says it.
    """
    fields = {column: attempt[column] for column in QUIZ_ATTEMPT_COLUMNS} | {"review_note": attempt["review_note"]}
    if not attempt["questions"]:
        return [fields]
    submitted = attempt["answers"] is not None
    rows = []
    for question in attempt["questions"]:
        choices = question["choices"]
        shows_answers = any("correct" in choice for choice in choices)
        rows.append(
            fields
            | {
                "question_number": question["number"],
                "question": question["prompt"],
                "your_answer": ANSWER_SEPARATOR.join(c["text"] for c in choices if c["chosen"]) if submitted else None,
                # In words; empty when the course does not show it (the key is then absent).
                "right": {True: _("Right"), False: _("Wrong")}.get(question.get("right")),
                "correct_answer": ANSWER_SEPARATOR.join(c["text"] for c in choices if c["correct"])
                if shows_answers
                else None,
                "explanation": question.get("explanation") or None,
            }
        )
    return rows


def _attendance(user):
    attendances = (
        Attendance.objects.filter(enrolment__user=user)
        .select_related("session__cohort", "enrolment__course")
        .order_by("session__starts_at")
    )
    return [
        {
            "course": attendance.enrolment.course.title,
            "class": attendance.session.cohort.name,
            "meeting": attendance.session.title,
            "starts_at": _when(attendance.session.starts_at),
            "venue": attendance.session.venue,
            "recorded": attendance.get_method_display(),
            "recorded_at": _when(attendance.recorded_at),
        }
        for attendance in attendances
    ]


def _certificate_versions(user):
    return list(
        CertificateVersion.objects.filter(certificate__enrolment__user=user)
        .select_related("certificate")
        .order_by("certificate__code", "number")
    )


def _certificates(versions):
    return [
        {
            "code": format_certificate_code(version.certificate.code),
            "version": version.number,
            "name": version.name,
            "course": version.course_title,
            "organisation": version.organisation_name,
            "completed_on": version.completed_on.isoformat(),
            "issued_at": _when(version.issued_at),
            "current": version.is_current,
            "revoked_at": _when(version.certificate.revoked_at),
            "revocation_reason": version.certificate.revocation_reason or None,
            "sha256": version.sha256,
            "file": _pdf_name(version) if version.pdf else None,
        }
        for version in versions
    ]


def _pdf_name(version):
    return f"sertifikat/{format_certificate_code(version.certificate.code)}-v{version.number}.pdf"


def _feedback_items(user):
    return list(
        Feedback.objects.filter(sender=user).select_related("category", "kelurahan").order_by("received_at", "pk")
    )


def _feedback(items):
    return [
        {
            "code": feedback_code_format(item.code),
            "category": item.category.name,
            "kelurahan": item.kelurahan.name,
            "sent_at": _when(item.received_at),
            "channel": item.get_channel_display(),
            "status": item.get_status_display(),
            "text": item.text,
            "photo": _photo_name(item) if item.photo else None,
            "office": item.office or None,
            "reply": item.reply or None,
            "replied_at": _when(item.replied_at),
            "published": item.is_published,
            "published_at": _when(item.published_at),
            # What the public reads of their words, only while it is shown.
            "public_text": item.public_text if item.is_published else None,
        }
        for item in items
    ]


def _photo_name(item):
    return f"suara-warga/{feedback_code_format(item.code)}.jpg"


def _notices(user):
    return [
        {
            "subject": notice.subject,
            "body": notice.body,
            "sent_at": _when(notice.created_at),
            "seen_at": _when(notice.seen_at),
            "emailed_at": _when(notice.emailed_at),
        }
        for notice in Notice.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _forums(user):
    return [
        {
            "forum": registration.forum.title,
            "kelurahan": registration.forum.kelurahan.name,
            "starts_at": _when(registration.forum.starts_at),
            "venue": registration.forum.venue,
            "status": registration.get_status_display(),
            "asked_at": _when(registration.queued_at),
            "cancelled_at": _when(registration.cancelled_at),
            "attended_at": _when(registration.attended_at),
            "recorded": registration.get_attendance_method_display() or None,
        }
        for registration in ForumRegistration.objects.filter(user=user)
        .select_related("forum__kelurahan")
        .order_by("forum__starts_at", "pk")
    ]


def _forum_questions(user):
    return [
        {
            "forum": question.forum.title,
            "text": question.text,
            "sent_at": _when(question.created_at),
            "status": question.get_status_display(),
            "discussed_at": _when(question.discussed_at),
            "answer": question.answer or None,
        }
        for question in ForumQuestion.objects.filter(user=user).select_related("forum").order_by("created_at", "pk")
    ]


def _record_accesses(user):
    accesses = list(
        RecordAccess.objects.filter(resident=user).select_related("accessed_by").order_by("accessed_at", "pk")
    )
    viewer_ids = {access.accessed_by_id for access in accesses if access.accessed_by_id}
    organisations = {}
    for user_id, name in Membership.objects.filter(user_id__in=viewer_ids).values_list(
        "user_id", "organisation__name"
    ):
        organisations.setdefault(user_id, []).append(name)
    return [
        {
            "at": _when(access.accessed_at),
            "by": get_user_display_name(access.accessed_by) if access.accessed_by else _("a deleted staff account"),
            "organisation": ", ".join(sorted(organisations.get(access.accessed_by_id, []))) or None,
            "what": access.get_action_display(),
        }
        for access in accesses
    ]


def personal_data(user):
    """Everything held about the resident, as plain data (what data.json holds), with the files that
    go beside it: their certificates' versions and their Suara Warga items (for the photos)."""
    versions = _certificate_versions(user)
    feedback_items = _feedback_items(user)
    return (
        {
            "generated_at": _when(timezone.now()),
            "profile": _profile(user),
            "consents": _consents(user),
            "enrolments": _enrolments(user),
            "quiz_attempts": _quiz_attempts(user),
            "attendance": _attendance(user),
            "certificates": _certificates(versions),
            "suara_warga": _feedback(feedback_items),
            "notices": _notices(user),
            "forums": _forums(user),
            "forum_questions": _forum_questions(user),
            **budgeting_personal_data(user),
            "record_accesses": _record_accesses(user),
        },
        versions,
        feedback_items,
    )


# The CSVs' headings, in the resident's language (data.json keeps the keys, for programs).
HEADINGS = {
    "username": gettext_lazy("Username"),
    "name": gettext_lazy("Name"),
    "email": gettext_lazy("E-mail"),
    "phone": gettext_lazy("Phone"),
    "joined_at": gettext_lazy("Joined"),
    "last_login_at": gettext_lazy("Last log-in"),
    "kelurahan": gettext_lazy("Kelurahan"),
    "kelurahan_code": gettext_lazy("Kelurahan code"),
    "kecamatan": gettext_lazy("Kecamatan"),
    "gender": gettext_lazy("Gender"),
    "birth_year": gettext_lazy("Birth year"),
    "consent_given_at": gettext_lazy("Consent given"),
    "privacy_notice_version": gettext_lazy("Privacy notice version"),
    "consent_recorded_by": gettext_lazy("Consent recorded by"),
    "guardian_name": gettext_lazy("Parent or guardian"),
    "guardian_consent_at": gettext_lazy("Guardian's consent given"),
    "kind": gettext_lazy("Kind"),
    "action": gettext_lazy("Action"),
    "at": gettext_lazy("When"),
    "recorded_by": gettext_lazy("Recorded by"),
    "course": gettext_lazy("Course"),
    "class": gettext_lazy("Class"),
    "organisation": gettext_lazy("Organisation"),
    "status": gettext_lazy("Status"),
    "source": gettext_lazy("How you enrolled"),
    "enrolled_at": gettext_lazy("Enrolled"),
    "completed_at": gettext_lazy("Completed"),
    "module": gettext_lazy("Module"),
    "number": gettext_lazy("Attempt"),
    "started_at": gettext_lazy("Started"),
    "submitted_at": gettext_lazy("Submitted"),
    "score_percent": gettext_lazy("Score (%)"),
    "passed": gettext_lazy("Passed"),
    "question_number": gettext_lazy("Question no."),
    "question": gettext_lazy("Question"),
    "your_answer": gettext_lazy("Your answers"),  # several, for a question with more than one right answer
    "right": gettext_lazy("Right or wrong"),
    "correct_answer": gettext_lazy("Correct answer"),
    "explanation": gettext_lazy("Explanation"),
    "review_note": gettext_lazy("Note"),
    "meeting": gettext_lazy("Meeting"),
    "starts_at": gettext_lazy("Starts"),
    "venue": gettext_lazy("Venue"),
    "recorded": gettext_lazy("Recorded"),
    "recorded_at": gettext_lazy("Recorded at"),
    "code": gettext_lazy("Code"),
    "version": gettext_lazy("Version"),
    "completed_on": gettext_lazy("Completed on"),
    "issued_at": gettext_lazy("Issued"),
    "current": gettext_lazy("Current version"),
    "revoked_at": gettext_lazy("Revoked"),
    "revocation_reason": gettext_lazy("Reason for revocation"),
    "completion_recorded_by": gettext_lazy("Completion recorded by"),
    "completion_note": gettext_lazy("Completion note"),
    "extra_quiz_attempts": gettext_lazy("Extra quiz attempts"),
    "sha256": "SHA-256",
    "file": gettext_lazy("File"),
    "by": gettext_lazy("Who"),
    "what": gettext_lazy("What"),
    "category": gettext_lazy("Category"),
    "sent_at": gettext_lazy("Sent"),
    "channel": gettext_lazy("How it was sent"),
    "text": gettext_lazy("Your text"),
    "photo": gettext_lazy("Photo"),
    "office": gettext_lazy("Office responsible"),
    "reply": gettext_lazy("Government's reply"),
    "replied_at": gettext_lazy("Replied"),
    "published": gettext_lazy("Published"),
    "published_at": gettext_lazy("Published on"),
    "public_text": gettext_lazy("Text as published"),
    "subject": gettext_lazy("Subject"),
    "body": gettext_lazy("Message"),
    "seen_at": gettext_lazy("Seen"),
    "emailed_at": gettext_lazy("E-mailed"),
    "forum": gettext_lazy("Forum"),
    "asked_at": gettext_lazy("Registered or joined the waiting list"),
    "cancelled_at": gettext_lazy("Cancelled"),
    "attended_at": gettext_lazy("Attended"),
    "discussed_at": gettext_lazy("Discussed"),
    "answer": gettext_lazy("Answer"),
    **BUDGETING_HEADINGS,
}


def _gender_label(gender):
    """The profile's gender as its choice reads ("Perempuan"), not as it is stored ("perempuan")."""
    return LearnerProfile.Gender(gender).label if gender in LearnerProfile.Gender.values else gender


def _cell(value):
    """A value as a spreadsheet shows it: nothing for None, ya/tidak for yes or no (not True/False)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yesno(value)
    # Text a spreadsheet would run as a formula (a name or a title someone typed) gets a leading apostrophe.
    return spreadsheet_text(value)


def _csv(rows, columns):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(HEADINGS[column]) for column in columns])
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    # A byte-order mark so that spreadsheet programs read the text as UTF-8.
    return "\ufeff" + out.getvalue()


def personal_data_zip(user, output):
    """Write the resident's ZIP to `output` (a binary file)."""
    data, versions, feedback_items = personal_data(user)
    enrolment_rows = [{key: value for key, value in row.items() if key != "modules"} for row in data["enrolments"]]
    tables = {
        # The phone as the resident writes it, 0812 3456 7890, and the gender in words, "Perempuan", as the
        # sign-up form offered it (data.json keeps the stored +62… and "perempuan").
        "profil.csv": (
            [
                {
                    **data["profile"],
                    "phone": phone_national(data["profile"]["phone"]),
                    "gender": _gender_label(data["profile"].get("gender")),
                }
            ],
            list(data["profile"]),
        ),
        "persetujuan.csv": (data["consents"], ["kind", "action", "privacy_notice_version", "at", "recorded_by"]),
        "kursus.csv": (
            enrolment_rows,
            [
                "course",
                "class",
                "organisation",
                "status",
                "source",
                "enrolled_at",
                "completed_at",
                "completion_recorded_by",
                "completion_note",
                "extra_quiz_attempts",
            ],
        ),
        # One row per question, in words (data.json keeps each attempt's questions and choices whole).
        "kuis.csv": (
            [row for attempt in data["quiz_attempts"] for row in _quiz_question_rows(attempt)],
            [*QUIZ_ATTEMPT_COLUMNS, *QUIZ_QUESTION_COLUMNS],
        ),
        "kehadiran.csv": (
            data["attendance"],
            ["course", "class", "meeting", "starts_at", "venue", "recorded", "recorded_at"],
        ),
        "sertifikat.csv": (
            data["certificates"],
            [
                "code",
                "version",
                "name",
                "course",
                "organisation",
                "completed_on",
                "issued_at",
                "current",
                "revoked_at",
                "revocation_reason",
                "sha256",
                "file",
            ],
        ),
        "suara-warga.csv": (
            data["suara_warga"],
            [
                "code",
                "category",
                "kelurahan",
                "sent_at",
                "channel",
                "status",
                "text",
                "photo",
                "office",
                "reply",
                "replied_at",
                "published",
                "published_at",
                "public_text",
            ],
        ),
        "pemberitahuan.csv": (data["notices"], ["subject", "body", "sent_at", "seen_at", "emailed_at"]),
        "forum.csv": (
            data["forums"],
            [
                "forum",
                "kelurahan",
                "starts_at",
                "venue",
                "status",
                "asked_at",
                "cancelled_at",
                "attended_at",
                "recorded",
            ],
        ),
        "pertanyaan-forum.csv": (
            data["forum_questions"],
            ["forum", "text", "sent_at", "status", "discussed_at", "answer"],
        ),
        **budgeting_tables(data),
        "akses-catatan.csv": (data["record_accesses"], ["at", "by", "organisation", "what"]),
    }
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("BACA-SAYA.txt", _readme())
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for name, (rows, columns) in tables.items():
            archive.writestr(name, _csv(rows, columns))
        for version in versions:
            if version.pdf:
                with version.pdf.open("rb") as pdf:
                    archive.writestr(_pdf_name(version), pdf.read())
        for item in feedback_items:
            if item.photo:
                with item.photo.open("rb") as photo:
                    archive.writestr(_photo_name(item), photo.read())


def _readme():
    return "\n".join(
        [
            _("Your data on Sekolah Warga, as of %(date)s.")
            % {"date": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
            "",
            _("data.json: everything below, in one file for other programs."),
            _("profil.csv: your account and profile."),
            _("persetujuan.csv: the consents you gave or withdrew."),
            _("kursus.csv: your courses; kuis.csv: your quiz attempts with your answers."),
            _("kehadiran.csv: the class meetings you attended."),
            _("sertifikat.csv and the sertifikat folder: your certificates and their PDF files."),
            _(
                "suara-warga.csv and the suara-warga folder: the feedback you sent to Suara Warga, the "
                "government's replies, what was published, and your photos."
            ),
            _("pemberitahuan.csv: the notices the site sent you (also shown on your dashboard)."),
            _(
                "forum.csv: the public forums you registered for or attended; pertanyaan-forum.csv: the "
                "questions you sent for their agendas."
            ),
            *budgeting_readme_lines(),
            _("akses-catatan.csv: when staff or a facilitator opened your learner record or exported it."),
            _("Entries in it older than %(days)s days have been deleted.")
            % {"days": settings.RECORD_ACCESS_KEEP_DAYS},
            "",
        ]
    )
