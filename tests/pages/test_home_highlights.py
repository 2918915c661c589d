"""The home page shows what is happening now: the next forums, the budgeting calls taking proposals and
the latest answered Suara Warga items, with a way to send feedback; never a sender or an unpublished item."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from participation.feedback import feedback_publish, feedback_status_set
from tests import factories

pytestmark = pytest.mark.django_db


def section(response, heading_id):
    heading = BeautifulSoup(response.content, "html.parser").find(id=heading_id)
    return heading.find_parent("section") if heading else None


def answered(*, text, reply, public_text, staff, sender=None, publish=True):
    item = factories.feedback(text=text, sender=sender, sender_name="" if sender else "Budi Santoso")
    item = feedback_status_set(feedback=item, status="answered", by=staff, reply=reply)
    if publish:
        item = feedback_publish(feedback=item, public_text=public_text, by=staff)
    return item


@pytest.fixture
def staff(db):
    return factories.kelurahan_staff()


@pytest.fixture
def suara_warga(site_tree):
    return factories.suara_warga_page(site_tree["home"])


def test_home_page_shows_the_next_forums_and_the_calls_taking_proposals(client, site_tree):
    today = timezone.localdate()
    factories.forum_page(site_tree["forums"], title="Forum Warga Minggu Depan")
    factories.forum_page(
        site_tree["forums"], title="Forum Bulan Lalu", starts_at=timezone.now() - datetime.timedelta(days=30)
    )
    factories.budgeting_call_page(site_tree["budgeting"], title="Usulan Dibuka")
    factories.budgeting_call_page(
        site_tree["budgeting"],
        title="Usulan Segera Dibuka",
        proposals_open=today + datetime.timedelta(days=5),
        proposals_close=today + datetime.timedelta(days=40),
    )
    factories.budgeting_call_page(
        site_tree["budgeting"],
        title="Usulan Sudah Ditutup",
        proposals_open=today - datetime.timedelta(days=60),
        proposals_close=today - datetime.timedelta(days=1),
    )

    response = client.get("/")

    forums = section(response, "forum-terdekat").get_text(" ", strip=True)
    calls = section(response, "penganggaran").get_text(" ", strip=True)
    assert "Forum Warga Minggu Depan" in forums and "Forum Bulan Lalu" not in forums
    assert "Usulan Dibuka" in calls and "Usulan Segera Dibuka" in calls
    assert "Usulan Sudah Ditutup" not in calls
    assert "Balikpapan Selatan" in calls


def test_home_page_shows_the_latest_answered_feedback_as_published_and_never_its_sender(
    client, site_tree, suara_warga, staff
):
    answered(
        text="Budi Santoso di RT 05: saluran tersumbat.",
        public_text="Saluran air di RT 05 tersumbat.",
        reply="Saluran sudah dibersihkan oleh DLH pada hari Senin.",
        staff=staff,
    )
    answered(
        text="Lampu jalan mati.",
        public_text="LAMPU-TIDAK-TERBIT",
        reply="BALASAN-TIDAK-TERBIT",
        staff=staff,
        publish=False,
    )

    response = client.get("/")

    part = section(response, "suara-warga")
    assert part is not None
    text = part.get_text(" ", strip=True)
    assert "Saluran air di RT 05 tersumbat." in text
    assert "Saluran sudah dibersihkan oleh DLH" in text
    assert "Jalan dan drainase" in text and "Gunung Bahagia" in text
    assert "Budi Santoso" not in response.text  # the sender's name, nor their own words
    assert "BALASAN-TIDAK-TERBIT" not in response.text and "LAMPU-TIDAK-TERBIT" not in response.text
    links = {link["href"] for link in part.find_all("a")}
    assert links == {suara_warga.url, suara_warga.url + "kirim/"}


def test_home_page_keeps_suara_warga_off_while_its_page_is_not_live(client, site_tree, suara_warga, staff):
    answered(text="Saluran tersumbat.", public_text="Saluran tersumbat.", reply="Sudah dibersihkan.", staff=staff)
    suara_warga.unpublish()

    response = client.get("/")

    assert section(response, "suara-warga") is None
    assert "Sudah dibersihkan." not in response.text


def test_home_page_queries_do_not_grow_with_what_is_happening(
    client, site_tree, suara_warga, staff, django_assert_max_num_queries
):
    # Signed in: an anonymous visitor's second request would come from the page cache.
    client.force_login(factories.resident())

    def add(number):
        factories.forum_page(site_tree["forums"], title=f"Forum {number}")
        factories.budgeting_call_page(site_tree["budgeting"], title=f"Usulan {number}")
        answered(text=f"Keluhan {number}", public_text=f"Keluhan {number}", reply=f"Balasan {number}", staff=staff)

    add(0)
    client.get("/")
    with django_assert_max_num_queries(100) as few:
        client.get("/")
    for number in range(1, 3):
        add(number)
    client.get("/")
    with django_assert_max_num_queries(100) as many:
        response = client.get("/")

    assert "Balasan 2" in response.text and "Forum 2" in response.text and "Usulan 2" in response.text
    assert len(many.captured_queries) == len(few.captured_queries)
