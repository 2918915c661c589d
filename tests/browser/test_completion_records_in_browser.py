"""The completion records report as a clerk uses it on an ordinary laptop screen, in a real browser."""

import pytest
from playwright.sync_api import expect

from classes.models import Cohort

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 768}
REPORT = "/admin/laporan/kelulusan/"


def test_every_column_can_be_scrolled_to_on_a_laptop_screen(new_tab, demo_site, live_server):
    page = new_tab("pemkot", viewport=LAPTOP)
    page.goto(live_server.url + REPORT)

    last_heading = page.get_by_role("columnheader", name="Status sertifikat")
    table_region = page.get_by_role("region", name="Catatan kelulusan")
    # Wider than the screen: the table scrolls on its own, the page around it does not.
    assert table_region.evaluate("region => region.scrollWidth > region.clientWidth")
    table_region.evaluate("region => { region.scrollLeft = region.scrollWidth; }")
    box = last_heading.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"] + 1  # +1: sub-pixel widths
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]


def test_the_exports_are_offered_with_the_filters_chosen(new_tab, demo_site, live_server):
    page = new_tab("pemkot", viewport=LAPTOP)
    page.goto(live_server.url + REPORT + "?status=completed")

    page.get_by_role("button", name="Tindakan").click()
    csv_link = page.get_by_role("link", name="Unduh CSV")
    expect(csv_link).to_be_visible()
    assert "status=completed" in csv_link.get_attribute("href")
    with page.expect_download() as download:
        csv_link.click()
    assert download.value.suggested_filename.endswith(".csv")
    expect(page.get_by_role("link", name="Unduh XLSX")).to_be_visible()


def test_choosing_a_course_lists_its_classes_in_the_class_filter(new_tab, demo_site, live_server):
    cohort = Cohort.objects.select_related("course").get(organisation__slug="yayasan-lingkungan-lestari")
    page = new_tab("pemkot", viewport=LAPTOP)
    page.goto(live_server.url + REPORT)

    page.get_by_role("button", name="Tampilkan saringan").click()
    page.get_by_role("button", name="Kursus").click()
    page.get_by_label("Kursus").select_option(label=cohort.course.title)
    expect(page).to_have_url(f"{live_server.url}{REPORT}?course={cohort.course_id}")

    # The filters come back with the results (the drawer closes): the class filter now lists the course's classes.
    page.get_by_role("button", name="Tampilkan saringan").click()
    page.get_by_role("button", name="Kelas", exact=True).click()
    class_filter = page.get_by_label("Kelas", exact=True)
    expect(class_filter.locator("option", has_text=cohort.name)).to_have_count(1)
    class_filter.select_option(label=cohort.name)
    expect(page).to_have_url(f"{live_server.url}{REPORT}?course={cohort.course_id}&cohort={cohort.pk}")
