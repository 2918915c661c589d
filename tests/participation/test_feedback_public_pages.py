"""/suara-warga/ and /suara-warga/<code>/: the published feedback with the government's replies, and one
item's tracking page; what they show, what they never show, and that neither is ever served stale."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participation.feedback import (
    feedback_code_format,
    feedback_publish,
    feedback_reply_set,
    feedback_status_set,
    feedback_unpublish,
)
from participation.models import Feedback
from tests import factories
from tests.participation import suara_warga_fixtures
from tests.participation.suara_warga_fixtures import LIST, in_indonesian, in_indonesian_plural

pytestmark = pytest.mark.django_db

suara_warga = suara_warga_fixtures.suara_warga

RAW_TEXT = "Got di depan rumah Pak Budi Santoso, Jl. Mawar 5, tersumbat."
PUBLIC_TEXT = "Got di Jl. Mawar tersumbat."
REPLY = "Dinas PU membersihkan got pada 3 Desember."


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    return soup(response).get_text(" ", strip=True)


def tracking_path(feedback):
    return f"/suara-warga/{feedback_code_format(feedback.code)}/"


@pytest.fixture
def staff():
    return get_user_model().objects.create_user(username="staf", password="x", first_name="Staf Kelurahan")


def answered(*, by, category=None, kelurahan=None, text=RAW_TEXT, reply=REPLY, **sender):
    """An item sent without an account (unless `sender` says otherwise), forwarded and answered."""
    sender = sender or {
        "sender_name": "Budi Santoso",
        "sender_email": "budi@contoh.id",
        "sender_phone": "+6281234567890",
    }
    feedback = factories.feedback(category=category, kelurahan=kelurahan, text=text, **sender)
    feedback_status_set(feedback=feedback, status=Feedback.Status.FORWARDED, by=by, office="Dinas Pekerjaan Umum")
    feedback_status_set(feedback=feedback, status=Feedback.Status.ANSWERED, by=by, reply=reply)
    return feedback


def published(*, by, public_text=PUBLIC_TEXT, **fields):
    feedback = answered(by=by, **fields)
    return feedback_publish(feedback=feedback, public_text=public_text, by=by)


def shown_texts(response):
    return [item.select_one(".feedback-text").get_text(strip=True) for item in soup(response).select(".feedback-item")]


# --- /suara-warga/: the published list


def test_the_list_shows_each_published_item_with_its_reply_and_nothing_else(client, suara_warga, staff):
    feedback = published(by=staff, category=suara_warga.waste, kelurahan=suara_warga.margasari)
    answered(by=staff, text="Belum dipublikasikan: lampu jalan mati.", reply="Sudah diganti.")

    page = soup(client.get(LIST))

    items = page.select(".feedback-item")
    assert len(items) == 1
    item = items[0].get_text(" ", strip=True)
    assert "Sampah" in item
    assert "Margasari" in item
    assert PUBLIC_TEXT in item
    assert REPLY in item
    replied = timezone.localtime(Feedback.objects.get(pk=feedback.pk).replied_at)
    assert f"{replied.day} " in item and str(replied.year) in item
    assert "Dinas Pekerjaan Umum" in item
    assert "lampu jalan mati" not in page.get_text()


def test_the_list_offers_the_form_and_the_tracking_code_look_up(client, suara_warga):
    page = soup(client.get(LIST))

    assert page.find("a", href="/suara-warga/kirim/")
    look_up = page.find("input", attrs={"name": "kode"}).find_parent("form")
    assert look_up["method"] == "get" and look_up["action"] == LIST


def test_the_list_filters_by_category_and_kelurahan(client, suara_warga, staff):
    published(by=staff, category=suara_warga.roads, kelurahan=suara_warga.gunung_bahagia, public_text="Jalan A.")
    published(by=staff, category=suara_warga.waste, kelurahan=suara_warga.gunung_bahagia, public_text="Sampah B.")
    published(by=staff, category=suara_warga.waste, kelurahan=suara_warga.margasari, public_text="Sampah C.")
    waste = suara_warga.waste.pk
    gunung_bahagia, margasari = suara_warga.gunung_bahagia.code, suara_warga.margasari.code

    def shown(query):
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 200
        return sorted(shown_texts(response))

    assert shown("") == ["Jalan A.", "Sampah B.", "Sampah C."]
    assert shown(f"kategori={waste}") == ["Sampah B.", "Sampah C."]
    assert shown(f"kelurahan={margasari}") == ["Sampah C."]
    assert shown(f"kategori={waste}&kelurahan={gunung_bahagia}") == ["Sampah B."]
    # The filter form sends an empty value for "all".
    assert shown(f"kategori=&kelurahan={gunung_bahagia}") == ["Jalan A.", "Sampah B."]


def test_the_filters_count_the_published_items_of_each_category_and_kelurahan(client, suara_warga, staff):
    published(by=staff, category=suara_warga.waste, kelurahan=suara_warga.gunung_bahagia)
    published(by=staff, category=suara_warga.waste, kelurahan=suara_warga.margasari)
    answered(by=staff, category=suara_warga.roads)  # not published: not counted

    page = soup(client.get(LIST))

    categories = [option.get_text(strip=True) for option in page.select("select[name=kategori] option")]
    assert categories[1:] == ["Jalan dan drainase (0)", "Sampah (2)"]
    kelurahan = page.select_one("select[name=kelurahan]")
    assert [group["label"] for group in kelurahan.select("optgroup")] == [
        "Kecamatan Balikpapan Barat",
        "Kecamatan Balikpapan Selatan",
    ]
    assert [option.get_text(strip=True) for option in kelurahan.select("optgroup option")] == [
        "Margasari (1)",
        "Gunung Bahagia (1)",
    ]


@pytest.mark.parametrize(
    ("query", "goes_to"),
    [
        ("kategori=999", ""),
        ("kategori=sampah", ""),
        ("kelurahan=6471010", ""),  # a kecamatan
        ("kelurahan=9999999999", ""),
        ("kategori={waste}&kategori={roads}", ""),
        ("halaman=2", ""),
        ("halaman=0", ""),
        ("halaman=dua", ""),
        ("kategori={waste}&kelurahan=0000", "?kategori={waste}"),
        ("halaman=7&kategori={waste}", "?kategori={waste}"),
    ],
)
def test_a_filter_that_names_nothing_leads_to_the_list_without_it(client, suara_warga, query, goes_to):
    names = {"waste": suara_warga.waste.pk, "roads": suara_warga.roads.pk}

    response = client.get(f"{LIST}?{query.format(**names)}")

    assert response.status_code == 302
    assert response["Location"] == LIST + goes_to.format(**names)


def test_the_list_is_paginated_and_the_pages_keep_the_filter(client, suara_warga, staff, monkeypatch):
    monkeypatch.setattr("participation.feedback_views.ITEMS_PER_PAGE", 2)
    for number in range(5):
        published(by=staff, category=suara_warga.waste, public_text=f"Sampah nomor {number}.")
    published(by=staff, category=suara_warga.roads, public_text="Jalan.")
    query = f"kategori={suara_warga.waste.pk}"

    first = client.get(f"{LIST}?{query}")
    assert shown_texts(first) == ["Sampah nomor 4.", "Sampah nomor 3."]
    assert soup(first).find("a", rel="next")["href"] == f"{LIST}?halaman=2&{query}"
    assert not soup(first).find("a", rel="prev")

    last = client.get(f"{LIST}?halaman=3&{query}")
    assert shown_texts(last) == ["Sampah nomor 0."]
    assert soup(last).find("a", rel="prev")["href"] == f"{LIST}?halaman=2&{query}"
    assert not soup(last).find("a", rel="next")


def test_the_list_costs_the_same_queries_for_one_item_as_for_a_full_page(
    client, suara_warga, staff, django_assert_num_queries
):
    published(by=staff)
    client.get(LIST)  # Wagtail's routes and the menu are remembered from the first visit
    with CaptureQueriesContext(connection) as one_item:
        client.get(LIST)
    queries_for_one_item = len(one_item)  # now: the next request empties Django's list of queries
    for number in range(25):
        category = suara_warga.waste if number % 2 else suara_warga.roads
        kelurahan = suara_warga.margasari if number % 3 else suara_warga.gunung_bahagia
        published(by=staff, category=category, kelurahan=kelurahan)
    client.get(LIST)  # each publication made what was remembered stale (core.page_cache)

    with django_assert_num_queries(queries_for_one_item):
        response = client.get(LIST)

    assert len(soup(response).select(".feedback-item")) == 20


def test_an_empty_list_says_so(client, suara_warga):
    assert in_indonesian("No answered feedback has been published yet.") in text_of(client.get(LIST))


def test_the_list_is_read_only(client, suara_warga):
    assert client.post(LIST).status_code == 405


# --- the tracking code typed in the list's form


@pytest.mark.parametrize("typed", ["{code}", "sw-{code}", "SW {lower}", "{lower_dashed}"])
def test_a_code_typed_in_any_form_leads_to_its_tracking_page(client, suara_warga, typed):
    feedback = factories.feedback()
    code = feedback.code
    typed = typed.format(code=code, lower=code.lower(), lower_dashed=f"{code[:4]}-{code[4:]}".lower())

    response = client.get(LIST, {"kode": typed})

    assert response.status_code == 302
    assert response["Location"] == tracking_path(feedback)


def test_a_code_typed_wrong_in_the_list_form_is_named_and_the_answer_kept_by_no_cache(client, suara_warga, settings):
    settings.PAGE_CACHE_ENABLED = True

    response = client.get(LIST, {"kode": "sw-acd"})

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    field = soup(response).find("input", attrs={"name": "kode"}).find_parent(class_="field")
    message = "A tracking code has %(length)d letters and numbers after SW-; you typed %(count)d."
    assert [error.get_text(strip=True) for error in field.select(".errorlist li")] == [
        in_indonesian_plural(message, message, 3) % {"length": 8, "count": 3}
    ]


# --- /suara-warga/<code>/: one item's tracking page


def test_the_tracking_page_follows_the_item_from_receipt_to_its_published_reply(client, suara_warga, staff):
    feedback = factories.feedback(category=suara_warga.roads, kelurahan=suara_warga.gunung_bahagia)
    path = tracking_path(feedback)

    page = text_of(client.get(path))
    assert in_indonesian("Received") in page
    assert "Jalan dan drainase" in page
    assert "Gunung Bahagia" in page
    due = timezone.localtime(Feedback.objects.get(pk=feedback.pk).due_at)
    assert str(due.year) in page and f"{due.day} " in page
    assert REPLY not in page

    feedback_reply_set(feedback=feedback, reply=REPLY, by=staff)  # written ahead: a draft, not shown yet
    feedback_status_set(feedback=feedback, status=Feedback.Status.FORWARDED, by=staff, office="Dinas PU")
    page = text_of(client.get(path))
    assert in_indonesian("Forwarded") in page
    assert "Dinas PU" in page
    assert REPLY not in page

    feedback_status_set(feedback=feedback, status=Feedback.Status.ANSWERED, by=staff)
    page = text_of(client.get(path))
    assert in_indonesian("Answered") in page
    assert REPLY in page
    assert (
        in_indonesian("No. Staff choose which answered feedback to publish, always without the sender's name.") in page
    )

    feedback_publish(feedback=feedback, public_text=PUBLIC_TEXT, by=staff)
    response = client.get(path)
    assert PUBLIC_TEXT in text_of(response)
    history = [item.get_text(" ", strip=True) for item in soup(response).select(".feedback-history li")]
    assert len(history) == 4
    assert in_indonesian("forwarded to %(office)s") % {"office": "Dinas PU"} in history[1]
    assert in_indonesian("published on the Suara Warga page") in history[3]
    assert soup(response).find("a", href=LIST)


def test_an_item_past_its_target_time_is_marked_late(client, suara_warga):
    feedback = factories.feedback(received_at=timezone.now() - timedelta(days=30))

    page = text_of(client.get(tracking_path(feedback)))

    assert in_indonesian("The answer is late: the expected date has passed.") in page


@pytest.mark.parametrize("typed", ["{lower}", "{code}", "sw{code}", "{code_dashed}"])
def test_a_tracking_address_typed_in_any_form_moves_to_the_one_printed(client, suara_warga, typed):
    feedback = factories.feedback()
    code = feedback.code
    typed = typed.format(code=code, lower=f"sw-{code[:4]}-{code[4:]}".lower(), code_dashed=f"{code[:4]}-{code[4:]}")

    response = client.get(f"/suara-warga/{typed}/")

    assert response.status_code == 302
    assert response["Location"] == tracking_path(feedback)


def test_an_unknown_code_gets_a_page_in_indonesian_with_the_form_to_try_again(client, suara_warga):
    response = client.get("/suara-warga/SW-7KQ4-MX9D/")

    assert response.status_code == 404
    page = soup(response)
    assert page.find("html")["lang"] == "id"
    expected = in_indonesian("No feedback has the tracking code %(code)s.") % {"code": "SW-7KQ4-MX9D"}
    assert expected in page.select_one(".verdict").get_text(" ", strip=True)
    look_up = page.find("input", attrs={"name": "kode"})
    assert look_up["value"] == "SW-7KQ4-MX9D"
    assert look_up.find_parent("form")["action"] == LIST
    assert response["X-Robots-Tag"] == "noindex"


def test_an_address_that_is_no_code_says_what_is_wrong(client, suara_warga):
    response = client.get("/suara-warga/SW-ACD1-ACDB/")  # 1 and B are never in a code

    assert response.status_code == 404
    assert ": 1 B." in soup(response).select_one(".verdict").get_text(" ", strip=True)


def test_the_tracking_page_is_read_only(client, suara_warga):
    feedback = factories.feedback()

    assert client.post(tracking_path(feedback)).status_code == 405


# --- publishing shows no personal data


@pytest.mark.parametrize("sender_kind", ["without-account", "resident"])
def test_publishing_shows_no_personal_data(client, suara_warga, staff, sender_kind):
    if sender_kind == "resident":
        resident = factories.learner(full_name="Siti Rahmawati", email="siti@contoh.id", phone="+6281299998888")
        feedback = published(by=staff, sender=resident)
        personal = ["Siti Rahmawati", "siti@contoh.id", "6281299998888", "0812 9999 8888", resident.username]
    else:
        feedback = published(by=staff)
        personal = ["Budi Santoso", "budi@contoh.id", "6281234567890", "0812 3456 7890"]
    # The name a photo would have: never linked nor named.
    Feedback.objects.filter(pk=feedback.pk).update(photo="2026/12/foto-rumah.jpg")

    for path in (LIST, tracking_path(feedback)):
        html = client.get(path).content.decode()
        assert PUBLIC_TEXT in html, path
        assert REPLY in html, path
        for secret in [*personal, RAW_TEXT, "Jl. Mawar 5", "foto-rumah", "2026/12/"]:
            assert secret not in html, (path, secret)
    # The list never names the codes: whoever has one may open its item's page.
    assert feedback.code not in client.get(LIST).content.decode()


# --- never served stale


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_an_anonymous_visitor_of_the_list_sees_a_publication_at_once(client, suara_warga, staff, page_cache_on):
    feedback = answered(by=staff)
    assert client.get(LIST)["X-Page-Cache"] == "miss"
    assert client.get(LIST)["X-Page-Cache"] == "hit"

    feedback_publish(feedback=feedback, public_text=PUBLIC_TEXT, by=staff)
    response = client.get(LIST)

    assert response["X-Page-Cache"] == "miss"
    assert PUBLIC_TEXT in response.content.decode()

    feedback_unpublish(feedback=feedback, by=staff)
    assert PUBLIC_TEXT not in client.get(LIST).content.decode()


def test_an_anonymous_visitor_of_the_list_sees_a_renamed_category_at_once(client, suara_warga, staff, page_cache_on):
    feedback = answered(by=staff)
    feedback_publish(feedback=feedback, public_text=PUBLIC_TEXT, by=staff)
    client.get(LIST)
    assert client.get(LIST)["X-Page-Cache"] == "hit"

    feedback.category.name = "Got dan saluran air"
    feedback.category.save()
    response = client.get(LIST)

    assert response["X-Page-Cache"] == "miss"
    assert "Got dan saluran air" in response.content.decode()


def test_an_anonymous_visitor_of_the_tracking_page_sees_a_status_change_at_once(
    client, suara_warga, staff, page_cache_on
):
    feedback = factories.feedback()
    path = tracking_path(feedback)
    first = client.get(path)
    assert in_indonesian("Received") in text_of(first)

    feedback_status_set(feedback=feedback, status=Feedback.Status.FORWARDED, by=staff, office="Dinas PU")
    second = client.get(path)

    assert "Dinas PU" in text_of(second)
    for response in (first, second):
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"
