"""manage.py affected_residents --since DATE [--until DATE] [--organisation ORG]

The residents whose records an incident window touched, and how to reach them, as CSV on standard
output: for the notice UU 27/2022 asks for within 3 x 24 hours of a breach. See privacy.selectors.
"""

import csv
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from accounts.validators import phone_national
from core.spreadsheet_cells import spreadsheet_text
from organisations.models import Organisation
from privacy.selectors import residents_touched

COLUMNS = ["name", "email", "phone", "kelurahan", "records_touched"]


def _moment(value, *, end_of_day):
    """A date (the whole day, in the site's time zone, WITA) or a date and time."""
    try:
        day = parse_date(value)
        moment = None if day else parse_datetime(value)
    except ValueError:
        day = moment = None
    if day is not None:
        moment = datetime.datetime.combine(day + datetime.timedelta(days=1 if end_of_day else 0), datetime.time())
    elif moment is None:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM).")
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = "List, as CSV, the residents whose records an incident window touched, with their contacts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--since", required=True, help="Start of the window: YYYY-MM-DD or YYYY-MM-DDTHH:MM (WITA)."
        )
        parser.add_argument("--until", help="End of the window, that whole day included when a date (default: now).")
        parser.add_argument("--organisation", help="Only the learners of this organisation (its slug or id).")

    def handle(self, *args, since, until, organisation, **options):
        since = _moment(since, end_of_day=False)
        until = _moment(until, end_of_day=True) if until else timezone.now()
        if until <= since:
            raise CommandError("--until must come after --since.")
        if organisation:
            found = Organisation.objects.filter(slug=organisation).first()
            if found is None and organisation.isdigit():
                found = Organisation.objects.filter(pk=organisation).first()
            if found is None:
                raise CommandError(f"No organisation has the slug or id {organisation!r}.")
            organisation = found
        writer = csv.writer(self.stdout)
        writer.writerow(COLUMNS)
        for resident, kinds in residents_touched(since=since, until=until, organisation=organisation or None):
            profile = resident.learner_profile
            # Read in a spreadsheet like every export: formula-like text stays text, phones read 0812 3456 7890.
            cells = [
                resident.get_full_name(),
                resident.email or "",
                phone_national(resident.phone),
                profile.kelurahan.name,
                ";".join(kinds),
            ]
            writer.writerow([spreadsheet_text(cell) for cell in cells])
