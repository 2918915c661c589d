"""Forum schedules in the admin: "Participation → Forum schedules" (Jadwal forum).

Kelurahan staff keep their kelurahan's schedules, government staff everyone's (participation.scope): the
listing shows only those in the person's scope, and another kelurahan's schedule is "not found" at its
address (edit, delete, history). Who may open the screens at all is Django's model permissions on
ForumSchedule, which participation.kelurahan_staff.participation_permissions_install gives both groups;
residents and NGO staff hold none.

Saving a schedule creates its coming meetings at once as drafts under /forum/
(participation.forum_schedules), and the message says how many: the organiser then checks and
publishes each on its page.
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.scoped_views import ScopedObjectMixin
from core.viewsets import UnmountedViewsMixin
from participation.admin_menu import PARTICIPATION_MENU_HOOK
from participation.forum_schedules import schedule_drafts_create
from participation.models import ForumSchedule
from participation.scope import EVERYWHERE, in_kelurahan_scope, kelurahan_scope, may_act_in
from regions.models import Region


class ForumSchedulePermissionPolicy(ModelPermissionPolicy):
    """The model permission, and a kelurahan scope that is not empty; each schedule, its kelurahan's."""

    def user_has_permission(self, user, action):
        if not super().user_has_permission(user, action):
            return False
        scope = kelurahan_scope(user)
        return scope is EVERYWHERE or bool(scope)

    def user_has_permission_for_instance(self, user, action, instance):
        # kelurahan_id is the kelurahan's BPS code: no query for it.
        return self.user_has_permission(user, action) and may_act_in(user, instance.kelurahan_id)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return ForumSchedule.objects.none()
        return in_kelurahan_scope(ForumSchedule.objects.all(), user)


forum_schedule_permission_policy = ForumSchedulePermissionPolicy(ForumSchedule)
# Before anything asks Wagtail's registry for the policy (wagtail_hooks imports this module).
register_permission_policy(ForumSchedule, forum_schedule_permission_policy)


def schedule_rule(schedule):
    """ "First Saturday of the month, 09.00 WITA", as the listing says it."""
    from django.utils.formats import time_format

    rule = _("%(week)s %(weekday)s of the month, %(time)s WITA") % {
        "week": schedule.get_week_display(),
        "weekday": schedule.get_weekday_display(),
        "time": time_format(schedule.start_time, "TIME_FORMAT"),
    }
    return capfirst(rule)


class ForumScheduleForm(WagtailAdminModelForm):
    """A schedule's kelurahan is one where the person may act, as on a forum's page (ForumPageForm)."""

    class Meta:
        model = ForumSchedule
        fields = [
            "kelurahan",
            "title",
            "kind",
            "week",
            "weekday",
            "start_time",
            "duration_minutes",
            "venue",
            "latitude",
            "longitude",
            "organiser",
            "capacity",
            "agenda",
            "active",
        ]
        help_texts = {
            "title": gettext_lazy("Each meeting is called this, followed by its date."),
            "week": gettext_lazy("For example the first Saturday of the month, or the last Friday."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["kelurahan"]
        field.queryset = field.queryset.filter(level=Region.Level.VILLAGE).order_by("name")
        scope = kelurahan_scope(self.for_user) if self.for_user is not None else frozenset()
        if scope is not EVERYWHERE:
            field.queryset = field.queryset.filter(code__in=scope)
            field.error_messages["invalid_choice"] = _(
                "Choose a kelurahan where you are kelurahan staff: you organise forums there only."
            )

    def clean(self):
        cleaned_data = super().clean()
        if (cleaned_data.get("latitude") is None) != (cleaned_data.get("longitude") is None):
            self.add_error(
                "longitude", forms.ValidationError(_("Give both the latitude and the longitude, or neither."))
            )
        return cleaned_data


class DraftsCreatedMixin:
    """Saving creates the schedule's missing meetings as drafts, in the same transaction, and says how many."""

    def save_instance(self):
        instance = super().save_instance()
        self.drafts = schedule_drafts_create(instance, by=self.request.user)
        return instance

    def drafts_message(self):
        count = len(self.drafts)
        if not count:
            if not self.object.active:
                return _("The schedule is inactive: it creates no meetings.")
            return _("Its coming meetings exist already: no new draft was created.")
        return ngettext(
            "%(count)s meeting was created as a draft under Forum: check it and publish it.",
            "%(count)s meetings were created as drafts under Forum: check them and publish each one.",
            count,
        ) % {"count": count}

    def schedule_saved_message(self):
        return _("Forum schedule “%(title)s” saved.") % {"title": self.object.title} + " " + self.drafts_message()


class ForumScheduleCreateView(DraftsCreatedMixin, generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_message(self, instance):
        return self.schedule_saved_message()


class ForumScheduleEditView(ScopedObjectMixin, DraftsCreatedMixin, generic.EditView):
    instance_action = "change"

    def get_success_message(self):
        return self.schedule_saved_message()


class ForumScheduleDeleteView(ScopedObjectMixin, generic.DeleteView):
    """Deleting a schedule keeps the meetings it created (their schedule is emptied)."""

    instance_action = "delete"


class ForumScheduleHistoryView(ScopedObjectMixin, history.HistoryView):
    any_permission_required = ["view"]


class ForumScheduleIndexView(generic.IndexView):
    def get_base_queryset(self):
        visible = forum_schedule_permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        )
        return visible.select_related("kelurahan")


class ForumScheduleViewSet(UnmountedViewsMixin, ModelViewSet):
    name = "forum_schedules"
    model = ForumSchedule
    icon = "date"
    menu_label = gettext_lazy("Forum schedules")
    menu_hook = PARTICIPATION_MENU_HOOK
    menu_order = 310
    url_prefix = "jadwal-forum"
    permission_policy = forum_schedule_permission_policy
    # The meetings refer to a schedule through a foreign key that Wagtail's usage count does not see.
    unmounted_views = {"usage"}
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    index_view_class = ForumScheduleIndexView
    add_view_class = ForumScheduleCreateView
    edit_view_class = ForumScheduleEditView
    delete_view_class = ForumScheduleDeleteView
    history_view_class = ForumScheduleHistoryView
    list_filter = ["active"]
    search_fields = ["title", "venue", "kelurahan__name"]
    ordering = ["kelurahan__name", "title"]

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "title",
                label=gettext_lazy("Title"),
                get_url=lambda schedule: self.get_edit_url(schedule),
                sort_key="title",
            ),
            Column(
                "kelurahan", label=gettext_lazy("Kelurahan"), accessor="kelurahan.name", sort_key="kelurahan__name"
            ),
            Column("rule", label=gettext_lazy("When"), accessor=schedule_rule),
            Column("venue", label=gettext_lazy("Venue")),
            BooleanColumn("active", label=gettext_lazy("Active")),
        ]

    def get_form_class(self, for_update=False):
        return ForumScheduleForm

    def get_edit_url(self, schedule):
        from django.contrib.admin.utils import quote
        from django.urls import reverse

        return reverse(self.get_url_name("edit"), args=[quote(schedule.pk)])


@hooks.register("register_admin_viewset")
def register_forum_schedules():
    return ForumScheduleViewSet()
