"""No template of ours holds a script the Content-Security-Policy would refuse (script-src 'self').

An inline ``<script>`` (one without ``src``), an event handler attribute (``onclick=``) or a
``javascript:`` address runs nothing under the policy: the page would silently lose its behaviour.
Code goes in static/js/ and data in ``data-`` attributes or ``json_script`` (a
``<script type="application/json">`` is data, not code, and is allowed).
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOT_OURS = {".venv", "build", "node_modules", "staticfiles", "media", ".git"}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
EVENT_HANDLER = re.compile(r"on[a-z]+")


def our_templates():
    return sorted(
        path
        for path in REPO.rglob("*.html")
        if not NOT_OURS.intersection(path.relative_to(REPO).parts) and "templates" in path.relative_to(REPO).parts
    )


class InlineScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src") and attributes.get("type") not in DATA_SCRIPT_TYPES:
            self.problems.append(f"line {line}: inline <script>")
        for name, value in attrs:
            if value is None:  # a bare word is template syntax such as {% if online %}, not a handler
                continue
            if EVENT_HANDLER.fullmatch(name):
                self.problems.append(f"line {line}: event handler attribute {name}=")
            if name in ("href", "src", "action") and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"line {line}: javascript: address in {name}=")


def inline_script_problems(html):
    finder = InlineScriptFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


def test_the_scan_finds_the_templates():
    names = {path.relative_to(REPO).as_posix() for path in our_templates()}

    assert "templates/base.html" in names
    assert "accounts/templates/accounts/sign_up.html" in names
    assert "templates/classes/admin/invitation_sheet.html" in names
    assert not any(name.startswith(".venv/") for name in names)


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script type="text/javascript">alert(1)</script>',
        '<button type="button" onclick="window.print()">Cetak</button>',
        '<body onload="start()">',
        '<a href="javascript:void(0)">Buka</a>',
    ],
)
def test_the_scan_catches_inline_code(html):
    assert inline_script_problems(html) != []


@pytest.mark.parametrize(
    "html",
    [
        '<script src="/static/js/print-button.js" defer></script>',
        '<script type="application/json" id="data">{"a": 1}</script>',
        '<input type="checkbox"{% if online %} checked{% endif %}>',
        '<button type="button" data-print-page>Cetak</button>',
    ],
)
def test_the_scan_lets_files_and_data_through(html):
    assert inline_script_problems(html) == []


@pytest.mark.parametrize("template", our_templates(), ids=lambda path: path.relative_to(REPO).as_posix())
def test_template_has_no_inline_script(template):
    assert inline_script_problems(template.read_text(encoding="utf-8")) == []
