"""The completion records' filter drawer on an ordinary laptop screen (1366 × 768): every one of its filters
is within the drawer's visible height, its menu and each filter opened, with no scrolling inside it; a phone
number typed in any form finds the resident; axe finds nothing serious."""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import serious_violations
from tests.reports import records_fixtures

pytestmark = pytest.mark.django_db(transaction=True)

world = records_fixtures.world
records = records_fixtures.records

# Each test asks for wagtail_root first: the browser tests empty every table after them, Wagtail's root page
# included, and the residents' pages are built on it.
LAPTOP = {"width": 1366, "height": 768}
REPORT = "/admin/laporan/kelulusan/"
FILTERS = [
    "Kursus",
    "Topik",
    "Organisasi",
    "Kelas",
    "Kecamatan",
    "Kelurahan",
    "Status",
    "Sertifikat",
    "Terdaftar antara",
    "Selesai antara",
    "Jenis kelamin",
]

# The drawer's scrolling box (Wagtail's), and how far a box's bottom is below the box's visible bottom
# (> 0: hidden, to be scrolled to), in the drawer's own coordinates.
DRAWER = "#filters-drilldown .w-drilldown__contents"
BELOW_THE_DRAWER = """([drawer, element]) => {
    const visible = drawer.getBoundingClientRect();
    const bottom = Math.min(visible.top + drawer.clientHeight, window.innerHeight);
    return element.getBoundingClientRect().bottom - bottom;
}"""


def below_the_drawer(page, element):
    drawer = page.locator(DRAWER).element_handle()
    return page.evaluate(BELOW_THE_DRAWER, [drawer, element.element_handle()])


def test_every_filter_is_in_sight_in_the_drawer_on_a_laptop(wagtail_root, new_tab, records, live_server):
    page = new_tab(records["users"]["government"], viewport=LAPTOP)
    page.goto(live_server.url + REPORT)

    page.get_by_role("button", name="Tampilkan saringan").click()
    drawer = page.locator(DRAWER)
    expect(drawer).to_be_visible()

    menu = page.locator("#filters-drilldown .w-drilldown__menu")
    toggles = menu.locator("> .w-drilldown__toggle")
    assert [text.strip() for text in toggles.all_inner_texts()] == FILTERS
    assert drawer.evaluate("box => box.scrollHeight <= box.clientHeight")  # nothing to scroll to
    for toggle in toggles.all():
        assert below_the_drawer(page, toggle) <= 0, toggle.inner_text()
    assert serious_violations(page) == []

    # Each filter, opened, shows its fields (the periods two dates each) within the drawer too.
    for name in FILTERS:
        menu.get_by_role("button", name=name, exact=True).click()
        submenu = page.locator("#filters-drilldown .w-drilldown__submenu:not([hidden])")
        expect(submenu).to_be_visible()
        for field in submenu.locator("select, input:not([type=hidden])").all():
            assert below_the_drawer(page, field) <= 0, name
        submenu.locator(".w-drilldown__back").click()


def test_a_phone_typed_as_written_on_paper_finds_the_resident(wagtail_root, new_tab, records, live_server):
    page = new_tab(records["users"]["government"], viewport=LAPTOP)
    page.goto(live_server.url + REPORT)

    page.get_by_role("textbox", name="Kata kunci pencarian").fill("0812-3450-0001")
    page.keyboard.press("Enter")

    table = page.get_by_role("region", name="Catatan kelulusan")
    expect(table.get_by_role("link", name="Budi Santoso")).to_be_visible()
    expect(table.get_by_role("link")).to_have_count(1)
    expect(table.get_by_role("cell", name="0812****0001")).to_be_visible()
    assert serious_violations(page) == []
