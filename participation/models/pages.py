"""Page types for taking part: the kelurahan public forums, the participatory budgeting calls and Suara Warga.

They moved here from cms_pages (issue 16); their tables and content types moved with them
(cms_pages/migrations/0003_move_participation_pages.py).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.page_cache import ViewRestrictionsRememberedMixin
from core.rich_text import RICH_TEXT, SIMPLE_TEXT
from core.rotating_codes import new_check_in_secret
from core.section_pages import SectionIndexMixin
from participation.models.places import ForumKind, latitude_field, longitude_field


class ForumIndexPage(SectionIndexMixin, ViewRestrictionsRememberedMixin, RoutablePageMixin, Page):
    """/forum/: the kelurahan public forums, upcoming first; and each kelurahan's subscribable calendar."""

    intro = RichTextField(_("introduction"), blank=True, features=SIMPLE_TEXT)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    subpage_types = ["participation.ForumPage"]
    max_count = 1

    class Meta:
        verbose_name = _("forum index")

    def permissions_for_user(self, user):
        """Kelurahan staff add forums here (their group's permissions on /forum/ say so) but do not edit,
        publish, move or delete the index, which is every kelurahan's: only those who act in participation
        everywhere do (participation.page_permissions)."""
        from participation.page_permissions import forum_index_permissions

        return forum_index_permissions(user, self)

    def get_context(self, request, *args, **kwargs):
        from participation.selectors import forums_split_by_date

        context = super().get_context(request, *args, **kwargs)
        context.update(forums_split_by_date(index_page=self, now=timezone.now()))
        return context

    @path("kalender/<str:kelurahan_code>/", name="kelurahan_calendar")
    def kelurahan_calendar_route(self, request, kelurahan_code):
        from participation import calendars

        return calendars.kelurahan_calendar_response(request, page=self, kelurahan_code=kelurahan_code)


class ForumPageForm(WagtailAdminPageForm):
    """A forum's kelurahan is one where the person may act (participation.scope): kelurahan staff choose
    among theirs, and a kelurahan outside them, sent anyway, is refused with its message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from participation.scope import EVERYWHERE, kelurahan_scope

        field = self.fields.get("kelurahan")
        if field is None or self.for_user is None:
            return
        scope = kelurahan_scope(self.for_user)
        if scope is not EVERYWHERE:
            field.queryset = field.queryset.filter(code__in=scope)
            field.error_messages["invalid_choice"] = _(
                "Choose a kelurahan where you are kelurahan staff: you organise forums there only."
            )


# The forum index's own routes (ForumIndexPage.kelurahan_calendar_route): no forum may take these slugs.
FORUM_INDEX_ROUTES = {"kalender"}


class ForumPage(ViewRestrictionsRememberedMixin, RoutablePageMixin, Page):
    """One meeting of a kelurahan public forum: a monthly musyawarah or the musrenbang kelurahan.

    Residents register for it (participation.forum_registration), send questions for its agenda, take
    its calendar file and check in at the door; afterwards the organiser publishes minutes and
    decisions. The routes' views are in participation.forum_views.
    """

    Kind = ForumKind

    kelurahan = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "village"},
        related_name="+",
    )
    kind = models.CharField(_("kind of forum"), max_length=20, choices=Kind.choices, default=Kind.MONTHLY)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200)
    latitude = latitude_field(
        help_text=_("Optional: with the longitude, the page links to the venue on OpenStreetMap.")
    )
    longitude = longitude_field()
    organiser = models.CharField(
        _("organiser"), max_length=200, blank=True, help_text=_("Who runs the meeting; the kelurahan if empty.")
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many may register; further residents join the waiting list. Empty: no limit."),
    )
    agenda = RichTextField(_("agenda"), features=SIMPLE_TEXT)
    related_courses = ParentalManyToManyField(
        "courses.CoursePage", verbose_name=_("courses to take first"), blank=True, related_name="+"
    )
    budgeting_call = models.ForeignKey(
        "participation.BudgetingCallPage",
        verbose_name=_("budgeting call decided here"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forums",
    )
    minutes = RichTextField(_("minutes"), blank=True, features=RICH_TEXT, help_text=_("Filled in after the meeting."))
    decisions = RichTextField(
        _("decisions"), blank=True, features=SIMPLE_TEXT, help_text=_("What the meeting decided; after the meeting.")
    )
    schedule = models.ForeignKey(
        "participation.ForumSchedule",
        verbose_name=_("schedule"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="forums",
    )
    # Keys this forum's rotating check-in codes (participation.forum_attendance); never shown or copied.
    check_in_secret = models.CharField(max_length=64, default=new_check_in_secret, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldPanel("kelurahan"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldRowPanel([FieldPanel("organiser"), FieldPanel("capacity")]),
            ],
            _("When and where"),
        ),
        FieldPanel("agenda"),
        FieldPanel("related_courses"),
        FieldPanel("budgeting_call"),
        MultiFieldPanel([FieldPanel("minutes"), FieldPanel("decisions")], _("After the meeting")),
    ]

    parent_page_types = ["participation.ForumIndexPage"]
    subpage_types = []
    base_form_class = ForumPageForm
    # A copy is another meeting: its own check-in codes, and not one of a schedule's dates.
    exclude_fields_in_copy = ["check_in_secret", "schedule"]

    class Meta:
        verbose_name = _("forum")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="forum_ends_after_it_starts"
            ),
            # A schedule makes each of its dates once, however often it runs.
            models.UniqueConstraint(
                fields=["schedule", "starts_at"],
                condition=models.Q(schedule__isnull=False),
                name="one_forum_per_schedule_date",
            ),
        ]

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both the latitude and the longitude, or neither.")})
        if self.slug in FORUM_INDEX_ROUTES:
            # /forum/kalender/ is the kelurahan calendars' address: a forum there would lose its own routes.
            raise ValidationError(
                {"slug": _("“%(slug)s” is an address of the forum list; choose another.") % {"slug": self.slug}}
            )

    def permissions_for_user(self, user):
        """Nothing at all for a forum of a kelurahan where `user` may not act, whatever their group's
        permissions on /forum/ (Wagtail's own tester reads those by path alone): the edit, publish,
        delete, move, copy, history and preview screens all ask this (participation.page_permissions)."""
        from participation.page_permissions import forum_page_permissions

        return forum_page_permissions(user, self)

    def get_context(self, request, *args, **kwargs):
        from participation.selectors import forum_courses

        context = super().get_context(request, *args, **kwargs)
        # The courses that prepare for it, and (signed in) whether the visitor completed each.
        context["courses"] = forum_courses(forum=self, user=request.user)
        return context

    @property
    def organiser_name(self):
        return self.organiser or _("Kelurahan %(name)s") % {"name": self.kelurahan.name}

    def has_ended(self, now=None):
        return self.ends_at <= (now or timezone.now())

    @path("", name="forum")
    def forum_route(self, request):
        from participation import forum_views

        return forum_views.forum_page(request, page=self)

    @path("daftar/", name="register")
    def register_route(self, request):
        from participation import forum_views

        return forum_views.forum_register(request, page=self)

    @path("batal/", name="cancel")
    def cancel_route(self, request):
        from participation import forum_views

        return forum_views.forum_cancel(request, page=self)

    @path("pertanyaan/", name="question")
    def question_route(self, request):
        from participation import forum_views

        return forum_views.forum_question_send(request, page=self)

    @path("kalender/", name="calendar")
    def calendar_route(self, request):
        from participation import calendars

        return calendars.forum_calendar_response(request, page=self)

    @path("hadir/<int:window>/<str:signature>/", name="check_in")
    def check_in_route(self, request, window, signature):
        from participation import forum_check_in_views

        return forum_check_in_views.forum_check_in(request, page=self, window=window, signature=signature)


class BudgetingCallForm(WagtailAdminPageForm):
    """The call's editor: budgets per kelurahan inside the area and within the total; and, once voting has
    opened, the rules residents voted under stay as they were (the area, the total, the budgets per kelurahan,
    the rule, its limit, the opening day: moving it later would reopen the review and change reviewed costs
    under ballots already cast)."""

    FROZEN_FROM_VOTING = ("area", "total_budget_rupiah", "voting_rule", "approval_limit", "voting_open")

    def clean(self):
        cleaned_data = super().clean()
        budgets = self._kelurahan_budgets()
        area, total = cleaned_data.get("area"), cleaned_data.get("total_budget_rupiah")
        outside = [
            kelurahan.name
            for kelurahan, _budget in budgets
            if area and area.pk not in (kelurahan.pk, kelurahan.parent_id)
        ]
        if outside:
            self.add_error(
                None,
                _("Budgets per kelurahan must be for kelurahan of the call's area: %(names)s are not.")
                % {"names": ", ".join(outside)},
            )
        if total and sum(budget for _kelurahan, budget in budgets) > total:
            self.add_error("total_budget_rupiah", _("The budgets per kelurahan add up to more than the total budget."))
        self._keep_what_voters_voted_under(cleaned_data, budgets)
        return cleaned_data

    def _kelurahan_budgets(self):
        formset = self.formsets.get("kelurahan_budgets")
        if formset is None or not formset.is_valid():
            return []
        return [
            (form.cleaned_data["kelurahan"], form.cleaned_data["budget_rupiah"])
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("kelurahan")
        ]

    def _keep_what_voters_voted_under(self, cleaned_data, budgets):
        from participation.budgeting_phases import Phase, call_phase

        if self.instance.pk is None:
            return
        live = BudgetingCallPage.objects.filter(pk=self.instance.pk).first()
        if live is None or call_phase(live) in (Phase.UPCOMING, Phase.PROPOSALS, Phase.REVIEW):
            return
        message = _("Voting has opened: this stays as residents voted under it.")
        for name in self.FROZEN_FROM_VOTING:
            if name in cleaned_data and cleaned_data[name] != getattr(live, name):
                self.add_error(name, message)
        live_budgets = {(budget.kelurahan_id, budget.budget_rupiah) for budget in live.kelurahan_budgets.all()}
        if {(kelurahan.pk, budget) for kelurahan, budget in budgets} != live_budgets:
            self.add_error(None, _("Voting has opened: the budgets per kelurahan stay as residents voted under them."))


class BudgetingCallIndexPage(SectionIndexMixin, ViewRestrictionsRememberedMixin, Page):
    """/penganggaran/: participatory budgeting calls."""

    intro = RichTextField(_("introduction"), blank=True, features=SIMPLE_TEXT)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    subpage_types = ["participation.BudgetingCallPage"]
    max_count = 1

    class Meta:
        verbose_name = _("budgeting call index")

    def get_context(self, request, *args, **kwargs):
        from participation.selectors import budgeting_calls

        context = super().get_context(request, *args, **kwargs)
        context["calls"] = budgeting_calls(index_page=self)
        return context


class BudgetingCallPage(ViewRestrictionsRememberedMixin, RoutablePageMixin, Page):
    """A call for residents' proposals for part of a kecamatan's or kelurahan's budget, from proposals to
    results and follow-up. Its phases are dates (participation.budgeting_phases); what a visitor may do in
    each is one rule (participation.budgeting_eligibility). The routes' views are in the budgeting_*_views
    modules."""

    class VotingRule(models.TextChoices):
        APPROVAL = "approval", _("Approval: choose up to a number of proposals")
        KNAPSACK = "knapsack", _("Knapsack: choose proposals whose costs fit the budget")

    area = models.ForeignKey(
        "regions.Region",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        help_text=_("The kecamatan or kelurahan whose residents may propose."),
        related_name="+",
    )
    scope = RichTextField(_("what can be proposed"), features=SIMPLE_TEXT)
    total_budget_rupiah = models.PositiveBigIntegerField(
        _("total budget (Rp)"),
        validators=[MinValueValidator(1)],
        help_text=_("What the winning proposals may cost together."),
    )
    ceiling_rupiah = models.PositiveBigIntegerField(
        _("budget ceiling (Rp)"), validators=[MinValueValidator(1)], help_text=_("The most one proposal may cost.")
    )
    categories = ParentalManyToManyField(
        "participation.BudgetingCategory", verbose_name=_("categories"), related_name="calls"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("budget year"), validators=[MinValueValidator(2000)])
    proposals_open = models.DateField(_("proposals open"))
    proposals_close = models.DateField(_("proposals close"))
    voting_open = models.DateField(_("voting opens"), help_text=_("Review runs from the close of proposals to here."))
    voting_close = models.DateField(_("voting closes"))
    results_on = models.DateField(
        _("results published on"), help_text=_("After voting closes, paper ballots are counted until this day.")
    )
    follow_up_from = models.DateField(_("follow-up from"), help_text=_("When the work on the winners starts."))
    eligibility = RichTextField(_("who may propose"), features=SIMPLE_TEXT)
    require_verified = models.BooleanField(
        _("only verified residents vote"),
        default=True,
        help_text=_("Kelurahan staff verify a resident in person, with their KTP."),
    )
    voting_rule = models.CharField(
        _("voting rule"), max_length=10, choices=VotingRule.choices, default=VotingRule.KNAPSACK
    )
    approval_limit = models.PositiveSmallIntegerField(
        _("proposals per ballot"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Under the approval rule, the most proposals a resident may choose."),
    )
    prerequisite_course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course to take first"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = RichTextField(_("details"), blank=True, features=RICH_TEXT)

    content_panels = Page.content_panels + [
        FieldPanel("area"),
        FieldPanel("scope"),
        FieldRowPanel([FieldPanel("total_budget_rupiah"), FieldPanel("ceiling_rupiah"), FieldPanel("fiscal_year")]),
        InlinePanel("kelurahan_budgets", heading=_("Budget per kelurahan (a kecamatan-wide call, optional)")),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("proposals_open"), FieldPanel("proposals_close")]),
                FieldRowPanel([FieldPanel("voting_open"), FieldPanel("voting_close")]),
                FieldRowPanel([FieldPanel("results_on"), FieldPanel("follow_up_from")]),
            ],
            heading=_("Phases"),
        ),
        FieldPanel("eligibility"),
        FieldPanel("require_verified"),
        FieldRowPanel([FieldPanel("voting_rule"), FieldPanel("approval_limit")]),
        FieldPanel("prerequisite_course"),
        FieldPanel("body"),
    ]

    parent_page_types = ["participation.BudgetingCallIndexPage"]
    subpage_types = []
    base_form_class = BudgetingCallForm

    class Meta:
        verbose_name = _("budgeting call")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposals_close__gte=models.F("proposals_open")),
                name="budgeting_call_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(voting_open__gt=models.F("proposals_close"))
                & models.Q(voting_close__gte=models.F("voting_open"))
                & models.Q(results_on__gt=models.F("voting_close"))
                & models.Q(follow_up_from__gte=models.F("results_on")),
                name="budgeting_call_phases_in_order",
            ),
        ]

    def clean(self):
        super().clean()
        from participation.budgeting_phases import phase_dates_errors

        errors = phase_dates_errors(self)
        if self.total_budget_rupiah and self.ceiling_rupiah and self.ceiling_rupiah > self.total_budget_rupiah:
            errors["ceiling_rupiah"] = _("One proposal may not cost more than the whole budget.")
        if errors:
            raise ValidationError(errors)

    def is_open(self, today):
        """Whether proposals are taken on ``today``."""
        return self.proposals_open <= today <= self.proposals_close

    def serve(self, request, *args, **kwargs):
        # The call's page and its routes change with each proposal, ballot and day: no cache keeps them,
        # ours (core.page_cache) or a proxy's.
        response = super().serve(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response

    def get_context(self, request, *args, **kwargs):
        from participation.budgeting_call_views import call_page_context

        context = super().get_context(request, *args, **kwargs)
        # Only the call's own page shows the call (its timeline, what the visitor may do, its forums): its
        # routes (proposals, ballot, results) render with this page too, and give their own context.
        match = getattr(request, "routable_resolver_match", None)
        if match is None or match.url_name == "index_route":
            context.update(call_page_context(request, call=self))
        return context

    @path("usulan/", name="proposals")
    def proposals_route(self, request):
        from participation import budgeting_proposal_views

        return budgeting_proposal_views.proposal_list(request, call=self)

    @path("usulan/baru/", name="proposal_new")
    def proposal_new_route(self, request):
        from participation import budgeting_proposal_views

        return budgeting_proposal_views.proposal_new(request, call=self)

    @path("usulan/<int:proposal_id>/", name="proposal")
    def proposal_route(self, request, proposal_id):
        from participation import budgeting_proposal_views

        return budgeting_proposal_views.proposal_detail(request, call=self, proposal_id=proposal_id)

    @path("usulan/<int:proposal_id>/ubah/", name="proposal_edit")
    def proposal_edit_route(self, request, proposal_id):
        from participation import budgeting_proposal_views

        return budgeting_proposal_views.proposal_edit(request, call=self, proposal_id=proposal_id)

    @path("usulan/<int:proposal_id>/bawa/", name="proposal_carry")
    def proposal_carry_route(self, request, proposal_id):
        from participation import budgeting_proposal_views

        return budgeting_proposal_views.proposal_carry(request, call=self, proposal_id=proposal_id)

    @path("pilih/", name="ballot")
    def ballot_route(self, request):
        from participation import budgeting_ballot_views

        return budgeting_ballot_views.ballot(request, call=self)

    @path("hasil/", name="results")
    def results_route(self, request):
        from participation import budgeting_results_views

        return budgeting_results_views.results(request, call=self)

    @path("hasil/unduh/", name="results_csv")
    def results_csv_route(self, request):
        from participation import budgeting_results_views

        return budgeting_results_views.results_csv(request, call=self)


class SuaraWargaPage(SectionIndexMixin, ViewRestrictionsRememberedMixin, RoutablePageMixin, Page):
    """/suara-warga/: residents' feedback that the government answered, a form to send more, and
    each item's tracking page. The routes' views are in participation.feedback_views."""

    intro = RichTextField(_("introduction"), blank=True, features=SIMPLE_TEXT)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Suara Warga page")

    @path("", name="published")
    def published_route(self, request):
        from participation import feedback_views

        return feedback_views.published_feedback(request, page=self)

    @path("kirim/", name="send")
    def send_route(self, request):
        from participation import feedback_views

        return feedback_views.feedback_send(request, page=self)

    @re_path(r"^(?P<code>[A-Za-z0-9-]{4,20})/$", name="track")
    def track_route(self, request, code):
        from participation import feedback_views

        return feedback_views.feedback_track(request, page=self, code=code)
