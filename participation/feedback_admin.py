"""Suara Warga in the admin: triage of the items in the person's scope (participation.scope).

Two viewsets in the "Participation" menu group (participation.admin_menu), by their ``menu_hook``:

- ``suara_warga``: the items. Every view finds its items through ``feedback_permission_policy``
  (participation.feedback_permissions): the listing and its export, the triage form (edit), the
  inspect page, the history, the photo. Another kelurahan's item is "not found" by its address, not
  "forbidden", so the address says nothing of what exists elsewhere. Staff record here the items
  residents give at the counter, on paper or by telephone ("Record an item"): equals of those sent
  online. No item is deleted here, and nothing refers to one, so the delete and usage views are not
  mounted.
- ``suara_warga_categories``: the categories and their target response times, for government staff
  (Django's model permissions on FeedbackCategory). A category in use cannot be deleted (PROTECT).

The listing puts overdue items first, then those due soonest; "overdue" is FeedbackQuerySet's rule.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Count, ProtectedError, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import yesno
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, ButtonWithDropdown
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from accounts.validators import phone_national
from core.admin_columns import DayColumn
from core.scoped_views import ScopedObjectMixin
from core.viewsets import UnmountedViewsMixin
from core.wagtail_exports import ExportAsTheScreensReadMixin
from participation.admin_menu import PARTICIPATION_MENU_HOOK
from participation.feedback import FeedbackError, feedback_code_format, feedback_code_parse, feedback_submit
from participation.feedback_admin_forms import FeedbackRecordForm, FeedbackTriageForm
from participation.feedback_permissions import feedback_permission_policy
from participation.feedback_triage import feedback_triage
from participation.models import Feedback, FeedbackCategory
from regions.models import Region

# At the top of the hooks module (wagtail_hooks imports this one), before anything asks Wagtail's
# registry for the policy: the menu, the group permissions screen and every view of the viewset.
register_permission_policy(Feedback, feedback_permission_policy)

WAITING = "waiting"  # the status filter's choice for "received or forwarded"


def feedback_visible_to(user):
    """The items `user` may see in the admin: the one queryset every view of the viewset starts from."""
    return feedback_permission_policy.instances_user_has_any_permission_for(user, ["view"])


def feedback_for_listing(queryset):
    """The items with what the listing and the screens show, in the same query: no query per row."""
    return queryset.select_related("category", "kelurahan").with_overdue()


def feedback_for_screen(queryset):
    """One item with what the triage, inspect and history screens show of it."""
    return feedback_for_listing(queryset).select_related("sender", "recorded_by", "replied_by")


class FeedbackStatusLogFormatter(LogFormatter):
    """A status change in the item's history names the new status (and the office it went to), from the
    data participation.feedback.feedback_status_set writes with it."""

    label = gettext_lazy("Change feedback status")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        status = data.get("status", "")
        label = Feedback.Status(status).label if status in Feedback.Status.values else status
        if status == Feedback.Status.FORWARDED and data.get("office"):
            return _("Status changed to “%(status)s”: %(office)s") % {"status": label, "office": data["office"]}
        return _("Status changed to “%(status)s”") % {"status": label}


# --- Listing ---------------------------------------------------------------------------------------------


def _kelurahan_with_items(request):
    # Only the kelurahan of items the person sees: kelurahan staff are offered no other kelurahan.
    if request is None:
        return Region.objects.none()
    return Region.objects.filter(pk__in=feedback_visible_to(request.user).values("kelurahan")).order_by("name")


class FeedbackFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[(WAITING, gettext_lazy("Waiting for an answer")), *Feedback.Status.choices],
        method="filter_status",
        empty_label=gettext_lazy("All"),
        widget=forms.RadioSelect,
    )
    overdue = django_filters.ChoiceFilter(
        label=gettext_lazy("Overdue"),
        choices=[("true", gettext_lazy("Overdue")), ("false", gettext_lazy("Not overdue"))],
        method="filter_overdue",
        empty_label=gettext_lazy("All"),
        widget=forms.RadioSelect,
    )
    category = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Category"), queryset=FeedbackCategory.objects.order_by("name")
    )
    kelurahan = django_filters.ModelChoiceFilter(label=gettext_lazy("Kelurahan"), queryset=_kelurahan_with_items)
    channel = django_filters.ChoiceFilter(
        label=gettext_lazy("Channel"),
        choices=Feedback.Channel.choices,
        empty_label=gettext_lazy("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Feedback
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.waiting() if value == WAITING else queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        # is_overdue: FeedbackQuerySet.with_overdue, annotated by the listing's own query.
        return queryset.filter(is_overdue=value == "true")


class CodeColumn(ButtonsColumnMixin, TitleColumn):
    """The tracking code as printed (SW-XXXX-XXXX), linking to the triage form, with the item's other
    screens in the row's menu. Whoever sees the listing may open every screen of the items in it."""

    def __init__(self, name, *, url_name, **kwargs):
        super().__init__(
            name,
            accessor=lambda feedback: feedback_code_format(feedback.code),
            get_url=lambda feedback: reverse(url_name("edit"), args=[quote(feedback.pk)]),
            **kwargs,
        )
        self.url_name = url_name

    def get_buttons(self, instance, parent_context):
        args = [quote(instance.pk)]
        more = [
            Button(
                _("Inspect"), url=reverse(self.url_name("inspect"), args=args), icon_name="info-circle", priority=10
            ),
            Button(_("History"), url=reverse(self.url_name("history"), args=args), icon_name="history", priority=20),
        ]
        label = _("More options for '%(title)s'") % {"title": feedback_code_format(instance.code)}
        return [ButtonWithDropdown(buttons=more, icon_name="dots-horizontal", attrs={"aria-label": label})]


class DueColumn(DayColumn):
    """The date the answer is due by, and a tag no one can miss when it has passed."""

    cell_template_name = "participation/admin/feedback_due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["is_overdue"] = instance.is_overdue
        return context


class FeedbackIndexView(ExportAsTheScreensReadMixin, generic.IndexView):
    # Codes as printed (times in WITA and yes or no in words: ExportAsTheScreensReadMixin).
    custom_field_preprocess = {
        "code": {
            generic.IndexView.FORMAT_CSV: feedback_code_format,
            generic.IndexView.FORMAT_XLSX: feedback_code_format,
        }
    }

    def get_base_queryset(self):
        # Overdue first, then the answer due soonest: the order staff work in. A column's sort replaces it.
        return feedback_for_listing(feedback_visible_to(self.request.user)).order_by("-is_overdue", "due_at", "pk")

    def search_queryset(self, queryset):
        """A tracking code as people type it (sw-abcd-2345, ABCD 2345, part of it), or words of the text."""
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        code = feedback_code_parse(query)
        by_code = Q(code__startswith=code) if code else Q(pk__in=[])
        return queryset.filter(by_code | Q(text__icontains=query))


# --- Triage (the edit view), inspect, history, photo ------------------------------------------------------


class FeedbackScreenMixin:
    """Finds the item with what its screen shows; ScopedObjectMixin (before it) then checks it against
    the person (404 outside their scope). Shows the code as printed."""

    def get_base_object_queryset(self):  # the history view's
        return feedback_for_screen(Feedback.objects.all())

    def get_page_subtitle(self):
        return feedback_code_format(self.object.code)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        feedback = self.object
        context.update(
            feedback=feedback,
            display_code=feedback_code_format(feedback.code),
            sender=sender_details(feedback),
            recorded_by_name=get_user_display_name(feedback.recorded_by) if feedback.recorded_by else "",
            replied_by_name=get_user_display_name(feedback.replied_by) if feedback.replied_by else "",
        )
        return context


def sender_details(feedback):
    """The sender's name and contact: their account's, or what they gave without one."""
    if feedback.sender is not None:
        user = feedback.sender
        return {"name": user.get_full_name(), "email": user.email or "", "phone": phone_national(user.phone)}
    return {
        "name": feedback.sender_name,
        "email": feedback.sender_email,
        "phone": phone_national(feedback.sender_phone),
    }


class FeedbackTriageView(ScopedObjectMixin, FeedbackScreenMixin, generic.EditView):
    """The item as the sender gave it (read-only), and the triage form. Saving runs the services in one
    transaction (participation.feedback_triage): a refusal is shown on its field and nothing is saved."""

    instance_action = "change"
    template_name = "participation/admin/feedback_triage.html"
    submit_button_label = gettext_lazy("Save")
    error_message = gettext_lazy("The item could not be saved: see the message below.")

    def get_queryset(self):  # the edit view's
        return feedback_for_screen(Feedback.objects.all())

    def get_side_panels(self):
        # Wagtail's status panel would call every item "Live": the item's own status is on the page.
        return MediaContainer()

    @cached_property
    def header_more_buttons(self):
        history_url = reverse(self.history_url_name, args=[quote(self.object.pk)])
        return [*super().header_more_buttons, Button(_("History"), url=history_url, icon_name="history", priority=40)]

    def form_valid(self, form):
        self.form = form
        try:
            self.object = feedback_triage(feedback=self.object, by=self.request.user, **form.cleaned_data)
        except FeedbackError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return self.save_action()

    def get_success_message(self):
        return _("Suara Warga item %(code)s saved.") % {"code": feedback_code_format(self.object.code)}


class FeedbackInspectBaseView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(feedback_for_screen(Feedback.objects.all()), pk=self.pk)

    def get_fields(self):
        return []  # the template shows the item (participation/admin/feedback_details.html)


class FeedbackInspectView(ScopedObjectMixin, FeedbackScreenMixin, FeedbackInspectBaseView):
    template_name = "participation/admin/feedback_inspect.html"


class FeedbackHistoryView(ScopedObjectMixin, FeedbackScreenMixin, history.HistoryView):
    """The audit log written by the services: received, status changes, reply corrections, publishing."""

    # Wagtail shows history to those who may change: whoever sees the item reads what happened to it.
    any_permission_required = ["view"]


class FeedbackRecordView(generic.CreateView):
    """ "Record an item": one a resident gave at the counter, on paper or by telephone."""

    page_title = gettext_lazy("Record an item")
    submit_button_label = gettext_lazy("Record")
    template_name = "participation/admin/feedback_record.html"

    def get_page_subtitle(self):
        return _("Received at the counter, on paper or by telephone")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def form_valid(self, form):
        self.form = form
        data = dict(form.cleaned_data)
        account = data.pop("account")
        # With an account named, feedback_submit keeps no typed name or contact: the account has them.
        self.object = feedback_submit(**data, sender=account, recorded_by=self.request.user)
        code = feedback_code_format(self.object.code)
        messages.success(
            self.request,
            _(
                "Item recorded. Its tracking code is %(code)s: give it to the resident, who can follow "
                "the item with it on the Suara Warga page or ask at the counter."
            )
            % {"code": code},
        )
        return redirect(reverse(self.edit_url_name, args=[quote(self.object.pk)]))


@require_GET
def feedback_photo(request, pk):
    """The sender's photo, from private storage, only for staff whose scope covers the item (404 otherwise)."""
    feedback = get_object_or_404(feedback_visible_to(request.user).exclude(photo=""), pk=pk)
    try:
        photo = feedback.photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(photo)
    response["Cache-Control"] = "private, no-store"
    return response


class FeedbackViewSet(UnmountedViewsMixin, ModelViewSet):
    name = "suara_warga"
    model = Feedback
    icon = "comment"
    menu_label = gettext_lazy("Suara Warga")
    menu_hook = PARTICIPATION_MENU_HOOK
    menu_order = 100
    url_prefix = "suara-warga"
    permission_policy = feedback_permission_policy
    # Nothing refers to an item, and it is never deleted here (participation.feedback_permissions).
    unmounted_views = {"delete", "usage"}
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = FeedbackIndexView
    add_view_class = FeedbackRecordView
    edit_view_class = FeedbackTriageView
    inspect_view_class = FeedbackInspectView
    history_view_class = FeedbackHistoryView
    filterset_class = FeedbackFilterSet
    search_fields = ["code"]  # searched by FeedbackIndexView.search_queryset (code and text)
    list_per_page = 50
    # Minimal data (UU 27/2022): no sender's name, contact, words or photo leave the admin in a file.
    list_export = [
        "code",
        "category.name",
        "kelurahan.name",
        "get_channel_display",
        "received_at",
        "due_at",
        "is_overdue",
        "get_status_display",
        "office",
        "replied_at",
        "published_at",
    ]
    export_headings = {
        "code": gettext_lazy("Tracking code"),
        "category.name": gettext_lazy("Category"),
        "kelurahan.name": gettext_lazy("Kelurahan"),
        "get_channel_display": gettext_lazy("Channel"),
        "received_at": gettext_lazy("Received on"),
        "due_at": gettext_lazy("Answer due by"),
        "is_overdue": gettext_lazy("Overdue"),
        "get_status_display": gettext_lazy("Status"),
        "office": gettext_lazy("Responsible office"),
        "replied_at": gettext_lazy("Replied at"),
        "published_at": gettext_lazy("Published at"),
    }
    export_filename = "suara-warga"

    @cached_property
    def list_display(self):
        return [
            CodeColumn("code", label=gettext_lazy("Tracking code"), url_name=self.get_url_name),
            Column("category", label=gettext_lazy("Category"), accessor="category.name", sort_key="category__name"),
            Column(
                "kelurahan", label=gettext_lazy("Kelurahan"), accessor="kelurahan.name", sort_key="kelurahan__name"
            ),
            DayColumn("received_at", label=gettext_lazy("Received on"), sort_key="received_at"),
            StatusTagColumn(
                "status",
                label=gettext_lazy("Status"),
                accessor="get_status_display",
                primary=lambda feedback: feedback.status in Feedback.WAITING_STATUSES,
                sort_key="status",
            ),
            DueColumn("due_at", label=gettext_lazy("Answer due by"), sort_key="due_at"),
            Column("channel", label=gettext_lazy("Channel"), accessor="get_channel_display"),
            Column(
                "published",
                label=gettext_lazy("Published"),
                accessor=lambda feedback: yesno(feedback.published_at is not None),
            ),
        ]

    def get_form_class(self, for_update=False):
        return FeedbackTriageForm if for_update else FeedbackRecordForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/foto/", feedback_photo, name="photo")]


# --- Categories --------------------------------------------------------------------------------------------


class FeedbackCategoryDeleteView(generic.DeleteView):
    """A category that items use cannot be deleted (PROTECT): say so, instead of a server error."""

    template_name = "participation/admin/feedback_category_delete.html"

    @cached_property
    def items_count(self):
        return self.object.items.count()

    def in_use_message(self):
        return ngettext(
            "“%(category)s” cannot be deleted: %(count)s Suara Warga item is in it. Rename it instead, "
            "or leave it as it is.",
            "“%(category)s” cannot be deleted: %(count)s Suara Warga items are in it. Rename it instead, "
            "or leave it as it is.",
            self.items_count,
        ) % {"category": self.object.name, "count": self.items_count}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["in_use_message"] = self.in_use_message() if self.items_count else ""
        return context

    def form_valid(self, form):
        if self.items_count:
            messages.error(self.request, self.in_use_message())
            return redirect(self.get_delete_url())
        try:
            return super().form_valid(form)
        except ProtectedError:  # an item sent into it since the count
            self.__dict__.pop("items_count", None)
            messages.error(self.request, self.in_use_message())
            return redirect(self.get_delete_url())


class FeedbackCategoryViewSet(UnmountedViewsMixin, ModelViewSet):
    """Suara Warga's categories and the days within which each should be answered: government staff
    (Django's model permissions on FeedbackCategory, given by participation_permissions_install)."""

    name = "suara_warga_categories"
    model = FeedbackCategory
    icon = "tag"
    menu_label = gettext_lazy("Suara Warga categories")
    menu_hook = PARTICIPATION_MENU_HOOK
    menu_order = 110
    url_prefix = "suara-warga-kategori"
    # Items use a category through their foreign key, which Wagtail's usage count does not see.
    unmounted_views = {"usage"}
    copy_view_enabled = False
    delete_view_class = FeedbackCategoryDeleteView
    form_fields = ["name", "description", "response_days"]
    list_display = ["name", "response_days", "description"]
    search_fields = ["name"]
    ordering = "name"


@hooks.register("register_admin_viewset")
def register_suara_warga():
    return [FeedbackViewSet(), FeedbackCategoryViewSet()]


# --- Admin home --------------------------------------------------------------------------------------------


class FeedbackSummaryItem(SummaryItem):
    """On the admin home: how many items in the person's scope wait for an answer, and how many of them
    are overdue, each linking to the listing filtered that way."""

    order = 400
    template_name = "participation/admin/feedback_summary.html"

    def is_shown(self):
        return feedback_permission_policy.user_has_permission(self.request.user, "view")

    def get_context_data(self, parent_context):
        # Both counts in one query; "overdue" is FeedbackQuerySet.with_overdue's rule.
        counts = (
            feedback_visible_to(self.request.user)
            .waiting()
            .with_overdue()
            .aggregate(waiting=Count("pk"), overdue=Count("pk", filter=Q(is_overdue=True)))
        )
        index = reverse("suara_warga:index")
        return {
            "waiting": counts["waiting"],
            "overdue": counts["overdue"],
            "waiting_url": f"{index}?status={WAITING}",
            "overdue_url": f"{index}?overdue=true",
        }


@hooks.register("construct_homepage_summary_items")
def add_feedback_summary_item(request, items):
    items.append(FeedbackSummaryItem(request))
