"""Staff who work in Indonesian meet no English on the admin screens they use.

Wagtail translates about a third of its admin into Indonesian; locale/wagtail_admin/id fills in the
rest. These tests open the screens NGO authors, reviewers and government staff work in and look for
any Wagtail string that still comes out in English: a text node or a title, aria-label, placeholder
or tooltip that is one of Wagtail's own msgids (with its placeholders filled in any way) whose
Indonesian is the English itself. What Wagtail cannot translate (our content, a user's name) is no
Wagtail msgid, so it never counts.

When one fails (after a Wagtail upgrade, or on a screen newly added here), translate the msgids it
reports in locale/wagtail_admin/id/LC_MESSAGES/django.po (djangojs.po for the JavaScript's) and
compile it: msgfmt --check -o django.mo django.po.
"""

import ast
import contextlib
import functools
import gettext
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import wagtail
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.users.models import UserProfile

from organisations.models import Membership
from organisations.services import (
    GOVERNMENT_STAFF_GROUP,
    REVIEWERS_GROUP,
    content_review_install,
    government_role_grant,
    membership_set,
    organisation_create,
)
from tests import factories

pytestmark = pytest.mark.django_db

WAGTAIL_DIR = Path(wagtail.__file__).parent
CATALOGUE_DIR = Path(django_settings.BASE_DIR) / "locale" / "wagtail_admin" / "id" / "LC_MESSAGES"

# Wagtail msgids that are the same words in Indonesian, so the catalogue leaves them as they are.
SAME_IN_INDONESIAN = {
    "Admin",
    "Administrator",
    "Alias",
    "Format",
    "hostname",
    "ID",
    "item",
    "Minimum",
    "port",
    "slug",
    "Status",
    "Status: ",
    "Status %(status)s",
    "status",
    "Tag",
    "Token",
    "URL",
    "Wagtail API v2",
    "Wagtail API v3",
}

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
TAG = re.compile(r"<[^>]+>")
# What a screen shows besides its text: the names of its controls and their tooltips.
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"}


# --- Wagtail's catalogues --------------------------------------------------------------------------


def read_po(path):
    """The entries of a .po file as dicts (msgctxt, msgid, msgid_plural, msgstr[n], flags); no header."""
    entries, entry, key = [], {}, None
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.get("msgid"):
                entries.append(entry)
            entry, key = {}, None
        elif line.startswith("#,"):
            entry.setdefault("flags", set()).update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return entries


@functools.cache
def wagtail_msgids(domain):
    """Every string Wagtail marks for translation in `domain`: (msgctxt, msgid, msgid_plural)."""
    return {
        (entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural"))
        for path in WAGTAIL_DIR.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")
        for entry in read_po(path)
    }


def indonesian(msgctxt, msgid, msgid_plural):
    with translation.override("id"):
        if msgid_plural:
            if msgctxt:
                return translation.npgettext(msgctxt, msgid, msgid_plural, 2)
            return translation.ngettext(msgid, msgid_plural, 2)
        return translation.pgettext(msgctxt, msgid) if msgctxt else translation.gettext(msgid)


def still_english():
    """Wagtail's msgids that Indonesian staff would read in English, with the current LOCALE_PATHS."""
    return _still_english(tuple(django_settings.LOCALE_PATHS))


@functools.cache
def _still_english(_locale_paths):
    return frozenset(
        msgid
        for msgctxt, msgid, plural in wagtail_msgids("django")
        if indonesian(msgctxt, msgid, plural) in (msgid, plural) and msgid not in SAME_IN_INDONESIAN
    )


@functools.cache
def _matchers(msgids):
    """How each msgid looks on a screen: its text between tags, placeholders filled with anything."""
    exact, patterns = {}, []
    for msgid in msgids:
        for fragment in TAG.split(msgid):
            fragment = " ".join(html.unescape(fragment).split())
            literal = PLACEHOLDER.sub(" ", fragment)
            if not re.search(r"[A-Za-z]{2}", literal):
                continue  # nothing but placeholders and punctuation: no language to see
            if PLACEHOLDER.search(fragment):
                parts = PLACEHOLDER.split(fragment)
                pattern = re.compile(".+?".join(re.escape(part) for part in parts))
                patterns.append((max(parts, key=len), pattern, msgid))
            else:
                exact.setdefault(fragment, msgid)
                exact.setdefault(fragment[:1].upper() + fragment[1:], msgid)  # labels get capitalised
    return exact, patterns


def english_msgid(text, msgids):
    """The Wagtail msgid that `text` shows untranslated, or None."""
    exact, patterns = _matchers(msgids)
    text = " ".join(text.split())
    if text in exact:
        return exact[text]
    for literal, pattern, msgid in patterns:
        if literal in text and pattern.fullmatch(text):
            return msgid
    return None


# --- what a screen shows ------------------------------------------------------------------------------


class ShownText(HTMLParser):
    """The text a screen shows: text nodes and the shown attributes.

    Script and style are code, except the JSON the admin's JavaScript renders from: data scripts
    (menu labels, bulk action counters) and data-* attributes (StreamField block definitions),
    including the HTML snippets they carry. <template> and <noscript> content is kept: it is shown
    when JavaScript clones it (a new inline form) or is missing.
    """

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self._open = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID:
            self._open.append((tag, attrs))
        for name, value in attrs.items():
            if value and name in SHOWN_ATTRIBUTES:
                self.texts.append(value)
            elif value and name.startswith("data-") and value[:1] in "[{":
                with contextlib.suppress(ValueError):  # unless it is no JSON after all
                    self._take_json(json.loads(value))
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                del self._open[depth:]
                break

    def handle_data(self, data):
        tag, attrs = self._open[-1] if self._open else (None, {})
        if tag == "script":
            if attrs.get("type") == "application/json":
                self._take_json(json.loads(data))
        elif tag != "style" and data.strip():
            self.texts.append(data)

    def _take_json(self, value):
        for string in json_strings(value):
            if string.lstrip().startswith("<"):
                snippet = ShownText()
                snippet.feed(string)
                self.texts.extend(snippet.texts)
            elif re.search(r"[A-Z\s]", string):  # words, not identifiers such as "documents"
                self.texts.append(string)


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def english_on(response):
    """The Wagtail msgids a response shows in English, each with the text where it appears."""
    assert response.status_code == 200, response.status_code
    markup = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        markup = response.json()["html"]  # a chooser or a dialog: its HTML goes into a modal
    parser = ShownText()
    parser.feed(markup)
    msgids = still_english()
    found = {}
    for text in parser.texts:
        msgid = english_msgid(text, msgids)
        if msgid:
            found.setdefault(msgid, " ".join(text.split())[:120])
    return found


# --- the screens ------------------------------------------------------------------------------------


def speaks_indonesian(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "id"
    profile.save()
    return user


@pytest.fixture
def admin_world(site_tree):
    """An NGO's course in review and its module sent back for changes; its author, a reviewer, government staff."""
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    content_review_install()
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=lestari)
    module = factories.module_page(course, title="Memilah Sampah", questions=2)
    author = speaks_indonesian(factories.resident(username="penulis"))
    membership = membership_set(user=author, organisation=lestari, role=Membership.Role.AUTHOR)
    reviewer = speaks_indonesian(factories.resident(username="peninjau"))
    government_role_grant(user=reviewer, group_name=REVIEWERS_GROUP)
    government = speaks_indonesian(factories.resident(username="pemkot"))
    government_role_grant(user=government, group_name=GOVERNMENT_STAFF_GROUP)
    get_image_model().objects.create(title="Foto TPS", file=get_test_image_file(), collection=lestari.collection)
    document = get_document_model()(title="Panduan Pemilahan", collection=lestari.collection)
    document.file.save("panduan-pemilahan.txt", ContentFile(b"Pilah sampah dari rumah."))
    course.title = "Pengelolaan Sampah Rumah Tangga"
    course.save_revision(user=author)
    in_review = course.get_workflow().start(course, author)
    module.title = "Memilah Sampah di Rumah"
    module.save_revision(user=author)
    sent_back = module.get_workflow().start(module, author)
    task_state = sent_back.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment="Sebutkan dasar hukumnya.")
    return {
        "index": site_tree["courses"],
        "course": course,
        "module": module,
        "organisation": lestari,
        "membership": membership,
        "in_review": in_review,
        "sent_back": sent_back,
        "author": author,
        "reviewer": reviewer,
        "government": government,
    }


def page_url(name, *args):
    return lambda w: reverse(f"wagtailadmin_pages:{name}", args=[arg(w) if callable(arg) else arg for arg in args])


def course_id(w):
    return w["course"].pk


def module_id(w):
    return w["module"].pk


def review_task(w):
    return w["in_review"].current_task_state.pk


# screen -> (who opens it, its address)
SCREENS = {
    "dashboard": ("author", lambda w: reverse("wagtailadmin_home")),
    "explorer of the courses": ("author", lambda w: reverse("wagtailadmin_explore", args=[w["index"].pk])),
    "explorer of a course": ("author", lambda w: reverse("wagtailadmin_explore", args=[w["course"].pk])),
    "new course": ("author", page_url("add", "courses", "coursepage", lambda w: w["index"].pk)),
    "course in review": ("author", page_url("edit", course_id)),
    "module sent back, with its quiz": ("author", page_url("edit", module_id)),
    "page history": ("author", page_url("history", course_id)),
    "revisions compared": ("author", page_url("revisions_compare", course_id, "live", "latest")),
    "workflow history": ("author", page_url("workflow_history", module_id)),
    "workflow history detail": ("author", page_url("workflow_history_detail", module_id, lambda w: w["sent_back"].pk)),
    "image chooser": ("author", lambda w: reverse("wagtailimages_chooser:choose")),
    "document chooser": ("author", lambda w: reverse("wagtaildocs_chooser:choose")),
    "image upload": ("author", lambda w: reverse("wagtailimages:add_multiple")),
    "document upload": ("author", lambda w: reverse("wagtaildocs:add_multiple")),
    "account": ("author", lambda w: reverse("wagtailadmin_account")),
    "reviewer's dashboard": ("reviewer", lambda w: reverse("wagtailadmin_home")),
    "approve with comment": ("reviewer", page_url("collect_workflow_action_data", course_id, "approve", review_task)),
    "request changes": ("reviewer", page_url("collect_workflow_action_data", course_id, "reject", review_task)),
    "organisations": ("government", lambda w: reverse("organisations:index")),
    "organisations, nothing found": ("government", lambda w: reverse("organisations:index") + "?q=zzz"),
    "new organisation": ("government", lambda w: reverse("organisations:add")),
    "organisation": ("government", lambda w: reverse("organisations:edit", args=[w["organisation"].pk])),
    "memberships": ("government", lambda w: reverse("memberships:index")),
    "membership removal": ("government", lambda w: reverse("memberships:delete", args=[w["membership"].pk])),
    "government's dashboard": ("government", lambda w: reverse("wagtailadmin_home")),
    "completion records": ("government", lambda w: reverse("reports_completion_records")),
    "completion records, nothing found": ("government", lambda w: reverse("reports_completion_records") + "?q=zzz"),
}


@pytest.mark.parametrize("screen", SCREENS)
def test_admin_screen_shows_no_wagtail_string_in_english(client, admin_world, screen):
    who, url = SCREENS[screen]
    client.force_login(admin_world[who])
    english = english_on(client.get(url(admin_world)))
    assert not english, f"{screen} shows Wagtail strings in English:\n" + "\n".join(
        f"  {msgid!r}, shown as {text!r}" for msgid, text in sorted(english.items())
    )


def without_the_wagtail_catalogue(settings):
    settings.LOCALE_PATHS = [path for path in settings.LOCALE_PATHS if "wagtail_admin" not in str(path)]


def javascript_catalogue(client):
    """What Wagtail's JavaScriptCatalog gives the admin's scripts: msgid -> Indonesian."""
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)[1])


def test_the_check_finds_english_when_the_wagtail_catalogue_is_missing(client, admin_world, settings):
    """Without locale/wagtail_admin, Wagtail's own Indonesian leaves the dashboard partly English."""
    without_the_wagtail_catalogue(settings)
    client.force_login(admin_world["author"])
    english = english_on(client.get(reverse("wagtailadmin_home")))
    assert "Your pages and snippets in a workflow" in english


def test_the_admins_javascript_speaks_indonesian(client, admin_world):
    """The StreamField, comments and side panels take their strings from the JavaScript catalogue."""
    client.force_login(admin_world["author"])
    catalogue = javascript_catalogue(client)
    english = sorted(
        msgid
        for _msgctxt, msgid, _plural in wagtail_msgids("djangojs")
        if re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", msgid))
        and catalogue.get(msgid) in (None, msgid, [msgid])
        and msgid not in SAME_IN_INDONESIAN
    )
    assert not english, f"the admin's JavaScript shows these in English: {english}"


# --- the catalogue itself -----------------------------------------------------------------------------


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_wagtail_catalogue_is_complete_and_keeps_placeholders(domain):
    entries = read_po(CATALOGUE_DIR / f"{domain}.po")
    with (CATALOGUE_DIR / f"{domain}.mo").open("rb") as compiled:
        compiled = gettext.GNUTranslations(compiled)._catalog
    wagtails = wagtail_msgids(domain)
    assert entries
    for entry in entries:
        msgid, plural = entry["msgid"], entry.get("msgid_plural")
        msgstr = entry["msgstr[0]"] if plural else entry["msgstr"]
        key = f"{entry['msgctxt']}\x04{msgid}" if entry.get("msgctxt") else msgid
        assert msgstr, f"untranslated: {msgid!r}"
        assert "fuzzy" not in entry.get("flags", ()), f"fuzzy: {msgid!r}"
        assert (entry.get("msgctxt"), msgid, plural) in wagtails, (
            f"not a Wagtail string, or another msgctxt: {msgid!r}"
        )
        # msgstr[0] serves every count (Indonesian has one plural form): it needs the plural's placeholders.
        assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(plural or msgid)), msgid
        assert msgstr.strip() != msgid.strip(), f"translated into itself: {msgid!r} (list it in SAME_IN_INDONESIAN)"
        assert compiled.get((key, 0) if plural else key) == msgstr, f"{domain}.mo is not compiled from {domain}.po"


@functools.cache
def wagtails_own_catalogues(domain):
    """Wagtail's Indonesian catalogues, as Django ranks them: the first that holds a msgid gives its translation."""
    catalogues = []
    for app in apps.get_app_configs():
        if Path(app.path).is_relative_to(WAGTAIL_DIR) and (Path(app.path) / "locale").is_dir():
            found = gettext.translation(domain, Path(app.path) / "locale", languages=["id"], fallback=True)
            catalogues.append(getattr(found, "_catalog", {}))
    return catalogues


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_wagtail_catalogue_holds_only_strings_wagtail_leaves_in_english(domain):
    """Wagtail's own translations stay: this catalogue only fills the gaps (and the few copied as English)."""
    translated_by_wagtail = []
    for entry in read_po(CATALOGUE_DIR / f"{domain}.po"):
        msgid, plural = entry["msgid"], entry.get("msgid_plural")
        key = f"{entry['msgctxt']}\x04{msgid}" if entry.get("msgctxt") else msgid
        key = (key, 0) if plural else key
        wagtails = next((catalogue[key] for catalogue in wagtails_own_catalogues(domain) if key in catalogue), msgid)
        if wagtails not in (msgid, plural):
            translated_by_wagtail.append(f"{msgid!r}: {wagtails!r}")
    assert not translated_by_wagtail, f"Wagtail already translates: {translated_by_wagtail}"
