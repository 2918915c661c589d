# The choice of a course's certificate template moved to certificates.CourseCertificateTemplate:
# certificates 0005 copies each course's choice there before this migration removes the field.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0008_clean_text"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="coursepage",
            name="certificate_template",
        ),
    ]
