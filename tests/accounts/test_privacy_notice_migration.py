"""Sites that had their notice at /privasi/ (the address once written into the code) keep linking to it
once the notice is chosen in the admin: the migration chooses that page for them."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("accounts", "0008_privacynoticesettings")]
AFTER = [("accounts", "0009_privacy_notice_page_choose")]


def add_child(apps, parent, *, slug, content_type):
    """A page row under `parent`, as treebeard would number it (enough for the migration to find it)."""
    Page = apps.get_model("wagtailcore", "Page")
    number = Page.objects.filter(depth=parent.depth + 1, path__startswith=parent.path).count() + 1
    return Page.objects.create(
        title=slug.title(),
        slug=slug,
        path=f"{parent.path}{number:04d}",
        depth=parent.depth + 1,
        url_path=f"{parent.url_path}{slug}/",
        locale_id=parent.locale_id,
        content_type=content_type,
        live=True,
    )


def test_a_site_with_a_page_at_privasi_gets_it_chosen_and_one_without_gets_none(migrate_to):
    old = migrate_to(BEFORE)
    Page, Site = old.get_model("wagtailcore", "Page"), old.get_model("wagtailcore", "Site")
    content_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="wagtailcore", model="page"
    )[0]
    root = Page.objects.get(depth=1)
    homes = [add_child(old, root, slug=slug, content_type=content_type) for slug in ["beranda", "lain"]]
    Page.objects.filter(pk=root.pk).update(numchild=2)
    Site.objects.all().delete()
    with_notice = Site.objects.create(hostname="sekolahwarga.test", root_page=homes[0], is_default_site=True)
    without = Site.objects.create(hostname="lain.test", root_page=homes[1])
    add_child(old, homes[0], slug="tentang", content_type=content_type)
    notice = add_child(old, homes[0], slug="privasi", content_type=content_type)
    add_child(old, homes[1], slug="kebijakan", content_type=content_type)

    new = migrate_to(AFTER)

    chosen = dict(
        new.get_model("accounts", "PrivacyNoticeSettings").objects.values_list("site_id", "privacy_notice_page_id")
    )
    assert chosen.get(with_notice.pk) == notice.pk
    assert chosen.get(without.pk) is None
