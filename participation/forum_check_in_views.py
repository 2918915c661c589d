"""A resident checks in at a forum meeting by scanning the QR code on the organiser's screen
(ForumPage's route hadir/<window>/<signature>/).

The GET shows which meeting the code is for and one button; only the POST records, so that a link
preview or a browser's prefetch never marks anyone present. Logged-out residents are sent to the login
page and come back to the same code.
"""

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from participation import forum_attendance
from participation.forum_attendance import ForumAttendanceError

# What a refusal answers: no such code, a code too old to use, a meeting not open for check-in yet, or over.
REFUSAL_STATUS = {"invalid": 404, "expired": 410, "not_open": 403, "ended": 410}


@login_required
@require_http_methods(["GET", "POST"])
def forum_check_in(request, *, page, window, signature):
    code = {"user": request.user, "forum": page, "window": window, "signature": signature}
    try:
        # Only the button records; scanning (a GET) checks the code and shows the meeting.
        record = (
            forum_attendance.forum_check_in if request.method == "POST" else forum_attendance.forum_check_in_verify
        )
        result = record(**code)
    except ForumAttendanceError as error:
        context = {"page": page, "error": str(error), "refusal": error.code}
        return TemplateResponse(
            request, "participation/forum_check_in.html", context, status=REFUSAL_STATUS[error.code]
        )
    context = {
        "page": page,
        "recorded": request.method == "POST" and not result.already_checked_in,
        "already_checked_in": result.already_checked_in,
    }
    return TemplateResponse(request, "participation/forum_check_in.html", context)
