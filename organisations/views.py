"""The organisations and memberships in the Wagtail admin, for government staff.

The views save through the services, so that a new organisation gets its groups and a
membership puts its user in the right ones, exactly as seed_demo and the tests do.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from organisations.models import Membership, Organisation
from organisations.selectors import membership_allowed
from organisations.services import membership_remove, membership_set, organisation_groups_install


class OrganisationCreateView(generic.CreateView):
    def save_instance(self):
        return organisation_groups_install(super().save_instance())


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    form_fields = ["name", "slug", "kind", "website", "logo", "contact_email", "contact_phone"]
    list_display = ["name", "kind", "contact_email"]
    search_fields = ["name"]
    add_view_class = OrganisationCreateView
    copy_view_enabled = False  # a copy would skip the services that make its groups

    def formfield_for_dbfield(self, db_field, **kwargs):
        # The admin's own fields, as a panel-built form would have them: clean one-line text (lms.apps),
        # the image chooser for the logo, https for a website typed without a scheme.
        return formfield_for_dbfield(db_field, **kwargs)


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "organisation", "role"]

    def clean_user(self):
        user = self.cleaned_data["user"]
        if not membership_allowed(user):
            raise forms.ValidationError(
                _("Administrators, government staff and reviewers oversee organisations and cannot join one.")
            )
        return user


class MembershipCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return membership_set(user=data["user"], organisation=data["organisation"], role=data["role"])


class MembershipEditView(generic.EditView):
    """Only the role changes: a membership of someone else, or elsewhere, is a new one."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for name in ("user", "organisation"):
            form.fields[name].disabled = True
        return form

    def save_instance(self):
        data = self.form.cleaned_data
        return membership_set(user=self.object.user, organisation=self.object.organisation, role=data["role"])


class MembershipDeleteView(generic.DeleteView):
    def delete_action(self):
        membership_remove(user=self.object.user, organisation=self.object.organisation)


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"

    def get_form_class(self, for_update=False):
        return MembershipForm

    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    copy_view_enabled = False


class OrganisationsGroup(ModelViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    items = (OrganisationViewSet("organisations"), MembershipViewSet("memberships"))
