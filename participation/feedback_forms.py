"""The public Suara Warga forms: send feedback, and look up an item by its tracking code.

The send form checks everything a resident typed and shows every problem at once, next to its field;
its photo is made safe here (participation.photos), so that participation.feedback.feedback_submit
receives only clean input. Signed in, a resident sends as their account and is asked no name or contact.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.forms import KelurahanField, email_field, phone_field
from accounts.validators import normalise_email, normalise_phone
from core.codes import LOOKALIKE_FREE_ALPHABET
from core.forms import SingleLineCharField
from participation.feedback import CODE_LENGTH, feedback_code_parse
from participation.models import FeedbackCategory
from participation.models.feedback import TEXT_MAX_LENGTH
from participation.photos import MAX_BYTES, PhotoError, photo_prepared

# Shortest text accepted: "Lampu mati" is a subject, not yet something staff can act on.
TEXT_MIN_LENGTH = 10


def clean_multi_line(value):
    """Text typed in a text box, made safe to show: NFC, line breaks as "\\n", no other control or
    formatting characters (a right-to-left override could disguise the text), no surrounding spaces.
    Line breaks are normalised before the length is checked, as the browser counted them."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    kept = []
    for character in value:
        if character == "\n":
            kept.append(character)
        elif character == "\t":
            kept.append(" ")
        elif unicodedata.category(character) not in ("Cc", "Cf"):
            kept.append(character)
    return unicodedata.normalize("NFC", "".join(kept)).strip()


class MultiLineCharField(forms.CharField):
    def to_python(self, value):
        if isinstance(value, str):
            value = clean_multi_line(value)
        return super().to_python(value)


class PhotoField(forms.FileField):
    """An optional photo, made safe as it is cleaned (participation.photos): resized, upright, without the
    file's metadata, as a ContentFile for feedback_submit; or None. Whatever is wrong is said on the field."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/*"}))
        kwargs.setdefault("allow_empty_file", True)  # refused by participation.photos, with its own message
        kwargs.setdefault("error_messages", {"invalid": _("No file was received. Choose the photo again.")})
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        try:
            return photo_prepared(upload)
        except PhotoError as error:
            raise ValidationError(error.message, code="photo") from None


class CategoryField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=FeedbackCategory.objects.order_by("name"), **kwargs)

    def label_from_instance(self, category):
        # The description helps choose; on a phone the open list shows it in full.
        if category.description:
            return _("%(name)s: %(description)s") % {"name": category.name, "description": category.description}
        return category.name


class FeedbackSendForm(forms.Form):
    category = CategoryField(
        label=_("Category"),
        empty_label=_("Choose a category"),
        help_text=_("The one closest to what your feedback is about."),
        error_messages={
            "required": _("Choose the category closest to your feedback."),
            "invalid_choice": _("Choose a category from the list."),
        },
    )
    kelurahan = KelurahanField(
        label=_("Kelurahan"),
        empty_label=_("Choose the kelurahan"),
        help_text=_("Where the matter is. The list is ordered by kecamatan."),
        error_messages={
            "required": _("Choose the kelurahan where the matter is."),
            "invalid_choice": _("Choose the kelurahan from the list."),
        },
    )
    text = MultiLineCharField(
        label=_("Your feedback"),
        min_length=TEXT_MIN_LENGTH,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write your feedback."),
            "min_length": _("Write at least %(limit_value)d characters, so that staff understand the matter."),
            "max_length": _("Your feedback has %(show_value)d characters; at most %(limit_value)d fit."),
        },
    )
    photo = PhotoField(label=_("Photo"))
    name = SingleLineCharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = email_field()
    phone = phone_field()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Help with numbers in it, translated for this request (a lazy text with "%" would be
        # translated once, when the module is imported).
        self.fields["text"].help_text = gettext(
            "What is the matter, and where exactly (street, RT, a landmark)? At most %(limit)s characters."
        ) % {"limit": TEXT_MAX_LENGTH}
        self.fields["photo"].help_text = gettext(
            "A photo of the matter helps staff find it. JPEG, PNG or WebP, at most %(limit)d MB. "
            "Only staff see it; the place and the phone recorded in the photo file are removed."
        ) % {"limit": MAX_BYTES // (1024 * 1024)}
        self.user = user if user is not None and user.is_authenticated else None
        if self.user is not None:
            # Signed in: the item is the account's; the account already says who and how to reach them.
            for name in ("name", "email", "phone"):
                del self.fields[name]

    @property
    def asks_for_contact(self):
        return self.user is None

    def clean_email(self):
        return normalise_email(self.cleaned_data.get("email"))

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        return normalise_phone(phone) if phone else ""

    def clean(self):
        cleaned = super().clean()
        contact_typed = "email" in self.errors or "phone" in self.errors  # mistyped: that error says it
        if self.asks_for_contact and not contact_typed and not cleaned.get("email") and not cleaned.get("phone"):
            self.add_error(
                "email",
                ValidationError(
                    _(
                        "Enter an email address or a mobile number (at least one), so that staff can "
                        "reach you if they need to know more."
                    ),
                    code="no_contact",
                ),
            )
        return cleaned

    def service_arguments(self):
        """The keyword arguments of participation.feedback.feedback_submit."""
        data = self.cleaned_data
        arguments = {
            "category": data["category"],
            "kelurahan": data["kelurahan"],
            "text": data["text"],
            "photo": data.get("photo"),
        }
        if self.user is not None:
            arguments["sender"] = self.user
        else:
            arguments.update(sender_name=data["name"], sender_email=data["email"], sender_phone=data["phone"])
        return arguments


def feedback_code_error(code):
    """What is wrong with a parsed tracking code, for the person who typed it; None when it is well formed."""
    strange = sorted({character for character in code if character not in LOOKALIKE_FREE_ALPHABET})
    if strange:
        return ngettext(
            "A tracking code never has this character: %(characters)s. Check the code and type it again.",
            "A tracking code never has these characters: %(characters)s. Check the code and type it again.",
            len(strange),
        ) % {"characters": " ".join(strange)}
    if len(code) != CODE_LENGTH:
        return ngettext(
            "A tracking code has %(length)d letters and numbers after SW-; you typed %(count)d.",
            "A tracking code has %(length)d letters and numbers after SW-; you typed %(count)d.",
            len(code),
        ) % {"length": CODE_LENGTH, "count": len(code)}
    return None


class FeedbackLookupForm(forms.Form):
    """The tracking code, as typed: any case, with or without "SW-", dashes and spaces."""

    kode = SingleLineCharField(
        label=_("Tracking code"),
        max_length=40,
        help_text=_("Given when the feedback was sent, for example SW-7KQ4-MX9D."),
        error_messages={"required": _("Type the tracking code you were given.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_kode(self):
        code = feedback_code_parse(self.cleaned_data["kode"])
        error = feedback_code_error(code)
        if error:
            raise ValidationError(error, code="malformed_code")
        return code
