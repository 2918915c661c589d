"""Facilitators land on their class: a class's name in the Classes listing opens the class page (roster,
meetings, check-in QR, progress), where editing is a button, for those who may edit it only."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def in_indonesian(text):
    with translation.override("id"):
        return translation.gettext(text)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize("role", ["facilitator", "government"])
def test_the_class_name_in_the_listing_opens_the_class_page(client, world, role):
    cohort = world["own"]
    client.force_login(world["users"][role])

    listing = soup(client.get(reverse("cohorts:index")))

    link = listing.find("a", string=lambda text: text and text.strip() == cohort.name)
    assert link["href"] == reverse("cohorts:inspect", args=[cohort.pk])


def test_the_class_page_has_an_edit_button_for_its_facilitator(client, world):
    cohort = world["own"]
    client.force_login(world["users"]["facilitator"])

    page = soup(client.get(reverse("cohorts:inspect", args=[cohort.pk])))

    edit_url = reverse("cohorts:edit", args=[cohort.pk])
    # One link to the form, in plain sight in the header: not in the "…" menu, nor the breadcrumbs.
    assert [link.get_text(" ", strip=True) for link in page.find_all("a", href=edit_url)] == [
        in_indonesian("Edit class")
    ]
    assert page.select_one("header").find("a", href=edit_url) is not None


@pytest.mark.parametrize("role", ["government", "other facilitator"])
def test_no_edit_button_for_those_who_may_not_edit_the_class(client, world, role):
    cohort = world["own"]
    client.force_login(world["users"][role])

    response = client.get(reverse("cohorts:inspect", args=[cohort.pk]))

    if role == "other facilitator":
        assert response.status_code == 404  # another organisation's class is not there at all
        return
    assert response.status_code == 200
    assert reverse("cohorts:edit", args=[cohort.pk]) not in response.content.decode()
    assert client.get(reverse("cohorts:edit", args=[cohort.pk])).status_code in (302, 403)
