"""Run the benchmarks in bench/ and write bench/RESULTS.md.

    .venv/bin/python bench/run.py [NAME ...]      (``make bench``; NAME runs only bench_NAME.py)

Each ``bench/bench_*.py`` module has ``run() -> list[dict]``, one dict per figure:

    name          what was measured
    value         the measured time, in seconds (or a rate, see higher_is_better)
    baseline      the same measure of the baseline, taken in the same run
    baseline_name what the baseline is
    target        the largest acceptable value / baseline ratio (the smallest, see higher_is_better)
    unit          (optional) the unit of value and baseline: "s" unless given (e.g. "req/s")
    higher_is_better (optional) True for rates such as requests per second: the figure passes
                  when value / baseline is at least target
    error         (optional) why the figure fails whatever its ratio (e.g. requests lost)
    details       (optional) how it was measured
    skipped       (instead of the numbers) why the figure could not be measured

Machines here are shared and noisy, so each figure is a ratio against a baseline measured in the
same run, never an absolute time. The database is DATABASE_URL, or else a dedicated PostgreSQL
database, sekolah_warga_bench on the local server, created and migrated when missing (and emptied
and migrated again when its migration history no longer matches the code's: it holds nothing but
benchmark data).
"""

import datetime
import importlib
import os
import platform
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sekolah_warga_bench"


def main(names: list[str]) -> int:
    sys.path[:0] = [str(REPO_ROOT), str(BENCH_DIR)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    os.environ.setdefault("DJANGO_DEBUG", "false")  # DEBUG keeps every query in memory
    own_database = "DATABASE_URL" not in os.environ
    if own_database:
        os.environ["DATABASE_URL"] = DEFAULT_DATABASE_URL
        create_database_if_missing(DEFAULT_DATABASE_URL)

    import django

    django.setup()
    migrate(disposable=own_database)

    modules = sorted(path.stem for path in BENCH_DIR.glob("bench_*.py"))
    if names:
        modules = [module for module in modules if module.removeprefix("bench_") in names]
    started = datetime.datetime.now().astimezone()
    figures = []
    for module_name in modules:
        print(f"{module_name} …", flush=True)
        for figure in importlib.import_module(module_name).run():
            figures.append(figure)
            print("   ", format_figure(figure), flush=True)

    (BENCH_DIR / "RESULTS.md").write_text(results_markdown(started, figures), encoding="utf-8")
    print(f"Written {BENCH_DIR / 'RESULTS.md'}")
    return 0 if all(passed(figure) is not False for figure in figures) else 1


def create_database_if_missing(url: str) -> None:
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict

    params = conninfo_to_dict(url)
    name = params.pop("dbname")
    with psycopg.connect(**params, dbname="postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}")


def migrate(*, disposable: bool) -> None:
    """Migrate the default database; a disposable one whose history the code no longer matches
    (e.g. made before a migration was rewritten) is emptied and migrated from scratch."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.exceptions import InconsistentMigrationHistory

    try:
        call_command("migrate", verbosity=0)
    except InconsistentMigrationHistory as error:
        if not disposable:
            raise
        print(f"Emptying the benchmark database {connection.settings_dict['NAME']}: {error}", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        call_command("migrate", verbosity=0)


# --- The report ---------------------------------------------------------------------------


def ratio(figure: dict) -> float | None:
    if figure.get("skipped"):
        return None
    return figure["value"] / figure["baseline"]


def passed(figure: dict) -> bool | None:
    figure_ratio = ratio(figure)
    if figure_ratio is None:
        return None
    if figure.get("error"):
        return False
    if figure.get("higher_is_better"):
        return figure_ratio >= figure["target"]
    return figure_ratio <= figure["target"]


def ratio_text(figure: dict) -> str:
    # Rates are compared with targets such as 0.06: two decimals would not tell 0.055 from 0.064.
    return f"{ratio(figure):.3f}" if figure.get("higher_is_better") else f"{ratio(figure):.2f}"


def quantity(value: float, unit: str) -> str:
    return f"{value:.3f} s" if unit == "s" else f"{value:,.1f} {unit}"


def target_text(figure: dict) -> str:
    return f"{'≥' if figure.get('higher_is_better') else '≤'} {figure['target']:g}"


def verdict(figure: dict, fail: str = "FAIL") -> str:
    if figure.get("error"):
        return f"{fail}: {figure['error']}"
    return "pass" if passed(figure) else fail


def format_figure(figure: dict) -> str:
    if figure.get("skipped"):
        return f"{figure['name']}: skipped ({figure['skipped']})"
    unit = figure.get("unit", "s")
    return (
        f"{figure['name']}: {quantity(figure['value'], unit)}, baseline {quantity(figure['baseline'], unit)}, "
        f"ratio {ratio_text(figure)} (target {target_text(figure)}): {verdict(figure)}"
    )


def results_markdown(started: datetime.datetime, figures: list[dict]) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/run.py`). Each figure is a ratio against a baseline measured in",
        "the same run, on the same machine: the absolute times and rates are given for reference only.",
        "",
        f"Date: {started:%Y-%m-%d %H:%M %Z}",
        "",
        "## Machine",
        "",
        *(f"- {label}: {value}" for label, value in machine_description()),
        "",
        "## Figures",
        "",
        "| figure | measured | baseline | ratio | target | result |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for figure in figures:
        if figure.get("skipped"):
            lines.append(f"| {figure['name']} | – | – | – | – | skipped: {figure['skipped']} |")
            continue
        unit = figure.get("unit", "s")
        lines.append(
            f"| {figure['name']} | {quantity(figure['value'], unit)} "
            f"| {quantity(figure['baseline'], unit)} ({figure['baseline_name']}) "
            f"| {ratio_text(figure)} | {target_text(figure)} | {verdict(figure, fail='**FAIL**')} |"
        )
    details = [figure for figure in figures if figure.get("details")]
    if details:
        lines += ["", "## How each figure is measured", ""]
        lines += [f"- **{figure['name']}**: {figure['details']}" for figure in details]
    return "\n".join(lines) + "\n"


def machine_description() -> list[tuple[str, str]]:
    return [
        ("CPU", cpu_model()),
        ("Cores", str(os.cpu_count())),
        ("RAM", memory_total()),
        ("OS", os_name()),
        ("Python", platform.python_version()),
        ("Database", database_version()),
    ]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def os_name() -> str:
    try:
        release = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)
        distribution = release.get("PRETTY_NAME", "").strip('"')
    except OSError:
        distribution = ""
    return f"{distribution} ({platform.system()} {platform.release()})" if distribution else platform.platform()


def database_version() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    return f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else ''}".strip()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
