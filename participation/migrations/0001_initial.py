# The forum and budgeting-call page types, moved here from cms_pages (issue 16).
#
# Their tables already exist: cms_pages created them (cms_pages 0001, 0002) and renames them to
# this app's names in cms_pages 0003, which also moves their content types; that migration runs
# before this one (its run_before). Here the models only enter this app's migration state.

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("courses", "0001_initial"),
        ("regions", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    state_operations = [
        migrations.CreateModel(
            name="BudgetingCallIndexPage",
            fields=[
                ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ("intro", wagtail.fields.RichTextField(blank=True, verbose_name="introduction")),
            ],
            options={
                "verbose_name": "budgeting call index",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="ForumIndexPage",
            fields=[
                ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ("intro", wagtail.fields.RichTextField(blank=True, verbose_name="introduction")),
            ],
            options={
                "verbose_name": "forum index",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="ForumPage",
            fields=[
                ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                ("venue", models.CharField(max_length=200, verbose_name="venue")),
                ("agenda", wagtail.fields.RichTextField(verbose_name="agenda")),
                ("minutes", wagtail.fields.RichTextField(blank=True, help_text="Filled in after the meeting.", verbose_name="minutes")),
                ("kelurahan", models.ForeignKey(limit_choices_to={"level": "village"}, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="regions.region", verbose_name="kelurahan")),
                ("related_courses", modelcluster.fields.ParentalManyToManyField(blank=True, related_name="+", to="courses.coursepage", verbose_name="related courses")),
            ],
            options={
                "verbose_name": "forum",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="BudgetingCallPage",
            fields=[
                ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ("scope", wagtail.fields.RichTextField(verbose_name="what can be proposed")),
                ("ceiling_rupiah", models.PositiveBigIntegerField(help_text="The most one proposal may cost.", validators=[django.core.validators.MinValueValidator(1)], verbose_name="budget ceiling (Rp)")),
                ("fiscal_year", models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000)], verbose_name="budget year")),
                ("proposals_open", models.DateField(verbose_name="proposals open")),
                ("proposals_close", models.DateField(verbose_name="proposals close")),
                ("eligibility", wagtail.fields.RichTextField(verbose_name="who may propose")),
                ("body", wagtail.fields.RichTextField(blank=True, verbose_name="details")),
                ("area", models.ForeignKey(help_text="The kecamatan or kelurahan whose residents may propose.", on_delete=django.db.models.deletion.PROTECT, related_name="+", to="regions.region", verbose_name="area")),
                ("prerequisite_course", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="courses.coursepage", verbose_name="course to take first")),
            ],
            options={
                "verbose_name": "budgeting call",
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("proposals_close__gte", models.F("proposals_open"))), name="budgeting_call_closes_after_it_opens"),
                ],
            },
            bases=("wagtailcore.page",),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[]),
    ]
