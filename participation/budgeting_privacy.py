"""Participatory budgeting's part in the residents' data rights (UU 27/2022), called by privacy.archive (the
data download) and privacy.services (erasing an account).

The download holds the resident's proposals (usulan-anggaran.csv), their own online ballots, each with the
proposals they chose (suara-anggaran.csv: only ever in their own download, never anywhere else), and whether
they were verified in person, in which kelurahan and when (verifikasi-warga.csv; not who verified them:
the staff member's name is not the resident's data).

Erasing the account:
- proposals stay, public as they were (the call's list, the votes they received, the results), without their
  author; their photo stays too, public as the proposal is;
- a ballot in a call whose voting is still open goes, with its choices: the resident is gone, and so is their
  vote; after voting closed, it stays without its voter, so the counts and the published results do not
  change (its kelurahan and gender feed only the anonymous turnout figures);
- the verification goes.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participation.budgeting_phases import today_in_balikpapan
from participation.models import Ballot, BallotChoice, Proposal, ResidentVerification


def _when(value):
    return timezone.localtime(value).isoformat() if value else None


# --- The download -------------------------------------------------------------------------------------------


def _proposals(user):
    return [
        {
            "call": proposal.call.title,
            "fiscal_year": proposal.call.fiscal_year,
            "title": proposal.title,
            "description": proposal.description,
            "category": proposal.category.name,
            "kelurahan": proposal.kelurahan.name,
            "rt": proposal.rt or None,
            "rw": proposal.rw or None,
            "address": proposal.address or None,
            "estimated_cost": proposal.estimated_cost,
            "submitted_at": _when(proposal.submitted_at),
            "updated_at": _when(proposal.updated_at),
            "status": proposal.get_status_display(),
            "reviewed_cost": proposal.reviewed_cost,
            "review_reason": proposal.review_reason or None,
            "progress": proposal.get_progress_display() or None,
        }
        for proposal in Proposal.objects.filter(author=user)
        .select_related("call", "category", "kelurahan")
        .order_by("submitted_at", "pk")
    ]


def _ballots(user):
    ballots = (
        Ballot.objects.filter(voter=user)
        .select_related("call", "kelurahan")
        .prefetch_related(
            Prefetch(
                "choices",
                queryset=BallotChoice.objects.select_related("proposal").order_by("proposal__title", "proposal_id"),
            )
        )
        .order_by("cast_at", "pk")
    )
    return [
        {
            "call": ballot.call.title,
            "fiscal_year": ballot.call.fiscal_year,
            "kelurahan": ballot.kelurahan.name,
            "cast_at": _when(ballot.cast_at),
            "changed_at": _when(ballot.changed_at),
            "chosen": [choice.proposal.title for choice in ballot.choices.all()],
        }
        for ballot in ballots
    ]


def _verification(user):
    verification = ResidentVerification.objects.select_related("kelurahan").filter(user=user).first()
    if verification is None:
        return {"verified": False, "kelurahan": None, "verified_at": None}
    # Who verified is the staff member's data, not the resident's: it is not in their download.
    return {"verified": True, "kelurahan": verification.kelurahan.name, "verified_at": _when(verification.verified_at)}


def budgeting_personal_data(user):
    """The resident's budgeting records, as data.json holds them (three keys)."""
    return {
        "budgeting_proposals": _proposals(user),
        "budgeting_ballots": _ballots(user),
        "budgeting_verification": _verification(user),
    }


# The CSVs' headings for the keys above that privacy.archive.HEADINGS does not have yet.
BUDGETING_HEADINGS = {
    "call": gettext_lazy("Budgeting call"),
    "fiscal_year": gettext_lazy("Budget year"),
    "title": gettext_lazy("Title"),
    "description": gettext_lazy("Description"),
    "rt": gettext_lazy("RT"),
    "rw": gettext_lazy("RW"),
    "address": gettext_lazy("Address"),
    "estimated_cost": gettext_lazy("Estimated cost (Rp)"),
    "updated_at": gettext_lazy("Last changed"),
    "reviewed_cost": gettext_lazy("Reviewed cost (Rp)"),
    "review_reason": gettext_lazy("Reason given in the review"),
    "progress": gettext_lazy("Progress of the work"),
    "cast_at": gettext_lazy("Ballot cast"),
    "changed_at": gettext_lazy("Ballot last changed"),
    "proposal_chosen": gettext_lazy("Proposal you chose"),
    "verified": gettext_lazy("Verified in person"),
    "verified_at": gettext_lazy("Verified on"),
}

PROPOSAL_COLUMNS = [
    "call",
    "fiscal_year",
    "title",
    "category",
    "kelurahan",
    "rt",
    "rw",
    "address",
    "estimated_cost",
    "submitted_at",
    "updated_at",
    "status",
    "reviewed_cost",
    "review_reason",
    "progress",
    "description",
]
BALLOT_COLUMNS = ["call", "fiscal_year", "kelurahan", "cast_at", "changed_at", "proposal_chosen"]
VERIFICATION_COLUMNS = ["verified", "kelurahan", "verified_at"]


def _ballot_rows(ballots):
    """One row per proposal chosen (a ballot with none chosen: one row without a proposal)."""
    rows = []
    for ballot in ballots:
        fields = {key: value for key, value in ballot.items() if key != "chosen"}
        rows.extend(fields | {"proposal_chosen": title} for title in ballot["chosen"] or [None])
    return rows


def budgeting_tables(data):
    """The download's budgeting CSVs from ``data`` (data.json's): {file name: (rows, columns)}, as
    privacy.archive.personal_data_zip writes its own."""
    return {
        "usulan-anggaran.csv": (data["budgeting_proposals"], PROPOSAL_COLUMNS),
        "suara-anggaran.csv": (_ballot_rows(data["budgeting_ballots"]), BALLOT_COLUMNS),
        "verifikasi-warga.csv": ([data["budgeting_verification"]], VERIFICATION_COLUMNS),
    }


def budgeting_readme_lines():
    """The download's BACA-SAYA.txt lines about budgeting."""
    return [
        _(
            "usulan-anggaran.csv: the proposals you made to participatory budgeting calls, and what became of "
            "them; suara-anggaran.csv: your online ballots and the proposals you chose (only you receive this "
            "file: who voted for what is never shown to anyone); verifikasi-warga.csv: whether kelurahan staff "
            "verified you in person, in which kelurahan and when."
        ),
    ]


# --- Erasure -------------------------------------------------------------------------------------------------


def budgeting_of_resident_erase(*, user, today=None):
    """What erasing ``user``'s account does to their budgeting records (the module's docstring says why).
    Run inside privacy.services.erase_resident's transaction, under its lock on the account."""
    today = today or today_in_balikpapan()
    Proposal.objects.filter(author=user).update(author=None)
    # Voting open (the last day included, in WITA): the vote goes with the resident.
    Ballot.objects.filter(voter=user, call__voting_close__gte=today).delete()
    # Voting closed: the ballot stays in the counts, without its voter.
    Ballot.objects.filter(voter=user).update(voter=None)
    ResidentVerification.objects.filter(user=user).delete()
