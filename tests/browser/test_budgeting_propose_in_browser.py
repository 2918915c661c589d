"""Proposing in a budgeting call on a 360 px phone: a resident of the area who completed the call's course
opens the call, follows "propose", fills the form with a photo and lands on their proposal's page, found
again in the call's list marked "Terlatih"; an estimate above the call's ceiling comes back with the error
naming the ceiling, and nothing is saved."""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from participation.budgeting_phases import Phase
from participation.models import BudgetingCategory, Proposal
from tests import factories
from tests.browser.test_learning_journey_in_browser import assert_fits_and_accessible
from tests.participation import budgeting_factories as budgeting

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Perbaikan drainase Jl. Mawar"
DESCRIPTION = "Saluran air di Jl. Mawar RT 03 tersumbat dan meluap ke rumah warga setiap hujan deras."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def call_with_course(wagtail_root):
    site_tree = factories.site_tree(factories.home_page())
    course = factories.course_page(site_tree["courses"])
    call = budgeting.call(site_tree, phase=Phase.PROPOSALS, prerequisite_course=course, ceiling_rupiah=200_000_000)
    resident = budgeting.resident_in_area("Siti Rahmawati")
    factories.enrolment(user=resident, course=course, completed_at="2026-01-05T10:00+08:00")
    return call, resident


def fill_the_form(phone, *, cost):
    phone.locator("input[name=title]").fill(TITLE)
    phone.locator("textarea[name=description]").fill(DESCRIPTION)
    phone.locator("select[name=category]").select_option(str(BudgetingCategory.objects.get(name="Drainase").pk))
    phone.locator("input[name=rt]").fill("003")
    phone.locator("input[name=rw]").fill("07")
    phone.locator("input[name=latitude]").fill("-1.268300")
    phone.locator("input[name=longitude]").fill("116.828900")
    phone.locator("input[name=estimated_cost]").fill(cost)


def test_a_trained_resident_proposes_with_a_photo_and_sees_their_proposal(
    call_with_course, live_server, new_tab, tmp_path
):
    call, resident = call_with_course
    photo = tmp_path / "drainase.jpg"
    Image.new("RGB", (3000, 4000), "gray").save(photo, "JPEG")
    phone = new_tab(resident)

    phone.goto(live_server.url + call.url)
    phone.locator(f"a[href$='{call.url}usulan/baru/']").first.click()
    assert phone.url == live_server.url + call.url + "usulan/baru/"
    # Their own kelurahan is chosen already.
    assert phone.locator("select[name=kelurahan]").input_value() == resident.learner_profile.kelurahan_id
    fill_the_form(phone, cost="50000000")
    phone.locator("input[name=photo]").set_input_files(photo)
    assert_fits_and_accessible(phone)
    phone.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    phone.wait_for_url(re.compile(r"/usulan/[0-9]+/$"))  # the proposal's page: saved by then

    proposal = Proposal.objects.get()
    assert phone.url == f"{live_server.url}{call.url}usulan/{proposal.pk}/"
    expect(phone.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(phone.locator(".proposal-trained")).to_be_visible()
    expect(phone.locator("img.proposal-photo")).to_be_visible()
    assert phone.locator("a.share-whatsapp").get_attribute("href").startswith("https://wa.me/?text=")
    assert "openstreetmap.org/?mlat=-1.268300&mlon=116.828900" in phone.locator("main").inner_html().replace(
        "&amp;", "&"
    )
    assert_fits_and_accessible(phone)
    assert proposal.author == resident and proposal.photo and proposal.estimated_cost == 50_000_000

    # The call's list shows it, with its thumbnail and "Terlatih".
    phone.goto(live_server.url + call.url + "usulan/")
    item = phone.locator(f"#usulan-{proposal.pk}")
    expect(item.get_by_role("link", name=TITLE)).to_be_visible()
    expect(item.locator(".proposal-trained")).to_be_visible()
    expect(item.locator("img.proposal-thumbnail")).to_be_visible()
    assert_fits_and_accessible(phone)


def test_an_estimate_above_the_ceiling_shows_the_error_and_nothing_is_saved(call_with_course, live_server, new_tab):
    call, resident = call_with_course
    phone = new_tab(resident)

    phone.goto(live_server.url + call.url + "usulan/baru/")
    fill_the_form(phone, cost="250000000")
    phone.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    phone.wait_for_load_state()

    error = phone.locator("input[name=estimated_cost]").locator("xpath=ancestor::*[contains(@class,'field')][1]")
    expect(error).to_contain_text("200.000.000")
    assert phone.locator("input[name=title]").input_value() == TITLE  # what was typed is kept
    assert_fits_and_accessible(phone)
    assert not Proposal.objects.exists()
