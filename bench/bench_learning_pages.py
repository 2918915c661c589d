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
   (bench/bare_wsgi.py, its own gunicorn with the same options) for reference; the quiz submissions go through
   bench/http_load.py, which sends each prepared submission once, and measures hello world again
   for their baseline. ``bench/learning_journey.py count`` then checks the database.

gunicorn runs in its own process group and is stopped, whatever happens, before ``run()`` returns.
Needs PostgreSQL, a local Redis and wrk (``apt-get install wrk``; ``make bench`` installs it).
"""

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import http_load
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
QUIZ_ROUNDS = 3  # each resident's 12 submissions: 4 per round
QUIZ_CLIENTS = 50
HELLO_PER_CLIENT = 30  # the generator's baseline: 50 clients x 30 requests per round

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
QUIZ_FIGURE = "Quiz submissions, 50 concurrent residents, requests/s vs hello world"


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
    with gunicorn(env, port), gunicorn(env, bare_port, app="bare_wsgi:application"):
        check_pages(port, data)
        pages = measure_pages(port, data, bare_port=bare_port)
        quiz = measure_quiz(port, data)
    sent_tokens = [token for tokens in quiz["tokens"] for token in tokens]
    stored = helper(env, "count", {"tokens": sent_tokens})
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
    miss_rates = [run["rate"] for run in miss]
    return (
        "anonymous GET through `bench/wrk_shared_links.lua`: half the requests carry `utm_source`, `utm_medium`, "
        "`utm_campaign` and `fbclid`, the last two with random values, and every 50th request is "
        "`/bench/publish/`, which makes every cached page stale as a publish does (left out of the rate); pages "
        f"served from the cache, by run: {hit_ratios}. For reference, the miss path (every request with "
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
    pages = hits = publishes = others = 0
    for line in out.read_text(encoding="utf-8").splitlines():
        thread = [int(value) for value in line.split("\t")]
        pages, hits, publishes, others = pages + thread[0], hits + thread[1], publishes + thread[2], others + thread[3]
    answered = pages + publishes + others
    return {
        **result,
        "rate": result["rate"] * pages / answered if answered else 0.0,
        "pages": pages,
        "hits": hits,
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


def measure_quiz(port: int, data: dict) -> dict:
    """Hello world, then one share of each resident's submissions, in rounds; each submission sent once."""
    residents = data["quiz_residents"][:QUIZ_CLIENTS]
    hello = [http_load.Request("GET", "/hello/") for _ in range(HELLO_PER_CLIENT)]
    http_load.run("127.0.0.1", port, [hello[:5]] * QUIZ_CLIENTS)  # warm-up
    per_round = -(-len(residents[0]["submissions"]) // QUIZ_ROUNDS)
    hello_runs, submit_runs, tokens, problems = [], [], [], []
    for round_number in range(QUIZ_ROUNDS):
        result = http_load.run("127.0.0.1", port, [hello] * QUIZ_CLIENTS)
        bad = [a for answers in result.answers for a in answers if a.status != 200]
        if bad:
            problems.append(f"{len(bad)} hello-world requests failed ({bad[0].status or bad[0].error})")
        hello_runs.append(result)

        clients, round_tokens = [], []
        for resident in residents:
            requests = []
            for submission in resident["submissions"][round_number * per_round : (round_number + 1) * per_round]:
                cookies = resident["cookies"]
                fields = [*submission["fields"], ("csrfmiddlewaretoken", cookies["csrftoken"])]
                requests.append(http_load.Request("POST", submission["path"], cookies=cookies, fields=fields))
                round_tokens.append(dict(submission["fields"])["token"])
            clients.append(requests)
        result = http_load.run("127.0.0.1", port, clients)
        sent = [request for requests in clients for request in requests]
        answers = [answer for client_answers in result.answers for answer in client_answers]
        unexpected = [
            answer
            for request, answer in zip(sent, answers, strict=True)
            if answer.status != 302 or not answer.location.endswith(f"/kuis/{dict(request.fields)['token']}/")
        ]
        if unexpected:
            example = unexpected[0]
            problems.append(
                f"{len(unexpected)} submissions not answered with a redirect to their result "
                f"(e.g. {example.status or example.error} {example.location})"
            )
        submit_runs.append(result)
        tokens.append(round_tokens)
        print(
            f"    quiz round {round_number + 1}: hello {hello_runs[-1].rate:,.0f} req/s, "
            f"{result.count} submissions at {result.rate:,.1f} req/s",
            flush=True,
        )
    return {"hello": hello_runs, "submit": submit_runs, "tokens": tokens, "problems": problems}


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

    quiz_rates = [result.rate for result in quiz["submit"]]
    generator_hello = [result.rate for result in quiz["hello"]]
    sent = sum(len(tokens) for tokens in quiz["tokens"])
    problems = list(quiz["problems"])
    if stored["submitted_of_sent"] != sent or stored["distinct_tokens_sent"] != sent:
        problems.append(f"{sent} sent, {stored['submitted_of_sent']} submitted in the database")
    if stored["open_of_sent"]:
        problems.append(f"{stored['open_of_sent']} submissions sent are still open attempts (lost)")
    if stored["attempts_of_quiz_residents"] != sent or stored["submitted_attempts_of_quiz_residents"] != sent:
        problems.append(
            f"the residents have {stored['attempts_of_quiz_residents']} attempts, "
            f"{stored['submitted_attempts_of_quiz_residents']} submitted, for {sent} sent"
        )
    per_resident = len(data["quiz_residents"][0]["submissions"])
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
        {
            "name": QUIZ_FIGURE,
            "value": statistics.median(quiz_rates),
            "baseline": statistics.median(generator_hello),
            "baseline_name": "hello world, same generator",
            "unit": "req/s",
            "higher_is_better": True,
            "target": QUIZ_TARGET,
            "error": "; ".join(problems),
            "details": (
                f"POST `<module>/kuis/` with the attempt's token and answers (all right), "
                f"{queries['submission']} queries per submission, answered by a redirect to the result (not "
                f"followed); {QUIZ_CLIENTS} residents at once, each with an open attempt at each of the "
                f"{per_resident} quizzes of the three courses, prepared beforehand, and sending its own "
                f"submissions one after the other, each once, never retried, by `bench/http_load.py` (asyncio, "
                f"not wrk: wrk cannot send a fixed set of requests exactly once); median of {QUIZ_ROUNDS} rounds of "
                f"{len(quiz['tokens'][0])} submissions: {rates(quiz_rates)} req/s. Baseline: the same generator, "
                f"{QUIZ_CLIENTS} clients x {HELLO_PER_CLIENT} GET `/hello/` before each round: "
                f"{rates(generator_hello)} req/s (wrk's hello world: {statistics.median(hello_rates):,.0f} req/s, "
                f"a ratio of {statistics.median(quiz_rates) / statistics.median(hello_rates):.3f}). In the database "
                f"afterwards: {sent} sent, {stored['distinct_tokens_sent']} distinct attempts, "
                f"{stored['submitted_of_sent']} of them submitted, {stored['open_of_sent']} still open (lost); "
                f"the residents have {stored['attempts_of_quiz_residents']} attempts in all, "
                f"{stored['submitted_attempts_of_quiz_residents']} submitted (none duplicated); {server}."
            ),
        },
    ]


def rates(values) -> str:
    return ", ".join(f"{value:,.1f}" for value in values)
