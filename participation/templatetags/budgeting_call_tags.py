"""``{% call_now call as now %}``: where a budgeting call stands today, for the list of calls
(templates/participation/budgeting_call_index_page.html): the current step of its timeline, or, before
it opens, when proposals open. participation.budgeting_phases decides; this only reads it."""

from django import template

from participation.budgeting_phases import Phase, call_phase, call_timeline, today_in_balikpapan

register = template.Library()


@register.simple_tag
def call_now(call):
    """{"phase", "step"}: the call's phase today and its current timeline step (None before it opens)."""
    today = today_in_balikpapan()
    phase = call_phase(call, today)
    step = None
    if phase != Phase.UPCOMING:
        step = next((step for step in call_timeline(call, today) if step.is_current), None)
    return {"phase": phase, "step": step, "upcoming": phase == Phase.UPCOMING}
