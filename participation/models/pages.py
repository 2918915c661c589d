"""Page types for taking part: the kelurahan public forums, the participatory budgeting calls and Suara Warga.

They moved here from cms_pages (issue 16); their tables and content types moved with them
(cms_pages/migrations/0003_move_participation_pages.py).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.page_cache import ViewRestrictionsRememberedMixin
from core.rich_text import RICH_TEXT, SIMPLE_TEXT
from core.section_pages import SectionIndexMixin


class ForumIndexPage(SectionIndexMixin, ViewRestrictionsRememberedMixin, Page):
    """/forum/: the kelurahan public forums, upcoming first."""

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


class ForumPage(ViewRestrictionsRememberedMixin, Page):
    """One meeting of a kelurahan public forum."""

    kelurahan = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "village"},
        related_name="+",
    )
    starts_at = models.DateTimeField(_("starts at"))
    venue = models.CharField(_("venue"), max_length=200)
    agenda = RichTextField(_("agenda"), features=SIMPLE_TEXT)
    minutes = RichTextField(_("minutes"), blank=True, features=RICH_TEXT, help_text=_("Filled in after the meeting."))
    related_courses = ParentalManyToManyField(
        "courses.CoursePage", verbose_name=_("related courses"), blank=True, related_name="+"
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kelurahan"), FieldRowPanel([FieldPanel("starts_at"), FieldPanel("venue")])],
            _("When and where"),
        ),
        FieldPanel("agenda"),
        FieldPanel("minutes"),
        FieldPanel("related_courses"),
    ]

    parent_page_types = ["participation.ForumIndexPage"]
    subpage_types = []
    base_form_class = ForumPageForm

    class Meta:
        verbose_name = _("forum")

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


class BudgetingCallPage(ViewRestrictionsRememberedMixin, Page):
    """A call for residents' proposals for part of a kecamatan's or kelurahan's budget."""

    area = models.ForeignKey(
        "regions.Region",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        help_text=_("The kecamatan or kelurahan whose residents may propose."),
        related_name="+",
    )
    scope = RichTextField(_("what can be proposed"), features=SIMPLE_TEXT)
    ceiling_rupiah = models.PositiveBigIntegerField(
        _("budget ceiling (Rp)"), validators=[MinValueValidator(1)], help_text=_("The most one proposal may cost.")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("budget year"), validators=[MinValueValidator(2000)])
    proposals_open = models.DateField(_("proposals open"))
    proposals_close = models.DateField(_("proposals close"))
    eligibility = RichTextField(_("who may propose"), features=SIMPLE_TEXT)
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
        FieldRowPanel([FieldPanel("ceiling_rupiah"), FieldPanel("fiscal_year")]),
        FieldRowPanel([FieldPanel("proposals_open"), FieldPanel("proposals_close")], heading=_("Proposal period")),
        FieldPanel("eligibility"),
        FieldPanel("prerequisite_course"),
        FieldPanel("body"),
    ]

    parent_page_types = ["participation.BudgetingCallIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("budgeting call")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposals_close__gte=models.F("proposals_open")),
                name="budgeting_call_closes_after_it_opens",
            )
        ]

    def clean(self):
        super().clean()
        if self.proposals_open and self.proposals_close and self.proposals_close < self.proposals_open:
            raise ValidationError({"proposals_close": _("The closing date must not be before the opening date.")})

    def is_open(self, today):
        return self.proposals_open <= today <= self.proposals_close

    def get_context(self, request, *args, **kwargs):
        from participation.selectors import budgeting_call_courses, budgeting_call_prerequisite_met

        context = super().get_context(request, *args, **kwargs)
        # The course to take first, whether the visitor completed it, and so whether they may propose.
        context["courses"] = budgeting_call_courses(call=self, user=request.user)
        if self.prerequisite_course_id is not None and request.user.is_authenticated:
            context["prerequisite_met"] = budgeting_call_prerequisite_met(call=self, user=request.user)
        return context


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
