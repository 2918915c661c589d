"""Issue 22, items 8 and 11: the admin greets and helps in our own words, and the small faults found on the
walk-through are gone, at the user's screen size (residents 360 px, the quiz 380 px, staff 1366 px)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from certificates.models import Certificate
from classes.models import Cohort
from tests.browser.accessibility import serious_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("demo_site")]

LAPTOP = {"width": 1366, "height": 768}
COURSE = "/kursus/hak-dan-kewajiban-warga/"


def lines_of(locator):
    """How many lines a piece of inline text takes on screen."""
    return locator.evaluate(
        "element => { const r = document.createRange(); r.selectNodeContents(element);"
        " return new Set([...r.getClientRects()].map(rect => Math.round(rect.top))).size; }"
    )


def test_a_resident_sees_a_full_size_class_code_box_one_line_codes_and_quiz_boxes_around_their_question(
    live_server, new_tab
):
    page = new_tab("warga2")  # 360 px

    # The class-code box on a course page (warga2 is in no class of this course).
    page.goto(live_server.url + COURSE)
    box = page.get_by_label("Kode kelas dari fasilitator Anda")
    expect(box).to_be_visible()
    assert box.bounding_box()["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(page) == []

    # The certificate's code, on the dashboard and on its verification page, on one line.
    code = Certificate.objects.get(enrolment__user__username="warga2").display_code
    page.goto(live_server.url + "/saya/")
    shown = page.locator(".nowrap", has_text=code)
    expect(shown).to_be_visible()
    assert lines_of(shown) == 1
    page.goto(live_server.url + reverse("certificates:verify", args=[code.replace("-", "")]))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(code)
    assert lines_of(heading.locator(".nowrap")) == 1
    assert serious_violations(page) == []

    # A quiz at 380 px (warga1 takes this course): each question's box holds its whole question, the border above it.
    page = new_tab("warga1", viewport={"width": 380, "height": 740})
    page.goto(live_server.url + COURSE + "hak-dan-kewajiban-dalam-uud-1945/")
    page.get_by_role("button", name=re.compile("^Mulai kuis")).click()
    questions = page.locator("fieldset.question")
    expect(questions.first).to_be_visible()
    wrapped = 0
    for index in range(questions.count()):
        question = questions.nth(index)
        box, legend = question.bounding_box(), question.locator("legend").bounding_box()
        assert legend["y"] >= box["y"] + 1, index  # below the top border, not through it
        assert legend["y"] + legend["height"] <= box["y"] + box["height"]
        wrapped += legend["height"] > 40
    assert wrapped, "no question long enough to wrap at 380 px: the check proves nothing"
    assert serious_violations(page) == []


def test_staff_sign_in_to_sekolah_warga_and_read_our_guides_from_the_help_menu(live_server, new_tab):
    page = new_tab(viewport=LAPTOP)
    page.goto(live_server.url + "/admin/login/")
    with translation.override("id"):
        greeting = translation.gettext("Sign in to %(site_name)s") % {"site_name": "Sekolah Warga"}
    expect(page.get_by_role("heading", level=1)).to_have_text(greeting)
    expect(page).to_have_title(re.compile("Sekolah Warga$"))
    assert "Wagtail" not in page.get_by_role("heading", level=1).inner_text()

    page = new_tab("fasilitator-lestari", viewport=LAPTOP)
    page.goto(live_server.url + "/admin/")
    page.get_by_role("button", name="Bantuan").click()
    menu = page.locator("#wagtail-sidebar")
    for title in ("Panduan penulis (mitra)", "Panduan fasilitator", "Panduan staf kelurahan"):
        expect(menu.get_by_role("link", name=title)).to_be_visible()
    expect(menu.locator("a[href*='guide.wagtail.org']")).to_have_count(0)
    menu.get_by_role("link", name="Panduan fasilitator").click()
    expect(page).to_have_url(live_server.url + "/admin/panduan/fasilitator/")
    expect(page.get_by_role("heading", name="Kemajuan dan bantuan")).to_be_visible()
    assert serious_violations(page) == []


def test_staff_see_a_bordered_paper_note_box_and_a_months_chart_across_the_dashboard(live_server, new_tab):
    cohort = Cohort.objects.get(facilitators__username="fasilitator-lestari")
    page = new_tab("fasilitator-lestari", viewport=LAPTOP)
    page.goto(live_server.url + reverse("cohorts:progress", args=[cohort.pk]))
    note = page.locator("input[name='note']").first
    expect(note).to_be_visible()
    assert note.evaluate("element => getComputedStyle(element).borderTopWidth") != "0px"
    # The placeholder is not cut off: its text fits the box.
    assert note.evaluate(
        "element => { const c = document.createElement('canvas').getContext('2d');"
        " const s = getComputedStyle(element); c.font = s.fontSize + ' ' + s.fontFamily;"
        " return c.measureText(element.placeholder).width"
        " <= element.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"
    )

    page = new_tab("pemkot", viewport=LAPTOP)
    page.goto(live_server.url + "/admin/")
    chart = page.locator(".sw-dashboard__chart").first
    row, svg = chart.bounding_box(), chart.locator("svg.sw-chart").bounding_box()
    assert svg["width"] >= row["width"] * 0.95
