"""What axe-core finds wrong on a page, for the browser tests' accessibility checks (WCAG 2.2 AA).

axe-playwright-python bundles axe-core, so the check runs offline.
"""

from axe_playwright_python.sync_playwright import Axe


def serious_violations(page):
    """The serious and critical violations on the tab's page, one line each: ``== []`` when there are none."""
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} elements)"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
