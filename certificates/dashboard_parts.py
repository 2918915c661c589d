"""The certificate's place on the resident's dashboard ("Kursus saya").

The dashboard belongs to courses, which never imports certificates: certificates registers
``certificate_parts`` as a completed-enrolment part (courses.hooks), asked once for every completed
course on the page (two queries).
"""

from django.template.loader import render_to_string

from certificates import selectors


def certificate_parts(enrolments):
    """{enrolment id: HTML}: being made, ready to download, failed (staff are on it) or revoked, never just missing."""
    states = selectors.certificate_states(enrolment_ids=[enrolment.pk for enrolment in enrolments])
    return {
        enrolment.pk: render_to_string(
            "certificates/includes/dashboard_certificate.html",
            {"state": states.get(enrolment.pk), "enrolment": enrolment},
        )
        for enrolment in enrolments
    }
