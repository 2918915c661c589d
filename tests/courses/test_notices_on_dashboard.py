"""/saya/ lists the resident's notices (new ones once, then among the earlier ones) and their
participation (the parts higher apps register: Suara Warga items now), only their own."""

import pytest
from bs4 import BeautifulSoup

from notices.models import Notice
from notices.services import notice_send
from participation.feedback import feedback_code_format, feedback_status_set, feedback_tracking_path
from tests import factories

pytestmark = pytest.mark.django_db


def section(response, heading_id):
    heading = BeautifulSoup(response.content, "html.parser").find(id=heading_id)
    return heading.find_parent("section") if heading else None


def subjects(part):
    return [strong.get_text(strip=True) for strong in part.select("li > strong")] if part else []


@pytest.fixture
def resident(db):
    return factories.resident()


@pytest.fixture
def neighbour(db):
    return factories.resident(username="tetangga")


def test_a_new_notice_is_listed_as_new_once_then_among_the_earlier_ones(client, site_tree, resident):
    notice = notice_send(
        user=resident,
        subject="Suara Warga SW-ABCD-EFGH dijawab",
        body="Saluran sudah dibersihkan.\nTerima kasih.",
        link="/suara-warga/SW-ABCD-EFGH/",
    )
    client.force_login(resident)

    first = client.get("/saya/")

    new = section(first, "pemberitahuan-baru")
    assert subjects(new) == ["Suara Warga SW-ABCD-EFGH dijawab"]
    assert "Saluran sudah dibersihkan.<br>Terima kasih." in first.text
    assert new.find("a", href="/suara-warga/SW-ABCD-EFGH/") is not None
    assert section(first, "pemberitahuan-sebelumnya") is None
    notice.refresh_from_db()
    assert notice.seen_at is not None

    second = client.get("/saya/")

    assert section(second, "pemberitahuan-baru") is None
    assert subjects(section(second, "pemberitahuan-sebelumnya")) == ["Suara Warga SW-ABCD-EFGH dijawab"]


def test_only_the_notices_shown_are_marked_seen(client, site_tree, resident):
    client.force_login(resident)
    client.get("/saya/")  # nothing new yet
    later = notice_send(user=resident, subject="Pemberitahuan yang datang kemudian", body="Isi.")

    assert Notice.objects.get(pk=later.pk).seen_at is None
    assert subjects(section(client.get("/saya/"), "pemberitahuan-baru")) == ["Pemberitahuan yang datang kemudian"]


def test_another_residents_notices_are_never_shown_nor_marked_seen(client, site_tree, resident, neighbour):
    theirs = notice_send(user=neighbour, subject="Pemberitahuan untuk tetangga", body="Rahasia tetangga.")
    notice_send(user=resident, subject="Pemberitahuan untuk saya", body="Isi.")
    client.force_login(resident)

    response = client.get("/saya/")

    assert subjects(section(response, "pemberitahuan-baru")) == ["Pemberitahuan untuk saya"]
    assert "tetangga" not in response.text
    theirs.refresh_from_db()
    assert theirs.seen_at is None


def test_my_participation_lists_the_residents_suara_warga_items_with_their_tracking_pages(
    client, site_tree, resident, neighbour
):
    factories.suara_warga_page(site_tree["home"])
    mine = factories.feedback(sender=resident, text="Saluran di RT 05 tersumbat.")
    answered = factories.feedback(
        sender=resident, category=factories.feedback_category("Kebersihan"), text="Sampah menumpuk."
    )
    feedback_status_set(feedback=answered, status="answered", by=factories.kelurahan_staff(), reply="Sudah diangkut.")
    theirs = factories.feedback(sender=neighbour, text="Lampu jalan mati.")
    client.force_login(resident)

    response = client.get("/saya/")

    part = section(response, "partisipasi-saya")
    links = {link.get_text(strip=True): link["href"] for link in part.find_all("a")}
    assert links == {
        feedback_code_format(mine.code): feedback_tracking_path(mine),
        feedback_code_format(answered.code): feedback_tracking_path(answered),
    }
    text = part.get_text(" ", strip=True)
    assert "Jalan dan drainase" in text and "Kebersihan" in text and "Gunung Bahagia" in text
    assert str(mine.get_status_display()) in text and str(answered.get_status_display()) in text
    assert feedback_code_format(theirs.code) not in response.text


def test_my_participation_says_what_will_be_listed_when_there_is_nothing_yet(client, site_tree, resident):
    client.force_login(resident)

    part = section(client.get("/saya/"), "partisipasi-saya")

    assert part is not None
    assert part.find("ul") is None


def test_dashboard_queries_do_not_grow_with_notices_or_participation(
    client, site_tree, resident, django_assert_max_num_queries
):
    factories.suara_warga_page(site_tree["home"])
    client.force_login(resident)

    def add(number):
        factories.feedback(sender=resident, text=f"Keluhan {number}")
        notice_send(user=resident, subject=f"Pemberitahuan {number}", body="Isi.")

    def queries():
        with django_assert_max_num_queries(100) as captured:
            response = client.get("/saya/")
        assert response.status_code == 200
        return len(captured.captured_queries), response

    add(0)
    client.get("/saya/")  # warm the caches; the notice is now seen
    add(1)
    few, _ = queries()  # one new notice, one earlier, two items
    for number in range(2, 6):
        add(number)
    client.get("/saya/")  # those notices are now seen
    for number in range(6, 10):
        add(number)
    many, response = queries()  # four new notices, six earlier, ten items

    assert len(subjects(section(response, "pemberitahuan-baru"))) == 4
    assert len(subjects(section(response, "pemberitahuan-sebelumnya"))) == 6
    assert len(section(response, "partisipasi-saya").find_all("li")) == 10
    assert many == few


def test_dashboard_sends_an_anonymous_visitor_to_log_in(client, site_tree):
    response = client.get("/saya/")

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")
    assert "next=/saya/" in response["Location"]
