"""The privacy notice is the page chosen in the admin (Settings → Privacy notice): every page that
links to it follows the choice, a site with none chosen shows no link (and residents still sign up),
and only those who may change settings open the setting."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site

from accounts.models import LearnerProfile, PrivacyNoticeSettings
from organisations.models import Membership
from organisations.services import GOVERNMENT_STAFF_GROUP, government_role_grant, membership_set, organisation_create
from tests import factories

pytestmark = pytest.mark.django_db

SIGN_UP = "/akun/daftar/"
READ_THE_NOTICE = "Baca pemberitahuan privasi"


@pytest.fixture
def notices(home_page):
    return {
        "privasi": factories.standard_page(home_page, title="Pemberitahuan Privasi", slug="privasi"),
        "baru": factories.standard_page(home_page, title="Pemberitahuan Privasi 2027", slug="privasi-2027"),
    }


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(username="admin", password="x", email="admin@contoh.id")


def settings_menu_url():
    return reverse("wagtailsettings:edit", args=["accounts", "privacynoticesettings"])


def settings_url():
    return reverse("wagtailsettings:edit", args=["accounts", "privacynoticesettings", Site.objects.get().pk])


def notice_links(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [link["href"] for link in soup.find_all("a", string=READ_THE_NOTICE)]


def choose(page):
    chosen = PrivacyNoticeSettings.for_site(Site.objects.get())
    chosen.privacy_notice_page = page
    chosen.save()


def test_sign_up_links_to_the_notice_chosen_in_the_admin_and_follows_a_new_choice(client, notices, superuser):
    admin = client
    admin.force_login(superuser)
    response = admin.post(settings_url(), {"privacy_notice_page": notices["privasi"].pk})
    assert response.status_code == 302
    admin.logout()

    assert notice_links(client, SIGN_UP) == ["/privasi/"]

    admin.force_login(superuser)
    admin.post(settings_url(), {"privacy_notice_page": notices["baru"].pk})
    admin.logout()

    assert notice_links(client, SIGN_UP) == ["/privasi-2027/"]
    assert "Pemberitahuan Privasi 2027" in client.get("/privasi-2027/").text


def test_a_residents_profile_data_and_consent_pages_link_to_the_chosen_notice(client, notices):
    choose(notices["baru"])
    client.force_login(factories.learner())

    for url in ["/saya/profil/", reverse("privacy:data"), reverse("privacy:consent")]:
        assert notice_links(client, url) == ["/privasi-2027/"], url


def test_with_no_notice_chosen_sign_up_shows_no_link_and_a_resident_still_signs_up(client, home_page, sign_up_form):
    factories.standard_page(home_page, title="Pemberitahuan Privasi", slug="privasi")  # there, but not chosen

    assert notice_links(client, SIGN_UP) == []
    response = client.post(SIGN_UP, sign_up_form())

    assert response.status_code == 302
    assert LearnerProfile.objects.get().consent_given_at is not None


def test_a_chosen_notice_that_is_unpublished_is_not_linked(client, notices):
    choose(notices["privasi"])
    notices["privasi"].unpublish()

    assert notice_links(client, SIGN_UP) == []


def test_a_deleted_notice_leaves_no_page_chosen_and_no_link(client, notices):
    choose(notices["privasi"])
    notices["privasi"].delete()

    assert PrivacyNoticeSettings.objects.get().privacy_notice_page is None
    assert notice_links(client, SIGN_UP) == []


def test_a_superuser_opens_the_privacy_notice_setting_with_a_page_chooser(client, notices, superuser):
    client.force_login(superuser)

    assert settings_menu_url() in client.get(reverse("wagtailadmin_home")).text
    response = client.get(settings_menu_url(), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == settings_url()
    assert 'name="privacy_notice_page"' in response.text


def test_ngo_and_government_staff_cannot_open_or_change_the_privacy_notice_setting(client, notices):
    organisation = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    author = factories.resident(username="penulis")
    membership_set(user=author, organisation=organisation, role=Membership.Role.AUTHOR)
    government = factories.resident(username="pemkot")
    government_role_grant(user=government, group_name=GOVERNMENT_STAFF_GROUP)
    choose(notices["privasi"])

    for user in [author, government]:
        client.force_login(user)
        opened = client.get(settings_url())
        changed = client.post(settings_url(), {"privacy_notice_page": notices["baru"].pk})

        for response in [opened, changed]:
            assert response.status_code == 302, user.username
            assert response["Location"] == reverse("wagtailadmin_home"), user.username
        assert settings_menu_url() not in client.get(reverse("wagtailadmin_home")).text
    assert PrivacyNoticeSettings.objects.get().privacy_notice_page_id == notices["privasi"].pk


def test_a_resident_is_sent_to_log_in_and_changes_nothing(client, notices):
    choose(notices["privasi"])
    client.force_login(factories.learner())

    response = client.post(settings_url(), {"privacy_notice_page": notices["baru"].pk})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert PrivacyNoticeSettings.objects.get().privacy_notice_page_id == notices["privasi"].pk


NO_NOTICE_WARNING = "Belum ada pemberitahuan privasi yang dipilih"


def test_the_admin_home_warns_whoever_may_choose_the_notice_until_one_is_chosen(client, notices, superuser):
    client.force_login(superuser)

    home = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    warning = home.find(id="privacy-notice-missing-heading").find_parent("section")
    assert NO_NOTICE_WARNING in warning.get_text()
    assert warning.find("a")["href"] == settings_menu_url()

    choose(notices["privasi"])
    assert NO_NOTICE_WARNING not in client.get(reverse("wagtailadmin_home")).text


def test_staff_who_may_not_choose_the_notice_are_not_warned(client, notices):
    government = factories.resident(username="pemkot")
    government_role_grant(user=government, group_name=GOVERNMENT_STAFF_GROUP)
    client.force_login(government)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert NO_NOTICE_WARNING not in response.text
