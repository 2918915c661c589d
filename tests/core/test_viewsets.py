"""core.viewsets.UnmountedViewsMixin: the generic views a viewset leaves out have no address, the views it
keeps still have theirs, and the kept views are given no address of a left-out one to link to."""

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.admin.admin_url_finder import AdminURLFinder

from certificates.viewsets import CertificateViewSet, CourseCertificateTemplateViewSet
from courses.grant_views import CourseGrantViewSet
from organisations.models import GOVERNMENT_STAFF_GROUP
from participation.kelurahan_staff_views import KelurahanStaffViewSet
from tests import factories

# viewset -> (its namespace, the views left out, a view kept that takes an object)
VIEWSETS = {
    CertificateViewSet: ("issued_certificates", {"add", "edit", "delete", "usage"}, "inspect"),
    CourseCertificateTemplateViewSet: ("course_certificate_templates", {"usage"}, "edit"),
    CourseGrantViewSet: ("course_grants", {"edit", "delete", "usage", "history"}, "withdraw"),
    KelurahanStaffViewSet: ("kelurahan_staff", {"edit", "delete", "usage"}, "withdraw"),
}


def address(namespace, view):
    return reverse(f"{namespace}:{view}", args=[] if view in ("index", "add") else [1])


@pytest.mark.parametrize("viewset", VIEWSETS, ids=lambda viewset: viewset.__name__)
def test_the_views_a_viewset_leaves_out_have_no_address_and_the_others_keep_theirs(viewset):
    namespace, left_out, kept = VIEWSETS[viewset]

    assert viewset.unmounted_views == left_out
    for view in left_out:
        with pytest.raises(NoReverseMatch):
            address(namespace, view)
    assert address(namespace, "index")
    assert address(namespace, kept)


@pytest.mark.parametrize("viewset", VIEWSETS, ids=lambda viewset: viewset.__name__)
def test_the_kept_views_are_given_no_address_of_a_view_left_out(viewset):
    namespace, left_out, _kept = VIEWSETS[viewset]
    view_kwargs = viewset(name=namespace).get_common_view_kwargs()

    assert {view: view_kwargs[f"{view}_url_name"] for view in left_out} == dict.fromkeys(left_out)
    assert view_kwargs["index_url_name"] == f"{namespace}:index"


@pytest.mark.django_db
def test_an_object_without_an_edit_view_has_no_edit_address_in_the_site_history(client, site_tree):
    """The site history links each entry to its object's edit view: government staff, who may change
    kelurahan staff assignments, met a server error there while assignments have no edit view."""
    government = factories.users_with_roles(government=[("pemkot", GOVERNMENT_STAFF_GROUP)])["pemkot"]
    assignment = factories.kelurahan_staff(by=government).kelurahan_assignments.get()

    assert AdminURLFinder(government).get_edit_url(assignment) is None
    client.force_login(government)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "staf-gunungbahagia · Gunung Bahagia" in response.content.decode()  # the grant, listed
