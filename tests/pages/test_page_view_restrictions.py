"""Pages an author made private: to logged-in people, or to some groups (Wagtail's "Privacy" setting).

A visitor who is not logged in is sent to log in. Someone already logged in who is outside the page's
groups is refused with a page that says so: sending them to log in would bounce them straight back.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_group():
    return Group.objects.create(name="Staf Kelurahan")


@pytest.fixture
def staff_only_page(site_tree, staff_group):
    page = factories.standard_page(site_tree["home"], title="Catatan Rapat Staf", intro="RAHASIA-RAPAT")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([staff_group])
    return page


def test_a_visitor_is_sent_to_log_in(client, staff_only_page):
    response = client.get(staff_only_page.url)

    assert response.status_code == 302
    assert response["Location"] == f"/akun/masuk/?next={staff_only_page.url}"


def test_a_logged_in_resident_outside_the_group_is_refused_not_sent_round_the_log_in_page(client, staff_only_page):
    client.force_login(factories.resident())

    response = client.get(staff_only_page.url, follow=True)

    # One answer, no redirect: the log-in page would have sent them back here, and round again.
    assert response.redirect_chain == []
    assert response.status_code == 403
    assert "RAHASIA-RAPAT" not in response.text
    assert "Anda tidak berhak membuka halaman ini." in response.text


def test_a_member_of_the_group_reads_the_page(client, staff_only_page, staff_group):
    member = factories.resident()
    member.groups.add(staff_group)
    client.force_login(member)

    response = client.get(staff_only_page.url)

    assert response.status_code == 200
    assert "RAHASIA-RAPAT" in response.text


def test_a_page_for_logged_in_people_is_read_by_any_resident(client, site_tree):
    page = factories.standard_page(site_tree["home"], title="Untuk Warga Terdaftar", intro="KHUSUS-WARGA")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(factories.resident())

    response = client.get(page.url)

    assert response.status_code == 200
    assert "KHUSUS-WARGA" in response.text
