"""The shape the code promises: pure rule modules, guarded areas, and one way to raw HTML."""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PURE_MODULES = [
    "forum/permissions.py", "forum/visibility.py", "forum/markup.py", "forum/ranking.py", "forum/passwords.py",
    "forum/moderation/pipeline.py", "forum/moderation/words.py", "forum/moderation/spam.py",
    "forum/moderation/scorer.py", "forum/moderation/flags.py", "forum/moderation/hostility.py",
    "forum/patterns.py", "forum/moderation/personal_attacks.py",
    "forum/moderation/classifier.py", "forum/moderation/notices.py", "forum/moderation/evaluation.py",
    "forum/moderation/phrases.py", "forum/moderation/threats.py", "forum/moderation/harassment.py",
    "forum/moderation/insults.py", "forum/moderation/promotion.py", "forum/moderation/vocabulary.py",
    "forum/mail/messages.py", "forum/mail/smtp.py", "forum/mail/tokens.py",
    "forum/embedding.py",
    "forum/moderation/identity.py",
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
        "forum/__init__.py", "forum/fast_path.py", "forum/errors.py", "forum/templating.py", "forum/cli.py", "forum/security.py",
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
    # The thread cache hands back what a template rendered (and escaped) before it was stored as text; the
    # charts are serialised by ElementTree, which escapes every text and attribute (tests/test_charts.py).
    for path in (ROOT / "forum").rglob("*.py"):
        if path.relative_to(ROOT).as_posix() not in {"forum/thread_cache.py", "forum/charts.py"}:
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


# --- Layers: views → actions → rules → models (issue 12) ---

def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in (ROOT / "forum").rglob("*.py")}
# Wiring: the app factory, entry points (commands, the mail worker) and app-wide request handling.
# They exist to put the layers together and may import any of them.
WIRING_MODULES = {
    "forum", "forum.cli", "forum.cli_interchange", "forum.demo", "forum.errors", "forum.templating", "forum.security",
    "forum.config", "forum.checks", "forum.health", "forum.redis_client", "forum.mail.delivery", "forum.mail.worker",
    "forum.mail.commands",
}
# For every layer: unbound extensions, column helpers, and the word lists the policy starts with (data only).
SHARED = {"forum.extensions", "forum.models.base", "forum.moderation.default_words"}


def layer_of(module: str) -> str:
    if module in WIRING_MODULES:
        return "wiring"
    if module in SHARED:
        return "shared"
    if module == "forum.forms" or module.startswith("forum.forms."):
        return "views"  # the views' form shapes
    for layer in ("views", "actions", "models"):
        if module == f"forum.{layer}" or module.startswith(f"forum.{layer}."):
            return layer
    return "rules"  # permissions, visibility, markup, ranking, threads, feeds, moderation/, mail's rules…


# What each layer may import from the others (its own layer and SHARED always).
MAY_IMPORT = {"views": {"wiring", "actions", "rules", "models"}, "actions": {"rules", "models"}, "rules": {"models"},
              "models": set()}


def _forum_imports(module: str) -> set[str]:
    """The forum modules `module` imports, anywhere in it (a function's late import counts too)."""
    found = set()
    for name, names in _imports(MODULES[module]):
        if name == "forum" or name.startswith("forum."):
            candidates = [f"{name}.{n}" for n in names] + [name]
            found.add(next(c for c in candidates if c in MODULES))
    return found - {module}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer_of(m) in MAY_IMPORT))
def test_each_layer_imports_only_the_layers_below_it(module):
    layer = layer_of(module)
    wrong = {m for m in _forum_imports(module)
             if layer_of(m) not in MAY_IMPORT[layer] | {layer, "shared"}}
    assert not wrong, f"{module} ({layer}) imports {sorted(wrong)}"


def _closure(module: str) -> set[str]:
    seen, todo = set(), [module]
    while todo:
        for imported in _forum_imports(todo.pop()):
            if imported not in seen:
                seen.add(imported)
                todo.append(imported)
    return seen


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer_of(m) in {"rules", "models"}))
def test_rules_reach_no_action_view_or_wiring_even_through_other_modules(module):
    reached = {m for m in _closure(module) if layer_of(m) in {"actions", "views", "wiring"}}
    assert not reached, f"{module} reaches {sorted(reached)}"


def _blueprints() -> set[str]:
    return {m for m, path in MODULES.items() if layer_of(m) == "views" and "Blueprint(" in path.read_text()}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer_of(m) == "views"))
def test_no_view_module_imports_a_blueprint(module):
    """Blueprints share pages through plain view modules (thread_pages, frames, refusals, helpers), not each other."""
    assert not _forum_imports(module) & _blueprints(), f"{module} imports {sorted(_forum_imports(module) & _blueprints())}"


# --- Statuses are compared in forum/visibility.py only (issue 12) ---

STATUS_ENUMS = {"CommentStatus", "ArticleStatus"}
STATUS_VALUES = {"pending", "published", "rejected", "spam", "deleted", "draft"}


def _mentions_enum(node: ast.AST) -> bool:
    """A status enum's member (CommentStatus.PUBLISHED) anywhere in `node`."""
    return any(isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name) and part.value.id in STATUS_ENUMS
               for part in ast.walk(node))


def _mentions_status(node: ast.AST) -> bool:
    """A status enum's member, or a row's (or a decision's) .status."""
    return _mentions_enum(node) or any(isinstance(part, ast.Attribute) and part.attr == "status"
                                       for part in ast.walk(node))


def status_comparisons(source: str) -> list[int]:
    """Lines of `source` that compare statuses: ==, !=, in, is with a status on either side, and .in_() /
    .not_in() / .is_() on a status column. A .status compared with text that is no status (a health check's
    "ok") is not one."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            other_text = any(isinstance(o, ast.Constant) and isinstance(o.value, str) and o.value not in STATUS_VALUES
                             for o in operands)
            if any(_mentions_enum(o) for o in operands) or (any(_mentions_status(o) for o in operands)
                                                             and not other_text):
                lines.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in {"in_", "not_in", "is_", "is_not", "__eq__", "__ne__"}
              and _mentions_status(node.func.value)):
            lines.append(node.lineno)
    return lines


def test_the_status_comparison_finder_finds_what_it_should():
    assert status_comparisons("x = c.status == CommentStatus.PUBLISHED") == [1]
    assert status_comparisons("q.where(Comment.status.in_(s))") == [1]
    assert status_comparisons("ok = status in (CommentStatus.PENDING, CommentStatus.SPAM)") == [1]
    assert status_comparisons("a.status != 'draft'") == [1]
    assert status_comparisons("check.status == 'failing'") == []  # not a comment's or an article's status
    assert status_comparisons("x = CommentStatus.PUBLISHED") == []  # naming one is not comparing
    assert status_comparisons("p[:, CLASSES.index('spam')] >= t['spam']") == []  # a classifier's class, not a status


@pytest.mark.parametrize("path", sorted((ROOT / "forum").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_statuses_are_compared_in_the_visibility_rule_only(path):
    """Who sees what and which moves a status may make are decided in forum/visibility.py; everything else asks it
    (visibility.PUBLIC(comment), visibility.HELD.clause(), …), so that no copy of the rule can drift."""
    if path.relative_to(ROOT).as_posix() == "forum/visibility.py":
        return
    assert not status_comparisons(path.read_text()), f"{path.name} compares statuses on lines {status_comparisons(path.read_text())}"


# --- A web worker loads neither a numerical library nor the migration tool (issue 15) ---

# What a worker does, in a fresh interpreter that gunicorn's environment marks as its own: load the entry
# point gunicorn loads, sign in and post a comment that the toxicity model holds (so the model and the
# learned classifier both scored it). The schema is made from the models: the migrations need Alembic.
_WORKER_SCRIPT = """
import re, sys
import sqlalchemy as sa
import wsgi
from forum.extensions import db
from forum.models import Comment
from tests.factories import DEFAULT_PASSWORD, Factories

app = wsgi.app
with app.app_context():
    db.create_all()
    make = Factories(db.session)
    make.user(username="writer")
    slug = make.article().slug
    db.session.commit()
client = app.test_client()
token = lambda path: re.search('name="csrf-token" content="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)  # visitors' shared pages carry none
signed_in = client.post("/auth/login", data={"login": "writer", "password": DEFAULT_PASSWORD, "csrf_token": token("/auth/login")})
posted = client.post(f"/articles/{slug}/comments", data={
    "csrf_token": token(f"/articles/{slug}"), "post": "1", "body": "Shut the fuck up, you stupid piece of shit."})
with app.app_context():
    reasons = db.session.scalar(sa.select(Comment.reasons))
print(signed_in.status_code, posted.status_code, any(r.startswith("toxicity ") for r in reasons))
print(" ".join(sorted({name.split(".")[0] for name in sys.modules}
                      & {"sklearn", "scipy", "joblib", "numpy", "flask_migrate", "alembic", "mako",
                         "pydantic", "lxml", "feedgen", "frontmatter", "yaml"})))
"""


def test_a_web_worker_loads_no_numerical_library_and_no_migration_tool(tmp_path):
    """scikit-learn, SciPy and NumPy would cost a worker about 80 MB (the models are read from plain files:
    scorer.py, classifier.py), Flask-Migrate with Alembic and Mako 11 MB (only `flask db` needs them);
    pydantic 9 MB (only API calls need it), lxml with feedgen 5 MB (feeds, mail and imports), PyYAML 1 MB
    (article import). Reading pages and posting needs none of them (issue 15)."""
    import os
    import subprocess
    import sys

    import gunicorn

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}", "SECRET_KEY": "architecture",
           "PARLEY_RATELIMIT": "0", "SERVER_SOFTWARE": f"gunicorn/{gunicorn.__version__}"}  # as gunicorn sets it
    for name in ("REDIS_URL", "PARLEY_CACHE_REDIS_URL", "PARLEY_MAIL_SERVER"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-c", _WORKER_SCRIPT], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    outcome, loaded = result.stdout.splitlines()[-2:]
    assert outcome == "302 302 True"  # signed in, posted, and held by the toxicity model
    assert loaded == ""
