"""The shape the code promises: pure rule modules, guarded areas, and one way to raw HTML."""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PURE_MODULES = [
    "forum/permissions.py", "forum/markup.py", "forum/ranking.py", "forum/passwords.py",
    "forum/moderation/pipeline.py", "forum/moderation/words.py", "forum/moderation/spam.py",
    "forum/moderation/scorer.py", "forum/moderation/flags.py", "forum/moderation/hostility.py",
    "forum/patterns.py",
    "forum/moderation/classifier.py", "forum/moderation/notices.py", "forum/moderation/evaluation.py",
    "forum/mail/messages.py", "forum/mail/smtp.py", "forum/mail/tokens.py",
    "forum/embedding.py",
]
NO_REQUEST_STATE = {"request", "session", "current_user", "current_app", "g"}
# Wiring that exists to read the request: extension setup (the rate limit key) and app-level hooks.
WIRING = {"forum/extensions.py"}


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


@pytest.mark.parametrize("module", PURE_MODULES)
def test_rule_modules_do_not_import_flask(module):
    modules = [name for name, _ in _imports(ROOT / module)]
    assert not [m for m in modules if m.split(".")[0] in {"flask", "flask_login", "flask_wtf", "werkzeug"}]


@pytest.mark.parametrize("path", sorted((ROOT / "forum").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_nothing_below_views_touches_the_request(path):
    relative = path.relative_to(ROOT).as_posix()
    if relative.startswith("forum/views/") or relative in WIRING or relative in {
        "forum/__init__.py", "forum/errors.py", "forum/templating.py", "forum/cli.py", "forum/security.py",
        "forum/mail/delivery.py",  # an entry point like cli.py: run by the mail worker, cron and after responses
        "forum/mail/worker.py",
    }:
        return
    for module, names in _imports(path):
        if module.split(".")[0] in {"flask", "flask_login"}:
            assert not NO_REQUEST_STATE & set(names), f"{relative} imports {names} from {module}"


# Everything that runs on the text of a comment to decide about it: the pipeline and its rules, and
# the action that hashes the text to find a repeat.
COMMENT_TEXT_MODULES = sorted((ROOT / "forum" / "moderation").glob("*.py")) + [ROOT / "forum/actions/comments.py"]
BACKTRACKING_ENGINES = {"re", "regex", "sre_compile", "sre_parse", "fnmatch"}


@pytest.mark.parametrize("path", COMMENT_TEXT_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_comment_text_is_never_matched_by_a_backtracking_engine(path):
    """Issue 11: one regex with adjacent quantifiers let a 1,602-character comment take 11 s of CPU.

    So these modules do not import re (or regex, or fnmatch, which compiles to re): their patterns
    are RE2, compiled by forum/patterns.py, the one module that imports re2. No exception
    is needed, not even for the admins' word lists, which str methods parse.
    """
    modules = {name.split(".")[0] for name, _ in _imports(path)}
    assert not modules & BACKTRACKING_ENGINES, f"{path.name} imports {modules & BACKTRACKING_ENGINES}"
    if path.name != "patterns.py":
        assert "re2" not in modules, f"{path.name}: compile patterns through forum.patterns"


def test_only_rendered_markup_is_marked_safe():
    # Everything else in templates is autoescaped: only HTML made by markup.render may pass as is.
    allowed = re.compile(r"\{\{\s*[\w.]*(body_html|preview_html)\|safe\s*\}\}")
    for template in (ROOT / "templates").rglob("*.html"):
        for match in re.finditer(r"\{\{[^}]*\|\s*safe[^}]*\}\}", template.read_text()):
            assert allowed.fullmatch(match.group(0)), f"{template.name}: {match.group(0)}"
    # The thread cache hands back what a template rendered (and escaped) before it was stored as text.
    for path in (ROOT / "forum").rglob("*.py"):
        if path.relative_to(ROOT).as_posix() != "forum/thread_cache.py":
            assert "Markup(" not in path.read_text(), f"{path.name} builds Markup by hand"


def test_templates_carry_no_inline_script():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline script in {template.name}"
        assert not re.search(r"\son[a-z]+\s*=", text), f"inline event handler in {template.name}"


def test_every_staff_endpoint_is_guarded(app, client, auth, monkeypatch):
    """Walk the URL map: every moderation.* and admin.* endpoint sends an anonymous visitor to
    sign in and refuses a reader, whatever the method."""
    # CSRF would refuse the bare POSTs first; the guard itself is what this test is about.
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.split(".")[0] in {"moderation", "admin"}]
    assert rules
    for rule in rules:
        url = rule.build({arg: 1 for arg in rule.arguments}, append_unknown=False)[1]
        method = "POST" if "POST" in rule.methods else "GET"
        response = client.open(url, method=method)
        assert response.status_code == 302, (rule, response.status_code)
        assert "/auth/login" in response.location
    auth.login_as("reader")
    for rule in rules:
        url = rule.build({arg: 1 for arg in rule.arguments}, append_unknown=False)[1]
        method = "POST" if "POST" in rule.methods else "GET"
        assert client.open(url, method=method).status_code == 403, rule
