"""Residents join a class with its code or link (/kelas/gabung/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from classes import selectors, services
from classes.services import normalise_code
from courses.services import LearningError


def cohort_join_lookup(request):
    """The course page's "class code" form (a GET: anonymous pages carry no CSRF token)."""
    code = normalise_code(request.GET.get("kode"))
    if not code:
        messages.error(request, _("Type the class code your facilitator gave you."))
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = "/kursus/"
        return redirect(back)
    return redirect("class_join", code=code)


@login_required
def cohort_join(request, code):
    """A class's join link (also behind its QR code): what the class is, then one button to join."""
    cohort = selectors.cohort_by_code(code=normalise_code(code))
    if cohort is None:
        context = {"error": _("No class has this code. Check it with your facilitator.")}
        return TemplateResponse(request, "classes/class_join.html", context, status=404)
    if request.method == "POST":
        try:
            services.cohort_join(user=request.user, code=cohort.enrolment_code)
        except LearningError as error:
            messages.error(request, str(error))
            return redirect("class_join", code=cohort.enrolment_code)
        # Not "the class %(cohort)s": classes are named "Kelas …", which read "kelas Kelas …".
        messages.success(request, _("You have joined %(cohort)s.") % {"cohort": cohort.name})
        return redirect(cohort.course.get_url(request))
    context = {"cohort": cohort, **selectors.cohort_join_state(user=request.user, cohort=cohort)}
    return TemplateResponse(request, "classes/class_join.html", context)
