"""The public open data page (/data/) and its CSV: counts per kecamatan, kelurahan, course and month,
small counts hidden, nobody's personal data, and the figures computed in a few queries and cached."""

import csv
import dataclasses
import datetime
import io
from datetime import timedelta
from itertools import count

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import LearnerProfile
from classes.models import CohortEnrolment
from courses.models import Enrolment
from reports.open_data import CACHE_KEY, LOCK_KEY, open_data_csv_rows, open_data_summary
from tests import factories
from tests.classes.conftest import make_cohort

pytestmark = pytest.mark.django_db

PAGE = "/data/"
CSV = "/data/ringkasan.csv"
UTC = datetime.UTC
WHEN = datetime.datetime(2026, 10, 5, 2, 0, tzinfo=UTC)
_numbers = count()


# --- Building data quickly ---------------------------------------------------------------------------


def residents(number, kelurahan):
    """`number` residents of `kelurahan`, made in two queries."""
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"warga-{next(_numbers)}", first_name="Warga") for _ in range(number)
    )
    LearnerProfile.objects.bulk_create(
        LearnerProfile(user=user, kelurahan=kelurahan, consent_given_at=WHEN, privacy_notice_version="2026-11")
        for user in users
    )
    return users


def enrol(users, course, *, completed=0, enrolled_at=WHEN, completed_at=None):
    """Enrol `users` in `course`, the first `completed` of them with the course completed."""
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            user=user,
            course=course,
            status=Enrolment.Status.COMPLETED if number < completed else Enrolment.Status.ACTIVE,
            completed_at=(completed_at or enrolled_at + datetime.timedelta(days=3)) if number < completed else None,
        )
        for number, user in enumerate(users)
    )
    # enrolled_at is set on insert (auto_now_add): move it to the time the test needs.
    Enrolment.objects.filter(pk__in=[enrolment.pk for enrolment in enrolments]).update(enrolled_at=enrolled_at)
    return enrolments


def enrol_residents(number, kelurahan, course, **kwargs):
    return enrol(residents(number, kelurahan), course, **kwargs)


# --- Reading what the page and the file say ----------------------------------------------------------


def _cell_text(cell):
    hidden_mark = cell.find(attrs={"aria-hidden": "true"})
    return hidden_mark.get_text(strip=True) if hidden_mark else cell.get_text(strip=True)


TOTAL = "(total)"  # the key of a table's total row, whatever its label's language


def _table_rows(table):
    """{row heading: (enrolments, completions)} as shown; the total row (the table's foot) as TOTAL."""
    return {
        TOTAL if row.parent.name == "tfoot" else row.th.get_text(strip=True): tuple(
            _cell_text(cell) for cell in row.find_all("td")
        )
        for row in table.find_all("tr")
        if row.th and row.th.get("scope") == "row"
    }


def page_tables(response):
    """What each section of the page shows: {section id: [ {row: counts} per table ]}."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        section: [_table_rows(table) for table in soup.find(id=section).find_all("table")]
        for section in ("per-kecamatan", "per-kelurahan", "per-kursus", "per-bulan")
    }


def csv_lines(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


@pytest.fixture
def city(site_tree):
    """Residents of three kecamatan in four courses (enrolments, completions in brackets):

    Balikpapan Selatan 30 (12): Gunung Bahagia 20 (12), Sepinggan 7 (0), Damai 3 (0)
    Balikpapan Kota 3 (1): Klandasan Ulu 3 (1)
    Balikpapan Utara 8 (6): Batu Ampar 8 (6)
    Pengelolaan Sampah 22 (10), Anggaran Kelurahan 17 (9), Hak Warga 0, Kelas Kecil 2 (0). Total 41 (19).
    """
    index = site_tree["courses"]
    courses = {
        "sampah": factories.course_page(index, title="Pengelolaan Sampah", slug="pengelolaan-sampah"),
        "anggaran": factories.course_page(index, title="Anggaran Kelurahan", slug="anggaran-kelurahan"),
        "hak": factories.course_page(index, title="Hak Warga", slug="hak-warga"),
        "kecil": factories.course_page(index, title="Kelas Kecil", slug="kelas-kecil"),
    }
    gunung_bahagia = factories.kelurahan()
    sepinggan = factories.kelurahan("6471010005", "Sepinggan")
    damai = factories.kelurahan("6471010004", "Damai")
    klandasan = factories.kelurahan("6471040001", "Klandasan Ulu", kecamatan="Balikpapan Kota")
    batu_ampar = factories.kelurahan("6471050001", "Batu Ampar", kecamatan="Balikpapan Utara")
    prapatan = factories.kelurahan("6471040002", "Prapatan", kecamatan="Balikpapan Kota")

    enrol_residents(15, gunung_bahagia, courses["sampah"], completed=10)
    enrol_residents(5, gunung_bahagia, courses["anggaran"], completed=2)
    enrol_residents(7, sepinggan, courses["sampah"])
    enrol_residents(3, damai, courses["anggaran"])
    klandasan_residents = residents(3, klandasan)
    enrol(klandasan_residents[:1], courses["anggaran"], completed=1)
    enrol(klandasan_residents[1:], courses["kecil"])
    enrol_residents(8, batu_ampar, courses["anggaran"], completed=6)
    residents(2, prapatan)  # signed up, never enrolled
    # Staff trying a course: an account without a learner profile counts nowhere.
    enrol([factories.resident(username="staf-pemkot")], courses["sampah"], completed=1)
    return courses


# --- Small counts --------------------------------------------------------------------------------------


def test_counts_from_1_to_4_are_shown_as_fewer_than_5_and_zero_as_zero(client, city):
    tables = page_tables(client.get(PAGE))

    kecamatan = tables["per-kecamatan"][0]
    assert kecamatan["Balikpapan Kota"] == ("<5", "<5")  # 3 enrolments, 1 completion
    assert kecamatan["Balikpapan Selatan"] == ("30", "12")
    courses = tables["per-kursus"][0]
    assert courses["Kelas Kecil"] == ("<5", "<5")  # a small course is listed, not left out
    assert courses["Hak Warga"] == ("0", "0")  # a live course nobody took: 0 reveals no one
    assert courses["Pengelolaan Sampah"] == ("22", "10")


def test_a_single_hidden_count_in_a_table_hides_the_next_smallest_too(client, city):
    tables = page_tables(client.get(PAGE))

    # 41 = 30 + <5 + 8: the 8 would give the 3 away, so it is hidden as well.
    assert tables["per-kecamatan"][0] == {
        "Balikpapan Kota": ("<5", "<5"),
        "Balikpapan Selatan": ("30", "12"),
        "Balikpapan Utara": ("—", "—"),  # its completions go with its enrolments
        TOTAL: ("41", "19"),
    }
    # 41 = 22 + 17 + 0 + <5: the 17 (the smallest non-zero after it) is hidden; 0 stays.
    assert tables["per-kursus"][0] == {
        "Anggaran Kelurahan": ("—", "—"),
        "Hak Warga": ("0", "0"),
        "Kelas Kecil": ("<5", "<5"),
        "Pengelolaan Sampah": ("22", "10"),
        TOTAL: ("41", "19"),
    }


def test_kelurahan_are_protected_within_their_kecamatan(client, city):
    kota, selatan, utara = page_tables(client.get(PAGE))["per-kelurahan"]  # kecamatan by name

    # 30 = 20 + 7 + <5: the 7 is hidden; Damai's no completions are hidden with its few enrolments.
    assert selatan == {
        "Damai": ("<5", "<5"),
        "Gunung Bahagia": ("20", "12"),
        "Sepinggan": ("—", "—"),
        TOTAL: ("30", "12"),
    }
    assert kota == {"Klandasan Ulu": ("<5", "<5"), TOTAL: ("<5", "<5")}
    # Balikpapan Utara was hidden in the kecamatan table: its only kelurahan would show it again.
    assert utara == {"Batu Ampar": ("—", "—"), TOTAL: ("—", "—")}


def test_kelurahan_without_enrolments_and_staff_accounts_are_left_out(client, city):
    tables = page_tables(client.get(PAGE))

    listed = {name for table in tables["per-kelurahan"] for name in table}
    assert "Prapatan" not in listed  # residents signed up there, nobody enrolled
    # The staff member's enrolment and completion are in no table.
    assert tables["per-kursus"][0]["Pengelolaan Sampah"] == ("22", "10")
    assert tables["per-bulan"][0]["Oktober 2026"] == ("41", "19")


def test_no_table_has_exactly_one_hidden_count_in_a_sum(city):
    summary = open_data_summary(fresh=True)
    sums = [(summary.total, summary.kecamatan), (summary.total, summary.courses), (summary.total, summary.months)]
    sums += [(group.kecamatan, group.kelurahan) for group in summary.kelurahan]
    for measure in ("enrolled", "completed"):
        for total, rows in sums:
            hidden = [row for row in (total, *rows) if getattr(row, measure).suppressed]
            assert len(hidden) != 1, (measure, total, hidden)
    assert all(
        row.completed.suppressed
        for rows in (summary.kecamatan, summary.courses, *(group.kelurahan for group in summary.kelurahan))
        for row in rows
        if row.enrolled.suppressed
    )


def test_a_hidden_count_is_never_kept_in_the_cache(client, city):
    client.get(PAGE)
    summary = cache.get(CACHE_KEY)

    rows = [*summary.kecamatan, *summary.courses, *(row for g in summary.kelurahan for row in g.kelurahan)]
    assert all(cell.count is None for row in rows for cell in (row.enrolled, row.completed) if cell.suppressed)


# --- Months in WITA -----------------------------------------------------------------------------------


def test_months_are_counted_in_wita(client, site_tree):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    place = factories.kelurahan()
    # 23:30 UTC on 31 October is 07:30 on 1 November in Balikpapan.
    enrol_residents(5, place, course, enrolled_at=datetime.datetime(2026, 10, 31, 23, 30, tzinfo=UTC))
    # 15:59 UTC is 23:59 the same day: still October.
    enrol_residents(
        6,
        place,
        course,
        enrolled_at=datetime.datetime(2026, 10, 31, 15, 59, tzinfo=UTC),
        completed=5,
        completed_at=datetime.datetime(2026, 11, 30, 16, 30, tzinfo=UTC),  # 00:30 on 1 December
    )

    months = page_tables(client.get(PAGE))["per-bulan"][0]
    assert months == {"Desember 2026": ("0", "5"), "November 2026": ("5", "0"), "Oktober 2026": ("6", "0")}
    lines = csv_lines(client.get(CSV))
    assert [line[1:] for line in lines if line[0] == "bulan"] == [
        ["2026-12", "Desember 2026", "", "0", "5"],
        ["2026-11", "November 2026", "", "5", "0"],
        ["2026-10", "Oktober 2026", "", "6", "0"],
    ]


def test_months_shown_are_the_24_up_to_the_latest_with_data(site_tree):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    place = factories.kelurahan()
    enrol_residents(5, place, course, enrolled_at=datetime.datetime(2024, 1, 10, tzinfo=UTC))
    enrol_residents(5, place, course, enrolled_at=datetime.datetime(2026, 6, 10, tzinfo=UTC))

    months = open_data_summary(fresh=True).months

    assert [row.code for row in months][:2] == ["2026-06", "2026-05"]
    assert len(months) == 24
    assert months[-1].code == "2024-07"
    assert all(row.enrolled.count == 0 for row in months[1:])  # months without enrolments show 0


# --- No personal data; the CSV ------------------------------------------------------------------------


def test_the_page_and_the_csv_hold_no_personal_data(client, city):
    named = factories.learner(full_name="Ani Wulandari Rahasia", email="ani.rahasia@contoh.id", phone="+6281234599999")
    cohort = make_cohort(
        course=city["sampah"], organisation=city["sampah"].organisation, name="Kelas Rahasia Damai", capacity=10
    )
    enrolment = enrol([named], city["sampah"], completed=1)[0]
    CohortEnrolment.objects.create(enrolment=enrolment, cohort=cohort)

    shown = client.get(PAGE).content.decode() + client.get(CSV).content.decode()

    for personal in ("Ani Wulandari", "ani.rahasia", "6281234599999", "Kelas Rahasia Damai", named.username):
        assert personal not in shown
    assert "Pengelolaan Sampah" in shown  # the figures themselves are there


def test_the_csv_is_a_plain_utf8_attachment_with_the_pages_numbers(client, city):
    page = page_tables(client.get(PAGE))
    response = client.get(CSV)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ringkasan.csv"'
    assert not response.content.startswith(b"\xef\xbb\xbf")  # no byte-order mark
    lines = csv_lines(response)
    assert len(lines[0]) == 6

    as_on_page = {"x": "—"}
    by_category = {}
    for category, _code, name, _kecamatan, enrolled, completed in lines[1:]:
        by_category.setdefault(category, {})[name] = (
            as_on_page.get(enrolled, enrolled),
            as_on_page.get(completed, completed),
        )
    assert list(by_category["jumlah"].values()) == [page["per-kecamatan"][0][TOTAL]]
    assert {**by_category["kecamatan"], TOTAL: ("41", "19")} == page["per-kecamatan"][0]
    assert {**by_category["kursus"], TOTAL: ("41", "19")} == page["per-kursus"][0]
    assert by_category["bulan"] == page["per-bulan"][0]
    page_kelurahan = {name: counts for table in page["per-kelurahan"] for name, counts in table.items()}
    assert all(page_kelurahan[name] == counts for name, counts in by_category["kelurahan"].items())
    assert set(by_category["kelurahan"]) == set(page_kelurahan) - {TOTAL}
    # A kelurahan line names its kecamatan and its BPS code; a course line its slug.
    assert ["kelurahan", "6471010005", "Sepinggan", "Balikpapan Selatan", "x", "x"] in lines
    assert ["kursus", "kelas-kecil", "Kelas Kecil", "", "<5", "<5"] in lines


def test_the_csv_lines_are_those_the_selector_gives(client, city):
    assert csv_lines(client.get(CSV)) == open_data_csv_rows(summary=open_data_summary())


def test_a_course_title_that_looks_like_a_formula_is_made_harmless_in_the_csv(client, site_tree):
    course = factories.course_page(site_tree["courses"], title='=HYPERLINK("http://x","y")', slug="rumus")
    enrol_residents(5, factories.kelurahan(), course)

    lines = csv_lines(client.get(CSV))

    assert ["kursus", "rumus", '\'=HYPERLINK("http://x","y")', "", "5", "0"] in lines


# --- Access ------------------------------------------------------------------------------------------


def test_anyone_reads_the_page_and_the_csv_without_an_account(client, city):
    page = client.get(PAGE)
    assert page.status_code == 200
    assert b'href="/data/ringkasan.csv"' in page.content
    assert client.get(CSV).status_code == 200
    assert b'href="/data/"' in client.get("/sertifikat/verifikasi/").content  # the footer links to it


def test_the_open_data_only_answers_reading(client, city):
    assert client.post(PAGE).status_code == 405
    assert client.post(CSV).status_code == 405


def test_a_site_without_enrolments_shows_empty_tables(client, site_tree):
    response = client.get(PAGE)

    assert response.status_code == 200
    assert page_tables(response)["per-kecamatan"][0] == {TOTAL: ("0", "0")}
    total = csv_lines(client.get(CSV))[1]
    assert total[:2] + total[3:] == ["jumlah", "", "", "0", "0"]


# --- Queries and the cache ------------------------------------------------------------------------------


def test_the_figures_take_the_same_few_queries_however_many_enrolments(client, city, django_assert_num_queries):
    client.get(PAGE)  # the menu and other shared fragments are cached now
    cache.delete(CACHE_KEY)
    # two GROUP BYs, the regions and the courses; the view restrictions (public forums only) and the forums'
    # GROUP BY (none held: no kelurahan to look up)
    with django_assert_num_queries(6):
        client.get(PAGE)

    enrol_residents(40, factories.kelurahan("6471020001", "Baru Ilir", kecamatan="Balikpapan Barat"), city["hak"])
    cache.delete(CACHE_KEY)
    with django_assert_num_queries(6):
        response = client.get(PAGE)
    assert page_tables(response)["per-kecamatan"][0]["Balikpapan Barat"] == ("40", "0")


def test_a_second_request_reads_the_cached_figures(client, city, django_assert_num_queries):
    first = page_tables(client.get(PAGE))
    enrol_residents(40, factories.kelurahan(), city["hak"])

    with django_assert_num_queries(0):
        second = client.get(PAGE)
        client.get(CSV)
    assert page_tables(second) == first  # the new enrolments wait for the next computation
    assert open_data_summary(fresh=True).total.enrolled.count == 81


def test_the_page_says_when_the_figures_were_computed(client, city):
    before = timezone.now()
    response = client.get(PAGE)

    computed_at = open_data_summary().computed_at
    assert before <= computed_at <= timezone.now()
    with translation.override("id"):
        shown = date_format(timezone.localtime(computed_at), "DATETIME_FORMAT")  # 27 November 2026, 14.30
    assert f"{shown} WITA" in response.content.decode()


def _age_cached_figures(minutes):
    summary = cache.get(CACHE_KEY)
    cache.set(CACHE_KEY, dataclasses.replace(summary, computed_at=summary.computed_at - timedelta(minutes=minutes)))


def test_figures_older_than_an_hour_are_computed_again(client, city):
    client.get(PAGE)
    enrol_residents(40, factories.kelurahan(), city["hak"])
    _age_cached_figures(59)
    assert page_tables(client.get(PAGE))["per-kursus"][0]["Hak Warga"] == ("0", "0")

    _age_cached_figures(2)

    assert page_tables(client.get(PAGE))["per-kursus"][0]["Hak Warga"] == ("40", "0")


def test_while_one_process_computes_the_figures_the_others_serve_the_stale_ones(
    client, city, django_assert_num_queries
):
    client.get(PAGE)
    enrol_residents(40, factories.kelurahan(), city["hak"])
    _age_cached_figures(61)
    cache.add(LOCK_KEY, True)  # another process is computing them

    with django_assert_num_queries(0):
        response = client.get(PAGE)
    assert page_tables(response)["per-kursus"][0]["Hak Warga"] == ("0", "0")
