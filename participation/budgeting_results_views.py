"""A call's results: the page (``…/hasil/``) and its CSV (``…/hasil/unduh/``), both for anyone once the
results are public (participation.budgeting_phases.results_public). Before, the page says when they come
and shows no count; the CSV is not found.

Only counts leave: the rows are proposals with their votes, the turnout is small-count-suppressed, and no
voter is named anywhere. Neither is kept by a cache (the figures change until the day they are public).
"""

import csv
from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.site_address import absolute_url
from core.spreadsheet_cells import spreadsheet_text
from participation.budgeting_phases import results_public
from participation.budgeting_results import RULE_TEXT, RULE_TEXT_KELURAHAN, call_results, call_turnout


def _private(response):
    patch_cache_control(response, private=True, no_cache=True)
    return response


@require_safe
def results(request, call):
    public = results_public(call)
    context = {"results_public": public}
    if public:
        page_url = absolute_url(call_path(call) + call.reverse_subpage("results"))
        share_text = _("Results of %(title)s: %(url)s") % {"title": call.title, "url": page_url}
        context.update(
            results=call_results(call),
            turnout=call_turnout(call),
            rule_text=RULE_TEXT,
            rule_text_kelurahan=RULE_TEXT_KELURAHAN,
            csv_url=call_path(call) + call.reverse_subpage("results_csv"),
            whatsapp_url="https://wa.me/?text=" + quote(share_text, safe=""),
        )
    response = call.render(request, template="participation/budgeting/results.html", context_overrides=context)
    return _private(response)


def call_path(call):
    """The call's path on its site (``/penganggaran/<slug>/``)."""
    return call.relative_url(call.get_site())


def csv_headings():
    return [
        _("rank"),
        _("budget"),
        _("title"),
        _("kelurahan"),
        _("category"),
        _("reviewed cost (Rp)"),
        _("online votes"),
        _("paper votes"),
        _("total votes"),
        _("chosen"),
    ]


def results_csv_rows(call):
    """The CSV's lines: the headings, then each proposal of each budget pool in rank order."""
    lines = [[str(heading) for heading in csv_headings()]]
    for pool in call_results(call).pools:
        if pool.kelurahan is not None:
            budget = pool.kelurahan.name
        elif pool.is_rest:
            budget = _("Other kelurahan")
        else:
            budget = call.title
        for row in pool.rows:
            proposal = row.proposal
            lines.append(
                [
                    str(row.rank),
                    spreadsheet_text(str(budget)),
                    spreadsheet_text(proposal.title),
                    spreadsheet_text(proposal.kelurahan.name),
                    spreadsheet_text(proposal.category.name),
                    str(proposal.reviewed_cost),
                    str(row.online),
                    str(row.paper),
                    str(row.total),
                    spreadsheet_text(_("yes") if row.chosen else _("no")),
                ]
            )
    return lines


@require_safe
def results_csv(request, call):
    if not results_public(call):
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hasil-{call.slug}.csv"'
    # A byte-order mark: residents open the file in a spreadsheet, which then reads it as UTF-8.
    response.write("\ufeff")
    csv.writer(response).writerows(results_csv_rows(call))
    return _private(response)
