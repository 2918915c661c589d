"""The admin screens of the review of budgeting proposals (participation.budgeting_review_admin mounts
them): the listing of the proposals to review, the review of one, and its history.

Every view finds its proposals through the viewset's permission policy (participation.budgeting_review_admin),
so kelurahan staff meet only the proposals located in their kelurahan: another kelurahan's proposal is
"not found" by its address. The views only read the form and call the services.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.widgets.button import Button

from core.admin_columns import DayColumn
from core.scoped_views import ScopedObjectMixin
from core.templatetags.format_tags import rupiah
from participation.budgeting_review import (
    ReviewError,
    proposal_hide,
    proposal_mark_feasible,
    proposal_mark_not_feasible,
    proposal_merge,
    proposal_public_url,
    proposals_for_listing,
    proposals_reviewable_by,
    review_refusal,
)
from participation.models import BudgetingCallPage, Proposal
from regions.models import Region

# --- Listing --------------------------------------------------------------------------------------------


def _calls_with_proposals(request):
    # Only the calls and kelurahan of proposals the person reviews: kelurahan staff are offered no other.
    if request is None:
        return BudgetingCallPage.objects.none()
    return BudgetingCallPage.objects.filter(pk__in=proposals_reviewable_by(request.user).values("call")).order_by(
        "-proposals_open", "title"
    )


def _kelurahan_with_proposals(request):
    if request is None:
        return Region.objects.none()
    return Region.objects.filter(pk__in=proposals_reviewable_by(request.user).values("kelurahan")).order_by("name")


class ProposalReviewFilterSet(WagtailFilterSet):
    call = django_filters.ModelChoiceFilter(label=gettext_lazy("Budgeting call"), queryset=_calls_with_proposals)
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=Proposal.Status.choices,
        empty_label=gettext_lazy("All"),
        widget=forms.RadioSelect,
    )
    kelurahan = django_filters.ModelChoiceFilter(label=gettext_lazy("Kelurahan"), queryset=_kelurahan_with_proposals)

    class Meta:
        model = Proposal
        fields = []


class ProposalReviewIndexView(generic.IndexView):
    def get_base_queryset(self):
        # Those awaiting review first, then in the order they came in. A column's sort replaces it.
        awaiting_first = Case(When(status=Proposal.Status.SUBMITTED, then=Value(0)), default=Value(1))
        return proposals_for_listing(proposals_reviewable_by(self.request.user)).order_by(
            "-call__proposals_open", awaiting_first, "submitted_at", "pk"
        )

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        return queryset.filter(Q(title__icontains=query) | Q(description__icontains=query))


def review_columns(url_name):
    return [
        TitleColumn(
            "title",
            label=gettext_lazy("Proposal"),
            get_url=lambda proposal: reverse(url_name("edit"), args=[quote(proposal.pk)]),
            sort_key="title",
        ),
        Column("call", label=gettext_lazy("Budgeting call"), accessor="call.title", sort_key="call__title"),
        Column("kelurahan", label=gettext_lazy("Kelurahan"), accessor="kelurahan.name", sort_key="kelurahan__name"),
        Column("category", label=gettext_lazy("Category"), accessor="category.name"),
        Column(
            "estimated_cost",
            label=gettext_lazy("Estimated cost"),
            accessor=lambda proposal: rupiah(proposal.estimated_cost),
            sort_key="estimated_cost",
        ),
        Column(
            "reviewed_cost",
            label=gettext_lazy("Reviewed cost"),
            accessor=lambda proposal: rupiah(proposal.reviewed_cost),
            sort_key="reviewed_cost",
        ),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display", sort_key="status"),
        DayColumn("submitted_at", label=gettext_lazy("Submitted on"), sort_key="submitted_at"),
    ]


# --- Review (the edit view) and history -----------------------------------------------------------------


def proposal_for_screen(queryset):
    return proposals_for_listing(queryset).select_related("merged_into", "reviewed_by")


class ProposalScreenMixin:
    def get_base_object_queryset(self):  # the history view's
        return proposal_for_screen(Proposal.objects.all())

    def get_page_subtitle(self):
        return self.object.title


class ProposalReviewView(ScopedObjectMixin, ProposalScreenMixin, generic.EditView):
    """The proposal as its author wrote it, and the review form. Saving runs one service
    (participation.budgeting_review): a refusal is shown on its field, and nothing is changed."""

    instance_action = "change"
    template_name = "participation/admin/budgeting_review.html"
    submit_button_label = gettext_lazy("Save the review")
    error_message = gettext_lazy("The review could not be saved: see the message below.")

    def get_queryset(self):  # the edit view's
        return proposal_for_screen(Proposal.objects.all())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def get_side_panels(self):
        # Wagtail's status panel would call every proposal "Live": its own status is on the page.
        return MediaContainer()

    @cached_property
    def header_more_buttons(self):
        history_url = reverse(self.history_url_name, args=[quote(self.object.pk)])
        return [*super().header_more_buttons, Button(_("History"), url=history_url, icon_name="history", priority=40)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.object
        context.update(
            proposal=proposal,
            estimated_cost=rupiah(proposal.estimated_cost),
            reviewed_cost=rupiah(proposal.reviewed_cost),
            ceiling=rupiah(proposal.call.ceiling_rupiah),
            author_name=(proposal.author.get_full_name() or proposal.author.username) if proposal.author else "",
            reviewed_by_name=get_user_display_name(proposal.reviewed_by) if proposal.reviewed_by else "",
            public_url=proposal_public_url(proposal),
            # Said before the reviewer fills the form in: review only in its phase (hiding from proposals on).
            review_closed=review_refusal(proposal.call),
            hiding_closed=review_refusal(proposal.call, hiding=True),
        )
        return context

    def form_valid(self, form):
        self.form = form
        data = form.cleaned_data
        outcome = data["outcome"]
        by = self.request.user
        try:
            if outcome == Proposal.Status.FEASIBLE:
                self.object = proposal_mark_feasible(proposal=self.object, reviewed_cost=data["reviewed_cost"], by=by)
            elif outcome == Proposal.Status.NOT_FEASIBLE:
                self.object = proposal_mark_not_feasible(proposal=self.object, reason=data["reason"], by=by)
            elif outcome == Proposal.Status.MERGED:
                self.object = proposal_merge(proposal=self.object, into=data["merged_into"], by=by)
            else:
                self.object = proposal_hide(proposal=self.object, reason=data["reason"], by=by)
        except ReviewError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return self.save_action()

    def get_success_message(self):
        return _("Review of “%(title)s” saved: %(status)s. Its author has been told.") % {
            "title": self.object.title,
            "status": self.object.get_status_display(),
        }

    def get_success_url(self):
        return reverse(self.index_url_name)


class ProposalHistoryView(ScopedObjectMixin, ProposalScreenMixin, history.HistoryView):
    """The audit log written by the services: each outcome, by whom and when."""

    any_permission_required = ["view"]
