"""What the benchmarks share about the processes they start: the servers' environment and stopping them."""

import contextlib
import os
import signal
import subprocess
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13")


def server_environment(database_url: str) -> dict:
    """The environment of a gunicorn serving the site as production would (bench.settings: DEBUG off,
    persistent database connections), on the benchmark's own database and Redis cache."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "CACHE_URL": CACHE_URL,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), str(BENCH_DIR)]),
    }
    env.pop("DJANGO_DEBUG", None)
    return env


def stop(process, *, timeout: float = 20) -> None:
    """Stop a process started in a group of its own (``start_new_session``): TERM first, so that a server
    or worker finishes what it has at hand, then KILL after ``timeout``; and KILL the group in any case,
    so that no child that outlived its master (it should not) keeps a port or a queue."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
