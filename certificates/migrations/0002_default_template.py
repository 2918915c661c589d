"""A default certificate template, so that every course can issue certificates from day one."""

from django.db import migrations

HEADING = "Sertifikat Penyelesaian"
BODY = (
    "Diberikan kepada\n{nama}\n"
    "yang telah menyelesaikan kursus {kursus} ({jam} jam pelajaran) "
    "yang diselenggarakan oleh {organisasi} pada {tanggal}."
)


def create_default(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    if not CertificateTemplate.objects.filter(is_default=True).exists():
        CertificateTemplate.objects.create(
            name="Sertifikat standar", heading=HEADING, body=BODY, orientation="landscape", is_default=True
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]

    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
