"""The form a resident writes a budgeting proposal in (new, or changed while proposals are taken), and the
plain GET form that filters a call's proposals.

Every problem is shown at once, next to its field; the checks that depend on the call (its area's
kelurahan, its categories, its ceiling) are made here for the form and again by the services
(participation.budgeting_proposals), which the form's cleaned data goes to. The photo is made safe as it
is cleaned (participation.photos, through Suara Warga's PhotoField).
"""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.forms import KelurahanField
from core.forms import SingleLineCharField
from core.templatetags.format_tags import rupiah
from participation.budgeting_proposals import call_kelurahan
from participation.feedback_forms import MultiLineCharField, PhotoField
from participation.models import BudgetingCategory
from participation.photos import MAX_BYTES

RT_RW_VALIDATOR = RegexValidator(r"^[0-9]{1,3}$", _("Write 1 to 3 digits, for example 003."))


class CategoryField(forms.ModelChoiceField):
    def label_from_instance(self, category):
        if category.description:
            return _("%(name)s: %(description)s") % {"name": category.name, "description": category.description}
        return category.name


def _rt_rw_field(label):
    return SingleLineCharField(
        label=label,
        max_length=3,
        validators=[RT_RW_VALIDATOR],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4, "autocomplete": "off"}),
        error_messages={"required": _("Write the number (1 to 3 digits)."), "max_length": _("At most 3 digits.")},
    )


def _coordinate_field(label, limit):
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-limit), MaxValueValidator(limit)],
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": _("Write a number such as -1.268300 (a dot before the decimals)."),
            "max_decimal_places": _("At most 6 digits after the dot."),
            "max_digits": _("Write a number such as -1.268300 (a dot before the decimals)."),
        },
    )


class ProposalForm(forms.Form):
    title = SingleLineCharField(
        label=_("Title"),
        min_length=5,
        max_length=120,
        help_text=_("What should be built or fixed, in a few words, e.g. “Perbaikan drainase Jl. Mawar”."),
        error_messages={
            "required": _("Write a title."),
            "min_length": _("Write at least %(limit_value)d characters."),
            "max_length": _("The title has %(show_value)d characters; at most %(limit_value)d fit."),
        },
    )
    description = MultiLineCharField(
        label=_("Description"),
        min_length=20,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What is the problem, who does it help, and what should be done?"),
        error_messages={
            "required": _("Describe the proposal."),
            "min_length": _("Write at least %(limit_value)d characters, so that reviewers understand it."),
            "max_length": _("The description has %(show_value)d characters; at most %(limit_value)d fit."),
        },
    )
    kelurahan = KelurahanField(
        label=_("Kelurahan"),
        empty_label=_("Choose the kelurahan"),
        help_text=_("Where the work would be done."),
        error_messages={
            "required": _("Choose the kelurahan where the work would be done."),
            "invalid_choice": _("Choose a kelurahan of this call's area from the list."),
        },
    )
    rt = _rt_rw_field(_("RT"))
    rw = _rt_rw_field(_("RW"))
    address = SingleLineCharField(
        label=_("Address or landmark"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("The address has %(show_value)d characters; at most %(limit_value)d fit.")},
    )
    latitude = _coordinate_field(_("Latitude"), 90)
    longitude = _coordinate_field(_("Longitude"), 180)
    category = CategoryField(
        queryset=BudgetingCategory.objects.none(),
        label=_("Category"),
        empty_label=_("Choose a category"),
        error_messages={
            "required": _("Choose the category closest to your proposal."),
            "invalid_choice": _("Choose one of this call's categories."),
        },
    )
    estimated_cost = forms.IntegerField(
        label=_("Estimated cost (Rp)"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"}),
        error_messages={
            "required": _("Write the estimated cost in Rupiah."),
            "invalid": _("Write the cost in whole Rupiah, digits only, e.g. 25000000."),
            "min_value": _("The cost must be more than zero."),
        },
    )
    photo = PhotoField(label=_("Photo"))
    photo_removed = forms.BooleanField(label=_("Remove the photo"), required=False)

    def __init__(self, *args, call, has_photo=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["kelurahan"].queryset = call_kelurahan(call=call)
        self.fields["category"].queryset = call.categories.order_by("name")
        # Texts with numbers in them, translated for this request.
        self.fields["estimated_cost"].help_text = gettext(
            "In whole Rupiah, digits only. A proposal in this call may cost at most %(ceiling)s."
        ) % {"ceiling": rupiah(call.ceiling_rupiah)}
        self.fields["estimated_cost"].widget.attrs["max"] = call.ceiling_rupiah
        self.fields["photo"].help_text = gettext(
            "A photo of the place helps reviewers and voters. JPEG, PNG or WebP, at most %(limit)d MB. "
            "It is shown publicly; the place and the phone recorded in the photo file are removed."
        ) % {"limit": MAX_BYTES // (1024 * 1024)}
        self.fields["latitude"].help_text = gettext(
            "Optional, with the longitude: the spot on a map (on OpenStreetMap, right-click and “Show address”)."
        )
        if not has_photo:
            del self.fields["photo_removed"]

    def clean_estimated_cost(self):
        cost = self.cleaned_data["estimated_cost"]
        if cost > self.call.ceiling_rupiah:
            raise forms.ValidationError(
                gettext("A proposal in this call may cost at most %(ceiling)s; this one is %(cost)s.")
                % {"ceiling": rupiah(self.call.ceiling_rupiah), "cost": rupiah(cost)},
                code="above_ceiling",
            )
        return cost

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        one_only = (latitude is None) != (longitude is None)
        if one_only and "latitude" not in self.errors and "longitude" not in self.errors:
            field = "longitude" if longitude is None else "latitude"
            self.add_error(field, gettext("Give both the latitude and the longitude, or neither."))
        return cleaned

    def proposal_fields(self):
        """The cleaned values the services take (participation.budgeting_proposals.PROPOSAL_FIELDS)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "kelurahan": data["kelurahan"],
            "rt": data["rt"],
            "rw": data["rw"],
            "address": data.get("address", ""),
            "latitude": _six_places(data.get("latitude")),
            "longitude": _six_places(data.get("longitude")),
            "category": data["category"],
            "estimated_cost": data["estimated_cost"],
        }


def _six_places(value):
    return None if value is None else value.quantize(Decimal("0.000001"))


class ProposalFilterForm(forms.Form):
    """The list's filters, as GET parameters: ``kelurahan`` (a BPS code) and ``kategori`` (a category's id)."""

    kelurahan = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Kelurahan"), empty_label=_("All kelurahan"), to_field_name="code"
    )
    kategori = CategoryField(
        queryset=BudgetingCategory.objects.none(), required=False, label=_("Category"), empty_label=_("All categories")
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = call_kelurahan(call=call)
        self.fields["kategori"].queryset = call.categories.order_by("name")
