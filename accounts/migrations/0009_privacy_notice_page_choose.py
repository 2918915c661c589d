"""The privacy notice was the page at /privasi/, written into the code; now it is chosen in the admin
(Settings → Privacy notice). Each site that has a page at /privasi/ gets it chosen, so the links that
pointed there keep pointing there. A site without one is left with no page chosen (and no link)
until staff choose one.
"""

from django.db import migrations

SLUG = "privasi"


def privacy_notice_page_choose(apps, schema_editor):
    db_alias = schema_editor.connection.alias
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    PrivacyNoticeSettings = apps.get_model("accounts", "PrivacyNoticeSettings")
    for site in Site.objects.using(db_alias).select_related("root_page"):
        page = Page.objects.using(db_alias).filter(url_path=f"{site.root_page.url_path}{SLUG}/").first()
        if page is None:
            continue
        chosen, _ = PrivacyNoticeSettings.objects.using(db_alias).get_or_create(site=site)
        if chosen.privacy_notice_page_id is None:
            chosen.privacy_notice_page = page
            chosen.save(update_fields=["privacy_notice_page"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_privacynoticesettings"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(privacy_notice_page_choose, migrations.RunPython.noop, elidable=True)]
