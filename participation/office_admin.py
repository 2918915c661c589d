"""Kelurahan offices in the admin: "Participation → Kelurahan offices" (Kantor kelurahan), a snippet.

The password-reset page lists the offices (address, opening hours, contact) so a resident who signed up
with a phone number only knows where to go for a code (participation.counter_reset). Government staff
keep every office; kelurahan staff their own kelurahan's (participation.scope); anyone else sees none.
The model lives in regions, below accounts, whose reset page reads it.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets

from core.scoped_views import ScopedObjectMixin
from participation.admin_menu import PARTICIPATION_MENU_HOOK
from participation.scope import EVERYWHERE, in_kelurahan_scope, kelurahan_scope, may_act_in
from regions.models import KelurahanOffice, Region


class KelurahanOfficePermissionPolicy(BasePermissionPolicy):
    """Whoever acts in participation somewhere may keep the offices of the kelurahan where they act."""

    def user_has_permission(self, user, action):
        if not user.is_authenticated or not user.is_active:
            return False
        scope = kelurahan_scope(user)
        return scope is EVERYWHERE or bool(scope)

    def user_has_permission_for_instance(self, user, action, instance):
        # kelurahan_id is the kelurahan's BPS code: no query for it.
        return self.user_has_permission(user, action) and may_act_in(user, instance.kelurahan_id)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_permission(user, "change"):
            return KelurahanOffice.objects.none()
        return in_kelurahan_scope(KelurahanOffice.objects.all(), user)


kelurahan_office_permission_policy = KelurahanOfficePermissionPolicy(KelurahanOffice)
register_permission_policy(KelurahanOffice, kelurahan_office_permission_policy)


class KelurahanOfficeForm(WagtailAdminModelForm):
    """An office's kelurahan is one where the person may act."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["kelurahan"]
        field.queryset = Region.objects.filter(level=Region.Level.VILLAGE).order_by("name")
        scope = kelurahan_scope(self.for_user) if self.for_user is not None else frozenset()
        if scope is not EVERYWHERE:
            field.queryset = field.queryset.filter(code__in=scope)
            field.error_messages["invalid_choice"] = _(
                "Choose a kelurahan where you are kelurahan staff: you keep its office only."
            )


class KelurahanOfficeIndexView(snippets.IndexView):
    def get_base_queryset(self):
        visible = kelurahan_office_permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )
        return visible.select_related("kelurahan")


class KelurahanOfficeEditView(ScopedObjectMixin, snippets.EditView):
    instance_action = "change"


class KelurahanOfficeDeleteView(ScopedObjectMixin, snippets.DeleteView):
    instance_action = "delete"


class KelurahanOfficeHistoryView(ScopedObjectMixin, snippets.HistoryView):
    pass


class KelurahanOfficeViewSet(snippets.SnippetViewSet):
    model = KelurahanOffice
    icon = "site"
    menu_label = gettext_lazy("Kelurahan offices")
    menu_hook = PARTICIPATION_MENU_HOOK
    menu_order = 295  # beside the counter's sign-in codes (participation.counter_reset_views)
    url_prefix = "kantor-kelurahan"
    permission_policy = kelurahan_office_permission_policy
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = KelurahanOfficeIndexView
    edit_view_class = KelurahanOfficeEditView
    delete_view_class = KelurahanOfficeDeleteView
    history_view_class = KelurahanOfficeHistoryView
    search_fields = ["name", "kelurahan__name"]
    ordering = ["kelurahan__name"]
    edit_handler = ObjectList(
        [
            FieldPanel("kelurahan"),
            FieldPanel("name"),
            FieldPanel("address"),
            FieldPanel("opening_hours"),
            FieldPanel("phone"),
            FieldPanel("email"),
        ],
        base_form_class=KelurahanOfficeForm,
    )
    list_display = [
        "name",
        Column("kelurahan", label=gettext_lazy("Kelurahan"), accessor="kelurahan.name"),
        "phone",
    ]


register_snippet(KelurahanOfficeViewSet)
