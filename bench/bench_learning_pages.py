"""The learning journey under load: gunicorn with production settings, against a hello-world view.

Targets (issue 3, raised by issue 21), as requests per second against a hello-world view served by the
same gunicorn in the same run:

- an anonymous visitor's course page: at least 30 %; as shared links reach it (half with utm_*/fbclid
  parameters, a publish every 50th request): at least 50 %;
- a logged-in resident's module page (enrolled, some progress): at least 12 %;
- quiz submissions from 50 concurrent residents: at least 8 %, and every submission sent is in the
  database exactly once as a submitted attempt.

How:

1. The benchmark's own database, beside the runner's: ``<its name>_learning`` on the same server
   (the region import needs an empty regions table, and the demo content brings Balikpapan's
   regions), created when missing. ``bench/learning_journey.py prepare`` migrates it, collects the
   static files, loads the demo content (``seed_demo``), resets the benchmark's residents and makes
   their sessions and open quiz attempts, and counts each page's queries in-process.
2. gunicorn serves ``lms.wsgi`` with ``bench.settings`` (production's settings on plain HTTP, plus
   ``/hello/``) on a free loopback port, with the caches in Redis (``BENCH_CACHE_URL``, database 13
   by default, emptied first) so its workers share the page cache.
3. wrk loads the hello-world view, the course page and the module page (its Lua script rotating
   over 100 residents' cookies), in interleaved runs, with a bare WSGI hello world without Django
   (bench/bare_wsgi.py, its own gunicorn with the same options) for reference. The quiz submissions and
   their baseline, hello world, go through wrk with bench/wrk_quiz.lua (50 connections, each prepared
   submission sent at most once) in interleaved rounds, with the server's CPU time per request; then a
   double-submit storm. ``bench/learning_journey.py count`` then checks the database.

gunicorn runs in its own process group and is stopped, whatever happens, before ``run()`` returns.
Needs PostgreSQL, a local Redis and wrk (``apt-get install wrk``; ``make bench`` installs it).
"""

import contextlib
import http.client
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from processes import BENCH_DIR, CACHE_URL, REPO_ROOT, server_environment, stop
from run import create_database_if_missing

WORK_DIR = BENCH_DIR / ".work"

# Two cores: four sync workers (gunicorn's "2-4 x cores"; docs/operations.md's deployment) keep both cores busy
# while some wait on PostgreSQL or Redis. Rendering is CPU-bound Python, so threads would share one GIL
# (2 workers x 4 gthread threads, 2 or 3 sync workers gave the same ratios within this machine's noise).
WORKERS = 4
WORKER_OPTIONS = [f"--workers={WORKERS}", "--worker-class=sync"]
WRK_THREADS = 1  # one wrk thread outruns this server by far and leaves more CPU to it
WRK_CONNECTIONS = 16  # four per worker: none ever waits for work
WARM_UP_SECONDS = 2
RUN_SECONDS = 4
ROUNDS = 5
QUIZ_ROUNDS = 3
QUIZ_SECONDS = 10  # each round's submissions, and its hello world
QUIZ_CONNECTIONS = 50  # 50 residents submit at once, one connection (and one wrk thread) each
STORM_SECONDS_AT_MOST = 300  # the storm runs until every token is sent twice; wrk needs a duration

COURSE_TARGET = 0.30
SHARED_LINKS_TARGET = 0.5
MODULE_TARGET = 0.12  # issue 21 (before it, 0.06)
QUIZ_TARGET = 0.08
COURSE_FIGURE = "Anonymous course page, requests/s vs hello world"
SHARED_LINKS_FIGURE = (
    "Anonymous course page as shared links reach it (half with utm_*/fbclid, a publish every 50th request), "
    "requests/s vs hello world"
)
MODULE_FIGURE = "Logged-in resident's module page, requests/s vs hello world"
QUIZ_FIGURE = "Quiz submissions, 50 concurrent residents, requests/s vs hello world (same wrk client)"


def run() -> list[dict]:
    reason = missing_prerequisite()
    if reason:
        return [
            {"name": name, "skipped": reason}
            for name in (COURSE_FIGURE, SHARED_LINKS_FIGURE, MODULE_FIGURE, QUIZ_FIGURE)
        ]
    WORK_DIR.mkdir(exist_ok=True)
    database_url = learning_database_url(os.environ["DATABASE_URL"])
    create_database_if_missing(database_url)
    env = server_environment(database_url)
    flush_cache_database()

    print("    preparing the database, residents and sessions …", flush=True)
    data = helper(env, "prepare")
    port, bare_port = free_port(), free_port()
    # The bare WSGI hello world waits idle beside the site while the site is measured, and the other way round.
    with gunicorn(env, port) as site, gunicorn(env, bare_port, app="bare_wsgi:application"):
        check_pages(port, data)
        pages = measure_pages(port, data, bare_port=bare_port)
        quiz = measure_quiz(site, port, data)
    stored = helper(env, "count", {"quiz": quiz["sent"], "storm": {"sent": quiz["storm"]["tokens"]}})
    return figures(data, pages, quiz, stored)


def missing_prerequisite() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return "needs PostgreSQL"
    if shutil.which("wrk") is None:
        return "needs wrk (apt-get install wrk)"
    try:
        redis_client().ping()
    except Exception as error:  # any failure means the same: no Redis to use
        return f"needs Redis at {CACHE_URL} ({error})"
    return ""


def learning_database_url(url: str) -> str:
    """The runner's database URL with ``_learning`` added to the database's name."""
    base, _, query = url.partition("?")
    base = base.rstrip("/")
    head, _, name = base.rpartition("/")
    return f"{head}/{name}_learning" + (f"?{query}" if query else "")


def redis_client():
    import redis

    return redis.Redis.from_url(CACHE_URL, socket_connect_timeout=2)


def flush_cache_database() -> None:
    """Empty the Redis database the benchmark uses (and only that one)."""
    redis_client().flushdb()


def helper(env: dict, command: str, payload: dict | None = None) -> dict:
    """Run bench/learning_journey.py COMMAND in its own process, with the benchmark's settings."""
    out = WORK_DIR / f"learning_{command}_out.json"
    args = [sys.executable, str(BENCH_DIR / "learning_journey.py"), command]
    if payload is not None:
        given = WORK_DIR / f"learning_{command}_in.json"
        given.write_text(json.dumps(payload), encoding="utf-8")
        args.append(str(given))
    subprocess.run([*args, str(out)], cwd=REPO_ROOT, env=env, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


# --- gunicorn ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict, port: int, *, workers: int = WORKERS, timeout: int = 60, app: str = "lms.wsgi:application"):
    """gunicorn serving ``app`` (the site, by default) on 127.0.0.1:`port` until the block ends, however it ends."""
    log_path = WORK_DIR / ("gunicorn.log" if app == "lms.wsgi:application" else f"gunicorn-{app.split(':')[0]}.log")
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        f"--timeout={timeout}",
        "--graceful-timeout=5",
        "--no-control-socket",
    ]
    previous_handler = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    with open(log_path, "w", encoding="utf-8") as log:
        # Its own session: stopping the process group stops the master and every worker.
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            wait_until_serving(process, port, log_path)
            yield process
        finally:
            stop(process, timeout=15)
            signal.signal(signal.SIGTERM, previous_handler)


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)  # run the finally blocks: gunicorn is stopped


def wait_until_serving(process, port: int, log_path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log_path}")
        try:
            if get(port, "/hello/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {seconds} s; see {log_path}")


def get(port: int, path: str, cookies: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Cookie": cookie_header(cookies)} if cookies else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


# --- Measuring ---------------------------------------------------------------------------------


def check_pages(port: int, data: dict) -> None:
    """The pages answer as the figures assume: the course page from the shared cache, cookie-free."""
    get(port, data["course_url"])
    for _attempt in range(2 * WORKERS):  # whichever worker answers, the page comes from Redis
        status, headers, _body = get(port, data["course_url"])
        if status != 200 or headers.get("X-Page-Cache") != "hit" or headers.get("Set-Cookie"):
            raise RuntimeError(
                f"{data['course_url']}: status {status}, X-Page-Cache {headers.get('X-Page-Cache')!r}, "
                f"Set-Cookie {headers.get('Set-Cookie')!r}: expected 200 from the page cache without cookies"
            )
    # The shared-links mix's assumptions: a listed parameter the page does not read is rendered, never kept;
    # /bench/publish/ makes the kept copy stale, so the next request renders and keeps it again.
    status, headers, _body = get(port, data["course_url"] + "?kode=bench-check")
    if status != 200 or "X-Page-Cache" in headers:
        raise RuntimeError(f"?kode=: status {status}, X-Page-Cache {headers.get('X-Page-Cache')!r}: expected a render")
    if get(port, "/bench/publish/")[0] != 204:
        raise RuntimeError("/bench/publish/ did not answer 204")
    status, headers, _body = get(port, data["course_url"])
    if status != 200 or headers.get("X-Page-Cache") != "miss":
        raise RuntimeError(f"after a publish: X-Page-Cache {headers.get('X-Page-Cache')!r}, expected a new copy")
    status, headers, body = get(port, data["module_url"], cookies=data["page_residents"][0])
    if status != 200 or "X-Page-Cache" in headers or b"/kuis/" not in body:
        raise RuntimeError(f"{data['module_url']}: status {status}, expected a resident's own page")


def measure_pages(port: int, data: dict, *, bare_port: int) -> dict:
    base = f"http://127.0.0.1:{port}"
    cookie_file = WORK_DIR / "learning_cookies.txt"
    cookie_file.write_text("\n".join(cookie_header(c) for c in data["page_residents"]) + "\n", encoding="utf-8")
    loads = {
        "hello": {"url": f"{base}/hello/"},
        "course": {"url": base + data["course_url"]},
        "module": {"url": base + data["module_url"], "script": BENCH_DIR / "wrk_sessions.lua", "args": [cookie_file]},
        "bare": {"url": f"http://127.0.0.1:{bare_port}/"},
        # The course page as shared links reach it, and its miss path (bench/wrk_shared_links.lua).
        "shared": {"url": f"{base}/", "script": BENCH_DIR / "wrk_shared_links.lua", "mode": "mix"},
        "miss": {"url": f"{base}/", "script": BENCH_DIR / "wrk_shared_links.lua", "mode": "miss"},
    }
    ports = {key: bare_port if key == "bare" else port for key in loads}

    def measure(key, seconds):
        load = loads[key]
        if "mode" in load:
            return wrk_shared_links(load, data["course_url"], seconds=seconds)
        return wrk(load, seconds=seconds)

    print("    wrk: warming up …", flush=True)
    for key in loads:
        measure(key, WARM_UP_SECONDS)
        drain(ports[key])
    runs = {key: [] for key in loads}
    order = list(loads)
    for round_number in range(ROUNDS):
        for key in order:
            runs[key].append(measure(key, RUN_SECONDS))
            drain(ports[key])
        print(
            f"    wrk round {round_number + 1}: "
            + ", ".join(f"{key} {runs[key][-1]['rate']:,.0f} req/s" for key in loads),
            flush=True,
        )
        order.append(order.pop(0))
    return runs


def wrk(load: dict, *, seconds: int, threads: int = WRK_THREADS, connections: int = WRK_CONNECTIONS) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout=10s"]
    if load.get("script"):
        command += ["-s", str(load["script"])]
    command.append(load["url"])
    if load.get("args"):
        command += ["--", *map(str, load["args"])]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    if not rate or not total:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rate": float(rate.group(1)),
        "requests": int(total.group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


def shared_links_text(pages: dict, hello_rates: list) -> str:
    shared, miss = pages["shared"], pages["miss"]
    hit_ratios = ", ".join(f"{run['hits'] / run['pages']:.1%}" if run["pages"] else "-" for run in shared)
    stale_ratios = ", ".join(f"{run['stale'] / run['pages']:.1%}" if run["pages"] else "-" for run in shared)
    miss_rates = [run["rate"] for run in miss]
    return (
        "anonymous GET through `bench/wrk_shared_links.lua`: half the requests carry `utm_source`, `utm_medium`, "
        "`utm_campaign` and `fbclid`, the last two with random values, and every 50th request is "
        "`/bench/publish/`, which makes every cached page stale as a publish does (left out of the rate); pages "
        f"served from the cache, by run: {hit_ratios}; besides those, the copy a publish had just made stale, "
        f"served while the first visitor after it rendered the new one (`X-Page-Cache: stale`), by run: "
        f"{stale_ratios}. For reference, the miss path (every request with "
        "`?kode=<random>`, a listed parameter the page does not read: rendered each time, never kept) runs: "
        f"{rates(miss_rates)} req/s, {statistics.median(miss_rates) / statistics.median(hello_rates):.3f} of hello "
        "world"
    )


def wrk_shared_links(load: dict, page_path: str, *, seconds: int) -> dict:
    """wrk with bench/wrk_shared_links.lua in ``load["mode"]``; ``rate`` is the page's: the publishes asked for
    are left out of it."""
    out = WORK_DIR / f"shared_links_{load['mode']}.tsv"
    out.unlink(missing_ok=True)
    result = wrk({**load, "args": [page_path, load["mode"], out]}, seconds=seconds)
    pages = hits = publishes = others = stale = 0
    for line in out.read_text(encoding="utf-8").splitlines():
        thread = [int(value) for value in line.split("\t")]
        pages, hits, publishes, others = pages + thread[0], hits + thread[1], publishes + thread[2], others + thread[3]
        stale += thread[4]
    answered = pages + publishes + others
    return {
        **result,
        "rate": result["rate"] * pages / answered if answered else 0.0,
        "pages": pages,
        "hits": hits,
        "stale": stale,
        "publishes": publishes,
        "non_2xx": result["non_2xx"] + others,
    }


def drain(port: int) -> None:
    """Wait for the requests wrk left behind when it stopped (the workers still answer them), so that
    they do not slow the next run down: a request sent now is answered once those ahead of it are."""
    for _attempt in range(50):
        start = time.perf_counter()
        get(port, "/hello/")
        if time.perf_counter() - start < 0.02:
            return


def measure_quiz(site, port: int, data: dict) -> dict:
    """Quiz submissions and hello world with the same wrk client (bench/wrk_quiz.lua), in interleaved rounds,
    with the server's CPU time per request; then the double-submit storm.

    50 connections, one per wrk thread, each sending its residents' prepared submissions one after the other
    (a resident's 12, then the next resident's), each at most once: a round that wrk stops after its
    duration leaves the rest for the next round, which starts after the last one sent (answered or not)."""
    queues = [[] for _ in range(QUIZ_CONNECTIONS)]
    for number, resident in enumerate(data["quiz_residents"]):
        queues[number % QUIZ_CONNECTIONS] += submission_lines(resident)
    positions = [0] * QUIZ_CONNECTIONS
    outcomes = {}  # token -> what the client saw: "o", "a", "x" or "-"
    runs = {"hello": [], "quiz": []}

    def measure(mode, seconds):
        before = server_cpu(site)
        if mode == "hello":
            result = wrk_quiz(port, "hello", None, seconds=seconds)
        else:
            result = wrk_quiz(
                port, "quiz", [queue[at:] for queue, at in zip(queues, positions, strict=True)], seconds=seconds
            )
            for connection, letters in enumerate(result["outcomes"]):
                for offset, letter in enumerate(letters):
                    outcomes[queues[connection][positions[connection] + offset][0]] = letter
                positions[connection] += len(letters)
        drain(port)  # the requests cut off when wrk stopped are answered, and their CPU time counted
        result["cpu"] = server_cpu(site, since=before)
        return result

    print("    quiz: warming up …", flush=True)
    measure("hello", WARM_UP_SECONDS)
    measure("quiz", WARM_UP_SECONDS)
    order = ["hello", "quiz"]
    for round_number in range(QUIZ_ROUNDS):
        for mode in order:
            runs[mode].append(measure(mode, QUIZ_SECONDS))
        hello, quiz = runs["hello"][-1], runs["quiz"][-1]
        print(
            f"    quiz round {round_number + 1}: hello {hello['rate']:,.0f} req/s, {quiz['answered']} submissions "
            f"at {quiz['rate']:,.1f} req/s",
            flush=True,
        )
        order.reverse()

    sent = set(outcomes)
    unsent = [line[0] for queue in queues for line in queue if line[0] not in sent]
    storm = measure_storm(site, port, data)
    return {
        **runs,
        "sent": {
            "answered": [token for token, letter in outcomes.items() if letter == "o"],
            "cut_off": [token for token, letter in outcomes.items() if letter == "-"],
            "refused": [token for token, letter in outcomes.items() if letter in "ax"],
            "unsent": unsent,
        },
        "storm": storm,
        "tokens": sum(len(queue) for queue in queues),
    }


def measure_storm(site, port: int, data: dict) -> dict:
    """Every storm resident's submissions sent by two connections at once, in the same order, to the end."""
    queues = []
    for resident in data["storm_residents"]:
        lines = submission_lines(resident)
        queues += [lines, lines]
    result = wrk_quiz(port, "quiz", queues, seconds=STORM_SECONDS_AT_MOST)
    drain(port)
    letters = {}
    for queue, sent in zip(queues, result["outcomes"], strict=True):
        for line, letter in zip(queue, sent, strict=False):
            letters.setdefault(line[0], []).append(letter)
    tokens = [line[0] for queue in queues[::2] for line in queue]
    return {
        **result,
        "tokens": tokens,
        # Per attempt, what its two requests got: one graded ("o") and one told it was already submitted ("a").
        "graded_then_told": sum(1 for token in tokens if sorted(letters.get(token, [])) == ["a", "o"]),
        "graded_twice": sum(1 for token in tokens if letters.get(token, []).count("o") > 1),
        "seconds": result["runtime"],
    }


def submission_lines(resident: dict) -> list[tuple]:
    """A resident's submissions as bench/wrk_quiz.lua reads them: token, path, Cookie header, form body."""
    cookies = resident["cookies"]
    lines = []
    for submission in resident["submissions"]:
        fields = [*submission["fields"], ("csrfmiddlewaretoken", cookies["csrftoken"])]
        lines.append(
            (
                dict(submission["fields"])["token"],
                submission["path"],
                cookie_header(cookies),
                urlencode([tuple(field) for field in fields]),
            )
        )
    return lines


def wrk_quiz(port: int, mode: str, queues: list | None, *, seconds: int) -> dict:
    """wrk with bench/wrk_quiz.lua, one connection per thread. In quiz mode, ``queues`` holds each connection's
    submissions; wrk is stopped (SIGINT, as Ctrl-C does) as soon as every connection has sent all of its own.
    ``rate`` counts only the answers the mode expects (hello world's 200, a submission's redirect to its result)."""
    connections = len(queues) if queues is not None else QUIZ_CONNECTIONS
    queue_file, out_file, finished_file = (WORK_DIR / f"quiz_{name}" for name in ("queue.tsv", "out.tsv", "finished"))
    out_file.unlink(missing_ok=True)
    finished_file.write_text("", encoding="utf-8")
    if queues is not None:
        with open(queue_file, "w", encoding="utf-8") as file:
            for connection, queue in enumerate(queues):
                file.writelines(f"{connection}\t{chr(9).join(line)}\n" for line in queue)
    command = [
        "wrk", f"-t{connections}", f"-c{connections}", f"-d{seconds}s", "--timeout=10s",
        "-s", str(BENCH_DIR / "wrk_quiz.lua"), f"http://127.0.0.1:{port}/",
        "--", mode, str(queue_file) if queues is not None else "-", str(out_file), str(finished_file),
    ]  # fmt: skip
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while process.poll() is None:
        try:
            process.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            if len(finished_file.read_text(encoding="utf-8").split()) == connections:
                process.send_signal(signal.SIGINT)
                break
    output, errors = process.communicate(timeout=seconds + 60)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk's own CPU time: the only child waited for
    client_cpu = sum(getattr(children, f) - getattr(children_before, f) for f in ("ru_utime", "ru_stime"))
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    if process.returncode or not rate or not total:
        raise RuntimeError(f"wrk failed ({process.returncode}):\n{output}\n{errors}")
    runtime = int(total.group(1)) / float(rate.group(1)) if float(rate.group(1)) else seconds
    lines = sorted(
        (line.split("\t") for line in out_file.read_text(encoding="utf-8").splitlines()), key=lambda x: int(x[0])
    )
    outcomes = [line[1] for line in lines]
    letters = "".join(outcomes)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "outcomes": outcomes,
        "answered": letters.count("o"),
        "already": letters.count("a"),
        "refused": letters.count("x"),
        "cut_off": letters.count("-"),
        "others": sum(int(line[2]) for line in lines),
        "runtime": runtime,
        "rate": letters.count("o") / runtime,
        "finished": len(finished_file.read_text(encoding="utf-8").split()),
        "client_cpu": client_cpu,
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


def server_cpu(site, *, since: dict | None = None) -> dict:
    """CPU seconds (user + system) of the site's gunicorn (master and workers) and of the PostgreSQL backends
    connected to its database, from /proc; with ``since``, the difference from that reading."""
    from django.db import connection

    gunicorn_pids = [site.pid] + [pid for pid, parent in proc_parents().items() if parent == site.pid]
    with connection.cursor() as cursor:
        database = learning_database_url(os.environ["DATABASE_URL"]).rpartition("/")[2].partition("?")[0]
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database])
        backend_pids = [row[0] for row in cursor.fetchall()]
    reading = {"gunicorn": proc_cpu(gunicorn_pids), "postgres": proc_cpu(backend_pids)}
    if since is None:
        return reading
    # Per process: one that ended meanwhile is left out; one that started counts from zero.
    return {
        side: sum(seconds - since[side].get(pid, 0.0) for pid, seconds in reading[side].items()) for side in reading
    }


def proc_parents() -> dict:
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rpartition(")")[2].split()
            parents[int(stat.parent.name)] = int(fields[1])
    return parents


def proc_cpu(pids) -> dict:
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            seconds[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14 and 15)
    return seconds


# --- Figures --------------------------------------------------------------------------------------


def figures(data: dict, pages: dict, quiz: dict, stored: dict) -> list[dict]:
    queries = data["queries"]
    hello_rates = [run["rate"] for run in pages["hello"]]
    server = (
        f"gunicorn `{' '.join(WORKER_OPTIONS)}`, `bench/settings.py` (production settings, DEBUG off, plain HTTP), "
        f"caches in Redis ({CACHE_URL})"
    )
    wrk_how = (
        f"wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS}, median of {ROUNDS} interleaved runs of {RUN_SECONDS} s after "
        f"{WARM_UP_SECONDS} s of warm-up; {server}"
    )
    bare_rates = [run["rate"] for run in pages["bare"]]
    hello_text = (
        f"hello world (`/hello/`, {queries['hello']} queries) runs: {rates(hello_rates)} req/s; for reference, a "
        f"bare WSGI hello world without Django (`bench/bare_wsgi.py`, the same gunicorn options, in the same "
        f"rounds) runs: {rates(bare_rates)} req/s, so the production stack leaves "
        f"{statistics.median(hello_rates) / statistics.median(bare_rates):.2f} of gunicorn's own rate"
    )

    def page_figure(name, key, target, what):
        page_rates = [run["rate"] for run in pages[key]]
        failures = sum(run["non_2xx"] + run["socket_errors"] for run in pages[key] + pages["hello"])
        return {
            "name": name,
            "value": statistics.median(page_rates),
            "baseline": statistics.median(hello_rates),
            "baseline_name": "hello world, wrk",
            "unit": "req/s",
            "higher_is_better": True,
            "target": target,
            "error": f"{failures} requests failed (non-2xx or socket errors)" if failures else "",
            "details": f"{what}; runs: {rates(page_rates)} req/s; {hello_text}; {wrk_how}.",
        }

    quiz_figure_ = quiz_figure(data, quiz, stored, server=server)
    return [
        page_figure(
            f"{COURSE_FIGURE} ({data['course_url']})",
            "course",
            COURSE_TARGET,
            f"anonymous GET, served from the page cache (checked under gunicorn: `X-Page-Cache: hit` from every "
            f"worker, no Set-Cookie); {queries['course_hit']} queries per request from the cache, "
            f"{queries['course_miss']} when rendered",
        ),
        page_figure(
            f"{SHARED_LINKS_FIGURE} ({data['course_url']})",
            "shared",
            SHARED_LINKS_TARGET,
            shared_links_text(pages, hello_rates),
        ),
        page_figure(
            f"{MODULE_FIGURE} ({data['module_url']})",
            "module",
            MODULE_TARGET,
            f"GET as {len(data['page_residents'])} residents in turn (wrk Lua script `bench/wrk_sessions.lua` "
            f"rotating their session cookies); each is enrolled, has read module 1 and passed its quiz, has read "
            f"this module and failed one attempt at its quiz; {queries['module']} queries per request",
        ),
        quiz_figure_,
    ]


def quiz_figure(data: dict, quiz: dict, stored: dict, *, server: str) -> dict:
    queries = data["queries"]
    hello_runs, quiz_runs, storm = quiz["hello"], quiz["quiz"], quiz["storm"]
    sent, in_database = quiz["sent"], stored["quiz"]
    problems = []
    for mode, runs in (("hello world", hello_runs), ("submissions", quiz_runs)):
        failed = sum(run["refused"] + run["already"] + run["socket_errors"] for run in runs)
        if failed:
            problems.append(f"{mode}: {failed} requests refused or failed")
        if any(run["finished"] for run in runs):
            problems.append(f"{mode}: connections ran out of prepared submissions (prepare more)")
    # Every submission answered is stored; none that was not sent is; a cut-off one may be either.
    if in_database["submitted_of_answered"] != len(sent["answered"]):
        lost = len(sent["answered"]) - in_database["submitted_of_answered"]
        problems.append(f"{lost} of {len(sent['answered'])} answered submissions are not in the database (lost)")
    if in_database["submitted_of_unsent"]:
        problems.append(f"{in_database['submitted_of_unsent']} attempts never sent are submitted")
    sent_count = sum(len(sent[kind]) for kind in ("answered", "cut_off", "refused"))
    submitted = in_database["submitted_attempts"]
    if in_database["attempts"] != quiz["tokens"] or submitted > sent_count:
        problems.append(f"{in_database['attempts']} attempts, {submitted} submitted, for {quiz['tokens']} prepared")
    if in_database["passed_progress_rows"] != submitted:
        problems.append(f"{in_database['passed_progress_rows']} passed modules for {submitted} submitted attempts")
    storm_stored, storm_tokens = stored["storm"], len(storm["tokens"])
    if storm["graded_then_told"] != storm_tokens or storm["graded_twice"]:
        problems.append(
            f"storm: {storm['graded_then_told']} of {storm_tokens} attempts graded once and told once, "
            f"{storm['graded_twice']} graded twice"
        )
    if not (
        storm_stored["submitted_of_sent"]
        == storm_stored["attempts"]
        == storm_stored["submitted_attempts"]
        == storm_stored["passed_progress_rows"]
        == storm_tokens
    ):
        problems.append(
            f"storm: {storm_tokens} attempts sent twice; in the database {storm_stored['attempts']} attempts, "
            f"{storm_stored['submitted_attempts']} submitted, {storm_stored['passed_progress_rows']} passed modules"
        )

    def cpu_text(runs):
        # Every request the server handled: a cut-off one was answered after wrk stopped (drain() waits).
        handled = sum(
            run["answered"] + run["already"] + run["refused"] + run["cut_off"] + run["others"] for run in runs
        )
        gunicorn = sum(run["cpu"]["gunicorn"] for run in runs) / handled
        postgres = sum(run["cpu"]["postgres"] for run in runs) / handled
        client = sum(run["client_cpu"] for run in runs) / handled
        return f"{gunicorn * 1000:.2f} ms gunicorn + {postgres * 1000:.2f} ms PostgreSQL (wrk: {client * 1000:.2f} ms)"

    quiz_rates, hello_rates = [run["rate"] for run in quiz_runs], [run["rate"] for run in hello_runs]
    round_ratios = ", ".join(f"{q / h:.3f}" for q, h in zip(quiz_rates, hello_rates, strict=True))
    residents = len(data["quiz_residents"])
    per_resident = len(data["quiz_residents"][0]["submissions"])
    return {
        "name": QUIZ_FIGURE,
        "value": statistics.median(quiz_rates),
        "baseline": statistics.median(hello_rates),
        "baseline_name": "hello world, same wrk client",
        "unit": "req/s",
        "higher_is_better": True,
        "target": QUIZ_TARGET,
        "error": "; ".join(problems),
        "details": (
            f"POST `<module>/kuis/` with the attempt's token and answers (all right), {queries['submission']} "
            f"queries per submission, answered by a redirect to the result (not followed). {quiz['tokens']} open "
            f"attempts prepared ({residents} residents x {per_resident} quizzes of the three courses); wrk "
            f"-t{QUIZ_CONNECTIONS} -c{QUIZ_CONNECTIONS} with `bench/wrk_quiz.lua`: one connection per thread, each "
            f"sending its residents' submissions one after the other (so {QUIZ_CONNECTIONS} residents submit at "
            f"any moment), each at most once and never retried; a round stopped by wrk leaves the rest to the "
            f"next. {QUIZ_ROUNDS} rounds of {QUIZ_SECONDS} s after {WARM_UP_SECONDS} s of warm-up, hello world "
            f"(GET `/hello/` through the same script, same connections) and submissions interleaved; the rate "
            f"counts only submissions answered with the redirect to their own result, over wrk's run time: "
            f"{rates(quiz_rates)} req/s ({', '.join(str(run['answered']) for run in quiz_runs)} submissions); "
            f"hello world: {rates(hello_rates)} req/s; ratio by round: "
            f"{round_ratios}. Server CPU per request (user + system, from /proc, of "
            f"gunicorn's master and workers and of the PostgreSQL backends of its database, read before each run "
            f"and after the requests it left were answered): submissions {cpu_text(quiz_runs)}, hello "
            f"world {cpu_text(hello_runs)}. In the database afterwards: {len(sent['answered'])} answered, "
            f"{in_database['submitted_of_answered']} of them submitted; {len(sent['cut_off'])} cut off by wrk's "
            f"stop, {in_database['submitted_of_cut_off']} of them submitted; {len(sent['unsent'])} never sent, "
            f"{in_database['submitted_of_unsent']} submitted; the residents have {in_database['attempts']} attempts "
            f"({quiz['tokens']} prepared), {submitted} submitted, {in_database['passed_progress_rows']} modules "
            f"passed. Double-submit storm: {len(data['storm_residents'])} more residents, each one's "
            f"{per_resident} submissions sent by two connections at once in the same order ({storm_tokens} "
            f"attempts, {2 * storm_tokens} requests, {storm['seconds']:.1f} s): {storm['graded_then_told']} "
            f"attempts graded once and the other request told they were already submitted (a redirect to the "
            f"result with that notice), {storm['graded_twice']} graded twice; in the database "
            f"{storm_stored['submitted_attempts']} submitted of {storm_stored['attempts']} attempts, "
            f"{storm_stored['passed_progress_rows']} modules passed; {server}."
        ),
    }


def rates(values) -> str:
    return ", ".join(f"{value:,.1f}" for value in values)
