"""The certificate's place on the resident's dashboard ("Kursus saya").

The dashboard belongs to courses, which never imports certificates: its template asks for the
certificates through these tags, all of them in one read (two queries).
"""

from django import template

from certificates import selectors

register = template.Library()


@register.simple_tag
def certificate_states(rows):
    """{enrolment id: CertificateState} for the dashboard's completed enrolments."""
    completed = [row["enrolment"].pk for row in rows if row["enrolment"].completed_at]
    return selectors.certificate_states(enrolment_ids=completed) if completed else {}


@register.inclusion_tag("certificates/includes/dashboard_certificate.html")
def certificate_status(states, enrolment):
    """Being made, ready to download, failed (staff are on it) or revoked: never just missing."""
    return {"state": states.get(enrolment.pk), "enrolment": enrolment}
