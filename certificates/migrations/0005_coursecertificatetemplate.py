# A course's certificate template is chosen in certificates, not on the course's page (issue 16): each
# course's current choice is copied here before courses 0009 removes the page's field; back, it is
# copied onto the field again.

import django.db.models.deletion
from django.db import migrations, models


def copy_choices_from_course_pages(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    CourseCertificateTemplate = apps.get_model("certificates", "CourseCertificateTemplate")
    chosen = CoursePage.objects.filter(certificate_template__isnull=False).values_list("pk", "certificate_template_id")
    CourseCertificateTemplate.objects.bulk_create(
        CourseCertificateTemplate(course_id=course_id, template_id=template_id) for course_id, template_id in chosen
    )


def copy_choices_to_course_pages(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    CourseCertificateTemplate = apps.get_model("certificates", "CourseCertificateTemplate")
    for course_id, template_id in CourseCertificateTemplate.objects.values_list("course_id", "template_id"):
        CoursePage.objects.filter(pk=course_id).update(certificate_template_id=template_id)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0004_certificateversion_runner_name"),
        # The course page's field, which the choices are copied from.
        ("courses", "0008_clean_text"),
    ]
    run_before = [
        ("courses", "0009_coursepage_certificate_template_moves_to_certificates"),
    ]

    operations = [
        migrations.CreateModel(
            name="CourseCertificateTemplate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "course",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="certificate_template_choice",
                        to="courses.coursepage",
                        verbose_name="course",
                    ),
                ),
                (
                    "template",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="course_choices",
                        to="certificates.certificatetemplate",
                        verbose_name="certificate template",
                    ),
                ),
            ],
            options={
                "verbose_name": "course certificate template",
                "verbose_name_plural": "course certificate templates",
            },
        ),
        migrations.RunPython(copy_choices_from_course_pages, copy_choices_to_course_pages),
    ]
