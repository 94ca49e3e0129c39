"""Every page of the table of contents, loaded in Chromium as a reader would.

Each page must load without JavaScript errors, console errors, failed
requests or requests to other hosts (MathJax and everything else come from
the site itself); its images need meaningful alt text; its maths must be
typeset; and on a phone it must not scroll sideways (nor break axe's rules).
"""

import sitecheck

PHONE_OVERFLOW_JS = """(limit) => {
  const wide = [...document.querySelectorAll("body *")].filter(e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.right > limit && getComputedStyle(e).position !== "fixed";
  });
  const describe = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
    (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\\s+/).join(".") : "");
  return {scrollWidth: document.documentElement.scrollWidth,
          culprits: wide.filter(e => !wide.includes(e.parentElement)).slice(0, 5).map(describe)};
}"""


def test_page_loads_cleanly(site_page, desktop_visit):
    problems = desktop_visit(site_page)["log"].problems()
    assert not problems, f"{site_page.path}:\n  " + "\n  ".join(problems)


def test_every_image_has_meaningful_alt_text(site_page, desktop_visit):
    images = desktop_visit(site_page)["images"]
    bad = [
        f"{image['src']} {problem}"
        for image in images
        if (problem := sitecheck.alt_text_problem(image["alt"]))
    ]
    assert not bad, (
        f"{site_page.path}: images without meaningful alt text (give the code cell the "
        "metadata `mystnb: image: alt: ...`):\n  " + "\n  ".join(bad)
    )


def test_every_formula_is_typeset_by_mathjax(site_page, desktop_visit):
    facts = desktop_visit(site_page)
    assert facts["mathTypeset"] == facts["math"], (
        f"{site_page.path}: MathJax typeset {facts['mathTypeset']} of {facts['math']} formulas"
    )
    assert not facts["mathErrors"], f"{site_page.path}: TeX errors: {facts['mathErrors']}"


def test_chapter_has_typeset_maths(chapter_page, desktop_visit):
    facts = desktop_visit(chapter_page)
    assert facts["mjxContainers"] > 0, f"{chapter_page.path}: no maths typeset by MathJax (mjx-container)"
    external = desktop_visit(chapter_page)["log"].external_requests
    assert not external, f"{chapter_page.path}: requests left the site: {external}"


def test_phone_layout_does_not_scroll_sideways(site_page, open_page, screenshots, axe_source):
    page, log = open_page(site_page.path, viewport=sitecheck.PHONE)
    target = screenshots / "phone" / f"{site_page.docname}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    width = sitecheck.PHONE["width"]
    result = page.evaluate(PHONE_OVERFLOW_JS, width + 1)
    # Wide formulas and code scroll inside their own boxes on a phone; those must work too.
    violations = sitecheck.serious(sitecheck.run_axe(page, axe_source))
    page.close()
    assert result["scrollWidth"] <= width + 1, (
        f"{site_page.path} is {result['scrollWidth']} px wide on a {width} px phone; "
        f"widest elements: {result['culprits']} (screenshot: {target})"
    )
    assert not violations, f"{site_page.path} on a phone:\n  " + "\n  ".join(
        sitecheck.describe_violations(violations)
    )
    assert not log.problems(), f"{site_page.path} on a phone:\n  " + "\n  ".join(log.problems())
