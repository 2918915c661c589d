"""The certificate's place on the resident's dashboard ("Kursus saya").

The dashboard belongs to courses, which never imports certificates: certificates registers
``certificate_parts`` as a completed-enrolment part (courses.hooks), asked once for every completed
course on the page (two queries, three when a certificate is revoked).
"""

from django.template.loader import render_to_string

from certificates import selectors


def certificate_parts(enrolments):
    """{enrolment id: HTML}: being made, ready to download, failed (staff are on it) or revoked, never just missing."""
    states = selectors.certificate_states(enrolment_ids=[enrolment.pk for enrolment in enrolments])
    # Whom to ask about a revoked certificate: a query more, only when one is revoked.
    revoked = [enrolment_id for enrolment_id, state in states.items() if state.is_revoked]
    contacts = selectors.revocation_contacts(enrolment_ids=revoked) if revoked else {}
    return {
        enrolment.pk: render_to_string(
            "certificates/includes/dashboard_certificate.html",
            {"state": states.get(enrolment.pk), "enrolment": enrolment, "contact": contacts.get(enrolment.pk)},
        )
        for enrolment in enrolments
    }
