"""The import command speaks Indonesian by default: an operator reads what is wrong and where."""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from regions.models import Region
from tests.regions.conftest import REGION_FILE_NAMES, WILAYAH_DIR


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


@pytest.mark.django_db
def test_duplicate_code_is_reported_in_indonesian_with_file_and_line(tmp_path):
    for name in REGION_FILE_NAMES:
        lines = (WILAYAH_DIR / name).read_bytes().splitlines(keepends=True)
        (tmp_path / name).write_bytes(b"".join(line for line in lines if line.startswith(b"91")))
    with (tmp_path / "villages.csv").open("ab") as villages:
        villages.write((WILAYAH_DIR / "villages-duplicated-codes.csv").read_bytes())
    with pytest.raises(CommandError) as refused:
        call_command("import_regions", str(tmp_path))
    message = str(refused.value)
    assert message.startswith("villages.csv, baris ")
    assert "kode 9107182005 muncul dua kali (pertama di baris" in message
    assert not Region.objects.exists()


@pytest.mark.django_db
def test_missing_file_is_reported_in_indonesian(tmp_path):
    shutil.copy(WILAYAH_DIR / "provinces.csv", tmp_path / "provinces.csv")
    with pytest.raises(CommandError, match="regencies.csv tidak ada di"):
        call_command("import_regions", str(tmp_path))
    assert not Region.objects.exists()
