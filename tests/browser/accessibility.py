"""axe-core (through axe-playwright-python) on a page as the browser shows it now: 0 violations of any impact."""
from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def assert_accessible(page) -> None:
    """Fail with axe-core's report if what `page` shows now has any violation, whatever its impact.

    axe runs in JavaScript, which a page under test may have switched off; so the page's DOM as it is now is
    served again, with the same address, viewport and colour scheme, to a page of its own where scripts
    run but the site's own are blocked (they ran already, or were never to run)."""
    html, url = page.content(), page.url
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    context = page.context.browser.new_context(viewport=page.viewport_size, color_scheme="dark" if dark else "light")
    try:
        replay = context.new_page()
        document = url.split("#")[0]
        replay.route(lambda address: address == document,
                     lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
        replay.route("**/*.js", lambda route: route.abort())
        replay.goto(url)
        results = _axe.run(replay)
    finally:
        context.close()
    assert results.violations_count == 0, f"axe on {url} ({'dark' if dark else 'light'}):\n{results.generate_report()}"
