"""axe-core finds no serious or critical WCAG 2 A/AA violation, in light and dark mode.

axe-core comes from npm (``npm ci``, pinned in package-lock.json). Fix a
violation where it comes from (theme configuration, ``_static/`` CSS, the
page's markup); no rule is switched off here.
"""

import pytest
import sitecheck
from sitecheck import AXE_FINDINGS, STATS


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_serious_accessibility_violations(site_page, mode, open_page, axe_source):
    page, log = open_page(site_page.path, mode=mode)
    theme = page.evaluate("document.documentElement.dataset.theme")
    assert theme == mode, f"{site_page.path}: asked for {mode} mode, the page shows {theme}"
    violations = sitecheck.run_axe(page, axe_source)
    page.close()
    STATS["axe runs"] += 1
    STATS["axe violations"] += sum(len(v["nodes"]) for v in violations)
    AXE_FINDINGS.extend(f"{site_page.path} ({mode}) {line}" for line in sitecheck.describe_violations(violations))
    bad = sitecheck.serious(violations)
    assert not bad, f"{site_page.path} in {mode} mode:\n  " + "\n  ".join(sitecheck.describe_violations(bad))
    assert not log.problems(), f"{site_page.path} in {mode} mode:\n  " + "\n  ".join(log.problems())
