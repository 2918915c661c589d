import pytest

from tests import factories

PASSWORD = "kata-sandi-rahasia"


@pytest.fixture
def gunung_bahagia(db):
    return factories.kelurahan("6471010006", "Gunung Bahagia", kecamatan="Balikpapan Selatan")


@pytest.fixture
def sepinggan(db):
    return factories.kelurahan("6471010007", "Sepinggan", kecamatan="Balikpapan Selatan")


@pytest.fixture
def sign_up_form(gunung_bahagia):
    """What a resident types into /akun/daftar/; a test changes what it is about."""

    def make(**changes):
        data = {
            "full_name": "Siti Rahmawati",
            "email": "",
            "phone": "0812-3456-7890",
            "password": PASSWORD,
            "password_confirm": PASSWORD,
            "kelurahan": gunung_bahagia.code,
            "gender": "",
            "birth_year": "",
            "guardian_name": "",
            "consent": "on",
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    return make
