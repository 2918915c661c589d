"""Participatory budgeting under load: the voting peak, and the results of a large call.

Targets (issue 20):

- the voting peak: 50 residents casting or changing their ballots at once, ballots stored per second
  against hello world, both sent by the same client (wrk, 50 threads of one connection each) to the same
  gunicorn in the same run: at least 0.08; and no ballot lost or doubled;
- the results of a call with 200 proposals and 100,000 ballots (three choices each) as the results page
  computes them, against a plain SQL ``GROUP BY`` count of the same votes, in the same process and run:
  at most 3 times.

How:

1. bench/budgeting_journey.py (run with the benchmark's settings, on its own database ``…_budgeting``)
   migrates, seeds the demo, makes a call in voting (knapsack) with twelve feasible proposals and 50
   verified residents with sessions, and a finished call with 200 proposals and 100,000 ballots.
2. gunicorn serves the site as production would (bench/settings.py, four sync workers, Redis caches).
3. wrk, with 50 threads of one connection each, loads hello world and the ballot in interleaved rounds of
   ``RUN_SECONDS``. For the ballots, each thread is one resident (bench/wrk_ballots.lua) posting ballot A,
   then B, then A…, one at a time; a 302 is a ballot stored. After each round, every resident must have one
   ballot row holding exactly the ballot last acknowledged, or the one sent last if wrk cut it off
   unanswered (the server may still have stored it): anything else is a ballot lost or doubled.
4. The results are timed in-process against the plain count, interleaved, after a warm-up of each; both must
   give every proposal the same number of online votes.

Needs PostgreSQL, a local Redis and wrk (``make bench`` installs wrk).
"""

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

from bench_learning_pages import (
    WORK_DIR,
    drain,
    flush_cache_database,
    free_port,
    gunicorn,
    learning_database_url,
    missing_prerequisite,
    wrk,
)
from processes import BENCH_DIR, REPO_ROOT, server_environment
from run import create_database_if_missing

CLIENTS = 50  # wrk threads, one connection each: fifty residents voting at once
WARM_UP_SECONDS = 2
RUN_SECONDS = 10
ROUNDS = 3

VOTING_TARGET = 0.08
RESULTS_TARGET = 3.0
VOTING_FIGURE = "Voting peak, 50 residents casting or changing ballots, ballots/s vs hello world"
RESULTS_FIGURE = "Results of 200 proposals and 100,000 ballots vs a plain SQL GROUP BY count"


def run() -> list[dict]:
    reason = missing_prerequisite()
    if reason:
        return [{"name": name, "skipped": reason} for name in (VOTING_FIGURE, RESULTS_FIGURE)]
    WORK_DIR.mkdir(exist_ok=True)
    database_url = learning_database_url(os.environ["DATABASE_URL"]).replace("_learning", "_budgeting")
    create_database_if_missing(database_url)
    env = server_environment(database_url)
    flush_cache_database()

    print("    preparing the calls, residents and sessions …", flush=True)
    data = helper(env, "prepare")
    port = free_port()
    with gunicorn(env, port):
        voting = measure_voting(env, port, data)
    results = helper(env, "results")
    return [voting_figure(data, voting), results_figure(data, results)]


def helper(env: dict, command: str, payload: dict | None = None) -> dict:
    """Run bench/budgeting_journey.py COMMAND in its own process, with the benchmark's settings."""
    out = WORK_DIR / f"budgeting_{command}_out.json"
    args = [sys.executable, str(BENCH_DIR / "budgeting_journey.py"), command]
    if payload is not None:
        given = WORK_DIR / f"budgeting_{command}_in.json"
        given.write_text(json.dumps(payload), encoding="utf-8")
        args.append(str(given))
    subprocess.run([*args, str(out)], cwd=REPO_ROOT, env=env, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def voters_file(data: dict) -> Path:
    """One line per resident for bench/wrk_ballots.lua: path, cookies, ballot A's body, ballot B's body."""
    lines = []
    for voter in data["voters"]:
        cookies = voter["cookies"]
        token = cookies["csrftoken"]
        cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
        bodies = [
            urlencode([("csrfmiddlewaretoken", token)] + [("proposal", pk) for pk in voter[key]])
            for key in ("ballot_a", "ballot_b")
        ]
        lines.append("\t".join([data["ballot_path"], cookie, *bodies]))
    path = WORK_DIR / "budgeting_voters.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def wrk_ballots(port: int, voters: Path, *, seconds: int) -> dict:
    out = WORK_DIR / "budgeting_ballots_out.tsv"
    out.unlink(missing_ok=True)
    load = {
        "url": f"http://127.0.0.1:{port}/",
        "script": BENCH_DIR / "wrk_ballots.lua",
        "args": [voters, out],
    }
    result = wrk(load, seconds=seconds, threads=CLIENTS, connections=CLIENTS)
    threads = []
    for line in out.read_text(encoding="utf-8").splitlines():
        number, stored, refused, acknowledged, sent = line.split("\t")
        threads.append(
            {"number": int(number), "stored": int(stored), "refused": int(refused), "ack": acknowledged, "sent": sent}
        )
    result["threads"] = threads
    result["stored"] = sum(thread["stored"] for thread in threads)
    result["refused"] = sum(thread["refused"] for thread in threads)
    result["stored_rate"] = result["stored"] / seconds
    return result


def measure_voting(env: dict, port: int, data: dict) -> dict:
    voters = voters_file(data)
    hello = {"url": f"http://127.0.0.1:{port}/hello/"}
    print("    wrk: warming up …", flush=True)
    wrk(hello, seconds=WARM_UP_SECONDS, threads=CLIENTS, connections=CLIENTS)
    wrk_ballots(port, voters, seconds=WARM_UP_SECONDS)
    drain(port)
    runs = {"hello": [], "ballots": [], "problems": []}
    for round_number in range(ROUNDS):
        runs["hello"].append(wrk(hello, seconds=RUN_SECONDS, threads=CLIENTS, connections=CLIENTS))
        drain(port)
        ballots = wrk_ballots(port, voters, seconds=RUN_SECONDS)
        drain(port)
        runs["ballots"].append(ballots)
        runs["problems"] += ballot_problems(env, data, ballots)
        print(
            f"    round {round_number + 1}: hello {runs['hello'][-1]['rate']:,.0f} req/s, "
            f"ballots stored {ballots['stored_rate']:,.1f}/s ({ballots['refused']} refused)",
            flush=True,
        )
    return runs


def ballot_problems(env: dict, data: dict, ballots: dict) -> list[str]:
    """Each resident's stored ballot against what wrk sent and was told: one row, exactly one whole ballot,
    the acknowledged one (or the last sent, left unanswered when wrk stopped)."""
    voters = data["voters"]
    stored = helper(env, "count", {"usernames": [voter["username"] for voter in voters]})
    problems = []
    for thread in ballots["threads"]:
        voter = voters[thread["number"] % len(voters)]
        held = stored[voter["username"]]
        expected = {"a": sorted(voter["ballot_a"]), "b": sorted(voter["ballot_b"]), "-": []}
        allowed = [expected[thread["ack"]], expected[thread["sent"]]]
        if held["ballot_rows"] > 1:
            problems.append(f"{voter['username']}: {held['ballot_rows']} ballot rows (doubled)")
        elif held["choices"] not in allowed:
            problems.append(
                f"{voter['username']}: holds {held['choices']}, was told {thread['ack']!r} (lost or mixed)"
            )
    return problems


def voting_figure(data: dict, runs: dict) -> dict:
    hello_rates = [run["rate"] for run in runs["hello"]]
    ballot_rates = [run["stored_rate"] for run in runs["ballots"]]
    refused = sum(run["refused"] for run in runs["ballots"])
    errors = list(runs["problems"][:5])
    if refused:
        errors.append(f"{refused} ballots refused (expected every one stored)")
    failures = sum(run["non_2xx"] + run["socket_errors"] for run in runs["hello"])
    if failures:
        errors.append(f"{failures} hello-world requests failed")
    figure = {
        "name": VOTING_FIGURE,
        "value": statistics.median(ballot_rates),
        "baseline": statistics.median(hello_rates),
        "baseline_name": "hello world, same wrk client",
        "target": VOTING_TARGET,
        "unit": "req/s",
        "higher_is_better": True,
        "details": (
            f"{len(data['voters'])} verified residents, each one wrk thread with one connection "
            "(bench/wrk_ballots.lua), "
            f"alternating two knapsack ballots of 3 and 2 proposals; {ROUNDS} interleaved rounds of {RUN_SECONDS} s "
            f"after a {WARM_UP_SECONDS} s warm-up; ballots stored/s (answers 302) per round: "
            f"{', '.join(f'{rate:,.1f}' for rate in ballot_rates)}; hello world req/s: "
            f"{', '.join(f'{rate:,.0f}' for rate in hello_rates)}; after each round every resident held one ballot "
            f"row with the ballot acknowledged last (or the one cut off unanswered): "
            f"{len(runs['problems'])} lost or doubled."
        ),
    }
    if errors:
        figure["error"] = "; ".join(errors)
    return figure


def results_figure(data: dict, results: dict) -> dict:
    figure = {
        "name": RESULTS_FIGURE,
        "value": results["results_median"],
        "baseline": results["plain_median"],
        "baseline_name": "SELECT proposal_id, count(*) … GROUP BY proposal_id, same process",
        "target": RESULTS_TARGET,
        "details": (
            f"{results['proposals']} feasible proposals, {data['results']['ballots']:,} ballots, "
            f"{results['votes']:,} online votes; `participation.budgeting_results.call_results` (ranking, paper "
            f"tallies, winners within the budget: {results['winners']} chosen) against the plain count, median of "
            f"{len(results['results_seconds'])} interleaved rounds after a warm-up: results "
            f"{', '.join(f'{s * 1000:.1f}' for s in results['results_seconds'])} ms; plain "
            f"{', '.join(f'{s * 1000:.1f}' for s in results['plain_seconds'])} ms."
        ),
    }
    if not results["agree"]:
        figure["error"] = "the results' online votes differ from the plain count"
    return figure
