from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.models import Certificate
from demo.content.participation import TRACKING_CODE_WITHOUT_ACCOUNT
from demo.seeding import database_has_content, seed_demo
from participation.feedback import feedback_code_format, feedback_tracking_path
from participation.models import Feedback


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
        seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        certificate = Certificate.objects.filter(enrolment__user__username="warga2").first()
        if certificate is not None:
            self.stdout.write(f"warga2's certificate: {certificate.display_code} at {certificate.verification_url()}")
        feedback = Feedback.objects.filter(code=TRACKING_CODE_WITHOUT_ACCOUNT).first()
        if feedback is not None:
            self.stdout.write(
                f"Suara Warga item sent without an account: {feedback_code_format(feedback.code)} "
                f"at {settings.SITE_URL.rstrip('/')}{feedback_tracking_path(feedback)}"
            )
