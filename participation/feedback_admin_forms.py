"""The two forms of Suara Warga's admin: triaging an item, and recording one received off-line.

Plain forms, not model forms: a model form would write the typed values onto the item and check the
model's constraints before the services had their say. Here the services (participation.feedback,
participation.feedback_triage) are the only writers, and each refusal comes back as one message on the
field it concerns (participation.feedback_admin).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.forms import KelurahanField
from accounts.selectors import kelurahan_for_sign_up, user_by_identifier
from accounts.validators import normalise_email, normalise_phone
from core.forms import SingleLineCharField
from participation.feedback import TRANSITIONS
from participation.feedback_forms import MultiLineCharField, PhotoField
from participation.models import Feedback, FeedbackCategory
from participation.models.feedback import TEXT_MAX_LENGTH
from participation.scope import in_kelurahan_scope

# Channels staff record in the admin; online items come through /suara-warga/kirim/.
RECORDED_CHANNELS = [choice for choice in Feedback.Channel.choices if choice[0] != Feedback.Channel.ONLINE]


def _text_area(rows=5):
    return forms.Textarea(attrs={"rows": rows})


class FeedbackTriageForm(forms.Form):
    """The next status (only those the rules allow from where the item is), the office when forwarding,
    the reply, and whether and how the item is published."""

    status = forms.ChoiceField(label=_("Status"), required=False, widget=forms.RadioSelect)
    office = SingleLineCharField(
        label=_("Forward to (office)"),
        required=False,
        max_length=200,
        help_text=_("Needed when forwarding: the office that is responsible, e.g. Dinas Pekerjaan Umum."),
    )
    reply = MultiLineCharField(
        label=_("Reply"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=_text_area(),
        help_text=_("What the sender reads. Needed to answer or close the item."),
    )
    publish = forms.BooleanField(
        label=_("Publish on the Suara Warga page"),
        required=False,
        help_text=_(
            "Once the item has a reply. The public sees the text below, the category, the kelurahan and "
            "the reply: never the sender's name, contact or photo."
        ),
    )
    public_text = MultiLineCharField(
        label=_("Text to publish"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=_text_area(),
        help_text=_("The sender's words as the public will read them: take out names, addresses, phone numbers."),
    )

    def __init__(self, *args, instance, for_user=None, **kwargs):
        self.instance = instance
        kwargs["initial"] = {
            "reply": instance.reply,
            "publish": instance.is_published,
            # Prefilled with the sender's own words, for staff to edit out what names a person.
            "public_text": instance.public_text or instance.text,
            **(kwargs.get("initial") or {}),
        }
        super().__init__(*args, **kwargs)
        current = Feedback.Status(instance.status)
        keep = ("", _("Keep “%(status)s”") % {"status": current.label})
        # Any status passes the form, so that a move the rules refuse (sent by an old tab, or typed into
        # the request) gets the service's own message naming both statuses; only the moves the rules
        # allow from here are offered.
        self.fields["status"].choices = [keep, *Feedback.Status.choices]
        self.fields["status"].widget.choices = [keep] + [
            (status.value, status.label) for status in TRANSITIONS[current]
        ]


class FeedbackRecordForm(forms.Form):
    """An item a resident gave at the counter, on paper or by telephone, typed in by staff."""

    channel = forms.ChoiceField(
        label=_("Received"),
        choices=RECORDED_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the item was received.")},
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=FeedbackCategory.objects.order_by("name"),
        empty_label=_("Choose a category"),
        error_messages={"required": _("Choose a category."), "invalid_choice": _("Choose a category from the list.")},
    )
    text = MultiLineCharField(
        label=_("Feedback"),
        max_length=TEXT_MAX_LENGTH,
        widget=_text_area(8),
        help_text=_("The resident's words, as they gave them."),
        error_messages={"required": _("Write down the resident's feedback.")},
    )
    # A resident with an account, helped at the counter: the item is then theirs as if sent online (on
    # their dashboard, in their notices and their data download), and no name or contact is typed again.
    account = forms.CharField(
        label=_("The resident's account"),
        required=False,
        max_length=150,
        help_text=_(
            "Optional: the username, e-mail or phone number the resident logs in with. The item then shows on "
            "their dashboard, and they are told there when it is answered."
        ),
    )
    sender_name = SingleLineCharField(label=_("Sender's name"), required=False, max_length=150)
    sender_email = forms.EmailField(
        label=_("Sender's e-mail"),
        required=False,
        help_text=_("Optional: the sender is told by e-mail when the item is answered."),
        error_messages={"invalid": _("Enter an email address like nama@contoh.id.")},
    )
    sender_phone = forms.CharField(label=_("Sender's phone"), required=False, max_length=20)
    photo = PhotoField(
        label=_("Photo"),
        help_text=_(
            "Optional: a photo the resident brought or sent (JPEG, PNG or WebP). The place and the phone "
            "recorded in the file are removed."
        ),
    )

    def __init__(self, *args, for_user, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the kelurahan where the person acts (participation.scope): the list is the whole rule.
        villages = in_kelurahan_scope(kelurahan_for_sign_up(), for_user, field="code")
        self.fields["kelurahan"] = KelurahanField(
            label=_("Kelurahan"),
            empty_label=_("Choose the kelurahan the item is about"),
            help_text=_("Only the kelurahan where you act are listed."),
            error_messages={
                "required": _("Choose the kelurahan the item is about."),
                "invalid_choice": _("Choose a kelurahan from the list: you record items only where you act."),
            },
        )
        self.fields["kelurahan"].queryset = villages
        if len(villages) == 1:
            self.fields["kelurahan"].initial = villages[0].pk
        self.order_fields(["channel", "category", "kelurahan", "text"])

    def clean_account(self):
        typed = self.cleaned_data["account"].strip()
        if not typed:
            return None
        user = user_by_identifier(typed)
        if user is None or not user.is_active:
            raise ValidationError(
                _("No active account has this username, e-mail address or phone number."), code="account"
            )
        return user

    def clean_sender_email(self):
        return normalise_email(self.cleaned_data["sender_email"])

    def clean_sender_phone(self):
        phone = self.cleaned_data["sender_phone"].strip()
        return normalise_phone(phone) if phone else ""
