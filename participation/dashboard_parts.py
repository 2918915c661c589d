"""The resident's participation on their dashboard (/saya/, "My participation").

The dashboard belongs to courses, which never imports participation: participation registers these
parts with courses.hooks.register_participation_part (participation/apps.py). Each reads only the
resident's own rows, in a constant number of queries. The resident's budgeting proposals are a part too
(participation.budgeting_proposal_views.proposals_part), beside the proposal pages whose addresses it
shares; a ballot is not listed there, as who voted for what is shown nowhere but in their own download.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from participation import forum_selectors, selectors
from participation.feedback import feedback_code_format, feedback_tracking_path


def feedback_part(user):
    """The resident's Suara Warga items: code, category, kelurahan, status and date, each linking to its
    tracking page. Two queries: the items, and the Suara Warga page their links start from."""
    items = list(selectors.feedback_of_sender(user=user))
    if not items:
        return ""
    page = selectors.suara_warga_page()
    rows = []
    for item in items:
        path = feedback_tracking_path(item, page=page) if page is not None else ""
        rows.append({"item": item, "code": feedback_code_format(item.code), "path": path})
    return render_to_string("participation/includes/my_feedback.html", {"rows": rows})


def forum_part(user):
    """The resident's forums: coming meetings they registered for (or wait for, with their place on the
    list) and past meetings they attended, linking to the minutes and decisions. One query for the
    registrations with their forums and places; the pages' addresses come from Wagtail's cached site roots."""
    forums = forum_selectors.forum_registrations_of(user=user, now=timezone.now())
    if not forums["upcoming"] and not forums["attended"]:
        return ""
    return render_to_string("participation/includes/my_forums.html", forums)
