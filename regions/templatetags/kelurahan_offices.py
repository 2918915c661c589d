"""``{% kelurahan_offices %}``: where residents go in person, on the password-reset page (accounts).

The resident's kelurahan is unknown there (they are not logged in), so the offices are listed, with a
plain GET select (no JavaScript) to show only one's own kelurahan once there are several.
"""

from django import template

from regions.models import KelurahanOffice

register = template.Library()


@register.inclusion_tag("regions/includes/kelurahan_offices.html", takes_context=True)
def kelurahan_offices(context):
    offices = list(KelurahanOffice.objects.select_related("kelurahan").order_by("kelurahan__name"))
    request = context.get("request")
    chosen = request.GET.get("kelurahan", "") if request is not None else ""
    shown = [office for office in offices if office.kelurahan_id == chosen] or offices
    return {"offices": offices, "shown": shown, "chosen": chosen if len(shown) == 1 else ""}
