"""What a course prepares for, on the course page ("This course prepares you for …").

courses sits below participation and never imports it: participation registers these finders with
courses.hooks.register_course_leads_to (participation/apps.py). Each reads in one query.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from courses.hooks import Lead
from participation import selectors


def forums_for_course(course, *, now):
    """The coming forums whose related courses include `course`."""
    return [
        Lead(
            kind=_("Public forum"),
            title=forum.title,
            url=forum.url,
            when=_("%(day)s, %(when)s WITA · Kelurahan %(kelurahan)s")
            % {
                "day": formats.date_format(timezone.localtime(forum.starts_at), "l"),
                "when": formats.date_format(timezone.localtime(forum.starts_at), "DATETIME_FORMAT"),
                "kelurahan": forum.kelurahan.name,
            },
        )
        for forum in selectors.forums_prepared_by(course=course, now=now)
    ]


def budgeting_calls_for_course(course, *, now):
    """The budgeting calls that ask for `course` first, taking proposals now or soon."""
    today = timezone.localdate(now)
    leads = []
    for call in selectors.budgeting_calls_prepared_by(course=course, today=today):
        dates = {
            "area": call.area.name,
            "opens": formats.date_format(call.proposals_open, "DATE_FORMAT"),
            "closes": formats.date_format(call.proposals_close, "DATE_FORMAT"),
        }
        if call.is_open(today):
            when = _("%(area)s · proposals until %(closes)s") % dates
        else:
            when = _("%(area)s · proposals from %(opens)s to %(closes)s") % dates
        leads.append(Lead(kind=_("Participatory budgeting"), title=call.title, url=call.url, when=when))
    return leads
