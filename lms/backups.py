"""Backups: the PostgreSQL database and the stored files in one archive, and putting them back.

An archive ``sekolah-warga-<UTC time>.tar.gz`` holds:

- ``database.dump``: ``pg_dump --format=custom`` of the default database;
- ``media/``: MEDIA_ROOT (uploaded images and documents);
- ``private-media/``: PRIVATE_MEDIA_ROOT (issued certificates, report exports).

The dump is taken first and the files after it, so a file uploaded meanwhile is at worst an
extra file without its row, never a row without its file. Restoring replaces the database's
``public`` schema in one transaction (a failed restore leaves the database as it was), then the
two folders' contents. Used by ``manage.py backup`` and ``manage.py restore``.
"""

import contextlib
import datetime
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

DATABASE_MEMBER = "database.dump"
# The archive's folder for each media root, and the setting that names the root.
MEDIA_FOLDERS = {"media": "MEDIA_ROOT", "private-media": "PRIVATE_MEDIA_ROOT"}

# Empty the database before restoring into it: pg_restore's --clean drops only what the dump holds,
# and a table added by a later migration would stay (then that migration could not run again).
EMPTY_DATABASE_SQL = "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public;"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class RestoreResult:
    database: str
    files: dict  # archive folder -> how many files were restored into its root


def media_roots():
    return {folder: Path(getattr(settings, setting)) for folder, setting in MEDIA_FOLDERS.items()}


def backup_create(*, directory):
    """Write a new archive into ``directory`` and return its path."""
    _require_postgresql()
    directory = Path(directory)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)  # the archives hold personal data
    name = f"sekolah-warga-{datetime.datetime.now(datetime.UTC):%Y%m%dT%H%M%SZ}.tar.gz"
    path = directory / name
    # Written under another name and renamed when complete: a half-written archive never looks usable.
    partial = directory / f".{name}.partial"
    try:
        with tempfile.TemporaryDirectory() as scratch:
            dump = Path(scratch) / DATABASE_MEMBER
            args, env = _client_command("pg_dump", ["--format=custom", f"--file={dump}"])
            dumped = _start(args, env=env, stderr=subprocess.PIPE, text=True)
            _, error = dumped.communicate()
            if dumped.returncode != 0:
                raise BackupError(f"pg_dump failed: {error.strip()}")
            with (
                open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as raw,
                tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as archive,
            ):
                archive.add(dump, arcname=DATABASE_MEMBER)
                for folder, root in media_roots().items():
                    _add_folder(archive, root, folder)
        if path.exists():
            raise BackupError(f"{path} already exists.")
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def backup_restore(*, path, overwrite=False):
    """Replace the database and the media roots' contents with those of the archive at ``path``.

    Refuses a database that has tables, or media roots that hold files, unless ``overwrite``.
    Everything that can be checked is checked before anything changes.
    """
    _require_postgresql()
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    if not tarfile.is_tarfile(path):
        raise BackupError(f"{path} is not a backup archive (a .tar.gz made by `manage.py backup`).")
    with tarfile.open(path) as archive:
        contents = _read_contents(archive, path)
        if not overwrite:
            _refuse_to_overwrite()
        connection.close()  # no session of ours stays open on the schema being replaced
        with tempfile.TemporaryDirectory() as scratch:
            archive.extract(DATABASE_MEMBER, scratch, filter="data")
            _restore_database(Path(scratch) / DATABASE_MEMBER)
        for folder, root in media_roots().items():
            _empty_folder(root)
            archive.extractall(root, members=contents[folder], filter="data")
    return RestoreResult(
        database=connection.settings_dict["NAME"],
        files={folder: sum(member.isfile() for member in members) for folder, members in contents.items()},
    )


def _read_contents(archive, path):
    """The members to extract into each media root, named relative to it, once the whole archive is read
    (a truncated one fails here) and every member is known to be safe to extract there."""
    try:
        names = archive.getnames()
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{path} cannot be read to its end: {error}") from None
    if DATABASE_MEMBER not in names:
        raise BackupError(f"{path} holds no {DATABASE_MEMBER}: it is not an archive made by `manage.py backup`.")
    contents = {}
    for folder, root in media_roots().items():
        contents[folder] = list(_members_under(archive, folder))
        for member in contents[folder]:
            try:
                tarfile.data_filter(member, str(root))
            except tarfile.FilterError as error:
                raise BackupError(f"{path} holds a file that cannot be restored: {error}") from None
    return contents


def _require_postgresql():
    if connection.vendor != "postgresql":
        raise BackupError(
            f"The database is {connection.vendor}, not PostgreSQL: backup and restore use pg_dump and "
            "pg_restore, so DATABASE_URL must name a PostgreSQL database (postgres://…)."
        )


def _client_command(program, parameters):
    """A PostgreSQL client program's command line and environment for the default database (as psql's)."""
    args, client_env = connection.client.settings_to_cmd_args_env(connection.settings_dict, parameters)
    return [program, *args[1:]], {**os.environ, **(client_env or {})}


def _start(args, **kwargs):
    try:
        return subprocess.Popen(args, **kwargs)
    except FileNotFoundError:
        raise BackupError(f"{args[0]} is not installed (Debian: apt-get install postgresql-client).") from None


def _add_folder(archive, root, folder):
    """Add every file under ``root``; one deleted meanwhile (an expired export) is left out, not an error."""
    if not root.is_dir():
        return
    for child in sorted(root.rglob("*")):
        try:
            archive.add(child, arcname=f"{folder}/{child.relative_to(root).as_posix()}", recursive=False)
        except FileNotFoundError:
            continue


def _refuse_to_overwrite():
    tables = connection.introspection.table_names()
    filled = [str(root) for root in media_roots().values() if root.is_dir() and any(root.iterdir())]
    if tables or filled:
        what = [f"the database {connection.settings_dict['NAME']} ({len(tables)} tables)"] if tables else []
        raise BackupError(
            "Restoring would replace everything in "
            + " and ".join(what + filled)
            + " with the backup's contents; whatever was added since the backup is lost. "
            "Set RESTORE_CONFIRM=yes to go ahead."
        )


def _restore_database(dump):
    """pg_restore turns the dump into SQL; psql runs it after emptying the schema, in one transaction.

    psql commits when its input ends, so its input is ended only once pg_restore has written all
    of the dump: if pg_restore fails halfway (a damaged dump), psql is stopped and nothing changes.
    """
    psql_args, psql_env = _client_command(
        "psql",
        ["--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction"]
        + ["--command", EMPTY_DATABASE_SQL, "--file=-"],
    )
    with tempfile.TemporaryFile() as errors:
        psql = _start(psql_args, env=psql_env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors)
        # No owners or grants: the restoring role owns everything, whatever role made the backup.
        restore = _start(
            ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(dump)],
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        try:
            shutil.copyfileobj(restore.stdout, psql.stdin)
            complete = restore.wait() == 0
        except BrokenPipeError:  # psql stopped at an error; its message says which
            complete = False
        finally:
            restore.stdout.close()
            restore.wait()
        if not complete:
            psql.kill()  # before the end of its input: its transaction is rolled back
        with contextlib.suppress(BrokenPipeError):
            psql.stdin.close()  # the end of its input: psql commits
        if psql.wait() != 0 or not complete:
            errors.seek(0)
            raise BackupError(
                "The database was not restored (it is as it was): " + errors.read().decode(errors="replace").strip()
            )


def _empty_folder(root):
    """Remove what ``root`` holds but not ``root`` itself: it may be a mount point (shared storage)."""
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def _members_under(archive, folder):
    """The archive's members under ``folder/``, named relative to it (hard links too)."""
    prefix = f"{folder}/"
    for member in archive.getmembers():
        if member.name.startswith(prefix):
            linkname = member.linkname.removeprefix(prefix) if member.islnk() else member.linkname
            yield member.replace(name=member.name.removeprefix(prefix), linkname=linkname, deep=False)
