"""The OpenAPI 3.1 document of the JSON API, built from the routes themselves.

Each view declares what it takes and answers with @operation; the document walks the URL map,
so a route without a declaration, or a declaration without a route, is caught by a test. The
schemas come from the pydantic models in api_models.py (JSON Schema 2020-12, which OpenAPI 3.1 uses),
named here and imported only when the document is first asked for: pydantic and the models cost a
web worker 9 MB, and most workers never answer an API call.
"""
import re
from dataclasses import dataclass, field

from werkzeug.routing import IntegerConverter

API_VERSION = "1.0.0"
STATUS_TEXT = {
    200: "OK", 201: "Created", 204: "No content", 400: "The request is malformed (a query parameter, cursor or body)",
    401: "No valid credentials: a missing, unknown or revoked token, or no session",
    403: "Not allowed for this account (role, sanction, or an unread warning)", 404: "No such row, or not visible to you",
    409: "Conflicts with the current state (already flagged, nothing to undo …)", 413: "The body is too large",
    422: "The body breaks a rule; see error.fields", 429: "Rate limited: see Retry-After",
    503: "The database is down or busy for a moment: send the same request again after Retry-After seconds",
}
# Rows that `flask --app wsgi demo` makes, so that a reader of the document can try each call at once.
PATH_EXAMPLES = {"slug": "rivals-and-ai-safety", "comment_id": 1, "queue": "pending"}
SIGNED_IN = [{"bearerAuth": []}, {"sessionCookie": [], "csrfHeader": []}]
READ = [{"bearerAuth": []}, {"sessionCookie": []}, {}]  # signing in only changes what one sees


@dataclass
class Operation:
    summary: str
    responses: dict[int, str | None]  # status → the name of its model in api_models.py (None: no body)
    body: str | None = None  # the name of the request body's model
    query: list[tuple[str, dict, str]] = field(default_factory=list)  # (name, schema, description)
    security: list[dict] | None = None
    description: str = ""
    path: dict[str, dict] = field(default_factory=dict)  # schemas of path parameters, beyond the URL converter's


OPERATIONS: dict[str, Operation] = {}  # by view function name


def operation(summary: str, responses: dict, *, body=None, query=(), signed_in=True, limited=False, description="",
              path=None):
    """Declare a view's part of the document; the errors every API call may answer are added here."""
    errors = dict.fromkeys([400, 401, 403, 404, 503], "Error")
    if body is not None:
        errors |= {413: "Error", 422: "Error"}
    if limited:
        errors[429] = "Error"

    def register(view):
        OPERATIONS[view.__name__] = Operation(
            summary, {**responses, **errors}, body, list(query), SIGNED_IN if signed_in else READ, description,
            path or {})
        return view

    return register


def _path_and_parameters(rule, op: Operation) -> tuple[str, list[dict]]:
    parameters = []
    for name, converter in rule._converters.items():
        schema = op.path.get(name) or (
            {"type": "integer", "minimum": converter.min, "maximum": converter.max}
            if isinstance(converter, IntegerConverter)
            else {"type": "string", "minLength": 1, "pattern": "^[^/]+$"})
        parameter = {"name": name, "in": "path", "required": True, "schema": schema}
        if name in PATH_EXAMPLES:
            parameter["example"] = PATH_EXAMPLES[name]
        parameters.append(parameter)
    path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
    return path, parameters


def build_document(app) -> dict:
    """The whole document for the routes of the `api` blueprint."""
    from pydantic.json_schema import models_json_schema

    from forum.views import api_models

    models = {model for op in OPERATIONS.values() for model in op.responses.values() if model is not None}
    inputs = {op.body for op in OPERATIONS.values() if op.body is not None}
    _, schemas = models_json_schema(
        [(getattr(api_models, model), "serialization") for model in sorted(models)]
        + [(getattr(api_models, model), "validation") for model in sorted(inputs)],
        ref_template="#/components/schemas/{model}",
    )
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint.split(".")[0] != "api" or rule.endpoint == "api.openapi":
            continue
        op = OPERATIONS[rule.endpoint.split(".", 1)[1]]
        path, parameters = _path_and_parameters(rule, op)
        parameters += [{"name": name, "in": "query", "required": False, "schema": schema, "description": text}
                       for name, schema, text in op.query]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            spec = {
                "operationId": rule.endpoint.split(".", 1)[1], "summary": op.summary, "security": op.security,
                "parameters": parameters, "responses": {str(code): _response(code, model)
                                                        for code, model in sorted(op.responses.items())},
            }
            if op.description:
                spec["description"] = op.description
            if op.body is not None:
                spec["requestBody"] = {"required": True, "content": {"application/json": {
                    "schema": {"$ref": f"#/components/schemas/{op.body}"}}}}
            paths.setdefault(path, {})[method.lower()] = spec
    return {
        "openapi": "3.1.0",
        "info": {"title": f"{app.config['SITE_NAME']} API", "version": API_VERSION,
                 "description": "Articles, threads, comments and moderation. Errors always have the Error shape."},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas["$defs"],
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "A personal API token, made on one's profile (Profile → API tokens)."},
                "sessionCookie": {"type": "apiKey", "in": "cookie", "name": app.config.get("SESSION_COOKIE_NAME") or "session",
                                  "description": "The browser's signed-in session."},
                "csrfHeader": {"type": "apiKey", "in": "header", "name": "X-CSRFToken",
                               "description": "With the session, on every state change: the page's csrf-token meta value."},
            },
        },
    }


def _response(code: int, model: str | None) -> dict:
    answer = {"description": STATUS_TEXT.get(code, "")}
    if model is not None:
        answer["content"] = {"application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}}}
    return answer
