"""The kelurahan staff role in the Wagtail admin ("Participation → Kelurahan staff"): government staff give it
to an account for a kelurahan or a whole kecamatan, and withdraw it.

Only the listing, the form that gives the role, the page that withdraws it and the history are mounted: an
assignment is never edited or deleted, so that who could act where, and when, stays on record (the audit log
holds who gave and withdrew it). The views write through participation.kelurahan_staff's services, whose
refusals come back as the form's errors. Who may use them is the model's permissions
(add/change/view_kelurahanstaffassignment), which only government staff hold (and superusers).
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.selectors import SERVICE_AREA_CODE, user_by_identifier
from core.admin_columns import DayColumn
from core.viewsets import UnmountedViewsMixin
from participation.admin_menu import PARTICIPATION_MENU_HOOK
from participation.kelurahan_staff import AssignmentError, kelurahan_staff_grant, kelurahan_staff_withdraw
from participation.models import KelurahanStaffAssignment
from regions.models import Region


def region_label(region):
    """A kecamatan says that it reaches all its kelurahan; a kelurahan names its kecamatan."""
    if region.level == Region.Level.DISTRICT:
        return _("Kecamatan %(kecamatan)s (all its kelurahan)") % {"kecamatan": region.name}
    if region.parent is not None:
        return _("%(kelurahan)s, Kecamatan %(kecamatan)s") % {
            "kelurahan": region.name,
            "kecamatan": region.parent.name,
        }
    return region.name


def person_label(user):
    """The name staff know the person by, and the username that tells two Sitis apart."""
    if user is None:
        return ""
    name = get_user_display_name(user)
    return name if name == user.get_username() else f"{name} ({user.get_username()})"


class KelurahanStaffAssignmentForm(WagtailAdminModelForm):
    """An existing account, named as its owner logs in, and a kelurahan or kecamatan of the city."""

    account = forms.CharField(
        label=gettext_lazy("Account"),
        max_length=254,
        help_text=gettext_lazy(
            "The username, e-mail address or phone number the person logs in with. "
            "They need an account first: they can sign up on the site."
        ),
    )

    class Meta:
        model = KelurahanStaffAssignment
        fields = ["region"]
        help_texts = {
            "region": gettext_lazy(
                "They organise this kelurahan's forums and answer its Suara Warga items; "
                "a kecamatan gives them all its kelurahan."
            )
        }

    field_order = ["account", "region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        # The city's kecamatan, each followed by its kelurahan: BPS codes nest, so their order groups them.
        region.queryset = (
            Region.objects.filter(
                level__in=[Region.Level.DISTRICT, Region.Level.VILLAGE], code__startswith=SERVICE_AREA_CODE
            )
            .select_related("parent")
            .order_by("code")
        )
        region.label_from_instance = region_label
        region.error_messages["invalid_choice"] = _("Choose a kelurahan or a kecamatan of the city.")

    def clean_account(self):
        user = user_by_identifier(self.cleaned_data["account"])
        if user is None or not user.is_active:
            raise forms.ValidationError(_("No active account has this username, e-mail address or phone number."))
        return user

    def validate_unique(self):
        # The rules (one assignment in force per person and region) are the service's, said in its words.
        pass


class KelurahanStaffCreateView(generic.CreateView):
    def save_instance(self):
        return kelurahan_staff_grant(
            user=self.form.cleaned_data["account"], region=self.form.cleaned_data["region"], by=self.request.user
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except AssignmentError as error:
            form.add_error("account" if error.field == "user" else "region", error.message)
            # What Wagtail's is_valid() sets for a form in error: the banner above the form.
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("%(person)s is now kelurahan staff of %(region)s.") % {
            "person": person_label(instance.user),
            "region": region_label(instance.region),
        }

    def get_success_buttons(self):
        return []  # there is no edit view to link to


class KelurahanStaffFilterSet(WagtailFilterSet):
    in_force = django_filters.BooleanFilter(
        field_name="withdrawn_at", lookup_expr="isnull", label=gettext_lazy("In force")
    )

    class Meta:
        model = KelurahanStaffAssignment
        fields = []


class PersonColumn(ButtonsColumnMixin, TitleColumn):
    """The staff member, with the row's buttons (withdraw, history) where Wagtail puts those of a title
    linked to its edit view, which an assignment does not have."""

    def __init__(self, *args, get_buttons, **kwargs):
        super().__init__(*args, **kwargs)
        self._get_buttons = get_buttons

    def get_buttons(self, instance, parent_context):
        return self._get_buttons(instance)


class KelurahanStaffIndexView(generic.IndexView):
    @cached_property
    def columns(self):
        return [
            PersonColumn(
                "user",
                label=gettext_lazy("Staff member"),
                accessor=lambda a: person_label(a.user),
                get_buttons=self.get_list_buttons,
            ),
            Column("region", label=gettext_lazy("Kelurahan or kecamatan"), accessor=lambda a: region_label(a.region)),
            Column("granted_by", label=gettext_lazy("Granted by"), accessor=lambda a: person_label(a.granted_by)),
            DayColumn("granted_at", label=gettext_lazy("Granted on")),
            Column(
                "withdrawn_by", label=gettext_lazy("Withdrawn by"), accessor=lambda a: person_label(a.withdrawn_by)
            ),
            DayColumn("withdrawn_at", label=gettext_lazy("Withdrawn on")),
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "region__parent", "granted_by", "withdrawn_by")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.withdrawn_at is None and self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                MenuItem(
                    _("Withdraw"),
                    url=reverse(kelurahan_staff_viewset.get_url_name("withdraw"), args=[quote(instance.pk)]),
                    icon_name="cross",
                    priority=30,
                )
            )
        buttons.append(
            MenuItem(
                _("History"),
                url=reverse(kelurahan_staff_viewset.get_url_name("history"), args=[quote(instance.pk)]),
                icon_name="history",
                priority=40,
            )
        )
        return buttons


def withdraw(request, pk):
    """Confirm, then withdraw: the person stops acting in that kelurahan (or kecamatan) at once."""
    viewset = kelurahan_staff_viewset
    if not viewset.permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    assignment = get_object_or_404(
        KelurahanStaffAssignment.objects.select_related("user", "region__parent", "withdrawn_by"), pk=pk
    )
    if request.method == "POST":
        if assignment.withdrawn_at is not None:
            messages.error(request, _("This role was already withdrawn."))
            return redirect(viewset.get_url_name("index"))
        kelurahan_staff_withdraw(assignment=assignment, by=request.user)
        messages.success(
            request,
            _("%(person)s is no longer kelurahan staff of %(region)s.")
            % {"person": person_label(assignment.user), "region": region_label(assignment.region)},
        )
        return redirect(viewset.get_url_name("index"))
    title = _("Withdraw the kelurahan staff role")
    context = {
        "page_title": title,
        "page_subtitle": person_label(assignment.user),
        "header_title": f"{title}: {person_label(assignment.user)}",
        "header_icon": "group",
        "assignment": assignment,
        "person": person_label(assignment.user),
        "region": region_label(assignment.region),
        "index_url": reverse(viewset.get_url_name("index")),
    }
    return TemplateResponse(request, "participation/admin/kelurahan_staff_withdraw.html", context)


class KelurahanStaffViewSet(UnmountedViewsMixin, ModelViewSet):
    """Who is kelurahan staff where: given and withdrawn by government staff."""

    model = KelurahanStaffAssignment
    icon = "group"
    menu_label = gettext_lazy("Kelurahan staff")
    menu_hook = PARTICIPATION_MENU_HOOK
    menu_order = 200
    url_prefix = "staf-kelurahan"
    index_view_class = KelurahanStaffIndexView
    add_view_class = KelurahanStaffCreateView
    filterset_class = KelurahanStaffFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["user__username", "user__first_name", "user__last_name", "region__name"]
    ordering = ["-granted_at"]

    # An assignment is withdrawn, never edited or deleted: these views are not mounted.
    unmounted_views = {"edit", "delete", "usage"}

    def get_form_class(self, for_update=False):
        return KelurahanStaffAssignmentForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/tarik/", withdraw, name="withdraw")]


kelurahan_staff_viewset = KelurahanStaffViewSet("kelurahan_staff")
