# The forum and budgeting-call page types move to the participation app (issue 16), keeping every
# page, revision and address:
# - their tables (and the forum page's related-courses table) are renamed to participation's names;
# - their content types are relabelled in place, so every row that points at them by id (pages,
#   revisions, workflow states, log entries, permissions, search entries) keeps pointing at them,
#   and revisions, whose content holds the content type's id, still load;
# - cms_pages stops knowing the models; participation 0001 takes them into its own state and runs
#   after this migration (run_before), so its later migrations always find the renamed tables.

from django.db import migrations

MOVED_MODELS = ["forumindexpage", "forumpage", "budgetingcallindexpage", "budgetingcallpage"]


def relabel_content_types(apps, from_app, to_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    for model in MOVED_MODELS:
        moving = ContentType.objects.filter(app_label=from_app, model=model).first()
        if moving is None:
            continue
        # `migrate` creates content types for the models it knows when it ends: one run that stopped
        # before this migration left an empty one under the new label. The pages' own one wins.
        stale = ContentType.objects.filter(app_label=to_app, model=model).first()
        if stale is not None:
            if Page.objects.filter(content_type=stale).exists():
                raise RuntimeError(
                    f"Both {from_app}.{model} and {to_app}.{model} have pages: move them by hand first."
                )
            stale.delete()
        moving.app_label = to_app
        moving.save(update_fields=["app_label"])
    # The running process may remember the old labels by id.
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    CurrentContentType.objects.clear_cache()


def content_types_to_participation(apps, schema_editor):
    relabel_content_types(apps, "cms_pages", "participation")


def content_types_to_cms_pages(apps, schema_editor):
    relabel_content_types(apps, "participation", "cms_pages")


class Migration(migrations.Migration):

    dependencies = [
        ("cms_pages", "0002_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    run_before = [
        ("participation", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=model, table=f"participation_{model}") for model in MOVED_MODELS
            ],
            state_operations=[migrations.DeleteModel(name=model) for model in MOVED_MODELS],
        ),
        migrations.RunPython(content_types_to_participation, content_types_to_cms_pages),
    ]
