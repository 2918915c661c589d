"""The forum figures of the open data (/data/ and /data/forum.csv): meetings held, places held and attendance
per kelurahan and month, for published meetings that have ended, small counts hidden by /data/'s rule."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import PageViewRestriction

from participation.models import ForumRegistration
from reports.open_data import CACHE_KEY, open_data_summary
from reports.open_data_forums import forum_csv_rows, forum_figures
from tests import factories

pytestmark = pytest.mark.django_db

PAGE = "/data/"
CSV = "/data/forum.csv"
WITA = datetime.timezone(datetime.timedelta(hours=8))
Status = ForumRegistration.Status


def meeting(index, kelurahan, when, *, registered=0, attended=0, waiting=0, cancelled=0, **fields):
    """A forum at `kelurahan` starting `when`: `registered` places held (the first `attended` of them
    present, one of those added at the door), `waiting` on the list and `cancelled`; rows in one query."""
    forum = factories.forum_page(
        index, title=f"Forum {kelurahan.name} {when:%Y-%m-%d %H}", kelurahan=kelurahan, starts_at=when, **fields
    )
    rows = [
        ForumRegistration(
            forum=forum,
            name=f"Warga {number}",
            status=Status.REGISTERED,
            attended_at=when if number < attended else None,
            attendance_method=(ForumRegistration.Method.DOOR if number == 0 else ForumRegistration.Method.LIST)
            if number < attended
            else "",
        )
        for number in range(registered)
    ]
    rows += [ForumRegistration(forum=forum, name="Menunggu", status=Status.WAITING) for _ in range(waiting)]
    rows += [ForumRegistration(forum=forum, name="Batal", status=Status.CANCELLED) for _ in range(cancelled)]
    ForumRegistration.objects.bulk_create(rows)
    return forum


def at(year, month, day, hour=19):
    return datetime.datetime(year, month, day, hour, 30, tzinfo=WITA)


@pytest.fixture
def places(site_tree):
    return {
        "gunung_bahagia": factories.kelurahan(),
        "sepinggan": factories.kelurahan("6471010005", "Sepinggan"),
        "damai": factories.kelurahan("6471010004", "Damai"),
        "klandasan": factories.kelurahan("6471040001", "Klandasan Ulu", kecamatan="Balikpapan Kota"),
    }


@pytest.fixture
def forums(site_tree, places):
    """Gunung Bahagia: 18 registered, 11 attended in two meetings (October, November 2025); Sepinggan: 3 and 2
    (November); Damai: 10 and 6 (September). Not counted: a coming meeting, one under way, a draft's."""
    index = site_tree["forums"]
    meeting(index, places["gunung_bahagia"], at(2025, 10, 11), registered=12, attended=8, waiting=3, cancelled=2)
    meeting(index, places["gunung_bahagia"], at(2025, 11, 8), registered=6, attended=3, cancelled=1)
    meeting(index, places["sepinggan"], at(2025, 11, 15), registered=3, attended=2)
    meeting(index, places["damai"], at(2025, 9, 13), registered=10, attended=6)
    now = timezone.now()
    meeting(index, places["klandasan"], now + datetime.timedelta(days=7), registered=20)
    meeting(index, places["klandasan"], now - datetime.timedelta(minutes=30), registered=20, attended=15)
    meeting(index, places["klandasan"], at(2025, 10, 4), registered=20, attended=15).unpublish()


def forum_tables(response):
    """[{row heading: (meetings, registered, attended)}] of the page's forum section; the total as "total"."""
    assert response.status_code == 200
    section = BeautifulSoup(response.content, "html.parser").find(id="forum")

    def cell(td):
        hidden = td.find(attrs={"aria-hidden": "true"})
        return (hidden or td).get_text(strip=True)

    return [
        {
            "total" if row.parent.name == "tfoot" else " ".join(row.th.get_text().split()): tuple(
                cell(td) for td in row.find_all("td")
            )
            for row in table.find_all("tr")
            if row.th and row.th.get("scope") == "row"
        }
        for table in section.find_all("table")
    ]


def month_name(year, month):
    with translation.override("id"):
        return date_format(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT")


def test_the_page_counts_meetings_held_registrations_and_attendance_per_kelurahan_and_month(client, forums):
    per_kelurahan, per_month = forum_tables(client.get(PAGE))

    # Sepinggan's 3 and 2 are small; Damai's are then hidden too, so that they cannot be worked out from the total.
    assert per_kelurahan == {
        "Damai (Balikpapan Selatan)": ("1", "—", "—"),
        "Gunung Bahagia (Balikpapan Selatan)": ("2", "18", "11"),
        "Sepinggan (Balikpapan Selatan)": ("1", "<5", "<5"),
        "total": ("4", "31", "19"),
    }
    assert per_month == {
        month_name(2025, 11): ("2", "9", "5"),
        month_name(2025, 10): ("1", "12", "8"),
        month_name(2025, 9): ("1", "10", "6"),
    }
    assert list(per_month) == [month_name(2025, 11), month_name(2025, 10), month_name(2025, 9)]  # newest first


def test_the_figures_hold_the_counts_only_where_shown(forums):
    figures = forum_figures(now=timezone.now())

    sepinggan = next(row for row in figures.kelurahan if row.name == "Sepinggan")
    assert (sepinggan.code, sepinggan.meetings) == ("6471010005", 1)
    assert (sepinggan.registered.count, sepinggan.registered.suppressed) == (None, "primary")
    assert (sepinggan.attended.count, sepinggan.attended.suppressed) == (None, "primary")
    damai = next(row for row in figures.kelurahan if row.name == "Damai")
    assert (damai.registered.count, damai.registered.suppressed) == (None, "secondary")
    assert (figures.total.registered.count, figures.total.attended.count) == (31, 19)


def test_an_attendance_count_is_hidden_when_small_even_if_the_registrations_are_not(client, site_tree, places):
    meeting(site_tree["forums"], places["gunung_bahagia"], at(2025, 10, 11), registered=9, attended=4)
    meeting(site_tree["forums"], places["damai"], at(2025, 10, 18), registered=7, attended=6)

    per_kelurahan, per_month = forum_tables(client.get(PAGE))

    assert per_kelurahan["Gunung Bahagia (Balikpapan Selatan)"] == ("1", "9", "<5")
    assert per_kelurahan["Damai (Balikpapan Selatan)"] == ("1", "7", "—")  # else 10 - 6 gives the 4
    assert per_month == {month_name(2025, 10): ("2", "16", "10")}


def test_a_site_without_forums_held_shows_empty_tables_and_a_csv_of_zeros(client, site_tree):
    per_kelurahan, per_month = forum_tables(client.get(PAGE))

    assert per_kelurahan == {"total": ("0", "0", "0")}
    assert per_month == {}
    lines = list(csv.reader(io.StringIO(client.get(CSV).content.decode())))
    assert lines[1][:2] + lines[1][3:] == ["jumlah", "", "", "0", "0", "0"]


def test_the_csv_says_what_the_page_shows_with_the_same_marks_as_ringkasan(client, forums):
    per_kelurahan, per_month = forum_tables(client.get(PAGE))
    response = client.get(CSV)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="forum.csv"'
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert len(lines[0]) == 7
    assert lines[1][:2] + lines[1][3:] == ["jumlah", "", "", "4", "31", "19"]
    assert ["kelurahan", "6471010005", "Sepinggan", "Balikpapan Selatan", "1", "<5", "<5"] in lines
    assert ["kelurahan", "6471010004", "Damai", "Balikpapan Selatan", "1", "x", "x"] in lines
    assert ["kelurahan", "6471010006", "Gunung Bahagia", "Balikpapan Selatan", "2", "18", "11"] in lines
    as_on_page = {"x": "—"}
    months = {
        name: tuple(as_on_page.get(value, value) for value in values)
        for category, _code, name, _kecamatan, *values in lines
        if category == "bulan"
    }
    assert months == per_month
    assert next(line for line in lines if line[0] == "bulan")[:2] == ["bulan", "2025-11"]
    assert lines == forum_csv_rows(summary=open_data_summary())


def test_the_page_links_to_the_forum_csv_and_both_answer_only_reading(client, forums):
    assert b'href="/data/forum.csv"' in client.get(PAGE).content
    assert client.post(CSV).status_code == 405


def test_the_page_and_the_csv_name_nobody(client, site_tree, places):
    forum = meeting(site_tree["forums"], places["gunung_bahagia"], at(2025, 10, 11), registered=6, attended=6)
    resident = factories.learner(full_name="Ani Wulandari Rahasia", phone="+6281234599999")
    ForumRegistration.objects.create(forum=forum, user=resident, attended_at=at(2025, 10, 11))

    shown = client.get(PAGE).content.decode() + client.get(CSV).content.decode()

    for personal in ("Ani Wulandari", "6281234599999", resident.username, "Warga 0"):
        assert personal not in shown
    assert ["kelurahan", "6471010006", "Gunung Bahagia", "Balikpapan Selatan", "1", "7", "7"] in list(
        csv.reader(io.StringIO(client.get(CSV).content.decode()))
    )


@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.LOGIN},
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "rahasia"},
    ],
    ids=["login", "password"],
)
def test_a_private_forum_is_not_counted_and_a_public_one_is(client, site_tree, places, restriction):
    index = site_tree["forums"]
    private = meeting(index, places["damai"], at(2025, 9, 13), registered=6, attended=6)
    PageViewRestriction.objects.create(page=private, **restriction)
    meeting(index, places["gunung_bahagia"], at(2025, 10, 11), registered=7, attended=6)

    figures = forum_figures(now=timezone.now())

    assert [(row.name, row.meetings) for row in figures.kelurahan] == [("Gunung Bahagia", 1)]
    assert (figures.total.meetings, figures.total.registered.count, figures.total.attended.count) == (1, 7, 6)
    assert [row.code for row in figures.months] == ["2025-10"]  # not September, the private meeting's month
    per_kelurahan, per_month = forum_tables(client.get(PAGE))
    assert per_kelurahan == {"Gunung Bahagia (Balikpapan Selatan)": ("1", "7", "6"), "total": ("1", "7", "6")}
    assert per_month == {month_name(2025, 10): ("1", "7", "6")}
    lines = list(csv.reader(io.StringIO(client.get(CSV).content.decode())))
    assert not [line for line in lines if "Damai" in line or "2025-09" in line]


def test_a_forum_under_a_private_section_is_not_counted(site_tree, places):
    meeting(site_tree["forums"], places["damai"], at(2025, 9, 13), registered=6, attended=6)
    PageViewRestriction.objects.create(page=site_tree["forums"], restriction_type=PageViewRestriction.LOGIN)

    assert forum_figures(now=timezone.now()).total.meetings == 0


def test_the_forum_figures_take_the_same_three_queries_however_many_meetings(
    site_tree, places, forums, django_assert_num_queries
):
    now = timezone.now()
    # The view restrictions (Wagtail's public(): all of them, for the meetings' WHERE), the meetings' GROUP
    # BY, their kelurahan.
    with django_assert_num_queries(3):
        few = forum_figures(now=now)
    for month in range(1, 9):
        meeting(site_tree["forums"], places["klandasan"], at(2024, month, 10), registered=30, attended=20)
    PageViewRestriction.objects.create(
        page=meeting(site_tree["forums"], places["klandasan"], at(2024, 9, 10), registered=30, attended=20),
        restriction_type=PageViewRestriction.LOGIN,
    )
    with django_assert_num_queries(3):
        many = forum_figures(now=now)
    assert (few.total.meetings, many.total.meetings) == (4, 12)
    assert next(row for row in many.kelurahan if row.name == "Klandasan Ulu").registered.count == 240


def test_the_forum_figures_are_cached_with_the_rest_of_the_open_data(client, site_tree, places, forums):
    client.get(PAGE)
    meeting(site_tree["forums"], places["damai"], at(2025, 12, 1), registered=40, attended=40)

    assert forum_tables(client.get(PAGE))[0]["total"] == ("4", "31", "19")
    cache.delete(CACHE_KEY)
    assert forum_tables(client.get(PAGE))[0]["total"] == ("5", "71", "59")
