"""The JSON API under /api/v1/: one NinjaAPI, a router per app, errors in Vietnamese."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from antq.accounts.services import api_token_authenticate
from antq.core.errors import DomainError


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        account = api_token_authenticate(token)
        if account is not None:
            request.user = account  # services and the history read the actor from here
        return account


# Every operation may answer these; the body is always {"detail": ..., "errors"?: ...}.
ERROR_STATUSES = {
    "400": "Refused: the values break a rule (the message says which).",
    "401": "Not logged in, or no valid API token (unknown, expired or revoked).",
    "403": "The account sees the object but may not do this.",
    "404": "Not found, or outside the account's scope (the two answer alike).",
    "409": "In conflict with the current state (e.g. an Idempotency-Key reused).",
    "422": "The request data does not match the schema.",
}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {
            "anyOf": [
                {"type": "object", "additionalProperties": {"type": "string"}},
                {"type": "array", "items": {}},
            ]
        },
    },
    "required": ["detail"],
}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "maxLength": 255},
    "description": "The same key with the same request answers the first result again.",
}
# The public operations are limited per address (antq.accounts.throttle).
TOO_MANY = {
    "description": "Too many requests from this address; try again after Retry-After seconds.",
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
}
# Operations that read the Idempotency-Key header (antq.reports.api).
IDEMPOTENT = {("post", "/api/v1/reports")}


class AntqAPI(NinjaAPI):
    """The API whose OpenAPI document declares the error answers every operation can give."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        }
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                # An operation's own statuses are ints, the shared ones strings: one key each
                # (a YAML reader such as Swagger UI's refuses a repeated key).
                responses = {str(k): v for k, v in operation.get("responses", {}).items()}
                operation["responses"] = responses
                if "summary" in operation:
                    operation["summary"] = str(operation["summary"])  # translated (lazy)
                for status, description in ERROR_STATUSES.items():
                    responses.setdefault(status, {"description": description, **error})
                if path.startswith("/api/v1/public/"):
                    responses.setdefault("429", {**TOO_MANY, **error})
                if (method, path.rstrip("/")) in IDEMPOTENT:
                    operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY)
        return schema


api = AntqAPI(
    title="ANTQ API",
    version="1",
    description="API của hệ thống quản lý phong trào Toàn dân bảo vệ an ninh Tổ quốc.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    body = {"detail": exc.message}
    if errors := getattr(exc, "errors", None):
        body["errors"] = errors if isinstance(errors, dict) else [str(e) for e in errors]
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(
        request, {"detail": _("Log in or send a valid API token.")}, status=401
    )


@api.exception_handler(NinjaValidationError)
def on_invalid(request, exc: NinjaValidationError):
    problems = []
    for error in exc.errors:
        where = ".".join(
            str(p) for p in error.get("loc", []) if p not in ("body", "query", "payload")
        )
        problems.append(
            {"field": where, "message": _("Invalid value: %(msg)s") % {"msg": error.get("msg", "")}}
        )
    return api.create_response(
        request, {"detail": _("The request data is invalid."), "errors": problems}, status=422
    )


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def register_routers() -> None:
    from antq.awards.api import router as awards_router
    from antq.campaigns.api import router as campaigns_router
    from antq.directives.api import router as directives_router
    from antq.documents.api import router as documents_router
    from antq.evaluation.api import router as evaluation_router
    from antq.evaluation.decisions_api import decisions_router
    from antq.evaluation.rules_api import criteria_router, rules_router
    from antq.forces.api import router as forces_router
    from antq.funding.api import router as funding_router
    from antq.models.api import examples_router
    from antq.models.api import router as models_router
    from antq.reports.api import router as reports_router
    from antq.targets.api import router as targets_router
    from antq.tips.api import public_router as public_tips_router
    from antq.tips.api import router as tips_router
    from antq.units.api import router as units_router

    api.add_router("/units", units_router)
    api.add_router("/rules", rules_router)
    api.add_router("/evaluation", evaluation_router)
    api.add_router("/evaluation", decisions_router)
    api.add_router("/evaluation", criteria_router)
    api.add_router("/reports", reports_router)
    api.add_router("/targets", targets_router)
    api.add_router("/models", models_router)
    api.add_router("/examples", examples_router)
    api.add_router("/forces", forces_router)
    api.add_router("/directives", directives_router)
    api.add_router("/campaigns", campaigns_router)
    api.add_router("/funding", funding_router)
    api.add_router("/public/tips", public_tips_router)
    api.add_router("/tips", tips_router)
    api.add_router("/awards", awards_router)
    api.add_router("/documents", documents_router)


register_routers()
