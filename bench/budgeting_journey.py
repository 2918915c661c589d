"""The budgeting benchmark's work inside Django: prepare the calls, check what the ballots left, time the results.

Run by bench/bench_budgeting.py in its own process, with ``DJANGO_SETTINGS_MODULE=bench.settings`` and the
benchmark's own database:

    python bench/budgeting_journey.py prepare OUT.json   migrate, collectstatic, seed_demo, a call in voting
                                                         with 50 verified residents and their sessions, a
                                                         finished call with 200 proposals and 100,000 ballots
    python bench/budgeting_journey.py count IN.json OUT.json
                                                         each voter's ballot rows and choices after the load
    python bench/budgeting_journey.py results OUT.json   the results of the finished call against a plain SQL
                                                         GROUP BY count of the same votes, interleaved rounds

Each run starts afresh: the benchmark's calls (and so their proposals and ballots) are deleted first.
"""

import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent

VOTERS = 50
VOTER_PREFIX = "bench-pemilih-"
VOTING_SLUG = "bench-pemungutan"
RESULTS_SLUG = "bench-hasil"
RESULTS_PROPOSALS = 200
RESULTS_BALLOTS = 100_000
CHOICES_PER_BALLOT = 3
RESULTS_ROUNDS = 7

# The two ballots each voter alternates between: both fit the knapsack budget, and share no proposal, so
# the choices stored say which one was stored last, and a mix of both would show.
BALLOT_A = [0, 1, 2]
BALLOT_B = [3, 4]


def main(argv: list[str]) -> int:
    sys.path[:0] = [str(REPO_ROOT), str(BENCH_DIR)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    command, *paths = argv
    if command == "prepare":
        result = prepare()
    elif command == "count":
        result = count(json.loads(Path(paths[0]).read_text()))
        paths = paths[1:]
    elif command == "results":
        result = time_results()
    else:
        raise SystemExit(__doc__)
    Path(paths[0]).write_text(json.dumps(result), encoding="utf-8")
    return 0


# --- Prepare -----------------------------------------------------------------------------------


def prepare() -> dict:
    from django.core.management import call_command
    from run import migrate

    from demo.seeding import seed_demo

    migrate(disposable=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    seed_demo()
    voting = voting_call()
    return {
        "ballot_path": voting["call"].url + "pilih/",
        "voters": voting["voters"],
        "results": results_call(),
    }


def budgeting_index():
    from participation.models import BudgetingCallIndexPage

    return BudgetingCallIndexPage.objects.get()


def new_call(slug, *, today, voting_open, voting_close, results_on, follow_up_from, **fields):
    """A published kecamatan-wide call of Balikpapan Selatan under the demo's index (an earlier run's removed)."""
    from wagtail.models import Page

    from participation.models import BudgetingCallPage, BudgetingCategory
    from regions.models import Region

    for old in Page.objects.filter(slug=slug):
        old.delete()
    index = budgeting_index()
    call = BudgetingCallPage(
        title=f"Benchmark {slug}",
        slug=slug,
        area=Region.objects.get(code="6471010"),  # Kecamatan Balikpapan Selatan
        scope="<p>Benchmark.</p>",
        eligibility="<p>Benchmark.</p>",
        fiscal_year=today.year + 1,
        total_budget_rupiah=fields.pop("total_budget_rupiah", 1_000_000_000),
        ceiling_rupiah=200_000_000,
        proposals_open=voting_open - datetime.timedelta(days=40),
        proposals_close=voting_open - datetime.timedelta(days=20),
        voting_open=voting_open,
        voting_close=voting_close,
        results_on=results_on,
        follow_up_from=follow_up_from,
        require_verified=True,
        voting_rule=BudgetingCallPage.VotingRule.KNAPSACK,
        **fields,
    )
    index.add_child(instance=call)
    call.categories.set(BudgetingCategory.objects.all()[:3] or [BudgetingCategory.objects.create(name="Drainase")])
    call.save()
    call.save_revision().publish()
    call.refresh_from_db()
    return call


def proposals_of(call, count, *, author):
    from participation.models import BudgetingCategory, Proposal
    from regions.models import Region

    kelurahan = Region.objects.get(code="6471010006")  # Gunung Bahagia
    category = BudgetingCategory.objects.first()
    Proposal.objects.bulk_create(
        Proposal(
            call=call,
            author=author,
            title=f"Usulan {number:03d}",
            description="Perbaikan saluran air lingkungan untuk benchmark.",
            kelurahan=kelurahan,
            category=category,
            estimated_cost=10_000_000 + number * 100_000,
            reviewed_cost=10_000_000 + number * 100_000,
            status=Proposal.Status.FEASIBLE,
        )
        for number in range(count)
    )
    return list(Proposal.objects.filter(call=call).order_by("pk").values_list("pk", flat=True))


def voting_call():
    """A call in voting (knapsack, 1 billion Rupiah), twelve feasible proposals, fifty verified residents of
    Gunung Bahagia with a session each, no ballot yet."""
    from django.db import transaction
    from django.utils import timezone
    from learning_journey import residents, session_cookies

    from accounts.models import LearnerProfile
    from participation.models import ResidentVerification
    from regions.models import Region

    today = timezone.localdate()
    with transaction.atomic():
        call = new_call(
            VOTING_SLUG,
            today=today,
            voting_open=today - datetime.timedelta(days=1),
            voting_close=today + datetime.timedelta(days=10),
            results_on=today + datetime.timedelta(days=15),
            follow_up_from=today + datetime.timedelta(days=40),
        )
        users = residents(VOTER_PREFIX, VOTERS)
        kelurahan = Region.objects.get(code="6471010006")
        for user in users:
            LearnerProfile.objects.update_or_create(
                user=user,
                defaults={
                    "kelurahan": kelurahan,
                    "birth_year": 1990,
                    "consent_given_at": timezone.now(),
                    "privacy_notice_version": "bench",
                },
            )
            ResidentVerification.objects.update_or_create(user=user, defaults={"kelurahan": kelurahan})
        proposal_ids = proposals_of(call, 12, author=users[0])
    return {
        "call": call,
        "voters": [
            {
                "username": user.username,
                "cookies": session_cookies(user),
                "ballot_a": [proposal_ids[i] for i in BALLOT_A],
                "ballot_b": [proposal_ids[i] for i in BALLOT_B],
            }
            for user in users
        ],
    }


def results_call():
    """A finished call with 200 feasible proposals and 100,000 ballots of three choices each, written with SQL
    (made through the services, they would take longer than the benchmark itself)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from participation.models import Ballot, BallotChoice

    today = timezone.localdate()
    with transaction.atomic():
        call = new_call(
            RESULTS_SLUG,
            today=today,
            voting_open=today - datetime.timedelta(days=30),
            voting_close=today - datetime.timedelta(days=20),
            results_on=today - datetime.timedelta(days=10),
            follow_up_from=today + datetime.timedelta(days=20),
            total_budget_rupiah=500_000_000,
        )
        proposal_ids = proposals_of(call, RESULTS_PROPOSALS, author=None)
        first = proposal_ids[0]
        with connection.cursor() as cursor:
            # Ballots without voters: as those of erased accounts, which the results count the same way.
            cursor.execute(
                f"INSERT INTO {Ballot._meta.db_table} (call_id, voter_id, kelurahan_id, gender, cast_at, changed_at) "
                "SELECT %s, NULL, '6471010006', CASE WHEN n %% 2 = 0 THEN 'female' ELSE 'male' END, now(), now() "
                "FROM generate_series(1, %s) AS n",
                [call.pk, RESULTS_BALLOTS],
            )
            # Three different proposals per ballot, spread unevenly (the ballot's id picks them), so ranks differ.
            cursor.execute(
                f"INSERT INTO {BallotChoice._meta.db_table} (ballot_id, proposal_id) "
                "SELECT b.id, %s + ((b.id * 7 + k * 67 + (b.id %% 13) * (b.id %% 5)) %% %s) "
                f"FROM {Ballot._meta.db_table} b CROSS JOIN generate_series(0, %s) AS k WHERE b.call_id = %s",
                [first, RESULTS_PROPOSALS, CHOICES_PER_BALLOT - 1, call.pk],
            )
            cursor.execute(f"ANALYZE {Ballot._meta.db_table}")
            cursor.execute(f"ANALYZE {BallotChoice._meta.db_table}")
    return {
        "call_id": call.pk,
        "proposals": RESULTS_PROPOSALS,
        "ballots": Ballot.objects.filter(call=call).count(),
        "choices": BallotChoice.objects.filter(ballot__call=call).count(),
    }


# --- Count -------------------------------------------------------------------------------------


def count(given: dict) -> dict:
    """Per voter: how many ballot rows, and which proposals the ballot holds."""
    from django.contrib.auth import get_user_model

    from participation.models import Ballot, BallotChoice

    users = dict(get_user_model().objects.filter(username__startswith=VOTER_PREFIX).values_list("username", "pk"))
    call_ballots = Ballot.objects.filter(call__slug=VOTING_SLUG)
    rows = {}
    for voter_id in call_ballots.values_list("voter_id", flat=True):
        rows[voter_id] = rows.get(voter_id, 0) + 1
    choices = {}
    for voter_id, proposal_id in BallotChoice.objects.filter(ballot__in=call_ballots).values_list(
        "ballot__voter_id", "proposal_id"
    ):
        choices.setdefault(voter_id, []).append(proposal_id)
    return {
        username: {"ballot_rows": rows.get(pk, 0), "choices": sorted(choices.get(pk, []))}
        for username, pk in users.items()
        if username in given["usernames"]
    }


# --- Results -----------------------------------------------------------------------------------


def time_results() -> dict:
    """The results as the page computes them (``call_results``) against the plain count of the same votes,
    in interleaved rounds after one warm-up each; the two must agree on every proposal's online votes."""
    from django.db import connection

    from participation.budgeting_results import call_results
    from participation.models import Ballot, BallotChoice, BudgetingCallPage

    call = BudgetingCallPage.objects.get(slug=RESULTS_SLUG)
    plain_sql = (
        f"SELECT c.proposal_id, count(*) FROM {BallotChoice._meta.db_table} c "
        f"JOIN {Ballot._meta.db_table} b ON b.id = c.ballot_id WHERE b.call_id = %s GROUP BY c.proposal_id"
    )

    def plain():
        with connection.cursor() as cursor:
            cursor.execute(plain_sql, [call.pk])
            return dict(cursor.fetchall())

    def results():
        return {row.proposal.pk: row.online for row in call_results(call).rows}

    plain_counts, result_counts = plain(), results()
    agree = all(result_counts.get(pk, 0) == votes for pk, votes in plain_counts.items())
    plain_times, result_times = [], []
    for _round in range(RESULTS_ROUNDS):
        for measure, times in ((plain, plain_times), (results, result_times)):
            started = time.perf_counter()
            measure()
            times.append(time.perf_counter() - started)
    winners = len(call_results(call).winner_ids)
    return {
        "plain_seconds": plain_times,
        "results_seconds": result_times,
        "plain_median": statistics.median(plain_times),
        "results_median": statistics.median(result_times),
        "agree": agree,
        "proposals": len(result_counts),
        "votes": sum(plain_counts.values()),
        "winners": winners,
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
