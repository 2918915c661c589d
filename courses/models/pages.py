"""The course pages: /kursus/ → a course → its modules."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.page_cache import ViewRestrictionsRememberedMixin, query_parameters_read
from core.section_pages import SectionIndexMixin
from courses.blocks import LessonBodyBlock


class Topic(models.TextChoices):
    CIVIC_RIGHTS = "hak-warga", _("Civic rights and obligations")
    ENVIRONMENT = "lingkungan", _("Environmental management")
    BUDGET = "anggaran", _("Village and kelurahan budgets")


class QuizReview(models.TextChoices):
    """When a resident may see what a submitted quiz attempt reveals (as Moodle's review options)."""

    NEVER = "never", _("Never")
    AFTER_FINISHING = "after-finishing", _("After passing, or after the last allowed attempt")
    ALWAYS = "always", _("Always, after each attempt")


class ForumAttendance(models.TextChoices):
    """A public forum a course asks its residents to attend (participation.forum_course_requirement checks).
    The values are participation's forum kinds (ForumPage.Kind) where they name one; "forum" is any kind."""

    NONE = "", _("No forum")
    ANY_FORUM = "forum", _("Attend one public forum")
    MUSRENBANG = "musrenbang", _("Attend one musrenbang kelurahan")


class CourseIndexPage(SectionIndexMixin, ViewRestrictionsRememberedMixin, Page):
    """/kursus/: every published course, filterable by topic."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course index")

    def serve(self, request, *args, **kwargs):
        query_parameters_read(request, "topik")
        topics = request.GET.getlist("topik")
        if topics and (len(topics) > 1 or topics[0] not in Topic.values):
            # An unknown topic, or several: the whole list, at its own address. A page here would
            # be one more copy in the page cache for every made-up topic (core.page_cache).
            return redirect(self.get_url(request))
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_list

        context = super().get_context(request, *args, **kwargs)
        topic = request.GET.get("topik", "")
        context["topics"] = Topic.choices
        context["selected_topic"] = topic if topic in Topic.values else ""
        context["courses"] = course_list(index_page=self, topic=context["selected_topic"] or None)
        return context


class CoursePageForm(WagtailAdminPageForm):
    """An author writes courses for their own organisations only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from organisations.selectors import organisations_of_author

        if self.for_user is None or "organisation" not in self.fields:
            return
        own = organisations_of_author(self.for_user)
        # Reviewers and staff, who are nobody's authors, keep the course's own organisation.
        if not self.for_user.is_superuser and own.exists():
            self.fields["organisation"].queryset = own


class CoursePage(ViewRestrictionsRememberedMixin, RoutablePageMixin, Page):
    """A course: what it teaches, who runs it, and how it is completed."""

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("One or two sentences shown in course lists.")
    )
    outcomes = RichTextField(
        _("what you will learn"), features=["ul", "ol", "bold", "italic"], help_text=_("A short list of outcomes.")
    )
    duration_hours = models.PositiveSmallIntegerField(
        _("duration (hours)"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    pass_mark_percent = models.PositiveSmallIntegerField(
        _("quiz pass mark (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_quiz_attempts = models.PositiveSmallIntegerField(
        _("quiz attempts allowed"), default=3, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    shuffle_choices = models.BooleanField(_("shuffle quiz choices"), default=True)
    # A failed attempt that showed its answers would let anyone pass the next one by copying them.
    review_marks = models.CharField(
        _("show which answers were right"),
        max_length=20,
        choices=QuizReview.choices,
        default=QuizReview.AFTER_FINISHING,
        help_text=_("For a true/false question, this alone gives the answer away."),
    )
    review_answers = models.CharField(
        _("show the correct answers and explanations"),
        max_length=20,
        choices=QuizReview.choices,
        default=QuizReview.AFTER_FINISHING,
    )
    forum_attendance = models.CharField(
        _("forum to attend"),
        max_length=20,
        choices=ForumAttendance.choices,
        blank=True,
        default=ForumAttendance.NONE,
        help_text=_(
            "Optional: the course is complete only once the resident has also attended a forum of this kind, "
            "held after they enrolled."
        ),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("topic"), FieldPanel("organisation"), FieldPanel("duration_hours")], _("About")),
        FieldPanel("outcomes"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark_percent"),
                FieldPanel("max_quiz_attempts"),
                FieldPanel("shuffle_choices"),
                FieldPanel("review_marks"),
                FieldPanel("review_answers"),
                FieldPanel("forum_attendance"),
            ],
            _("Completion rule"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("topic")]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    # The explorer lists a course's modules in their order (the tree's), as residents see them, not
    # newest first; authors reorder them there.
    admin_default_ordering = "ord"
    base_form_class = CoursePageForm

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        from courses.hooks import course_leads_to, enrolment_groups, still_to_do
        from courses.selectors import completion_celebration, course_modules, course_progress, enrolment_for

        context = super().get_context(request, *args, **kwargs)
        context["modules"] = modules = list(course_modules(course=self))
        # The coming forums and open budgeting calls it prepares for (courses.hooks: participation's).
        context["leads_to"] = leads_to = course_leads_to(self, now=timezone.now())
        context["enrolment"] = enrolment = enrolment_for(user=request.user, course=self)
        if enrolment is not None:
            context["progress"] = course_progress(enrolment=enrolment, modules=modules)
            # Once complete, "Congratulations" with the certificate's state and what the course prepares for.
            context["celebration"] = completion_celebration(enrolment=enrolment, course=self, leads_to=leads_to)
            # The class it is taken in (courses.hooks): no class code to type in any more.
            context["enrolment_group"] = enrolment_groups([enrolment]).get(enrolment.pk)
            # What higher apps' requirements still ask (a class's attendance, a forum), as on the dashboard.
            context["still_to_do"] = still_to_do([enrolment]).get(enrolment.pk, [])
        return context

    @path("ikuti/", name="enrol")
    def enrol_route(self, request):
        from courses import views

        return views.course_enrol(request, course=self)


class ModulePage(ViewRestrictionsRememberedMixin, RoutablePageMixin, Page):
    """One lesson of a course, with an optional quiz whose questions are edited inline."""

    summary = models.TextField(_("summary"), max_length=300, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("lesson"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
        InlinePanel("quiz_questions", heading=_("Quiz"), label=_("Question")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import module_addresses, module_outline, module_page_state

        context = super().get_context(request, *args, **kwargs)
        context.update(outline := module_outline(module=self))
        context["addresses"] = module_addresses(module=self, course=outline["course"], request=request)
        context.update(module_page_state(user=request.user, module=self, outline=outline))
        if getattr(request, "is_preview", False):
            context["question_count"] = self.quiz_questions.count()  # the draft's questions, not the live ones
        return context

    def serve_preview(self, request, mode_name):
        """The module as residents will see it, with its quiz's answer key below the lesson
        (courses/includes/quiz_answer_key.html): authors and reviewers approve the answers too.

        Only here: Wagtail calls this from its admin previews alone (editing, a revision, a workflow's
        review), each after checking that the person may edit or review the page. The live page
        (``serve``, its routes and the page cache) never reads the key, so correct answers never reach
        a resident's browser before their attempt is submitted. Wagtail marks a preview private, and
        the page cache keeps no private response (core.page_cache).
        """
        response = super().serve_preview(request, mode_name)
        # Belt and braces: a preview is the admin's, never a resident's.
        if getattr(response, "context_data", None) is not None and request.user.has_perm("wagtailadmin.access_admin"):
            # The questions being previewed: the draft's, in their order, saved or not. One added
            # without a sort order (not through the editor's panel) comes after the numbered ones.
            questions = sorted(
                self.quiz_questions.all(),
                key=lambda question: (question.sort_order is None, question.sort_order or 0),
            )
            response.context_data["quiz_answer_key"] = questions
        return response

    @path("selesai/", name="mark_read")
    def mark_read_route(self, request):
        from courses import views

        return views.module_mark_read(request, module=self)

    @path("kuis/", name="quiz")
    def quiz_route(self, request):
        from courses import views

        return views.quiz(request, module=self)

    @path("kuis/<uuid:token>/", name="quiz_result")
    def quiz_result_route(self, request, token):
        from courses import views

        return views.quiz_result(request, module=self, token=token)
