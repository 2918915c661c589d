"""Who meets which Suara Warga item in the admin: every screen, by its address, for each role.

Kelurahan staff of Gunung Bahagia triage Gunung Bahagia's items and meet none of Damai's (404 by
address, left out of the listing and its exports); government staff see both; content reviewers, NGO
authors and residents see none. Categories are government staff's. Adding a screen is adding a line
to SCREENS.
"""

import csv
import io
import re

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from participation.feedback import feedback_code_format, feedback_submit
from participation.models import Feedback
from tests import factories
from tests.participation import feedback_admin_fixtures
from tests.participation.feedback_admin_fixtures import SENDER

pytestmark = pytest.mark.django_db

world = feedback_admin_fixtures.world

ALLOW, DENY = "allow", "deny"
INDEX = reverse("suara_warga:index")

# Screens of one item, by address.
SCREENS = {
    "triage (edit)": lambda item: reverse("suara_warga:edit", args=[item.pk]),
    "inspect": lambda item: reverse("suara_warga:inspect", args=[item.pk]),
    "history": lambda item: reverse("suara_warga:history", args=[item.pk]),
    "history results": lambda item: reverse("suara_warga:history_results", args=[item.pk]),
    "photo": lambda item: reverse("suara_warga:photo", args=[item.pk]),
}
# role -> (Gunung Bahagia's item, Damai's item)
READ = {
    "kelurahan staff": (ALLOW, DENY),
    "government": (ALLOW, ALLOW),
    "reviewer": (DENY, DENY),
    "author": (DENY, DENY),
    "resident": (DENY, DENY),
    "anonymous": (DENY, DENY),
}


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue())


@pytest.fixture
def with_photos(world):
    """Both items with a photo, as residents send them."""
    for item in (world["own"], world["other"]):
        item.photo.save(f"{item.code}.jpg", jpeg())
    return world


def outcome(response):
    """200 is allowed; a refusal is a 404, a 403 or Wagtail's redirect to its log-in: never an error."""
    assert response.status_code in (200, 302, 403, 404), response.status_code
    return ALLOW if response.status_code == 200 else DENY


def codes_in(text):
    return set(re.findall(r"SW-[A-Z0-9]{4}-[A-Z0-9]{4}", text))


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("role", READ)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_item_screens_matrix(client, with_photos, role, screen, whose):
    if role != "anonymous":
        client.force_login(with_photos["users"][role])

    response = client.get(SCREENS[screen](with_photos[whose]))

    expected = READ[role][0 if whose == "own" else 1]
    assert outcome(response) == expected, f"{role} {screen} ({whose}): {response.status_code}"


@pytest.mark.parametrize("screen", SCREENS)
def test_another_kelurahans_item_is_not_found_by_its_address(client, with_photos, screen):
    client.force_login(with_photos["users"]["kelurahan staff"])
    stranger = with_photos["other"]

    response = client.get(SCREENS[screen](stranger))

    assert response.status_code == 404
    body = response.content.decode(errors="replace")
    assert feedback_code_format(stranger.code) not in body
    assert "Lampu jalan" not in body


def test_another_kelurahans_item_cannot_be_triaged_by_a_post(client, world):
    client.force_login(world["users"]["kelurahan staff"])
    stranger = world["other"]

    response = client.post(
        reverse("suara_warga:edit", args=[stranger.pk]), {"status": "forwarded", "office": "Dinas Perhubungan"}
    )

    assert response.status_code == 404
    stranger.refresh_from_db()
    assert (stranger.status, stranger.office) == (Feedback.Status.RECEIVED, "")


@pytest.mark.parametrize(
    "screen",
    ["listing", "record form", "categories", "category form"],
)
@pytest.mark.parametrize("role", ["reviewer", "author", "resident", "anonymous"])
def test_roles_without_the_permission_are_refused_every_screen(client, world, role, screen):
    urls = {
        "listing": INDEX,
        "record form": reverse("suara_warga:add"),
        "categories": reverse("suara_warga_categories:index"),
        "category form": reverse("suara_warga_categories:edit", args=[world["category"].pk]),
    }
    if role != "anonymous":
        client.force_login(world["users"][role])

    assert outcome(client.get(urls[screen])) == DENY


def test_kelurahan_staff_list_only_their_kelurahans_items(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    page = client.get(INDEX).content.decode()

    assert codes_in(page) == {feedback_code_format(world["own"].code)}


def test_government_staff_list_every_kelurahans_items(client, world):
    client.force_login(world["users"]["government"])

    page = client.get(INDEX).content.decode()

    assert codes_in(page) == {feedback_code_format(world["own"].code), feedback_code_format(world["other"].code)}


def test_the_kelurahan_filter_offers_only_the_kelurahan_in_scope(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    page = client.get(INDEX).content.decode()
    asked_for_damai = client.get(INDEX, {"kelurahan": world["damai"].pk}).content.decode()

    assert "Gunung Bahagia" in page
    assert "Damai" not in page
    assert feedback_code_format(world["other"].code) not in asked_for_damai


def test_a_search_by_another_kelurahans_code_finds_nothing(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    page = client.get(INDEX, {"q": feedback_code_format(world["other"].code)}).content.decode()

    assert reverse("suara_warga:edit", args=[world["other"].pk]) not in page
    assert "Lampu jalan" not in page


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_holds_only_the_items_in_scope_and_no_personal_data(client, world, export_format):
    client.force_login(world["users"]["kelurahan staff"])

    response = client.get(INDEX, {"export": export_format})

    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    heading, *items = rows
    assert [row[0] for row in items] == [feedback_code_format(world["own"].code)]
    assert items[0][1:3] == ["Jalan dan drainase", "Gunung Bahagia"]
    everything = " ".join(" ".join(row) for row in rows)
    # Minimal data: no sender's name, contact or words, no photo.
    for personal in (*SENDER.values(), "0812 9876 5432", "Saluran air", "Budi", "photo", "Photo"):
        assert personal not in everything


def test_government_staff_export_every_kelurahans_items(client, world):
    client.force_login(world["users"]["government"])

    response = client.get(INDEX, {"export": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {row[0] for row in rows[1:]} == {feedback_code_format(world[w].code) for w in ("own", "other")}


def test_a_kelurahan_staff_of_the_kecamatan_sees_both_kelurahan(client, world):
    kecamatan = world["damai"].parent
    staff = feedback_admin_fixtures.works_in_english(factories.kelurahan_staff("staf-kecamatan", region=kecamatan))
    client.force_login(staff)

    page = client.get(INDEX).content.decode()

    assert codes_in(page) == {feedback_code_format(world["own"].code), feedback_code_format(world["other"].code)}


def test_staff_whose_role_was_withdrawn_meet_no_item(client, world):
    from participation.kelurahan_staff import kelurahan_staff_withdraw
    from participation.models import KelurahanStaffAssignment

    staff = world["users"]["kelurahan staff"]
    kelurahan_staff_withdraw(assignment=KelurahanStaffAssignment.objects.get(user=staff))
    client.force_login(staff)

    assert outcome(client.get(INDEX)) == DENY
    assert outcome(client.get(SCREENS["triage (edit)"](world["own"]))) == DENY


# --- The photo: private storage, served only within the scope --------------------------------------------


def test_staff_in_scope_see_the_senders_photo(client, with_photos):
    client.force_login(with_photos["users"]["kelurahan staff"])

    response = client.get(SCREENS["photo"](with_photos["own"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_the_triage_screen_shows_the_photo_from_the_guarded_address(client, with_photos):
    client.force_login(with_photos["users"]["kelurahan staff"])

    page = client.get(SCREENS["triage (edit)"](with_photos["own"])).content.decode()

    assert f'src="{SCREENS["photo"](with_photos["own"])}"' in page
    assert with_photos["own"].photo.name not in page  # the storage path is not given away


def test_an_item_without_a_photo_has_no_photo_address(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    assert client.get(SCREENS["photo"](world["own"])).status_code == 404


# --- Recording an item received off-line: only in the kelurahan where one acts ---------------------------


def test_the_record_form_offers_only_the_kelurahan_in_scope(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    page = client.get(reverse("suara_warga:add")).content.decode()

    assert "Gunung Bahagia" in page
    assert "Damai" not in page


def test_an_item_cannot_be_recorded_for_another_kelurahan(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    response = client.post(
        reverse("suara_warga:add"),
        {
            "channel": "counter",
            "category": world["category"].pk,
            "kelurahan": world["damai"].pk,
            "text": "Jalan rusak.",
        },
    )

    assert response.status_code == 200
    assert "you record items only where you act" in response.content.decode()
    assert Feedback.objects.count() == 2


# --- Categories: government staff's ----------------------------------------------------------------------


CATEGORY_SCREENS = {
    "list": lambda category: reverse("suara_warga_categories:index"),
    "add": lambda category: reverse("suara_warga_categories:add"),
    "edit": lambda category: reverse("suara_warga_categories:edit", args=[category.pk]),
    "delete": lambda category: reverse("suara_warga_categories:delete", args=[category.pk]),
    "history": lambda category: reverse("suara_warga_categories:history", args=[category.pk]),
}


@pytest.mark.parametrize("screen", CATEGORY_SCREENS)
@pytest.mark.parametrize("role", ["government", "kelurahan staff"])
def test_categories_are_government_staffs(client, world, role, screen):
    client.force_login(world["users"][role])

    response = client.get(CATEGORY_SCREENS[screen](world["category"]))

    assert outcome(response) == (ALLOW if role == "government" else DENY), f"{role} {screen}"


def test_kelurahan_staff_cannot_change_a_categorys_response_time(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    response = client.post(
        reverse("suara_warga_categories:edit", args=[world["category"].pk]),
        {"name": "Jalan dan drainase", "description": "", "response_days": 60},
    )

    assert outcome(response) == DENY
    world["category"].refresh_from_db()
    assert world["category"].response_days == 7


def test_the_menu_shows_kelurahan_staff_the_items_and_not_the_categories(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert INDEX in page
    assert reverse("suara_warga_categories:index") not in page


def test_an_item_recorded_at_the_counter_is_scoped_like_any_other(client, world):
    item = feedback_submit(
        category=world["category"],
        kelurahan=world["damai"],
        text="Disampaikan di loket.",
        channel=Feedback.Channel.COUNTER,
        recorded_by=world["users"]["government"],
    )
    client.force_login(world["users"]["kelurahan staff"])

    assert client.get(SCREENS["triage (edit)"](item)).status_code == 404


# --- Wagtail's site history: its entries of Suara Warga items keep to the scope too -----------------------


@pytest.mark.parametrize("export_format", [None, "csv"])
def test_the_site_history_leaves_out_another_kelurahans_items(client, world, export_format):
    """An upgrade guard too: participation.feedback_audit_log wraps the one method Wagtail's report asks."""
    client.force_login(world["users"]["kelurahan staff"])

    response = client.get(
        reverse("wagtailadmin_reports:site_history"), {"export": export_format} if export_format else {}
    )

    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert world["own"].code in body
    assert world["other"].code not in body


def test_government_staff_read_every_kelurahans_items_in_the_site_history(client, world):
    client.force_login(world["users"]["government"])
    feedback_type = ContentType.objects.get_for_model(Feedback)

    body = client.get(reverse("wagtailadmin_reports:site_history"), {"object_type": feedback_type.pk}).content.decode()

    assert world["own"].code in body
    assert world["other"].code in body
