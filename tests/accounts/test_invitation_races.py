"""Two tabs using one code at the same moment, or the e-mail task run twice at once: it counts once.

Real concurrency needs real connections, so these run on PostgreSQL (as CI does).
"""

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from accounts.invitations import invitation_codes_create, invitation_redeem
from accounts.models import AccountInvitation
from accounts.tasks import invitation_emails_send
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions"),
]


def test_one_code_used_in_two_tabs_at_once_sets_one_password(wagtail_root, run_together):
    resident = factories.learner(password=None, phone="+6281234567890")
    code = invitation_codes_create(users=[resident], kind=AccountInvitation.Kind.ACTIVATION, created_by=None)[
        resident.pk
    ]

    first, second = run_together(
        lambda: invitation_redeem(code=code, password="sandi-tab-pertama", consent_given=True),
        lambda: invitation_redeem(code=code, password="sandi-tab-kedua", consent_given=True),
    )

    outcomes = sorted(type(result).__name__ for result in (first, second))
    assert outcomes == ["User", "ValidationError"]
    resident.refresh_from_db()
    winner = "sandi-tab-pertama" if not isinstance(first, Exception) else "sandi-tab-kedua"
    assert resident.check_password(winner)


def test_the_email_task_run_twice_at_once_sends_one_email_per_resident(wagtail_root, run_together):
    residents = [
        factories.learner(full_name=f"Warga {number}", email=f"warga{number}@contoh.id", password=None)
        for number in range(5)
    ]
    ids = [resident.pk for resident in residents]

    run_together(lambda: invitation_emails_send(ids, None), lambda: invitation_emails_send(ids, None))

    assert sorted(message.to[0] for message in mail.outbox) == [f"warga{number}@contoh.id" for number in range(5)]
    # Each e-mailed code still works: the run that lost the race made none of them stop.
    assert AccountInvitation.objects.filter(emailed_at__isnull=False, expires_at__gt=timezone.now()).count() == 5
