"""A resident checks in at a class meeting by scanning the QR code on the facilitator's screen.

The GET shows which meeting the code is for and one button; only the POST records, so that a link
preview or a browser's prefetch never marks anyone present. Logged-out residents are sent to the
login page and come back to the same code.
"""

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from classes import attendance
from classes.attendance import AttendanceError

# What a refusal answers: no such code, a code too old to use, or a class the resident is not in.
REFUSAL_STATUS = {"invalid": 404, "expired": 410, "not_in_class": 403}


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, session_id, window, signature):
    code = {"user": request.user, "session_id": session_id, "window": window, "signature": signature}
    try:
        # Only the button records; scanning (a GET) checks the code and shows the meeting.
        record = attendance.check_in if request.method == "POST" else attendance.check_in_verify
        result = record(**code)
    except AttendanceError as error:
        context = {"error": str(error), "refusal": error.code}
        return TemplateResponse(request, "classes/check_in.html", context, status=REFUSAL_STATUS[error.code])
    context = {
        "session": result.session,
        "cohort": result.session.cohort,
        "recorded": request.method == "POST" and not result.already_checked_in,
        "already_checked_in": result.already_checked_in,
    }
    return TemplateResponse(request, "classes/check_in.html", context)
