from pathlib import Path

import pytest
from django.utils import translation

# The national files live beside the repository, never in it (see their README).
WILAYAH_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "wilayah"
REGION_FILE_NAMES = ("provinces.csv", "regencies.csv", "districts.csv", "villages.csv")


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English, whichever translations locale/ holds."""
    with translation.override("en"):
        yield


@pytest.fixture
def wilayah_dir() -> Path:
    return WILAYAH_DIR


@pytest.fixture
def region_files_slice(tmp_path):
    """Copy the real files' rows whose code starts with one of ``prefixes`` into a temporary folder.

    Bytes are copied as they are (UTF-8, CRLF), so a slice is real data, only smaller.
    """

    def make(*prefixes: str) -> Path:
        directory = tmp_path / "wilayah-{}".format("-".join(prefixes))
        directory.mkdir()
        for file_name in REGION_FILE_NAMES:
            lines = (WILAYAH_DIR / file_name).read_bytes().splitlines(keepends=True)
            kept = [line for line in lines if line.decode().startswith(prefixes)]
            (directory / file_name).write_bytes(b"".join(kept))
        return directory

    return make


@pytest.fixture
def kaltim_dir(region_files_slice):
    """Kalimantan Timur (province 64): 1 province, 10 regencies, 103 kecamatan, 1,002 kelurahan/desa."""
    return region_files_slice("64")
