"""Seeds the demo's participatory budgeting in Kecamatan Balikpapan Selatan, relative to the day of the first run:

- a call in its proposal period, with two residents' proposals (the call seeded from demo/content/site.py is
  used when it is in its proposal period; otherwise one is made);
- a call in voting under the knapsack rule, its proposals reviewed (feasible, with reviewed costs), and warga2
  verified in person, so a newcomer can log in as warga2 and vote;
- a finished call, in its follow-up phase: online ballots, paper tallies from two polling places (entered by
  the kelurahan staff, one corrected with a reason), so its results are public, and its first winner in
  progress with two dated updates.

Like the rest of the demo, each step looks for what it would create first: a call by its slug (its
proposals, ballots and tallies are made only when it is created), the verification by its resident, so a
second run changes nothing, however much later. The calls are demonstrations and say so on their pages.

Records are written as the services leave them (the proposals reviewed, the tallies with their history, the
updates with the proposal's progress), with the dates the demo tells of.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from participation.budgeting_phases import Phase, call_phase
from participation.models import (
    Ballot,
    BallotChoice,
    BudgetingCallPage,
    BudgetingCategory,
    PaperTally,
    PaperTallyChange,
    PollingPlace,
    Proposal,
    ProposalUpdate,
    ResidentVerification,
)
from regions.models import Region

DAY = datetime.timedelta(days=1)
KECAMATAN = "6471010"  # Balikpapan Selatan
GUNUNG_BAHAGIA, SEPINGGAN, DAMAI_BARU = "6471010006", "6471010007", "6471010008"

CATEGORIES = [
    ("Jalan", "Jalan lingkungan, gang, jembatan kecil dan trotoar."),
    ("Drainase", "Saluran air, gorong-gorong dan pencegahan banjir."),
    ("Penerangan", "Lampu jalan dan penerangan ruang publik."),
    ("Taman", "Taman, ruang bermain anak dan ruang terbuka hijau."),
    ("Kebersihan", "Tempat sampah terpilah, bank sampah dan kerja bakti."),
]

NOTE = (
    "<p><i>Panggilan usulan ini adalah contoh untuk memperagakan Sekolah Warga, bukan program resmi Pemerintah "
    "Kota Balikpapan.</i></p>"
)
SCOPE = (
    "<p>Kegiatan sarana-prasarana kecil di kelurahan Kecamatan Balikpapan Selatan: jalan lingkungan, drainase, "
    "penerangan, taman dan kebersihan.</p>"
)
ELIGIBILITY = (
    "<p>Warga Kecamatan Balikpapan Selatan berusia 17 tahun ke atas. Untuk memilih, warga diverifikasi dulu oleh "
    "staf kelurahan dengan menunjukkan KTP (KTP tidak disimpan).</p>"
)

PROPOSING_SLUG = "usulan-warga-balikpapan-selatan-contoh"
VOTING_SLUG = "pilih-usulan-balikpapan-selatan"
FINISHED_SLUG = "hasil-usulan-balikpapan-selatan"

# title, kelurahan, category, estimated cost (= reviewed cost for the reviewed calls), RT, RW, author, description
PROPOSING_PROPOSALS = [
    (
        "Lampu jalan di Gang Mawar RT 12",
        GUNUNG_BAHAGIA,
        "Penerangan",
        45_000_000,
        "012",
        "004",
        "warga1",
        "Gang Mawar gelap sepanjang 200 meter; warga yang pulang kerja malam, terutama perempuan, merasa tidak aman.",
    ),
    (
        "Tempat sampah terpilah di depan SDN 015",
        SEPINGGAN,
        "Kebersihan",
        18_000_000,
        "003",
        "001",
        "warga2",
        "Tiga tempat sampah terpilah (organik, anorganik, residu) dan papan petunjuk untuk anak-anak sekolah.",
    ),
]
VOTING_PROPOSALS = [
    (
        "Perbaikan drainase Jalan Sepinggan Baru",
        SEPINGGAN,
        "Drainase",
        150_000_000,
        "007",
        "002",
        "warga2",
        "Saluran di sisi jalan tersumbat sedimen dan meluap setiap hujan deras; perlu dikeruk dan ditutup plat beton.",
    ),
    (
        "Taman bermain anak di RT 05 Gunung Bahagia",
        GUNUNG_BAHAGIA,
        "Taman",
        120_000_000,
        "005",
        "003",
        "warga1",
        "Lahan kosong milik kelurahan dijadikan taman bermain dengan ayunan, perosotan dan bangku untuk orang tua.",
    ),
    (
        "Semenisasi gang di RT 09 Damai Baru",
        DAMAI_BARU,
        "Jalan",
        90_000_000,
        "009",
        "005",
        "warga1",
        "Gang tanah sepanjang 150 meter becek saat hujan; disemen selebar 1,5 meter agar bisa dilalui motor "
        "dan kursi roda.",
    ),
    (
        "Lampu tenaga surya di jalan setapak ke masjid",
        SEPINGGAN,
        "Penerangan",
        60_000_000,
        "002",
        "001",
        "warga2",
        "Sepuluh lampu tenaga surya di jalan setapak yang dipakai warga untuk salat Subuh dan Isya.",
    ),
]
FINISHED_PROPOSALS = [
    (
        "Lampu jalan tenaga surya di Jalan Gunung Bahagia Dalam",
        GUNUNG_BAHAGIA,
        "Penerangan",
        120_000_000,
        "006",
        "002",
        "warga1",
        "Dua belas lampu tenaga surya di jalan yang gelap antara RT 06 dan RT 08.",
    ),
    (
        "Normalisasi saluran di RT 11 Sepinggan",
        SEPINGGAN,
        "Drainase",
        150_000_000,
        "011",
        "003",
        "warga2",
        "Saluran dangkal yang membuat banjir setinggi mata kaki setiap hujan: diperdalam dan diperlebar.",
    ),
    (
        "Taman baca di balai RW 02 Damai Baru",
        DAMAI_BARU,
        "Taman",
        200_000_000,
        "004",
        "002",
        "warga1",
        "Serambi balai RW diberi rak buku, bangku dan atap, untuk anak-anak membaca sepulang sekolah.",
    ),
]
# The finished call's paper votes, by polling place: (name, kelurahan, ballots cast, votes per proposal in order).
POLLING_PLACES = [
    ("Balai Kelurahan Gunung Bahagia", GUNUNG_BAHAGIA, 140, [96, 40, 31]),
    ("Balai Kelurahan Sepinggan", SEPINGGAN, 118, [52, 70, 20]),
]
# A correction at the first place: first entered wrong, then corrected with a reason (the history keeps both).
TALLY_CORRECTION = (0, 1, 44, "Salah tulis saat rekap: angka di berita acara adalah 40.")
# The finished call's online ballots: (username, the proposals chosen, by their place in FINISHED_PROPOSALS).
FINISHED_BALLOTS = [("warga1", [0, 1]), ("warga2", [0])]
# The first winner's updates: (days after the results, progress, text).
FOLLOW_UP_UPDATES = [
    (
        3,
        Proposal.Progress.PLANNED,
        "Survei lokasi bersama ketua RT 06 dan RT 08: dua belas titik lampu disepakati. Pengadaan dijadwalkan "
        "bulan depan.",
    ),
    (
        40,
        Proposal.Progress.IN_PROGRESS,
        "Tujuh dari dua belas tiang sudah berdiri dan lampunya menyala. Sisanya dipasang setelah panel surya "
        "tambahan tiba.",
    ),
]


def seed_budgeting(*, budgeting_index, today=None, users=None):
    """Seed the three calls under ``budgeting_index``. ``users``: demo accounts by username (warga1, warga2,
    pemkot, staf-gunungbahagia), looked up when missing. Call after the kelurahan staff are seeded."""
    today = today or timezone.localdate()
    users = dict(users or {})
    for username in ("warga1", "warga2", "pemkot", "staf-gunungbahagia"):
        if username not in users:
            users[username] = get_user_model().objects.get(username=username)
    categories = seed_categories()
    seed_proposing_call(budgeting_index, categories, users, today)
    seed_voting_call(budgeting_index, categories, users, today)
    seed_finished_call(budgeting_index, categories, users, today)
    seed_verification(users["warga2"], by=users["pemkot"], today=today)


def seed_categories():
    categories = {}
    for name, description in CATEGORIES:
        categories[name] = BudgetingCategory.objects.get_or_create(name=name, defaults={"description": description})[0]
    return categories


def _dates(proposals_open):
    """Each phase after a proposal period of 30 days from ``proposals_open``."""
    proposals_close = proposals_open + 29 * DAY
    voting_open = proposals_close + 15 * DAY
    voting_close = voting_open + 13 * DAY
    results_on = voting_close + 7 * DAY
    return {
        "proposals_open": proposals_open,
        "proposals_close": proposals_close,
        "voting_open": voting_open,
        "voting_close": voting_close,
        "results_on": results_on,
        "follow_up_from": results_on + 30 * DAY,
    }


def _call(budgeting_index, categories, *, slug, title, fiscal_year, dates, **fields):
    """The call with this slug under the index, created (with its categories) if missing. Returns (call, created)."""
    existing = Page.objects.child_of(budgeting_index).filter(slug=slug).specific().first()
    if existing is not None:
        return existing, False
    call = BudgetingCallPage(
        slug=slug,
        title=title,
        area=Region.objects.get(code=KECAMATAN),
        scope=SCOPE,
        eligibility=ELIGIBILITY,
        body=NOTE,
        fiscal_year=fiscal_year,
        total_budget_rupiah=fields.pop("total_budget_rupiah", 400_000_000),
        ceiling_rupiah=fields.pop("ceiling_rupiah", 200_000_000),
        require_verified=True,
        **dates,
        **fields,
    )
    call.categories = list(categories.values())
    budgeting_index.add_child(instance=call)  # Page.save() runs full_clean() on the page itself
    call.save_revision().publish()
    call.refresh_from_db()
    return call, True


def _proposals(call, rows, categories, users, *, submitted_on, reviewed_on=None, reviewer=None):
    """The call's proposals, submitted on ``submitted_on`` (an hour apart); reviewed as feasible (reviewed cost
    equal to the estimate) on ``reviewed_on`` by ``reviewer`` when given."""
    proposals = []
    for number, (title, kelurahan, category, cost, rt, rw, author, description) in enumerate(rows):
        submitted_at = _at(submitted_on, 9 + number)
        proposal = Proposal(
            call=call,
            author=users[author],
            title=title,
            description=description,
            kelurahan=Region.objects.get(code=kelurahan),
            rt=rt,
            rw=rw,
            category=categories[category],
            estimated_cost=cost,
            submitted_at=submitted_at,
            updated_at=submitted_at,
        )
        if reviewed_on is not None:
            proposal.status = Proposal.Status.FEASIBLE
            proposal.reviewed_cost = cost
            proposal.reviewed_by = reviewer
            proposal.reviewed_at = _at(reviewed_on, 10 + number)
        proposal.full_clean()
        proposal.save()
        proposals.append(proposal)
    return proposals


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def seed_proposing_call(budgeting_index, categories, users, today):
    """The seeded call of demo/content/site.py when it takes proposals today; otherwise a call of our own."""
    for page in Page.objects.child_of(budgeting_index).live().type(BudgetingCallPage).specific():
        if call_phase(page, today) == Phase.PROPOSALS and page.slug != PROPOSING_SLUG:
            if not page.proposals.exists():
                if not page.categories.exists():
                    page.categories = list(categories.values())
                    page.save_revision().publish()
                _proposals(page, PROPOSING_PROPOSALS, categories, users, submitted_on=today)
            return page
    call, created = _call(
        budgeting_index,
        categories,
        slug=PROPOSING_SLUG,
        title="Usulan Warga Balikpapan Selatan (contoh)",
        fiscal_year=today.year + 1,
        dates=_dates(today - 10 * DAY),
        voting_rule=BudgetingCallPage.VotingRule.APPROVAL,
        approval_limit=3,
    )
    if created:
        _proposals(call, PROPOSING_PROPOSALS, categories, users, submitted_on=today - 3 * DAY)
    return call


def seed_voting_call(budgeting_index, categories, users, today):
    dates = _dates(today - 48 * DAY)  # voting opened five days ago, and closes in nine
    call, created = _call(
        budgeting_index,
        categories,
        slug=VOTING_SLUG,
        title="Pilih Usulan Warga Balikpapan Selatan (contoh)",
        fiscal_year=today.year + 1,
        dates=dates,
        voting_rule=BudgetingCallPage.VotingRule.KNAPSACK,
        total_budget_rupiah=300_000_000,
    )
    if created:
        _proposals(
            call,
            VOTING_PROPOSALS,
            categories,
            users,
            submitted_on=dates["proposals_open"] + 4 * DAY,
            reviewed_on=dates["proposals_close"] + 5 * DAY,
            reviewer=users["pemkot"],
        )
    return call


def seed_finished_call(budgeting_index, categories, users, today):
    dates = _dates(today - 200 * DAY)  # results about four months ago, follow-up since three
    call, created = _call(
        budgeting_index,
        categories,
        slug=FINISHED_SLUG,
        title="Hasil Usulan Warga Balikpapan Selatan (contoh)",
        fiscal_year=today.year,
        dates=dates,
        voting_rule=BudgetingCallPage.VotingRule.KNAPSACK,
        total_budget_rupiah=300_000_000,
    )
    if not created:
        return call
    proposals = _proposals(
        call,
        FINISHED_PROPOSALS,
        categories,
        users,
        submitted_on=dates["proposals_open"] + 6 * DAY,
        reviewed_on=dates["proposals_close"] + 4 * DAY,
        reviewer=users["pemkot"],
    )
    for number, (username, chosen) in enumerate(FINISHED_BALLOTS):
        voter = users[username]
        cast_at = _at(dates["voting_open"] + (number + 1) * DAY, 19)
        ballot = Ballot.objects.create(
            call=call,
            voter=voter,
            kelurahan=voter.learner_profile.kelurahan,
            gender=voter.learner_profile.gender,
            cast_at=cast_at,
            changed_at=cast_at,
        )
        BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, proposal=proposals[i]) for i in chosen)
    staff = users["staf-gunungbahagia"]
    counted_at = _at(dates["voting_close"] + DAY, 16)
    tallies = {}
    for place_number, (name, kelurahan, cast, votes) in enumerate(POLLING_PLACES):
        place = PollingPlace.objects.create(
            call=call, name=name, kelurahan=Region.objects.get(code=kelurahan), ballots_cast=cast
        )
        for proposal_number, (proposal, count) in enumerate(zip(proposals, votes, strict=True)):
            tally = PaperTally.objects.create(
                polling_place=place, proposal=proposal, votes=count, entered_by=staff, entered_at=counted_at
            )
            PaperTallyChange.objects.create(tally=tally, votes_after=count, changed_by=staff, changed_at=counted_at)
            tallies[(place_number, proposal_number)] = tally
    place_number, proposal_number, wrong, reason = TALLY_CORRECTION
    tally = tallies[(place_number, proposal_number)]
    # Entered wrong first, then corrected the next day: the history holds both entries.
    tally.changes.update(votes_after=wrong)
    corrected_at = counted_at + DAY
    PaperTallyChange.objects.create(
        tally=tally,
        votes_before=wrong,
        votes_after=tally.votes,
        reason=reason,
        changed_by=users["pemkot"],
        changed_at=corrected_at,
    )
    PaperTally.objects.filter(pk=tally.pk).update(entered_by=users["pemkot"], entered_at=corrected_at)
    # The first proposal has the most votes and fits the budget: the first winner, in progress.
    winner = proposals[0]
    for days_after, progress, text in FOLLOW_UP_UPDATES:
        day = dates["results_on"] + days_after * DAY
        ProposalUpdate.objects.create(
            proposal=winner,
            date=day,
            progress=progress,
            text=text,
            created_by=staff,
            created_at=_at(day, 15),
        )
    Proposal.objects.filter(pk=winner.pk).update(progress=FOLLOW_UP_UPDATES[-1][1])
    return call


def seed_verification(resident, *, by, today):
    """warga2 verified in person at the kelurahan office a week before the first run (nothing of the KTP kept)."""
    if ResidentVerification.objects.filter(user=resident).exists():
        return
    ResidentVerification.objects.create(
        user=resident,
        kelurahan=resident.learner_profile.kelurahan,
        verified_by=by,
        verified_at=_at(today - 7 * DAY, 10),
    )
