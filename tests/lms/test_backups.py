"""`manage.py backup` and `manage.py restore`: an archive restored elsewhere holds the same rows and files.

The restore goes into a database made for the test and dropped after it, and into folders of its own,
the way an operator runs it: another process whose DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT
name the target. The suite's own database is only ever backed up.
"""

import io
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from accounts.models import User
from courses.models import Enrolment
from courses.services import enrolment_create
from tests import factories

REPO = Path(__file__).resolve().parents[2]

MEDIA_FILES = {"original_images/balai-kelurahan.jpg": b"\xff\xd8\xff\xe0 not really a JPEG \x00\x01"}
PRIVATE_FILES = {"certificates/SW-7K3M-v1.pdf": b"%PDF-1.7 a certificate\n%%EOF\n"}


def server_parameters(**overrides):
    settings = connection.settings_dict
    parameters = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
    }
    return {key: value for key, value in {**parameters, **overrides}.items() if value is not None}


@pytest.fixture
def fresh_database():
    """An empty database beside the test database (its name is unique: tests run in parallel)."""
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(**server_parameters(dbname="postgres"), autocommit=True) as server:
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield name
    with psycopg.connect(**server_parameters(dbname="postgres"), autocommit=True) as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def row_counts(cursor):
    """Every table of the public schema and how many rows it holds."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [table for (table,) in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def restored_row_counts(database):
    with psycopg.connect(**server_parameters(dbname=database)) as restored, restored.cursor() as cursor:
        return row_counts(cursor)


def files_under(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def write_files(root, files):
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)


def restore(archive, *, database, media_root, private_media_root, **environment):
    """`manage.py restore ARCHIVE` in a process of its own, configured for the target by its environment."""
    settings = connection.settings_dict
    credentials = quote(settings["USER"] or "") + (f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else "")
    server = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    machine_specific = ("DJANGO_", "DATABASE_", "CELERY_", "CACHE_", "MEDIA_", "PRIVATE_MEDIA_", "RESTORE_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(machine_specific)}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DATABASE_URL=f"postgres://{credentials}@{server}/{database}",
        MEDIA_ROOT=str(media_root),
        PRIVATE_MEDIA_ROOT=str(private_media_root),
        **environment,
    )
    # --skip-checks: this test is about the restore; the system checks have tests of their own.
    return subprocess.run(
        [sys.executable, "manage.py", "restore", "--skip-checks", str(archive)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def site_with_learners(wagtail_root, settings, tmp_path):
    """Three residents, two of them enrolled in a published course, an uploaded file and a certificate file."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    write_files(settings.MEDIA_ROOT, MEDIA_FILES)
    write_files(settings.PRIVATE_MEDIA_ROOT, PRIVATE_FILES)
    course = factories.course_page(factories.site_tree(factories.home_page())["courses"])
    residents = [factories.learner(full_name=f"Warga Contoh {number}") for number in range(3)]
    for resident in residents[:2]:
        enrolment_create(user=resident, course=course)


@pytest.mark.postgresql
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: backups are pg_dump archives")
def test_a_backup_restored_into_a_fresh_database_has_the_same_rows_and_files(
    site_with_learners, settings, tmp_path, fresh_database
):
    call_command("backup", "--directory", str(tmp_path / "backups"), stdout=io.StringIO())
    [archive] = (tmp_path / "backups").glob("sekolah-warga-*.tar.gz")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # personal data: the owner's only
    target = {
        "database": fresh_database,
        "media_root": tmp_path / "restored-media",
        "private_media_root": tmp_path / "restored-private-media",
    }

    result = restore(archive, **target)

    assert result.returncode == 0, result.stderr
    with connection.cursor() as cursor:
        source_counts = row_counts(cursor)
    assert restored_row_counts(fresh_database) == source_counts
    assert source_counts[User._meta.db_table] == 3
    assert source_counts[Enrolment._meta.db_table] == 2
    assert files_under(target["media_root"]) == MEDIA_FILES
    assert files_under(target["private_media_root"]) == PRIVATE_FILES

    # Restoring again over what is now a full database replaces everything, once confirmed: a table
    # and a file added since the backup are gone.
    with psycopg.connect(**server_parameters(dbname=fresh_database), autocommit=True) as restored:
        restored.execute("CREATE TABLE added_after_the_backup (id integer)")
    write_files(target["media_root"], {"added-after-the-backup.txt": b"new"})

    confirmed = restore(archive, **target, RESTORE_CONFIRM="yes")

    assert confirmed.returncode == 0, confirmed.stderr
    assert restored_row_counts(fresh_database) == source_counts
    assert files_under(target["media_root"]) == MEDIA_FILES
    assert files_under(target["private_media_root"]) == PRIVATE_FILES


@pytest.mark.postgresql
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: backups are pg_dump archives")
def test_restoring_over_a_database_with_tables_needs_the_confirmation(db, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    write_files(settings.MEDIA_ROOT, MEDIA_FILES)
    call_command("backup", "--directory", str(tmp_path / "backups"), stdout=io.StringIO())
    [archive] = (tmp_path / "backups").glob("sekolah-warga-*.tar.gz")
    write_files(settings.MEDIA_ROOT, {"added-after-the-backup.txt": b"new"})
    monkeypatch.delenv("RESTORE_CONFIRM", raising=False)
    # The suite's own database is never to be restored over: should the refusal fail, this stops it.
    monkeypatch.setattr("lms.backups._restore_database", pytest.fail)

    with pytest.raises(CommandError, match="RESTORE_CONFIRM=yes") as refusal:
        call_command("restore", str(archive))

    assert f"the database {connection.settings_dict['NAME']}" in str(refusal.value)
    assert files_under(settings.MEDIA_ROOT) == {**MEDIA_FILES, "added-after-the-backup.txt": b"new"}


def test_backup_and_restore_refuse_a_database_that_is_not_postgresql(monkeypatch, tmp_path):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="not PostgreSQL"):
        call_command("backup", "--directory", str(tmp_path))
    with pytest.raises(CommandError, match="not PostgreSQL"):
        call_command("restore", str(tmp_path / "sekolah-warga-20261127T013000Z.tar.gz"))
    assert list(tmp_path.iterdir()) == []


def test_restore_refuses_a_missing_archive(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "postgresql")  # the file is looked at before the database
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", "/nowhere/sekolah-warga-20261127T013000Z.tar.gz")
