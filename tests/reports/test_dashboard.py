"""The learning figures on the admin home: what each role sees, charts that say what their tables say,
months in WITA, and a page whose queries neither grow with the enrolments nor repeat within ten minutes.

Residents (all enrolled a month or two ago, so their months fall in the chart's window):
- Lestari's learners: Ani (Lestari's class of Cerdas's course "Anggaran Kelurahan", Gunung Bahagia,
  perempuan, completed) and Citra (no class, Lestari's course "Pengelolaan Sampah", Klandasan Ulu,
  gender not given, learning).
- Cerdas's learners: Budi (Cerdas's class of Lestari's course, Manggar, laki-laki, completed), Dedi (no
  class, Cerdas's course, Manggar, laki-laki, completed), Eka (no class, Cerdas's course, an account
  without a learner profile, learning).
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from courses.models import Enrolment
from organisations.models import Membership
from organisations.services import membership_set, organisation_create
from reports.charts import Datum, GroupedBarChart, HorizontalBarChart, format_number
from reports.dashboard import NOT_KNOWN, OTHERS, TOP_ENTRIES, dashboard_figures_compute
from tests import factories
from tests.classes import conftest as class_fixtures

world = class_fixtures.world

pytestmark = pytest.mark.django_db

HOME = "/admin/"
WITA = datetime.timezone(datetime.timedelta(hours=8))
PANEL_ID = "learning-dashboard-section"


@pytest.fixture
def learners(world):
    gunung_bahagia = factories.kelurahan()
    klandasan = factories.kelurahan("6471040001", "Klandasan Ulu", kecamatan="Balikpapan Kota")
    manggar = factories.kelurahan("6471020001", "Manggar", kecamatan="Balikpapan Timur")
    now = timezone.now()
    enrolled, completed = now - datetime.timedelta(days=45), now - datetime.timedelta(days=10)
    own_course, other_course = world["own_course"], world["other_course"]
    people = {
        "ani": factories.learner(full_name="Ani Wulandari", kelurahan=gunung_bahagia, gender="perempuan"),
        "citra": factories.learner(full_name="Citra Dewi", kelurahan=klandasan),
        "budi": factories.learner(full_name="Budi Santoso", kelurahan=manggar, gender="laki-laki"),
        "dedi": factories.learner(full_name="Dedi Kurniawan", kelurahan=manggar, gender="laki-laki"),
        "eka": factories.resident(username="eka-tanpa-profil"),
    }
    factories.enrolment(
        user=people["ani"], course=own_course, cohort=world["own"], enrolled_at=enrolled, completed_at=completed
    )
    factories.enrolment(user=people["citra"], course=own_course, enrolled_at=enrolled)
    factories.enrolment(
        user=people["budi"], course=other_course, cohort=world["other"], enrolled_at=enrolled, completed_at=completed
    )
    factories.enrolment(user=people["dedi"], course=other_course, enrolled_at=enrolled, completed_at=completed)
    factories.enrolment(user=people["eka"], course=other_course, enrolled_at=enrolled)
    return world


def _home(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _panel(soup):
    return soup.find(id=PANEL_ID)


def _texts(elements):
    return [element.get_text(" ", strip=True) for element in elements]


def _chart_rows(section):
    """What the chart draws: (label, [numbers written on its bars]) per category."""
    svg = section.find("svg", class_="sw-chart")
    bars = svg.find_all("g", class_=["sw-chart__group", "sw-chart__bar"])
    return [
        (
            bar.find("text", class_="sw-chart__label").get_text(" ", strip=True),
            _texts(bar.find_all("text", class_="sw-chart__value")),
        )
        for bar in bars
    ]


def _table_rows(section):
    """The chart's table: (row heading, [its cells]) per row."""
    table = section.find("table")
    return [(row.th.get_text(strip=True), _texts(row.find_all("td"))) for row in table.tbody.find_all("tr")]


def _tables(panel):
    """{chart slug: {row heading: first cell}}: the figure each table gives per label."""
    return {
        table["data-chart"]: {label: cells[0] for label, cells in _table_rows(table.parent)}
        for table in panel.find_all("table")
    }


# --- what each role sees -----------------------------------------------------------------------


def test_government_staff_see_every_learner_in_every_figure(client, learners):
    tables = _tables(_panel(_home(client, learners["users"]["government"])))

    assert tables["sw-dashboard-courses"] == {"Anggaran Kelurahan": "67 %", "Pengelolaan Sampah": "50 %"}
    assert tables["sw-dashboard-kecamatan"] == {"Balikpapan Timur": "2", "Balikpapan Selatan": "1"}
    assert tables["sw-dashboard-kelurahan"] == {"Manggar": "2", "Gunung Bahagia": "1"}
    assert list(tables["sw-dashboard-gender"].values()) == ["1", "2", "2"]  # perempuan, laki-laki, not stated
    assert sum(int(count) for count in tables["sw-dashboard-months"].values()) == 5


def test_a_facilitator_sees_only_their_organisations_learners(client, learners):
    panel = _panel(_home(client, learners["users"]["facilitator"]))
    tables = _tables(panel)

    assert tables["sw-dashboard-courses"] == {"Pengelolaan Sampah": "50 %"}
    assert tables["sw-dashboard-kecamatan"] == {"Balikpapan Selatan": "1"}
    assert tables["sw-dashboard-kelurahan"] == {"Gunung Bahagia": "1"}
    assert list(tables["sw-dashboard-gender"].values()) == ["1", "0", "1"]
    assert sum(int(count) for count in tables["sw-dashboard-months"].values()) == 2
    text = panel.get_text(" ")
    assert "Yayasan Lingkungan Lestari" in text
    assert "Manggar" not in text and "Balikpapan Timur" not in text


def test_the_other_organisations_facilitator_sees_its_own_learners_not_the_first_ones(client, learners):
    panel = _panel(_home(client, learners["users"]["other facilitator"]))
    tables = _tables(panel)

    assert tables["sw-dashboard-kelurahan"] == {"Manggar": "2"}
    assert list(tables["sw-dashboard-gender"].values()) == ["0", "2", "1"]  # Eka has no profile
    assert "Gunung Bahagia" not in panel.get_text(" ")


@pytest.mark.parametrize("role", ["reviewer", "author"])
def test_reviewers_and_authors_get_no_learner_figures(client, learners, role):
    soup = _home(client, learners["users"][role])

    assert _panel(soup) is None
    assert soup.find("svg", class_="sw-chart") is None


def test_a_facilitator_without_learners_sees_that_there_is_no_data_yet(client, learners):
    newcomer = factories.resident(username="fasilitator-baru")
    organisation = organisation_create(name="Komunitas Baru", slug="baru", kind="community")
    membership_set(user=newcomer, organisation=organisation, role=Membership.Role.FACILITATOR)

    panel = _panel(_home(client, newcomer))

    assert panel.find(class_="sw-dashboard__empty") is not None
    assert panel.find("svg", class_="sw-chart") is None


# --- charts and their tables -------------------------------------------------------------------


def test_every_chart_draws_the_figures_of_its_table(client, learners):
    panel = _panel(_home(client, learners["users"]["government"]))
    sections = panel.find_all("section", class_="sw-dashboard__chart")

    assert len(sections) == 5
    for section in sections:
        chart = _chart_rows(section)
        table = _table_rows(section)
        assert chart, section["aria-labelledby"]
        assert len(chart) == len(table)
        for (label, values), (row_label, cells) in zip(chart, table, strict=True):
            # The chart's numbers are the row's first cells (the rest are counts only the table gives).
            assert (label, values) == (row_label, cells[: len(values)])


def test_charts_are_images_named_by_their_title_and_description_and_tables_are_for_screen_readers(client, learners):
    panel = _panel(_home(client, learners["users"]["government"]))

    charts = panel.find_all("svg", class_="sw-chart")
    assert len(charts) == 5
    for svg in charts:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title")["id"] == title_id and svg.find("title").get_text(strip=True)
        assert svg.find("desc")["id"] == desc_id and svg.find("desc").get_text(strip=True)
    for table in panel.find_all("table"):
        assert "w-sr-only" in table["class"]  # Wagtail's admin class for screen-reader-only content
        assert table.caption.get_text(strip=True)
        assert all(th["scope"] == "col" for th in table.thead.find_all("th"))


def test_the_panel_says_when_its_figures_were_computed(client, learners):
    panel = _panel(_home(client, learners["users"]["government"]))

    today = timezone.localdate()
    assert f"{today.day} " in panel.find(class_="sw-dashboard__meta").get_text()
    assert str(today.year) in panel.find(class_="sw-dashboard__meta").get_text()


# --- the figures themselves --------------------------------------------------------------------


def test_months_are_counted_in_wita(learners):
    user = get_user_model().objects.create_user(username="batas-bulan")
    course = learners["own_course"]
    other = learners["other_course"]
    second = get_user_model().objects.create_user(username="batas-bulan-2")
    third = get_user_model().objects.create_user(username="lulus-awal-oktober")
    before = get_user_model().objects.create_user(username="sebelum-jendela")
    Enrolment.objects.all().delete()
    # 31 October 16:30 UTC is 1 November 00:30 in Balikpapan (UTC+8): a November enrolment.
    factories.enrolment(
        user=user, course=course, enrolled_at=datetime.datetime(2026, 10, 31, 16, 30, tzinfo=datetime.UTC)
    )
    # 31 October 15:30 UTC is still 31 October 23:30 WITA.
    factories.enrolment(
        user=second, course=course, enrolled_at=datetime.datetime(2026, 10, 31, 15, 30, tzinfo=datetime.UTC)
    )
    # Enrolled before the window (which begins 1 December 2025 WITA), completed on 1 October 00:00 WITA.
    factories.enrolment(
        user=third,
        course=other,
        enrolled_at=datetime.datetime(2025, 11, 30, 15, 59, tzinfo=datetime.UTC),
        completed_at=datetime.datetime(2026, 9, 30, 16, 0, tzinfo=datetime.UTC),
    )
    factories.enrolment(
        user=before, course=other, enrolled_at=datetime.datetime(2025, 11, 30, 16, 0, tzinfo=datetime.UTC)
    )

    figures = dashboard_figures_compute(
        enrolments=Enrolment.objects.all(), now=datetime.datetime(2026, 11, 15, 12, tzinfo=WITA)
    )

    months = {month.month: (month.enrolled, month.completed) for month in figures.months}
    assert list(months)[0] == datetime.date(2025, 12, 1) and list(months)[-1] == datetime.date(2026, 11, 1)
    assert months[datetime.date(2026, 11, 1)] == (1, 0)
    assert months[datetime.date(2026, 10, 1)] == (1, 1)
    assert months[datetime.date(2025, 12, 1)] == (1, 0)  # 1 December 00:00 WITA is in the window
    assert sum(enrolled for enrolled, _completed in months.values()) == 3  # 30 November 23:59 WITA is not


def test_kelurahan_beyond_the_first_fifteen_are_summed_as_others(learners):
    course = learners["own_course"]
    when = timezone.now()
    for number in range(TOP_ENTRIES + 2):
        place = factories.kelurahan(f"64710300{number:02d}", f"Kelurahan {number:02d}", kecamatan="Balikpapan Utara")
        for copy in range(2 if number == 0 else 1):
            person = factories.learner(full_name=f"Warga {number} {copy}", kelurahan=place)
            factories.enrolment(
                user=person,
                course=course if copy == 0 else learners["other_course"],
                enrolled_at=when,
                completed_at=when,
            )

    without_profile = factories.resident(username="tanpa-profil-lulus")
    factories.enrolment(user=without_profile, course=course, enrolled_at=when, completed_at=when)

    figures = dashboard_figures_compute(enrolments=Enrolment.objects.filter(user__first_name__startswith="Warga "))
    every = dashboard_figures_compute(enrolments=Enrolment.objects.all())

    assert len(figures.kelurahan) == TOP_ENTRIES + 1
    assert figures.kelurahan[-1].kind == OTHERS and figures.kelurahan[-1].value == 2
    assert figures.kelurahan[0].label == "Kelurahan 00" and figures.kelurahan[0].value == 2
    assert every.kecamatan[0].label == "Balikpapan Utara" and every.kecamatan[0].value == TOP_ENTRIES + 3
    # A completion by an account without a learner profile counts as "not known", after the places.
    assert every.kelurahan[-1].kind == NOT_KNOWN and every.kelurahan[-1].value == 1
    assert every.kecamatan[-1].kind == NOT_KNOWN and every.kecamatan[-1].value == 1


def test_kelurahan_of_the_same_name_are_told_apart_by_their_kecamatan(learners):
    when = timezone.now()
    for code, kecamatan in [("6471060001", "Balikpapan Utara"), ("6471070001", "Balikpapan Barat")]:
        place = factories.kelurahan(code, "Margasari", kecamatan=kecamatan)
        person = factories.learner(full_name=f"Warga {kecamatan}", kelurahan=place)
        factories.enrolment(user=person, course=learners["own_course"], enrolled_at=when, completed_at=when)

    figures = dashboard_figures_compute(enrolments=Enrolment.objects.all())

    labels = {entry.label for entry in figures.kelurahan}
    assert {"Margasari (Balikpapan Utara)", "Margasari (Balikpapan Barat)", "Manggar"} <= labels


# --- queries and the cache ---------------------------------------------------------------------


def _home_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def _enrolment_queries(sqls):
    return [sql for sql in sqls if "courses_enrolment" in sql]


def test_the_admin_home_makes_as_many_queries_for_five_enrolments_as_for_thirty(client, learners):
    client.force_login(learners["users"]["government"])
    client.get(HOME)  # the session and Wagtail's own first-visit work
    cache.clear()
    few = _home_queries(client)
    course = learners["other_course"]
    when = timezone.now()
    for number in range(25):
        place = factories.kelurahan(f"64710500{number:02d}", f"Kelurahan {number:02d}", kecamatan="Balikpapan Barat")
        person = factories.learner(full_name=f"Peserta {number}", kelurahan=place, gender="perempuan")
        factories.enrolment(user=person, course=course, enrolled_at=when, completed_at=when if number % 2 else None)
    cache.clear()

    many = _home_queries(client)

    assert len(many) == len(few)
    assert len(_enrolment_queries(many)) == 3  # GROUP BY queries: months; courses; places and genders
    assert len(many) <= 30


def test_a_second_load_within_ten_minutes_reads_no_enrolment(client, learners):
    client.force_login(learners["users"]["government"])
    first = _home_queries(client)

    second = _home_queries(client)

    assert _enrolment_queries(first)
    assert _enrolment_queries(second) == []
    assert len(second) < len(first)


def test_everyone_who_reads_every_record_shares_the_cached_figures_and_a_facilitator_does_not(client, learners):
    admin = get_user_model().objects.create_superuser(username="admin-dashboard", password="x")
    client.force_login(learners["users"]["government"])
    _home_queries(client)

    client.force_login(admin)
    assert _enrolment_queries(_home_queries(client)) == []
    client.force_login(learners["users"]["facilitator"])
    assert _enrolment_queries(_home_queries(client))


# --- the charts' drawing -----------------------------------------------------------------------


def test_numbers_are_written_the_indonesian_way():
    with translation.override("id"):
        assert format_number(1234567) == "1.234.567"
        assert format_number(45, percent=True) == "45 %"
        chart = GroupedBarChart(
            slug="c",
            title="t",
            description="d",
            label_heading="Bulan",
            series=["Peserta", "Selesai"],
            data=[Datum("Nov 2026", (123456, 7890))],
        )
        assert [bar.text for bar in chart.groups[0].bars] == ["123.456", "7.890"]
        assert chart.ticks[-1].text == "150.000"


def test_bar_lengths_follow_their_numbers():
    chart = HorizontalBarChart(
        slug="c",
        title="t",
        description="d",
        label_heading="Kursus",
        value_heading="Tingkat kelulusan",
        percent=True,
        data=[Datum("A", (100,)), Datum("B", (50,)), Datum("C", (0,))],
    )
    widths = [bar.bar_width for bar in chart.bars]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    grouped = GroupedBarChart(
        slug="g", title="t", description="d", label_heading="Bulan", series=["a", "b"], data=[Datum("x", (40, 10))]
    )
    tall, short = grouped.groups[0].bars
    assert tall.height == 4 * short.height and tall.y + tall.height == grouped.plot_bottom
