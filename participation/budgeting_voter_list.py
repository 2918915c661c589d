"""The printed voter list of a budgeting call's paper vote, per kelurahan: the residents verified in that
kelurahan (participation.resident_verification; in a call that does not ask for verification, the residents
whose profile names it), alphabetical, with those who already cast a ballot online
in the call marked ("Sudah memilih daring"), so that nobody votes twice. Only that it was cast is read,
never what it chose."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower

from accounts.models import LearnerProfile
from participation.budgeting_phases import Phase, call_phase
from participation.models import Ballot, BudgetingCallPage, ResidentVerification
from participation.scope import in_kelurahan_scope
from regions.models import Region


def voter_list_calls(*, user):
    """[(call, [kelurahan, …])]: the calls, newest voting first, each with the kelurahan of its area where
    ``user`` acts (calls where they act nowhere left out). Two queries, whatever the number of calls."""
    calls = list(BudgetingCallPage.objects.select_related("area").order_by("-voting_open", "pk"))
    areas = {call.area_id for call in calls}
    villages = in_kelurahan_scope(
        Region.objects.filter(level=Region.Level.VILLAGE).filter(Q(code__in=areas) | Q(parent__in=areas)),
        user,
        field="code",
    ).order_by("name")
    villages = list(villages)
    listed = []
    for call in calls:
        own = [village for village in villages if call.area_id in (village.code, village.parent_id)]
        if own:
            listed.append((call, own))
    return listed


def call_kelurahan(*, call, code):
    """The kelurahan ``code`` if it lies in the call's area, else None."""
    return (
        Region.objects.filter(level=Region.Level.VILLAGE, code=code)
        .filter(Q(code=call.area_id) | Q(parent=call.area_id))
        .first()
    )


def voter_list_open(call, today=None):
    """Whether the list may be printed: once online voting has closed (the paper vote and its count), so that
    it marks everyone who voted online and nobody who votes on paper can still vote online afterwards."""
    return call_phase(call, today) == Phase.COUNTING


def voter_list(*, call, kelurahan):
    """The residents of ``kelurahan`` who may vote on paper, by name, each with ``voted_online``: one query.
    In a call that asks for verified voters, those verified in ``kelurahan``; otherwise those whose profile
    names it (the polling place checks the KTP)."""
    if call.require_verified:
        residents = ResidentVerification.objects.filter(kelurahan=kelurahan)
    else:
        residents = LearnerProfile.objects.filter(kelurahan=kelurahan)
    return (
        residents.filter(user__erased_at__isnull=True, user__is_active=True)
        .select_related("user")
        .annotate(voted_online=Exists(Ballot.objects.filter(call=call, voter_id=OuterRef("user_id"))))
        .order_by(Lower("user__first_name"), "user__username", "pk")
    )
