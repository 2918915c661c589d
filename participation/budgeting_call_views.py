"""The budgeting call's own page: what it is, its timeline with today marked, and what the visitor may do
now (or why not)."""

from participation.budgeting_phases import call_phase, call_timeline
from participation.selectors import budgeting_call_courses, budgeting_call_prerequisite_met


def call_page_context(request, *, call):
    context = {
        "phase": call_phase(call),
        "timeline": call_timeline(call),
        # The course to take first, whether the visitor completed it, and so whether they may propose.
        "courses": budgeting_call_courses(call=call, user=request.user),
    }
    if call.prerequisite_course_id is not None and request.user.is_authenticated:
        context["prerequisite_met"] = budgeting_call_prerequisite_met(call=call, user=request.user)
    return context
