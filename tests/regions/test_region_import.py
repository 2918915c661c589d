import gc
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from regions import services
from regions.models import Region
from regions.services import regions_import

BALIKPAPAN_KECAMATAN = {
    "6471010": "Balikpapan Selatan",
    "6471011": "Balikpapan Kota",
    "6471020": "Balikpapan Timur",
    "6471030": "Balikpapan Utara",
    "6471040": "Balikpapan Tengah",
    "6471050": "Balikpapan Barat",
}


def import_regions(directory: Path, within: str | None = None) -> str:
    stdout = StringIO()
    call_command("import_regions", str(directory), within=within, stdout=stdout)
    return stdout.getvalue()


def stored_regions() -> list[tuple]:
    return list(Region.objects.order_by("code").values_list("code", "parent_id", "level", "name"))


def line_number(path: Path, code: str) -> int:
    lines = path.read_bytes().splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(code.encode() + b","))


def replace_line(path: Path, code: str, new_line: bytes) -> int:
    """Replace the line of ``code`` (CRLF kept); return its 1-based number."""
    number = line_number(path, code)
    lines = path.read_bytes().splitlines(keepends=True)
    lines[number - 1] = new_line + b"\r\n"
    path.write_bytes(b"".join(lines))
    return number


def assert_import_refused(directory: Path, message: str, within: str | None = None) -> None:
    """The command stops with ``message`` and the regions table is exactly as it was."""
    before = stored_regions()
    with pytest.raises(CommandError) as refusal:
        import_regions(directory, within=within)
    assert str(refusal.value) == message
    assert stored_regions() == before


@pytest.fixture
def kaltim_imported(kaltim_dir):
    """Kalimantan Timur already imported; then its province renamed in the files, so that any
    half-saved later import would show in the table."""
    regions_import(directory=kaltim_dir)
    replace_line(kaltim_dir / "provinces.csv", "64", b"64,KALIMANTAN TIMUR RAYA")
    return kaltim_dir


# --- Importing ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_balikpapan_import_gives_its_kecamatan_and_kelurahan_under_the_right_parents(wilayah_dir):
    output = import_regions(wilayah_dir, within="6471")

    assert Region.objects.count() == 42
    kecamatan = Region.objects.filter(level=Region.Level.DISTRICT)
    assert dict(kecamatan.values_list("code", "name")) == BALIKPAPAN_KECAMATAN
    assert set(kecamatan.values_list("parent_id", flat=True)) == {"6471"}
    kelurahan = Region.objects.filter(level=Region.Level.VILLAGE)
    assert kelurahan.count() == 34
    assert set(kelurahan.values_list("parent__parent_id", flat=True)) == {"6471"}

    gunung_bahagia = Region.objects.get(code="6471010006")
    assert (gunung_bahagia.name, gunung_bahagia.level) == ("Gunung Bahagia", Region.Level.VILLAGE)
    ancestors = [gunung_bahagia.parent, gunung_bahagia.parent.parent, gunung_bahagia.parent.parent.parent]
    assert [(region.code, region.name, region.level) for region in ancestors] == [
        ("6471010", "Balikpapan Selatan", Region.Level.DISTRICT),
        ("6471", "Kota Balikpapan", Region.Level.REGENCY),
        ("64", "Kalimantan Timur", Region.Level.PROVINCE),
    ]
    assert ancestors[-1].parent is None

    assert "Provinces: 1\nRegencies/cities: 1\nKecamatan: 6\nKelurahan/desa: 34\n" in output
    assert "42 regions imported: 42 new, 0 updated, 0 unchanged." in output


@pytest.mark.django_db
def test_second_import_of_the_same_files_changes_nothing(wilayah_dir):
    import_regions(wilayah_dir, within="6471")
    first = stored_regions()

    output = import_regions(wilayah_dir, within="6471")

    assert stored_regions() == first
    assert "42 regions imported: 0 new, 0 updated, 42 unchanged." in output


@pytest.mark.django_db
def test_second_import_updates_a_changed_name_in_place(kaltim_dir):
    regions_import(directory=kaltim_dir)
    count = Region.objects.count()
    replace_line(kaltim_dir / "villages.csv", "6471010006", b"6471010006,6471010,GUNUNG BAHAGIA INDAH")

    result = regions_import(directory=kaltim_dir)

    assert Region.objects.count() == count
    assert Region.objects.get(code="6471010006").name == "Gunung Bahagia Indah"
    assert (result.created, result.updated, result.unchanged) == (0, 1, count - 1)


@pytest.mark.django_db
def test_import_within_a_kelurahan_brings_only_it_and_its_ancestors(kaltim_dir):
    result = regions_import(directory=kaltim_dir, within="6471010006")

    assert list(Region.objects.values_list("code", flat=True)) == ["64", "6471", "6471010", "6471010006"]
    assert (result.provinces, result.regencies, result.districts, result.villages) == (1, 1, 1, 1)


@pytest.mark.django_db
def test_import_leaves_regions_missing_from_the_files_alone(kaltim_dir):
    Region.objects.create(code="99", name="Papua Selatan", level=Region.Level.PROVINCE)

    regions_import(directory=kaltim_dir, within="6471")

    assert Region.objects.get(code="99").name == "Papua Selatan"
    assert Region.objects.count() == 43


@pytest.mark.django_db
def test_failure_while_writing_saves_nothing(kaltim_imported, monkeypatch):
    before = stored_regions()
    writer = "_write_with_copy" if connection.vendor == "postgresql" else "_write_with_orm"
    write = getattr(services, writer)

    def write_then_fail(*args):
        write(*args)
        raise DatabaseError("the disk is full")

    monkeypatch.setattr(services, writer, write_then_fail)
    with pytest.raises(DatabaseError):
        regions_import(directory=kaltim_imported)

    assert stored_regions() == before


@pytest.mark.django_db
@pytest.mark.postgresql
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the whole country takes long on SQLite")
def test_whole_country_import_gives_88295_regions(wilayah_dir):
    result = regions_import(directory=wilayah_dir)

    assert (result.provinces, result.regencies, result.districts, result.villages) == (34, 514, 7215, 80532)
    assert Region.objects.count() == 88295
    assert Region.objects.filter(level=Region.Level.VILLAGE, parent__isnull=True).count() == 0
    assert dict(Region.objects.filter(code__in=["31", "34", "1405"]).values_list("code", "name")) == {
        "31": "DKI Jakarta",
        "34": "DI Yogyakarta",
        "1405": "Kabupaten Siak",
    }


# --- Refusing bad files -------------------------------------------------------------------------


@pytest.mark.django_db
def test_duplicate_code_stops_import_and_saves_nothing(kaltim_imported, region_files_slice, wilayah_dir):
    papua_barat = region_files_slice("64", "91")  # the real duplicates are in Papua Barat
    villages = papua_barat / "villages.csv"
    first_line = line_number(villages, "9107182005")
    duplicate_line = len(villages.read_bytes().splitlines()) + 1
    with villages.open("ab") as file:
        file.write((wilayah_dir / "villages-duplicated-codes.csv").read_bytes())

    assert_import_refused(
        papua_barat,
        f"villages.csv, line {duplicate_line}: code 9107182005 appears twice (first on line {first_line}).",
    )


@pytest.mark.django_db
def test_wrong_column_count_stops_import_and_saves_nothing(kaltim_imported):
    line = replace_line(kaltim_imported / "regencies.csv", "6471", b"6471,64,KOTA BALIKPAPAN,KALTIM")

    assert_import_refused(kaltim_imported, f"regencies.csv, line {line}: expected 3 columns, found 4.")


@pytest.mark.django_db
def test_unknown_parent_stops_import_and_saves_nothing(kaltim_imported):
    line = replace_line(kaltim_imported / "villages.csv", "6471010006", b"6471010006,6471090,GUNUNG BAHAGIA")

    assert_import_refused(kaltim_imported, f"villages.csv, line {line}: parent code 6471090 is not in districts.csv.")


@pytest.mark.django_db
def test_code_outside_its_parent_stops_import_and_saves_nothing(kaltim_imported):
    line = replace_line(kaltim_imported / "villages.csv", "6471010006", b"6471010006,6471020,GUNUNG BAHAGIA")

    assert_import_refused(
        kaltim_imported,
        f"villages.csv, line {line}: code 6471010006 does not start with its parent's code 6471020.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("new_line", "problem"),
    [
        pytest.param(b",6471010,GUNUNG BAHAGIA", "the code is empty.", id="empty"),
        pytest.param(b"64710100O6,6471010,GUNUNG BAHAGIA", "code 64710100O6 is not a code of 10 digits.", id="letter"),
        pytest.param(b"647101006,6471010,GUNUNG BAHAGIA", "code 647101006 is not a code of 10 digits.", id="short"),
    ],
)
def test_malformed_code_stops_import_and_saves_nothing(kaltim_imported, new_line, problem):
    line = replace_line(kaltim_imported / "villages.csv", "6471010006", new_line)

    assert_import_refused(kaltim_imported, f"villages.csv, line {line}: {problem}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("new_line", "problem"),
    [
        pytest.param(b'6471010,6471,"  "', "the name is empty.", id="empty"),
        pytest.param(b"6471010,6471," + b"A" * 101, "the name is longer than 100 characters.", id="too-long"),
    ],
)
def test_bad_name_stops_import_and_saves_nothing(kaltim_imported, new_line, problem):
    line = replace_line(kaltim_imported / "districts.csv", "6471010", new_line)

    assert_import_refused(kaltim_imported, f"districts.csv, line {line}: {problem}")


@pytest.mark.django_db
def test_file_not_in_utf8_stops_import_and_saves_nothing(kaltim_imported):
    line = replace_line(
        kaltim_imported / "villages.csv", "6471010006", "6471010006,6471010,GUNUNG BAHAGIÁ".encode("latin-1")
    )

    assert_import_refused(
        kaltim_imported,
        f"villages.csv, line {line}: the text is not UTF-8 (save the file as UTF-8 and import it again).",
    )


@pytest.mark.django_db
def test_unclosed_quote_stops_import_and_saves_nothing(kaltim_imported):
    line = replace_line(kaltim_imported / "villages.csv", "6471010006", b'6471010006,6471010,"GUNUNG BAHAGIA')

    assert_import_refused(
        kaltim_imported,
        f"villages.csv, line {line}: the quotes are not closed or not placed as CSV needs.",
    )


@pytest.mark.django_db
def test_missing_file_stops_import_and_saves_nothing(kaltim_imported):
    (kaltim_imported / "districts.csv").unlink()

    assert_import_refused(kaltim_imported, f"districts.csv is missing from {kaltim_imported}.")


@pytest.mark.django_db
def test_empty_file_stops_import_and_saves_nothing(kaltim_imported):
    (kaltim_imported / "villages.csv").write_bytes(b"")

    assert_import_refused(kaltim_imported, "villages.csv has no regions.")


@pytest.mark.django_db
def test_unknown_within_code_stops_import_and_saves_nothing(kaltim_imported):
    assert_import_refused(kaltim_imported, "Region 6499 is not in the region files.", within="6499")


@pytest.mark.django_db
def test_bad_row_is_refused_even_outside_the_within_region(kaltim_imported):
    line = replace_line(kaltim_imported / "villages.csv", "6401010009", b"6401010009,6401010")

    assert_import_refused(kaltim_imported, f"villages.csv, line {line}: expected 3 columns, found 2.", within="6471")


# --- The first import (PostgreSQL: straight into the empty table) --------------------------------


@pytest.mark.django_db
def test_first_import_stores_what_an_import_beside_other_regions_stores(kaltim_dir):
    first = regions_import(directory=kaltim_dir)
    stored_first = stored_regions()
    with connection.cursor() as cursor:  # every region at once: parents are protected one by one
        cursor.execute(f"DELETE FROM {Region._meta.db_table}")
    Region.objects.create(code="99", name="Papua Selatan", level=Region.Level.PROVINCE)

    beside = regions_import(directory=kaltim_dir)

    assert [row for row in stored_regions() if row[0] != "99"] == stored_first
    assert first == beside
    assert (first.created, first.updated, first.unchanged) == (first.total, 0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "new_line", "problem"),
    [
        (
            "6409",
            b"6409,65,KABUPATEN PENAJAM PASER UTARA",
            "regencies.csv, line {line}: parent code 65 is not in provinces.csv.",
        ),
        (
            "6474",
            b'6474,64,"KOTA BONTANG',
            "regencies.csv, line {line}: the quotes are not closed or not placed as CSV needs.",
        ),
        ("6474030003", b"6474030003,6474030", "villages.csv, line {line}: expected 3 columns, found 2."),
    ],
)
def test_bad_row_on_a_first_import_saves_nothing(kaltim_dir, code, new_line, problem):
    file_name = "villages.csv" if len(code) == 10 else "regencies.csv"
    line = replace_line(kaltim_dir / file_name, code, new_line)

    assert_import_refused(kaltim_dir, problem.format(line=line))
    assert not Region.objects.exists()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are rebuilt only on PostgreSQL's first import")
def test_first_import_leaves_the_regions_table_with_its_indexes(kaltim_dir):
    def indexes():
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s ORDER BY 1", [Region._meta.db_table])
            return cursor.fetchall()

    before = indexes()

    regions_import(directory=kaltim_dir)

    assert indexes() == before
    assert len(before) == 4  # the primary key, code for LIKE, parent, level and name


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="no LIKE indexes outside PostgreSQL")
def test_parent_has_one_plain_index():
    """Nothing looks regions up by the start of a parent code: no varchar_pattern_ops index for it
    (one less index to build on a first import); the code keeps its own (code__startswith)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [Region._meta.db_table])
        definitions = [definition for (definition,) in cursor.fetchall()]

    on_parent = [definition for definition in definitions if "(parent_id" in definition]
    assert len(on_parent) == 1
    assert "pattern_ops" not in on_parent[0]
    assert any("(code varchar_pattern_ops)" in definition for definition in definitions)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the foreign key is remade only on PostgreSQL")
def test_first_import_leaves_the_parent_foreign_key_as_it_was(kaltim_dir):
    def foreign_keys():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE conrelid = %s::regclass AND contype = 'f'",
                [Region._meta.db_table],
            )
            return cursor.fetchall()

    before = foreign_keys()

    regions_import(directory=kaltim_dir)

    assert foreign_keys() == before
    assert "DEFERRABLE INITIALLY DEFERRED" in before[0][1]
    with pytest.raises(DatabaseError), transaction.atomic():
        Region.objects.create(code="6499", name="Nowhere", level=Region.Level.REGENCY, parent_id="65")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the foreign key is remade only on PostgreSQL")
def test_first_import_with_a_missing_parent_saves_nothing(kaltim_dir, monkeypatch):
    """The rows are checked on reading; should one still point at no region, adding the foreign key
    back after the COPY refuses it and the transaction keeps nothing, foreign key and indexes included."""
    rows = services._read_region_files

    def with_an_orphan(directory):
        yield from rows(directory)
        yield ("6499", "65", Region.Level.REGENCY.value, "KABUPATEN NOWHERE")

    monkeypatch.setattr(services, "_read_region_files", with_an_orphan)

    with pytest.raises(DatabaseError):
        regions_import(directory=kaltim_dir)

    assert not Region.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'",
            [Region._meta.db_table],
        )
        assert cursor.fetchone()[0] == 1


# --- The collector ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("enabled_before", [True, False])
def test_import_pauses_the_cyclic_garbage_collector_and_restores_it(kaltim_dir, monkeypatch, enabled_before):
    """The import's rows hold no cycles; the collector would only go over them again and again."""
    seen = []
    rows = services._read_region_files

    def watched(directory):
        for row in rows(directory):
            seen.append(gc.isenabled())
            yield row

    monkeypatch.setattr(services, "_read_region_files", watched)
    (gc.enable if enabled_before else gc.disable)()
    try:
        regions_import(directory=kaltim_dir)
        assert seen and not any(seen)
        assert gc.isenabled() is enabled_before
    finally:
        gc.enable()


@pytest.mark.django_db
def test_failed_import_turns_the_collector_back_on(kaltim_imported):
    replace_line(kaltim_imported / "regencies.csv", "6474", b"6474,65,KOTA BONTANG")

    with pytest.raises(services.RegionFileError):
        regions_import(directory=kaltim_imported)

    assert gc.isenabled()


@pytest.mark.django_db
def test_lines_in_messages_count_blank_lines_and_records_over_two_lines(kaltim_imported):
    """The lines are counted only for a message (the good rows skip it): the count must still take
    blank lines and a quoted name spread over two lines into account, before and at the problem."""
    villages = kaltim_imported / "villages.csv"
    first_line = replace_line(villages, "6471010006", b'6471010006,6471010,"GUNUNG\r\nBAHAGIA"') + 1
    villages.write_bytes(b"\r\n" + villages.read_bytes() + b"\r\n6471010006,6471010,GUNUNG BAHAGIA\r\n")
    duplicate_line = len(villages.read_bytes().splitlines())

    assert_import_refused(
        kaltim_imported,
        f"villages.csv, line {duplicate_line}: code 6471010006 appears twice (first on line {first_line}).",
    )
