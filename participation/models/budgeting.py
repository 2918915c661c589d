"""Participatory budgeting's records, beside the call's page (participation.models.pages.BudgetingCallPage):
the categories, a kecamatan-wide call's budget per kelurahan, residents' proposals and their review, the
residents verified in person, the ballots cast online, the paper tallies of each polling place with their
history, and the follow-up of the winning proposals.

Who voted for what is never shown: ballots are read only as counts (participation.budgeting_results).
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinLengthValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from participation.models.places import latitude_field, longitude_field


class BudgetingCategory(models.Model):
    """What a proposal is about (jalan, drainase, penerangan, …): a call offers some of them."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    description = models.CharField(
        _("description"), max_length=200, blank=True, help_text=_("Shown to residents choosing a category.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("budgeting category")
        verbose_name_plural = _("budgeting categories")

    def __str__(self):
        return self.name


class KelurahanBudget(Orderable):
    """Inside a kecamatan-wide call, the part of the budget set aside for one kelurahan (as CONSUL's
    headings): its proposals compete for it, and its voters' knapsack ballots must fit it."""

    call = ParentalKey("participation.BudgetingCallPage", on_delete=models.CASCADE, related_name="kelurahan_budgets")
    kelurahan = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "village"},
        related_name="+",
    )
    budget_rupiah = models.PositiveBigIntegerField(_("budget (Rp)"), validators=[MinValueValidator(1)])

    class Meta(Orderable.Meta):
        verbose_name = _("budget of a kelurahan")
        verbose_name_plural = _("budgets per kelurahan")
        constraints = [
            models.UniqueConstraint(fields=["call", "kelurahan"], name="one_budget_per_kelurahan_and_call"),
        ]


class ResidentVerification(models.Model):
    """A resident whose KTP kelurahan staff saw in person. Nothing of the KTP is kept: only that it was seen,
    the kelurahan it gave, by whom and when. A KTP is issued from 17, so a verified resident is of voting age."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="residence_verification",
    )
    kelurahan = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "village"},
        related_name="+",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), default=timezone.now)

    class Meta:
        verbose_name = _("verified resident")
        verbose_name_plural = _("verified residents")

    def __str__(self):
        return str(self.user)


class Proposal(models.Model):
    """A resident's proposal to a call: what, where, in which category and for how much."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        FEASIBLE = "feasible", _("Feasible")
        NOT_FEASIBLE = "not-feasible", _("Not feasible")
        MERGED = "merged", _("Merged into another proposal")
        HIDDEN = "hidden", _("Hidden")

    class Progress(models.TextChoices):
        """A winning proposal's follow-up."""

        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in-progress", _("In progress")
        DONE = "done", _("Done")

    call = models.ForeignKey(
        "participation.BudgetingCallPage",
        verbose_name=_("budgeting call"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    # Erasing the author's data keeps the proposal, which is public, without its author
    # (participation.budgeting_privacy).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budgeting_proposals",
    )
    title = models.CharField(_("title"), max_length=120, validators=[MinLengthValidator(5)])
    description = models.TextField(_("description"), validators=[MinLengthValidator(20), MaxLengthValidator(3000)])
    kelurahan = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "village"},
        related_name="+",
    )
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    category = models.ForeignKey(
        BudgetingCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="proposals"
    )
    estimated_cost = models.PositiveBigIntegerField(_("estimated cost (Rp)"), validators=[MinValueValidator(1)])
    # Resized and stripped of EXIF before it is kept (participation.photos); public, as the proposal is.
    photo = models.ImageField(_("photo"), upload_to="penganggaran/%Y/%m/", blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    # A proposal not funded, carried by its author into the next year's call.
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_into",
    )

    # Review (participation.budgeting_review): frozen once voting opens.
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    reviewed_cost = models.PositiveBigIntegerField(_("reviewed cost (Rp)"), null=True, blank=True)
    # Public: why it is not feasible, or why it was hidden.
    review_reason = models.TextField(_("reason"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    # Follow-up of a winner (participation.budgeting_follow_up).
    progress = models.CharField(_("progress"), max_length=20, choices=Progress.choices, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["call", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="feasible") | models.Q(reviewed_cost__isnull=False),
                name="feasible_proposal_has_reviewed_cost",
            ),
        ]

    def __str__(self):
        return self.title


class Ballot(models.Model):
    """One resident's online ballot in one call: one row, unique in the database, whose choices are replaced
    under its lock (participation.budgeting_ballots). Changeable until voting closes."""

    call = models.ForeignKey(
        "participation.BudgetingCallPage",
        verbose_name=_("budgeting call"),
        on_delete=models.CASCADE,
        related_name="ballots",
    )
    # Emptied when the voter's data is erased after voting closed: the counts stay; deleted while voting is
    # open (participation.budgeting_privacy).
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voter"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="budgeting_ballots",
    )
    # Where and who the voter was when casting it, for the knapsack budget and the turnout figures.
    kelurahan = models.ForeignKey(
        "regions.Region", verbose_name=_("kelurahan"), on_delete=models.PROTECT, related_name="+"
    )
    gender = models.CharField(_("gender"), max_length=10, blank=True)
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["call", "voter"], name="one_ballot_per_resident_and_call"),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.pk}"


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="ballot_choices")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "proposal"], name="one_choice_per_proposal_and_ballot"),
        ]

    def __str__(self):
        return f"{self.ballot_id}: {self.proposal_id}"


class PollingPlace(models.Model):
    """Where paper ballots are cast and counted, with the number of ballots cast there (for turnout)."""

    call = models.ForeignKey(
        "participation.BudgetingCallPage",
        verbose_name=_("budgeting call"),
        on_delete=models.CASCADE,
        related_name="polling_places",
    )
    name = models.CharField(_("name"), max_length=120)
    kelurahan = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "village"},
        related_name="+",
    )
    ballots_cast = models.PositiveIntegerField(_("paper ballots cast"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("polling place")
        verbose_name_plural = _("polling places")
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="one_polling_place_name_per_call"),
        ]

    def __str__(self):
        return self.name


class PaperTally(models.Model):
    """The paper votes one proposal received at one polling place; corrected with a reason, never silently
    (PaperTallyChange keeps each entry and correction)."""

    polling_place = models.ForeignKey(
        PollingPlace, verbose_name=_("polling place"), on_delete=models.CASCADE, related_name="tallies"
    )
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="paper_tallies"
    )
    votes = models.PositiveIntegerField(_("votes"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        verbose_name = _("paper tally")
        verbose_name_plural = _("paper tallies")
        constraints = [
            models.UniqueConstraint(fields=["polling_place", "proposal"], name="one_tally_per_proposal_and_place"),
        ]

    def __str__(self):
        return f"{self.polling_place_id}: {self.proposal_id} = {self.votes}"


class PaperTallyChange(models.Model):
    """One entry or correction of a paper tally: the history staff and auditors read."""

    tally = models.ForeignKey(PaperTally, on_delete=models.CASCADE, related_name="changes")
    votes_before = models.PositiveIntegerField(_("votes before"), null=True, blank=True)
    votes_after = models.PositiveIntegerField(_("votes after"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("paper tally change")
        verbose_name_plural = _("paper tally changes")

    def __str__(self):
        return f"{self.votes_before} → {self.votes_after}"


class ProposalUpdate(models.Model):
    """A dated update on a winning proposal's work, with an optional photo: what became of the vote."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("date"))
    progress = models.CharField(_("progress"), max_length=20, choices=Proposal.Progress.choices)
    text = models.TextField(_("update"), validators=[MaxLengthValidator(2000)])
    photo = models.ImageField(_("photo"), upload_to="penganggaran/progres/%Y/%m/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("proposal update")
        verbose_name_plural = _("proposal updates")

    def __str__(self):
        return f"{self.date}: {self.get_progress_display()}"
