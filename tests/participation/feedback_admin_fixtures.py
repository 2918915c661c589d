"""The world of the Suara Warga admin tests: two kelurahan (Gunung Bahagia and Damai), an item in each,
and one user per role. Kelurahan staff act in Gunung Bahagia only.

Staff here work in English (their admin profile's language), so a test reads the messages it asserts;
the admin's Indonesian is checked by tests/lms/test_admin_indonesian.py.
"""

import pytest
from wagtail.users.models import UserProfile

from organisations.models import Membership
from organisations.services import GOVERNMENT_STAFF_GROUP, REVIEWERS_GROUP, organisation_create
from participation.kelurahan_staff import participation_permissions_install
from tests import factories

SENDER = {"sender_name": "Budi Santoso", "sender_email": "budi@contoh.id", "sender_phone": "+6281298765432"}


def works_in_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def world(db):
    gunung_bahagia = factories.kelurahan()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    category = factories.feedback_category()
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    users = {
        "kelurahan staff": factories.kelurahan_staff(region=gunung_bahagia),
        "resident": factories.learner(full_name="Warga Biasa", email="warga@contoh.id"),
        **factories.users_with_roles(
            members=[("author", lestari, Membership.Role.AUTHOR)],
            government=[("government", GOVERNMENT_STAFF_GROUP), ("reviewer", REVIEWERS_GROUP)],
        ),
    }
    participation_permissions_install()  # government staff triage too (issue 18)
    for user in users.values():
        works_in_english(user)
    own = factories.feedback(
        category=category, kelurahan=gunung_bahagia, text="Saluran air di RT 05 tersumbat. Rumah Pak Budi.", **SENDER
    )
    other = factories.feedback(
        category=category,
        kelurahan=damai,
        text="Lampu jalan di Jalan Damai mati.",
        sender_name="Ani Lestari",
        sender_email="ani@contoh.id",
    )
    return {
        "users": users,
        "category": category,
        "gunung_bahagia": gunung_bahagia,
        "damai": damai,
        "own": own,
        "other": other,
    }
