"""core.viewsets.UnmountedViewsMixin: the generic views a viewset leaves out have no address, the views it
keeps still have theirs, and the kept views are given no address of a left-out one to link to."""

import pytest
from django.urls import NoReverseMatch, reverse

from certificates.viewsets import CertificateViewSet, CourseCertificateTemplateViewSet
from courses.grant_views import CourseGrantViewSet

# viewset -> (its namespace, the views left out, a view kept that takes an object)
VIEWSETS = {
    CertificateViewSet: ("issued_certificates", {"add", "edit", "delete", "usage"}, "inspect"),
    CourseCertificateTemplateViewSet: ("course_certificate_templates", {"usage"}, "edit"),
    CourseGrantViewSet: ("course_grants", {"edit", "delete", "usage", "history"}, "withdraw"),
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
