"""Fuzzing the JSON API: every operation of /api/v1/openapi.json, two personas, all checks.

Schemathesis (v4) loads the document from the application itself through WSGI (no network)
and sends generated requests to every operation, as a province staff account and as a commune
officer, each with an API token. Every answer must be no server error, a declared status with
the declared content type, headers and body (all of Schemathesis's checks). The number of
examples is small and the run is derandomized, so it is the same on every run and costs a few
minutes on either database. The requests a probe found answering 500 (issue 16, item 7) are
sent first, as explicit cases through the same checks.

Schemathesis's own pytest integration (`schema.parametrize()`) does not run under pytest 9.2
(it reads `Function._nodeid`, which pytest no longer has), so each operation's strategy is
driven here with Hypothesis directly (`APIOperation.as_strategy`), and every operation is run
even after one fails, so a failure lists all the operations that broke.
"""

import logging
import time
from collections import defaultdict

import pytest
import schemathesis
import time_machine
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from ninja import Schema
from schemathesis import GenerationMode

from antq.accounts.services import api_token_issue
from antq.core.roles import Role
from antq.evaluation.models import CampaignYear, Registration

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 3  # per operation and mode: 108 operations, two modes, two personas
CONFIG = {
    "checks": {
        # A request the schema allows may still break a rule of the domain (a period not open,
        # a unit outside the account's scope, a year already opened): the API refuses it with
        # 400 and a message, which is an answer, not a failure to accept valid data.
        "positive_data_acceptance": {
            "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "429"]
        },
    },
}
HYPOTHESIS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)
YEAR = "/api/v1/evaluation/provinces/{province}/years/{year}"
REGISTRATION = YEAR + "/units/{code}/registration"
# What a probe found answering 500 (issue 16, item 7): (method, path, path parameters, body).
FOUND_BY_THE_PROBE = [
    ("POST", "/api/v1/evaluation/provinces/{province}/years", {"province": "0"}, {"year": 2026}),
    *(
        ("PUT", REGISTRATION, {"province": "38", "year": 2026, "code": "16417"}, body)
        for body in (
            {"registered_on": "0890-08-06"},
            {"registered_on": "9999-04-01"},
            {"registered_on": "2026-03-01", "households_resident": -549_755_813_889},
            {"registered_on": "2026-03-01", "households_registered": -549_755_813_889},
        )
    ),
]


@pytest.fixture
def api_schema(settings):
    """The API's schema, loaded from the application; the test's own transaction is kept open
    across the WSGI requests, as Django's test client does (a real request closes "old"
    connections when it starts and ends)."""
    from antq.wsgi import application

    # The public operations are limited per address; the fuzzer is one address sending
    # hundreds of requests, so the limits are lifted here (the 429 is declared, and tested in
    # antq/accounts/tests).
    settings.ANTQ_RATE_LIMITS = {"tips": "100000/10m", "public": "100000/10m"}
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    # Thousands of refusals are expected; the log would bury the report of what failed.
    requests_log = logging.getLogger("django.request")
    level = requests_log.level
    requests_log.setLevel(logging.ERROR)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/v1/openapi.json", application, config=schemathesis.Config.from_dict(CONFIG)
        )
    finally:
        requests_log.setLevel(level)
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def fuzz_every_operation(schema, headers: dict) -> tuple[int, list[str], dict]:
    """Send generated requests to every operation; the operations that failed, with why."""
    failures, operations, seconds = [], 0, defaultdict(float)
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        started = time.monotonic()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @HYPOTHESIS
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                case.call_and_validate(headers=headers)

            try:
                run()
            except Unsatisfiable:
                pass  # no request can break this operation's schema (e.g. no parameters)
            except (Exception, BaseExceptionGroup) as error:  # every operation is reported
                failures.append(f"{operation.label} ({mode.value}): {error}")
        seconds[operation.label] = time.monotonic() - started
    return operations, failures, seconds


@pytest.mark.parametrize("role", [Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER])
def test_every_operation_answers_as_its_schema_declares(api_schema, persona, role):
    headers = {"Authorization": f"Bearer {api_token_issue(account=persona(role))}"}
    started = time.monotonic()
    operations, failures, seconds = fuzz_every_operation(api_schema, headers)
    slowest = sorted(seconds.items(), key=lambda item: -item[1])[:5]
    print(f"\n{role}: {operations} operations in {time.monotonic() - started:.0f} s; slowest:")
    print("\n".join(f"  {label}: {spent:.1f} s" for label, spent in slowest))
    assert operations > 100
    assert not failures, "\n\n".join(failures)


@time_machine.travel("2026-03-01 09:00 +07:00")
def test_what_the_probe_found_answers_a_declared_refusal(api_schema, persona, bearer):
    """The 500s of issue 16, item 7, sent through every check: declared 4xx, nothing stored."""
    headers = bearer(persona(Role.PROVINCE_STAFF))
    opened = api_schema["/api/v1/evaluation/provinces/{province}/years"]["POST"].Case(
        path_parameters={"province": "38"}, body={"year": 2026}
    )
    assert opened.call_and_validate(headers=headers).status_code == 201
    for method, path, parameters, body in FOUND_BY_THE_PROBE:
        case = api_schema[path][method].Case(path_parameters=parameters, body=body)
        response = case.call_and_validate(headers=headers)
        assert 400 <= response.status_code < 500, (path, body, response.status_code)
        assert response.json()["detail"]
    assert list(CampaignYear.objects.values_list("year", flat=True)) == [2026]
    assert not Registration.objects.exists()


def test_no_two_api_schemas_share_a_name_with_different_fields():
    """The OpenAPI document names a schema by its class name: two classes of one name would
    describe one operation's body with the other's fields (as a report's did a directive's)."""
    import antq.urls  # noqa: F401 - the API's routers are imported with the URLs

    found = defaultdict(dict)

    def walk(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("antq."):
                found[sub.__name__][sub.__module__] = sub.model_json_schema()
            walk(sub)

    walk(Schema)
    clashes = {
        name: sorted(by_module)
        for name, by_module in found.items()
        if len({repr(schema) for schema in by_module.values()}) > 1
    }
    assert not clashes
