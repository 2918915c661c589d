"""The review form of one budgeting proposal in the admin: the outcome and what it needs.

A plain form, not a model form: the services (participation.budgeting_review) are the only writers, and
each refusal comes back on the field it concerns. Any outcome, cost and reason pass the form's own checks,
so that the service's message (the ceiling, the phase, a merge target already merged) is the one shown.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.budgeting_review import REASON_MAX_LENGTH, merge_targets, proposals_reviewable_by
from participation.models import Proposal

# The outcomes a reviewer gives (not "awaiting review": a proposal goes back to nobody's desk).
OUTCOMES = [
    (Proposal.Status.FEASIBLE, _("Feasible, at the reviewed cost below")),
    (Proposal.Status.NOT_FEASIBLE, _("Not feasible, for the reason below")),
    (Proposal.Status.MERGED, _("A duplicate: merge it into another proposal of this call")),
    (Proposal.Status.HIDDEN, _("Abusive: hide it, for the reason below")),
]


class MergeTargetField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.kelurahan.name}, #{obj.pk})"


class ProposalReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=OUTCOMES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome of the review.")},
    )
    reviewed_cost = forms.IntegerField(
        label=_("Reviewed cost (Rp)"),
        required=False,
        min_value=1,
        help_text=_("For a feasible proposal: what it will cost, worked out by the review. Residents vote on it."),
        error_messages={
            "invalid": _("Give the reviewed cost as a whole number of Rupiah, without dots."),
            "min_value": _("Give the reviewed cost in Rupiah, more than zero."),
        },
    )
    reason = forms.CharField(
        label=_("Reason (public)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For a proposal not feasible or hidden: shown on the proposal's page and sent to its author. "
            "Write it for residents to read."
        ),
    )
    merged_into = MergeTargetField(
        label=_("Merge into"),
        required=False,
        queryset=Proposal.objects.none(),
        empty_label=_("Choose the proposal it duplicates"),
        help_text=_("For a duplicate: the proposal of the same call that stands for both."),
        error_messages={"invalid_choice": _("Choose a proposal from the list.")},
    )

    def __init__(self, *args, instance, for_user, **kwargs):
        self.instance = instance
        initial = {
            "outcome": instance.status if instance.status != Proposal.Status.SUBMITTED else "",
            "reviewed_cost": instance.reviewed_cost or instance.estimated_cost,
            "reason": instance.review_reason,
            "merged_into": instance.merged_into_id,
            **(kwargs.pop("initial", None) or {}),
        }
        super().__init__(*args, initial=initial, **kwargs)
        # Offered: the same call's proposals the reviewer may see, neither merged nor hidden. Any of the
        # reviewer's proposals passes the form, so the service names what is wrong with the others.
        field = self.fields["merged_into"]
        field.queryset = proposals_reviewable_by(for_user).select_related("kelurahan")
        field.widget.choices = [("", field.empty_label)] + [
            (target.pk, field.label_from_instance(target)) for target in merge_targets(instance, for_user)
        ]
