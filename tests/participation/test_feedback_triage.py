"""Triage of Suara Warga items in the admin: each status change through the triage form, the refusals
(with their message, and nothing saved), telling the sender, publishing, overdue items, recording items
received off-line, the history, the categories, and the admin home's summary."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.models import ModelLogEntry

from notices.models import Notice
from participation.feedback import feedback_code_format, feedback_status_set, feedback_submit
from participation.models import Feedback
from tests import factories
from tests.participation import feedback_admin_fixtures

pytestmark = pytest.mark.django_db

world = feedback_admin_fixtures.world

INDEX = reverse("suara_warga:index")
REPLY = "Saluran sudah dibersihkan oleh Dinas Pekerjaan Umum pada 3 Desember."
PUBLIC_TEXT = "Saluran air di RT 05 tersumbat."


def edit_url(item):
    return reverse("suara_warga:edit", args=[item.pk])


@pytest.fixture
def staff_client(client, world):
    client.force_login(world["users"]["kelurahan staff"])
    return client


def triage(client, item, **fields):
    """Post the triage form as staff fill it in: the reply and the public text as the form shows them."""
    item.refresh_from_db()
    data = {"status": "", "office": "", "reply": item.reply, "public_text": item.public_text or item.text}
    if item.is_published:
        data["publish"] = "on"
    data.update(fields)
    return client.post(edit_url(item), {key: value for key, value in data.items() if value is not None})


def field_errors(response, field):
    """The error messages Wagtail shows under `field` of the triage form."""
    form = response.context["form"]
    return form.errors.get(field, [])


def log_actions(item):
    return list(ModelLogEntry.objects.for_instance(item).order_by("timestamp", "pk").values_list("action", flat=True))


def sent_by_email(mailoutbox, item):
    return [email for email in mailoutbox if feedback_code_format(item.code) in email.subject]


# --- Each status change --------------------------------------------------------------------------------


def test_forwarding_names_the_office_and_tells_the_sender(
    staff_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    item = world["own"]

    with django_capture_on_commit_callbacks(execute=True):
        response = triage(staff_client, item, status="forwarded", office="Dinas Pekerjaan Umum")

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.office) == (Feedback.Status.FORWARDED, "Dinas Pekerjaan Umum")
    [email] = sent_by_email(mailoutbox, item)
    assert email.to == ["budi@contoh.id"]
    assert "Dinas Pekerjaan Umum" in email.body
    assert log_actions(item) == ["sekolah_warga.feedback_received", "sekolah_warga.feedback_status"]
    [message] = staff_client.get(INDEX).context["messages"]
    assert str(message).startswith(f"Suara Warga item {feedback_code_format(item.code)} saved.")


def test_forwarding_without_an_office_is_refused_and_nothing_is_saved(
    staff_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    item = world["own"]

    with django_capture_on_commit_callbacks(execute=True):
        response = triage(staff_client, item, status="forwarded", office="  ")

    assert response.status_code == 200
    assert field_errors(response, "office") == ["Name the office the item is forwarded to."]
    assert "Name the office the item is forwarded to." in response.content.decode()
    item.refresh_from_db()
    assert (item.status, item.office) == (Feedback.Status.RECEIVED, "")
    assert mailoutbox == []
    assert log_actions(item) == ["sekolah_warga.feedback_received"]


def test_an_office_named_without_forwarding_is_refused(staff_client, world):
    item = world["own"]

    response = triage(staff_client, item, office="Dinas Perhubungan")

    assert field_errors(response, "office") == ["Name an office only when forwarding the item."]
    item.refresh_from_db()
    assert item.office == ""


def test_answering_needs_a_reply(staff_client, world, mailoutbox, django_capture_on_commit_callbacks):
    item = world["own"]

    with django_capture_on_commit_callbacks(execute=True):
        response = triage(staff_client, item, status="answered", reply="")

    assert field_errors(response, "reply") == ["Write the reply the sender will read."]
    item.refresh_from_db()
    assert item.status == Feedback.Status.RECEIVED
    assert mailoutbox == []


def test_answering_sends_the_reply_to_the_sender(staff_client, world, mailoutbox, django_capture_on_commit_callbacks):
    item = world["own"]
    feedback_status_set(feedback=item, status="forwarded", by=world["users"]["government"], office="Dinas PU")

    with django_capture_on_commit_callbacks(execute=True):
        response = triage(staff_client, item, status="answered", reply=REPLY)

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.reply, item.replied_by) == (
        Feedback.Status.ANSWERED,
        REPLY,
        world["users"]["kelurahan staff"],
    )
    [email] = sent_by_email(mailoutbox, item)
    assert email.to == ["budi@contoh.id"]
    assert REPLY in email.body


def test_a_sender_with_an_account_is_told_on_their_dashboard_and_by_email(
    staff_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    resident = factories.learner(full_name="Siti Rahmawati", email="siti@contoh.id")
    item = factories.feedback(category=world["category"], kelurahan=world["gunung_bahagia"], sender=resident)

    with django_capture_on_commit_callbacks(execute=True):
        triage(staff_client, item, status="answered", reply=REPLY)

    [notice] = Notice.objects.filter(user=resident)
    assert feedback_code_format(item.code) in notice.subject
    assert REPLY in notice.body
    assert [email.to for email in sent_by_email(mailoutbox, item)] == [["siti@contoh.id"]]


def test_a_phone_only_sender_without_an_account_gets_no_email(
    staff_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    item = factories.feedback(
        category=world["category"], kelurahan=world["gunung_bahagia"], sender_phone="+6281234567890"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = triage(staff_client, item, status="answered", reply=REPLY)

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Feedback.Status.ANSWERED  # they follow it on the tracking page
    assert mailoutbox == []


def test_closing_an_answered_item_keeps_its_reply(staff_client, world, mailoutbox, django_capture_on_commit_callbacks):
    item = world["own"]
    feedback_status_set(feedback=item, status="answered", by=world["users"]["government"], reply=REPLY)

    with django_capture_on_commit_callbacks(execute=True):
        response = triage(staff_client, item, status="closed")

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.reply) == (Feedback.Status.CLOSED, REPLY)
    assert len(sent_by_email(mailoutbox, item)) == 1


def test_closing_a_received_item_needs_a_reply_too(staff_client, world):
    item = world["own"]

    response = triage(staff_client, item, status="closed", reply="")

    assert field_errors(response, "reply") == ["Write the reply the sender will read."]
    item.refresh_from_db()
    assert item.status == Feedback.Status.RECEIVED


def test_the_form_offers_only_the_moves_the_rules_allow(staff_client, world):
    item = world["own"]
    feedback_status_set(feedback=item, status="answered", by=world["users"]["government"], reply=REPLY)

    page = staff_client.get(edit_url(item)).content.decode()

    offered = re.findall(r'name="status" value="([a-z]*)"', page)
    assert offered == ["", "closed"]  # keep "Answered", or close


@pytest.mark.parametrize(
    ("current", "wanted", "message"),
    [
        ("closed", "received", "An item that is “Closed” cannot become “Received”."),
        ("answered", "forwarded", "An item that is “Answered” cannot become “Forwarded”."),
        ("forwarded", "received", "An item that is “Forwarded” cannot become “Received”."),
    ],
)
def test_a_move_the_rules_refuse_is_shown_with_its_message_and_nothing_is_saved(
    staff_client, world, current, wanted, message, mailoutbox, django_capture_on_commit_callbacks
):
    item = world["own"]
    government = world["users"]["government"]
    if current == "forwarded":
        feedback_status_set(feedback=item, status="forwarded", by=government, office="Dinas PU")
    else:
        feedback_status_set(feedback=item, status="answered", by=government, reply=REPLY)
        if current == "closed":
            feedback_status_set(feedback=item, status="closed", by=government)
    item.refresh_from_db()
    before = (item.status, item.office, item.reply, item.status_changed_at)
    entries = log_actions(item)

    with django_capture_on_commit_callbacks(execute=True):
        response = triage(staff_client, item, status=wanted, office="Dinas Sosial", reply="Balasan lain.")

    assert response.status_code == 200
    assert field_errors(response, "status") == [message]
    item.refresh_from_db()
    assert (item.status, item.office, item.reply, item.status_changed_at) == before
    assert log_actions(item) == entries
    assert mailoutbox == []


def test_a_status_that_does_not_exist_is_refused(staff_client, world):
    response = triage(staff_client, world["own"], status="deleted")

    assert field_errors(response, "status")
    world["own"].refresh_from_db()
    assert world["own"].status == Feedback.Status.RECEIVED


# --- Publishing ----------------------------------------------------------------------------------------


def test_the_text_to_publish_starts_as_the_senders_words(staff_client, world):
    page = staff_client.get(edit_url(world["own"])).content.decode()

    assert re.search(r'<textarea name="public_text"[^>]*>\s*Saluran air di RT 05 tersumbat. Rumah Pak Budi.', page)


def test_publishing_needs_the_reply(staff_client, world, mailoutbox, django_capture_on_commit_callbacks):
    item = world["own"]

    with django_capture_on_commit_callbacks(execute=True):
        response = triage(staff_client, item, publish="on", public_text=PUBLIC_TEXT)

    assert field_errors(response, "publish") == ["Only an item with the government's reply can be published."]
    item.refresh_from_db()
    assert item.published_at is None
    assert mailoutbox == []


def test_publishing_needs_the_text_and_a_refusal_undoes_the_answer_given_with_it(
    staff_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    item = world["own"]

    with django_capture_on_commit_callbacks(execute=True):
        response = triage(staff_client, item, status="answered", reply=REPLY, publish="on", public_text=" ")

    assert field_errors(response, "public_text") == [
        "Write the text to publish (take out anything that names a person)."
    ]
    item.refresh_from_db()
    # One save, one transaction: the answer given in the same form is not kept, nor announced.
    assert (item.status, item.reply, item.published_at) == (Feedback.Status.RECEIVED, "", None)
    assert mailoutbox == []
    assert not Notice.objects.exists()


def test_answering_and_publishing_in_one_save(staff_client, world, mailoutbox, django_capture_on_commit_callbacks):
    item = world["own"]

    with django_capture_on_commit_callbacks(execute=True):
        response = triage(staff_client, item, status="answered", reply=REPLY, publish="on", public_text=PUBLIC_TEXT)

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.public_text) == (Feedback.Status.ANSWERED, PUBLIC_TEXT)
    assert item.published_at is not None
    assert len(sent_by_email(mailoutbox, item)) == 2  # the reply, then the publication
    assert log_actions(item)[-2:] == ["sekolah_warga.feedback_status", "sekolah_warga.feedback_publish"]


def test_unpublishing(staff_client, world):
    item = world["own"]
    triage(staff_client, item, status="answered", reply=REPLY, publish="on", public_text=PUBLIC_TEXT)

    response = triage(staff_client, item, publish=None)

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.published_at is None
    assert log_actions(item)[-1] == "sekolah_warga.feedback_unpublish"


def test_correcting_the_reply_of_an_answered_item(staff_client, world, mailoutbox, django_capture_on_commit_callbacks):
    item = world["own"]
    feedback_status_set(feedback=item, status="answered", by=world["users"]["government"], reply=REPLY)

    with django_capture_on_commit_callbacks(execute=True):
        triage(staff_client, item, reply="Saluran sudah dibersihkan pada 4 Desember.")
        emptied = triage(staff_client, item, reply="")

    item.refresh_from_db()
    assert item.reply == "Saluran sudah dibersihkan pada 4 Desember."
    assert field_errors(emptied, "reply") == ["An answered item keeps a reply."]
    assert log_actions(item)[-1] == "sekolah_warga.feedback_reply"
    assert mailoutbox == []  # a correction is not announced again


def test_saving_the_form_unchanged_changes_nothing(staff_client, world):
    item = world["own"]

    response = triage(staff_client, item)

    assert response.status_code == 302
    assert log_actions(item) == ["sekolah_warga.feedback_received"]


# --- What the screens show ------------------------------------------------------------------------------


def test_the_triage_screen_shows_what_the_sender_gave(staff_client, world):
    page = staff_client.get(edit_url(world["own"])).content.decode()

    for shown in (
        "Saluran air di RT 05 tersumbat. Rumah Pak Budi.",
        "Budi Santoso",
        "budi@contoh.id",
        "0812 9876 5432",
    ):
        assert shown in page
    assert "Online" in page


def test_the_history_shows_what_the_services_wrote(staff_client, world):
    item = world["own"]
    triage(staff_client, item, status="forwarded", office="Dinas PU")
    triage(staff_client, item, status="answered", reply=REPLY, publish="on", public_text=PUBLIC_TEXT)

    page = staff_client.get(reverse("suara_warga:history", args=[item.pk])).content.decode()

    for label in (
        "Feedback received",
        "Status changed to “Forwarded”: Dinas PU",
        "Status changed to “Answered”",
        "Published on Suara Warga",
    ):
        assert label in page
    assert "staf-gunungbahagia" in page or "Staf" in page


# --- Overdue items --------------------------------------------------------------------------------------


@pytest.fixture
def overdue_item(world):
    """Received ten days ago in a category answered within seven."""
    return factories.feedback(
        category=world["category"],
        kelurahan=world["gunung_bahagia"],
        text="Jalan berlubang.",
        received_at=timezone.now() - datetime.timedelta(days=10),
    )


def rows(page):
    """Each row of the listing: its code and whether it carries the overdue tag."""
    listing = page[page.index('<table class="listing') :]
    body = listing[listing.index("<tbody>") : listing.index("</tbody>")]
    return [
        (re.search(r"SW-[A-Z0-9]{4}-[A-Z0-9]{4}", row).group(), ">Overdue</span>" in row)
        for row in body.split("<tr")[1:]
    ]


def test_an_overdue_item_is_tagged_and_listed_first(staff_client, world, overdue_item):
    page = staff_client.get(INDEX).content.decode()

    assert rows(page) == [
        (feedback_code_format(overdue_item.code), True),
        (feedback_code_format(world["own"].code), False),
    ]


def test_an_answered_item_is_no_longer_overdue(staff_client, world, overdue_item):
    triage(staff_client, overdue_item, status="answered", reply=REPLY)

    page = staff_client.get(INDEX).content.decode()

    assert (feedback_code_format(overdue_item.code), False) in rows(page)


def test_the_overdue_filter(staff_client, world, overdue_item):
    page = staff_client.get(INDEX, {"overdue": "true"}).content.decode()

    assert rows(page) == [(feedback_code_format(overdue_item.code), True)]


def test_the_waiting_filter_leaves_out_answered_items(staff_client, world, overdue_item):
    triage(staff_client, world["own"], status="answered", reply=REPLY)

    page = staff_client.get(INDEX, {"status": "waiting"}).content.decode()

    assert [code for code, _overdue in rows(page)] == [feedback_code_format(overdue_item.code)]


def test_the_export_says_which_items_are_overdue(staff_client, world, overdue_item):
    response = staff_client.get(INDEX, {"export": "csv"})

    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[6] == "Overdue"
    assert [line.split(",")[6] for line in lines[1:]] == ["yes", "no"]


def test_the_listing_takes_the_same_queries_however_many_items(staff_client, world, django_assert_num_queries):
    staff_client.get(INDEX)  # caches of the first request (content types, the site)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one_item:
        staff_client.get(INDEX)
    for number in range(8):
        factories.feedback(
            category=factories.feedback_category(f"Kategori {number}"), kelurahan=world["gunung_bahagia"]
        )

    with django_assert_num_queries(len(one_item)):
        page = staff_client.get(INDEX).content.decode()

    assert len(rows(page)) == 9


# --- Recording an item received at the counter, on paper or by telephone --------------------------------


def test_recording_an_item_received_at_the_counter(staff_client, world):
    response = staff_client.post(
        reverse("suara_warga:add"),
        {
            "channel": "counter",
            "category": world["category"].pk,
            "kelurahan": world["gunung_bahagia"].pk,
            "text": "Sampah menumpuk di pasar.",
            "sender_name": "Ibu Sri",
            "sender_phone": "0812 1111 2222",
        },
        follow=True,
    )

    item = Feedback.objects.get(text="Sampah menumpuk di pasar.")
    assert (item.channel, item.recorded_by, item.sender, item.sender_name, item.sender_phone) == (
        Feedback.Channel.COUNTER,
        world["users"]["kelurahan staff"],
        None,
        "Ibu Sri",
        "+6281211112222",
    )
    assert item.due_at == item.received_at + datetime.timedelta(days=7)
    assert response.redirect_chain[-1][0] == edit_url(item)
    [message] = [str(message) for message in response.context["messages"]]
    assert f"Its tracking code is {feedback_code_format(item.code)}" in message
    assert "At the kelurahan counter" in response.content.decode()
    assert log_actions(item) == ["sekolah_warga.feedback_received"]


def test_a_photo_given_with_a_letter_is_kept_without_its_metadata(staff_client, world):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Kamera Warga"  # Make
    Image.new("RGB", (2400, 1200), "blue").save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("surat.jpg", buffer.getvalue(), content_type="image/jpeg")

    response = staff_client.post(
        reverse("suara_warga:add"),
        {
            "channel": "paper",
            "category": world["category"].pk,
            "kelurahan": world["gunung_bahagia"].pk,
            "text": "Surat dengan foto jalan rusak.",
            "photo": upload,
        },
    )

    assert response.status_code == 302
    item = Feedback.objects.get(channel=Feedback.Channel.PAPER)
    with Image.open(item.photo.open("rb")) as kept:
        assert kept.size == (1600, 800)
        assert not kept.getexif()
    assert staff_client.get(reverse("suara_warga:photo", args=[item.pk])).status_code == 200


def test_a_file_that_is_not_a_photo_is_refused(staff_client, world):
    response = staff_client.post(
        reverse("suara_warga:add"),
        {
            "channel": "paper",
            "category": world["category"].pk,
            "kelurahan": world["gunung_bahagia"].pk,
            "text": "Surat.",
            "photo": SimpleUploadedFile("surat.pdf", b"%PDF-1.4 not a photo", content_type="application/pdf"),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["photo"]
    assert Feedback.objects.count() == 2


def test_an_item_on_paper_needs_no_name_or_contact(staff_client, world):
    response = staff_client.post(
        reverse("suara_warga:add"),
        {
            "channel": "paper",
            "category": world["category"].pk,
            "kelurahan": world["gunung_bahagia"].pk,
            "text": "Surat: mohon perbaikan jembatan.",
        },
    )

    assert response.status_code == 302
    item = Feedback.objects.get(channel=Feedback.Channel.PAPER)
    assert (item.sender_name, item.sender_email, item.sender_phone) == ("", "", "")


def test_an_item_recorded_for_a_residents_account_is_theirs_as_if_sent_online(
    staff_client, world, django_capture_on_commit_callbacks
):
    resident = factories.learner(full_name="Ratna Sari", phone="+6281377778888")
    response = staff_client.post(
        reverse("suara_warga:add"),
        {
            "channel": "counter",
            "category": world["category"].pk,
            "kelurahan": world["gunung_bahagia"].pk,
            "text": "Di loket: lampu jalan RT 03 mati.",
            "account": "0813 7777 8888",
            "sender_name": "Nama yang diketik",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    item = Feedback.objects.get(channel=Feedback.Channel.COUNTER)
    assert (item.sender, item.sender_name, item.recorded_by) == (resident, "", world["users"]["kelurahan staff"])
    with django_capture_on_commit_callbacks(execute=True):
        triage(staff_client, item, status="answered", reply=REPLY)
    assert resident.notices.count() == 1  # told on /saya/, as for an item sent online


def test_recording_for_an_account_that_does_not_exist_is_refused_and_saves_nothing(staff_client, world):
    response = staff_client.post(
        reverse("suara_warga:add"),
        {
            "channel": "counter",
            "category": world["category"].pk,
            "kelurahan": world["gunung_bahagia"].pk,
            "text": "Di loket: lampu jalan mati.",
            "account": "tidak-ada",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["account"] == [
        "Tidak ada akun aktif dengan nama pengguna, alamat email, atau nomor telepon ini."
    ]
    assert Feedback.objects.count() == 2


def test_recording_refuses_bad_input_and_saves_nothing(staff_client, world):
    response = staff_client.post(
        reverse("suara_warga:add"),
        {
            "channel": "online",
            "category": "",
            "kelurahan": world["gunung_bahagia"].pk,
            "text": "",
            "sender_phone": "123",
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"channel", "category", "text", "sender_phone"}
    assert errors["category"] == ["Pilih kategori."]
    assert errors["text"] == ["Tuliskan masukan warga."]
    assert Feedback.objects.count() == 2


def test_an_item_recorded_by_telephone_is_triaged_like_one_sent_online(staff_client, world):
    item = feedback_submit(
        category=world["category"],
        kelurahan=world["gunung_bahagia"],
        text="Lewat telepon: lampu jalan mati.",
        channel=Feedback.Channel.PHONE,
        recorded_by=world["users"]["kelurahan staff"],
    )

    response = triage(staff_client, item, status="answered", reply=REPLY)

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Feedback.Status.ANSWERED


# --- Categories ----------------------------------------------------------------------------------------


def test_government_staff_set_a_categorys_response_time(client, world):
    client.force_login(world["users"]["government"])

    response = client.post(
        reverse("suara_warga_categories:add"),
        {"name": "Kebersihan", "description": "Sampah, selokan.", "response_days": "14"},
    )

    assert response.status_code == 302
    item = factories.feedback(category=factories.feedback_category("Kebersihan"), kelurahan=world["damai"])
    assert item.due_at == item.received_at + datetime.timedelta(days=14)


def test_a_category_in_use_cannot_be_deleted_and_says_so(client, world):
    client.force_login(world["users"]["government"])
    url = reverse("suara_warga_categories:delete", args=[world["category"].pk])

    confirmation = client.get(url)
    response = client.post(url, follow=True)

    expected = "“Jalan dan drainase” cannot be deleted: 2 Suara Warga items are in it."
    assert expected in confirmation.content.decode()
    assert "Yes, delete" not in confirmation.content.decode()
    assert response.status_code == 200
    assert any(expected in str(message) for message in response.context["messages"])
    assert world["category"].items.count() == 2
    world["category"].refresh_from_db()


def test_an_unused_category_is_deleted(client, world):
    client.force_login(world["users"]["government"])
    unused = factories.feedback_category("Lain-lain")

    response = client.post(reverse("suara_warga_categories:delete", args=[unused.pk]))

    assert response.status_code == 302
    assert not type(unused).objects.filter(pk=unused.pk).exists()


# --- The admin home ------------------------------------------------------------------------------------


def test_the_admin_home_counts_the_items_waiting_and_overdue_in_scope(staff_client, world, overdue_item):
    page = staff_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "2 Suara Warga items waiting for an answer" in page  # not Damai's
    assert f'href="{INDEX}?status=waiting"' in page
    assert "1 overdue" in page
    assert f'href="{INDEX}?overdue=true"' in page


def test_the_admin_home_has_no_suara_warga_count_for_staff_without_the_permission(client, world):
    client.force_login(world["users"]["reviewer"])

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Suara Warga item" not in page
