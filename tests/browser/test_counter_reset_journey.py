"""A phone-only resident gets back in: at the kelurahan office's counter (1366 px) the staff find them by
phone number, check the person and give a one-time code; on their 360 px phone the resident finds the
office on the reset page, types the code, sets a new password and logs in with it."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import ModelLogEntry

from participation.counter_reset import COUNTER_RESET_ACTION
from tests.browser.accessibility import serious_violations
from tests.browser.test_learning_journey_in_browser import assert_fits_and_accessible

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 768}
RESIDENT_PHONE = "0812 0000 0003"  # Wahyu Saputra, a demo resident of Gunung Bahagia with a phone only
# Nothing like the resident's username (wahyu-saputra-NNNN, its number drawn at random), which the password
# validators would refuse as too similar on some runs.
NEW_PASSWORD = "Pasar-Klandasan-Teluk-88"


def test_kelurahan_staff_give_a_code_at_the_counter_and_the_resident_sets_a_new_password_on_the_phone(
    demo_site, live_server, new_tab
):
    # At the counter.
    counter = new_tab("staf-gunungbahagia", viewport=LAPTOP)
    counter.goto(live_server.url + "/admin/")
    expect(counter.locator("a[href='/admin/kode-masuk-ulang/']")).to_have_count(1)
    counter.goto(live_server.url + "/admin/kode-masuk-ulang/")
    counter.locator("#id_q").fill("+62 812-0000-0003")
    counter.locator("form.counter-search button[type=submit]").click()
    row = counter.get_by_role("row").filter(has_text="Wahyu Saputra")
    expect(row).to_have_count(1)
    assert serious_violations(counter) == []
    row.locator("input[name=checked]").check()
    row.locator("button[type=submit]").click()
    code = counter.locator(".counter-reset-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code)
    assert serious_violations(counter) == []
    resident = get_user_model().objects.get(phone="+6281200000003")
    entry = ModelLogEntry.objects.get(action=COUNTER_RESET_ACTION, object_id=str(resident.pk))
    assert entry.user.username == "staf-gunungbahagia"

    # On the resident's phone: where to go, then the code.
    phone = new_tab()
    phone.goto(live_server.url + "/akun/masuk/")
    phone.locator("a[href='/akun/sandi/']").click()
    expect(phone.get_by_role("heading", name="Kantor Kelurahan Gunung Bahagia")).to_be_visible()
    assert_fits_and_accessible(phone)
    phone.locator(".callout a[href='/akun/aktifkan/']").click()
    phone.locator("input[name=kode]").fill(code.lower().replace("-", " "))
    phone.locator("form.account-form button[type=submit]").click()
    phone.locator("input[name=password]").fill(NEW_PASSWORD)
    phone.locator("input[name=password_confirm]").fill(NEW_PASSWORD)
    assert_fits_and_accessible(phone)
    phone.locator("form.account-form button[type=submit]").click()
    expect(phone.locator(".messages")).to_be_visible()

    # The code worked once; the new password logs in, with the phone number as written on paper.
    again = new_tab()
    again.goto(live_server.url + "/akun/aktifkan/")
    again.locator("input[name=kode]").fill(code)
    again.locator("form.account-form button[type=submit]").click()
    expect(again.locator("input[name=password]")).to_have_count(0)
    again.goto(live_server.url + "/akun/masuk/")
    again.locator("input[name=username]").fill(RESIDENT_PHONE)
    again.locator("input[name=password]").fill(NEW_PASSWORD)
    again.locator("form button[type=submit]").first.click()
    expect(again).to_have_url(re.compile(r"/saya/$"))
    assert_fits_and_accessible(again)
