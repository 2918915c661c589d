"""A budgeting call's page on a 360 px phone: a resident of the area, not yet verified, opens the call in
its voting period and sees at once what they may do now (or why not: the kelurahan office, with the KTP)
and the timeline with today marked; once verified, the link to vote. No JavaScript needed."""

import pytest
from playwright.sync_api import expect

from participation.budgeting_phases import Phase
from regions.models import KelurahanOffice
from tests import factories
from tests.browser.test_learning_journey_in_browser import assert_fits_and_accessible
from tests.participation import budgeting_factories as budgeting

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def call_in_voting(wagtail_root):
    site_tree = factories.site_tree(factories.home_page())
    call = budgeting.call(site_tree, phase=Phase.VOTING, kelurahan_budgets=[(factories.region_chain(), 300_000_000)])
    resident = budgeting.resident_in_area("Siti Rahmawati")
    KelurahanOffice.objects.create(
        kelurahan=resident.learner_profile.kelurahan,
        name="Kantor Kelurahan Gunung Bahagia",
        address="Jl. Sepinggan No. 1",
        opening_hours="Senin–Jumat 08.00–15.00 WITA",
    )
    return call, resident


@pytest.mark.parametrize("javascript", [True, False])
def test_a_resident_on_a_phone_sees_what_they_may_do_now_and_the_timeline_with_today_marked(
    call_in_voting, live_server, new_tab, javascript
):
    call, resident = call_in_voting
    phone = new_tab(resident, javascript=javascript)
    phone.goto(live_server.url + call.url)

    # What they may do now comes first: not yet, and why, with their kelurahan's office.
    now = phone.locator("section.next-step")
    expect(now).to_be_visible()
    assert now.get_attribute("data-refusal") == "not-verified"
    expect(now.locator(".kelurahan-office h3")).to_have_text("Kantor Kelurahan Gunung Bahagia")
    headings = phone.locator("main h2")
    assert headings.first.get_attribute("id") == "sekarang"

    # The timeline: five steps in order, the voting step marked as the current one.
    steps = phone.locator("ol.call-timeline > li")
    expect(steps).to_have_count(5)
    current = phone.locator('ol.call-timeline > li[aria-current="step"]')
    expect(current).to_have_count(1)
    assert steps.nth(2).get_attribute("aria-current") == "step"
    expect(current.locator(".call-timeline-today")).to_be_visible()
    if javascript:  # axe and the width are measured by scripts in the page
        assert_fits_and_accessible(phone)

    # Verified at the kelurahan office: the page now offers the ballot.
    budgeting.verify(resident)
    phone.reload()
    action = phone.locator("section.next-step a.next-step-action")
    expect(action).to_be_visible()
    assert action.get_attribute("href") == call.url + "pilih/"
    box = action.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
