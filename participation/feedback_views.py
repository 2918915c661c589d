"""Suara Warga's public pages, served by the Suara Warga page's routes (participation.models.SuaraWargaPage):

- ``/suara-warga/``: the published items with the government's replies, by category and kelurahan;
  a code typed in its look-up form (``?kode=``) leads to that item's tracking page;
- ``/suara-warga/kirim/``: the form to send feedback (signed in, or with a name and a contact);
- ``/suara-warga/<code>/``: one item's tracking page, for whoever has the code.

Thin: reads in participation.feedback_selectors, the one write in participation.feedback.feedback_submit,
the limits in participation.feedback_throttle. The published list is served to anonymous visitors from
the page cache (core.page_cache), which every change to an item makes stale; the form and the tracking
pages are never kept there, nor by a browser or proxy without asking again (``Cache-Control: private,
no-cache``): a status changes at any time, and the form carries each visitor's own CSRF token.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.selectors import privacy_notice_url
from core.page_cache import query_parameters_read
from core.site_address import absolute_url
from participation import feedback_selectors as selectors
from participation import feedback_throttle
from participation.feedback import FeedbackError, feedback_code_format, feedback_code_parse, feedback_submit
from participation.feedback_forms import FeedbackLookupForm, FeedbackSendForm, feedback_code_error
from participation.models import Feedback

ITEMS_PER_PAGE = 20
SAFE_METHODS = ("GET", "HEAD")


def published_feedback(request, page):
    """The published items, filtered by ``kategori`` (a category's id) and ``kelurahan`` (a BPS code),
    ``halaman`` at a time. A value that names nothing leads to the list without it: a page for it would be
    one more copy in the page cache for every made-up value (PAGE_CACHE_QUERY_PARAMETERS)."""
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    query_parameters_read(request, "kategori", "kelurahan", "halaman", "kode")
    lookup_form = FeedbackLookupForm()
    if "kode" in request.GET:
        lookup_form = FeedbackLookupForm(request.GET)
        if lookup_form.is_valid():
            return redirect(_tracking_url(request, page, lookup_form.cleaned_data["kode"]))
    categories = list(selectors.feedback_categories())
    category = _chosen(request, "kategori", {str(category.pk): category for category in categories}.get)
    kelurahan = _chosen(request, "kelurahan", selectors.kelurahan_by_code)
    if category is False or kelurahan is False:
        return redirect(_list_url(request, page, category=category or None, kelurahan=kelurahan or None))
    paginator = Paginator(selectors.published_feedback(category=category, kelurahan=kelurahan), ITEMS_PER_PAGE)
    number = request.GET.get("halaman") or "1"
    if not number.isdigit() or not 1 <= int(number) <= paginator.num_pages:
        return redirect(_list_url(request, page, category=category, kelurahan=kelurahan))
    items = paginator.page(int(number))
    category_counts = selectors.published_counts_by_category(kelurahan=kelurahan)
    kelurahan_choices = [
        {"code": code, "name": name, "kecamatan": kecamatan, "count": count}
        for code, name, kecamatan, count in selectors.published_counts_by_kelurahan(category=category)
    ]
    if kelurahan is not None and kelurahan.code not in {choice["code"] for choice in kelurahan_choices}:
        # Chosen by its address, with nothing published (in this category): still shown as chosen.
        kecamatan = kelurahan.parent.name if kelurahan.parent else ""
        kelurahan_choices.append({"code": kelurahan.code, "name": kelurahan.name, "kecamatan": kecamatan, "count": 0})
        kelurahan_choices.sort(key=lambda choice: (choice["kecamatan"], choice["name"]))

    def page_url(number):
        return _list_url(request, page, category=category, kelurahan=kelurahan, number=number)

    response = page.render(
        request,
        context_overrides={
            "items": items,
            "previous_url": page_url(items.previous_page_number()) if items.has_previous() else "",
            "next_url": page_url(items.next_page_number()) if items.has_next() else "",
            "categories": [(category_, category_counts.get(category_.pk, 0)) for category_ in categories],
            "kelurahan_choices": kelurahan_choices,
            "selected_category": category,
            "selected_kelurahan": kelurahan,
            "filtered": category is not None or kelurahan is not None,
            "lookup_form": lookup_form,
            "send_url": page.url + page.reverse_subpage("send"),
        },
    )
    if lookup_form.is_bound:  # a code typed wrong: that visitor's answer, not the list others are served
        _never_stale(response)
    return response


def feedback_send(request, page):
    if request.method not in (*SAFE_METHODS, "POST"):
        return HttpResponseNotAllowed([*SAFE_METHODS, "POST"])
    if request.method == "POST":
        pause = feedback_throttle.send_from_address_record(request)
        if pause is not None:
            return _paused(request, page, pause)
        form = FeedbackSendForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            arguments = form.service_arguments()
            pause = feedback_throttle.send_by_person_record(
                request,
                sender=arguments.get("sender"),
                email=arguments.get("sender_email", ""),
                phone=arguments.get("sender_phone", ""),
            )
            if pause is not None:
                return _paused(request, page, pause)
            try:
                feedback = feedback_submit(**arguments)
            except FeedbackError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                code = feedback_code_format(feedback.code)
                messages.success(
                    request,
                    _(
                        "Thank you: your feedback has been received. Write down its tracking code, %(code)s, "
                        "or keep this page's address: with it you can follow the answer here."
                    )
                    % {"code": code},
                )
                return redirect(_tracking_url(request, page, feedback.code))
    else:
        initial = {}
        if request.user.is_authenticated:
            initial["kelurahan"] = selectors.home_kelurahan_code(request.user)
        form = FeedbackSendForm(user=request.user, initial=initial)
    context = {
        "form": form,
        "privacy_url": privacy_notice_url(request),
        "list_url": page.url,
    }
    response = page.render(request, template="participation/feedback_send.html", context_overrides=context)
    return _never_stale(response)


def feedback_track(request, page, code):
    """One item's status for whoever has its code: never the sender's name, contact, words or photo."""
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    parsed = feedback_code_parse(code)
    problem = feedback_code_error(parsed)
    if problem:
        return _not_found(request, page, typed=code, problem=problem)
    if code != feedback_code_format(parsed):  # small letters, no dashes, no "SW-": the address as printed
        return redirect(_tracking_url(request, page, parsed))
    pause = feedback_throttle.lookup_paused(request)
    if pause is not None:
        return _paused(request, page, pause)
    feedback = selectors.feedback_by_code(parsed)
    if feedback is None:
        feedback_throttle.lookup_miss_record(request)
        return _not_found(request, page, typed=code)
    context = {
        "feedback": feedback,
        "history": selectors.feedback_history(feedback),
        # A reply written ahead of the answer is the staff's draft until the item is answered.
        "reply_shown": feedback.status in (Feedback.Status.ANSWERED, Feedback.Status.CLOSED) and feedback.reply,
        "display_code": feedback_code_format(feedback.code),
        "tracking_address": absolute_url(request.path),
        "list_url": page.url,
        "send_url": page.url + page.reverse_subpage("send"),
    }
    response = page.render(request, template="participation/feedback_track.html", context_overrides=context)
    return _unindexed(_never_stale(response))


def _chosen(request, name, find):
    """The object a filter parameter names; None without the parameter (or empty); False when it
    names nothing or is given twice."""
    values = [value for value in request.GET.getlist(name) if value]
    if not values:
        return None
    if len(values) > 1:
        return False
    return find(values[0]) or False


def _list_url(request, page, *, category=None, kelurahan=None, number=1):
    query = {}
    if number > 1:
        query["halaman"] = number
    if category is not None:
        query["kategori"] = category.pk
    if kelurahan is not None:
        query["kelurahan"] = kelurahan.code
    return page.url + (f"?{urlencode(query)}" if query else "")


def _tracking_url(request, page, code):
    return page.url + page.reverse_subpage("track", kwargs={"code": feedback_code_format(code)})


def _not_found(request, page, *, typed, problem=None):
    """404 in the site's frame, with the look-up form filled with what was typed, to correct it."""
    context = {
        "lookup_form": FeedbackLookupForm(initial={"kode": typed}),
        "typed": typed,
        "problem": problem,
        "list_url": page.url,
    }
    response = page.render(request, template="participation/feedback_not_found.html", context_overrides=context)
    response.status_code = 404
    return _unindexed(_never_stale(response))


def _paused(request, page, pause):
    context = {"pause": pause, "retry_at": pause.retry_at, "list_url": page.url}
    response = page.render(request, template="participation/feedback_paused.html", context_overrides=context)
    response.status_code = 429
    response["Retry-After"] = str(pause.seconds)
    return _never_stale(response)


def _never_stale(response):
    """Kept by no cache, ours (core.page_cache) or a proxy's, and asked for again by the browser."""
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _unindexed(response):
    """A tracking page is for whoever has its code, not for search engines."""
    response["X-Robots-Tag"] = "noindex"
    return response
