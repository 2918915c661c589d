import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.models import Certificate
from core.site_address import absolute_url
from demo.content.participation import TRACKING_CODE_WITHOUT_ACCOUNT
from demo.seeding import database_has_content, seed_demo
from participation.feedback import feedback_code_format, feedback_tracking_path
from participation.models import Feedback

# Building the site logs a line at INFO for every page's background index update (django_tasks, wagtail),
# every task run in-process (celery) and every certificate rendered (weasyprint, fontTools): some 600 lines
# that hide the few this command prints. They stay at WARNING while it runs, unless asked for (-v 2).
QUIET_LOGGERS = ("django_tasks", "wagtail", "celery", "weasyprint", "fontTools")


@contextmanager
def loggers_at_warning(names):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.getEffectiveLevel(), logging.WARNING))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Build the demo site: Balikpapan regions, partner organisations, demo accounts, courses, forum, "
        "budgeting, Suara Warga."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database already has accounts or courses."
        )

    def handle(self, *args, if_empty=False, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "seed_demo is refused under these settings: it creates accounts with a published password."
            )
        if if_empty and database_has_content():
            self.stdout.write("The database already has content: demo content not loaded.")
            return
        if options["verbosity"] > 1:
            seed_demo()
        else:
            with loggers_at_warning(QUIET_LOGGERS):
                seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        certificate = Certificate.objects.filter(enrolment__user__username="warga2").first()
        if certificate is not None:
            self.stdout.write(f"warga2's certificate: {certificate.display_code} at {certificate.verification_url()}")
        feedback = Feedback.objects.filter(code=TRACKING_CODE_WITHOUT_ACCOUNT).first()
        if feedback is not None:
            self.stdout.write(
                f"Suara Warga item sent without an account: {feedback_code_format(feedback.code)} "
                f"at {absolute_url(feedback_tracking_path(feedback))}"
            )
