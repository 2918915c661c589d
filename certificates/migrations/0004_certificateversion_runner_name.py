from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce


def runners_of_issued_certificates(apps, schema_editor):
    """Certificates issued before the runner was recorded: the organisation of the learner's class
    where another than the course's owner ran it (its name today, the nearest there is), else the
    course's owner as printed. Comparing ids, not names: an owner renamed since (or whose name the
    clean-text migration touched) is still the one that ran its own class."""
    Cohort = apps.get_model("courses", "Cohort")
    CertificateVersion = apps.get_model("certificates", "CertificateVersion")
    runner = (
        Cohort.objects.filter(enrolments__certificate__versions=OuterRef("pk"))
        .exclude(organisation=F("course__organisation"))
        .values("organisation__name")[:1]
    )
    CertificateVersion.objects.update(runner_name=Coalesce(Subquery(runner), F("organisation_name")))


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_certificate_holder_name_withheld_at"),
        ("courses", "0007_coursegrant"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificateversion",
            name="runner_name",
            field=models.CharField(default="", max_length=255, verbose_name="class run by"),
            preserve_default=False,
        ),
        migrations.RunPython(runners_of_issued_certificates, migrations.RunPython.noop),
    ]
