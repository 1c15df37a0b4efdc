"""axe-core in the browser tests: assert_accessible(page) checks the page as it stands, in light and dark.

axe-core comes with axe-playwright-python (pinned in requirements.txt); it runs inside the page, so
it sees what the reader's browser built, styles included (contrast, target sizes, landmarks).
Every check is also written to test-results/axe-results.txt, one line per page and colour scheme,
so a reviewer can see what was checked without reading the test log.
"""
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"
RESULTS_LOG = RESULTS_DIR / "axe-results.txt"
COLOUR_SCHEMES = ("light", "dark")
MIN_TARGET_PX = 44  # WCAG 2.5.5 (AAA): what a thumb hits at phone width

_axe = None


def _engine():
    global _axe
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe = Axe()
    return _axe


def violations(page) -> list[dict]:
    """axe-core's violations on `page` as it is now (every impact: minor, moderate, serious, critical)."""
    return _engine().run(page).response["violations"]


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}"
                     for node in violation["nodes"][:5])
    return "\n".join(lines)


def assert_accessible(page, javascript: bool = True, schemes=COLOUR_SCHEMES) -> None:
    """No axe-core violation of any impact on `page`, in each colour scheme (prefers-color-scheme), and no
    sideways scrolling at its width.

    Pass javascript=False for a page opened in a context without JavaScript. axe-core is a script that
    needs timers, which never fire in a document loaded with scripting off; so it checks a copy: the
    page's DOM as it stands, its scripts taken out, served at the same address in a context with
    scripts on (the site's stylesheets load as they did, and the page's own scripts do not run)."""
    # Nothing wider than the screen: a page that scrolls sideways on a phone hides half of every line.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the window ({page.viewport_size})"
    if javascript:
        _check(page, page, javascript, schemes)
        return
    copy_context = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        copy = copy_context.new_page()
        html = page.evaluate("""() => {
            const root = document.documentElement.cloneNode(true);
            root.querySelectorAll("script").forEach((script) => script.remove());
            return "<!doctype html>" + root.outerHTML;
        }""")
        address = page.url.split("#", 1)[0]
        copy.route(lambda url: url.split("#", 1)[0] == address,
                   lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))
        copy.goto(page.url)
        _check(page, copy, javascript, schemes)
    finally:
        copy_context.close()


def _check(page, checked, javascript: bool, schemes) -> None:
    problems = []
    RESULTS_DIR.mkdir(exist_ok=True)
    try:
        for scheme in schemes:
            checked.emulate_media(color_scheme=scheme)
            found = violations(checked)
            with RESULTS_LOG.open("a", encoding="utf-8") as log:
                size = page.viewport_size or {}
                log.write(f"{page.url}\t{size.get('width')}px\t{scheme}\t{'js' if javascript else 'no-js'}\t"
                          f"{len(found)} violations"
                          f"{': ' + ', '.join(v['id'] for v in found) if found else ''}\n")
            if found:
                problems.append(f"{scheme} scheme:\n{describe(found)}")
    finally:
        checked.emulate_media(color_scheme="light")
    assert not problems, f"axe-core found violations on {page.url}" + (" (without JavaScript)" if not javascript else "") \
        + ":\n" + "\n".join(problems)


def assert_touch_targets(locator, min_px: int = MIN_TARGET_PX) -> None:
    """Every visible element `locator` finds is at least `min_px` by `min_px` CSS pixels, and no two overlap
    (WCAG 2.5.5: a thumb that hits one never hits its neighbour)."""
    boxes = []
    for target in locator.all():
        box = target.bounding_box() if target.is_visible() else None
        if box is None:
            continue
        name = target.evaluate("e => e.getAttribute('aria-label') || e.innerText.trim() || e.outerHTML.slice(0, 80)")
        assert box["width"] >= min_px and box["height"] >= min_px, f"{name!r} is {box['width']:.0f}×{box['height']:.0f} px"
        boxes.append((name, box))
    assert boxes, "no target to measure"
    for i, (name, a) in enumerate(boxes):
        for other, b in boxes[i + 1:]:
            apart = (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                     or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])
            assert apart, f"{name!r} and {other!r} overlap: {a}, {b}"
