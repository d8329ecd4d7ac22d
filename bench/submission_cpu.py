"""CPU of one report submission in process, against the bare endpoint's, and where it goes.

    python -m bench --only submission_cpu
    BENCH_SUBMISSION_PROFILE=30 python -m bench --only submission_cpu   # and the top 30 costs
    (BENCH_SUBMISSION_PROFILE_FILE=path also keeps the profile, for pstats)

The concurrent figure of bench/national.py runs server, database and 100 client threads on
the same cores, so its ratio mixes them; this one counts the server's own work only. Both
endpoints go through Django's full handler and middleware (the test client), with the
bench's body and bearer token: N new reports of the country's communes (BENCH_SUBMISSIONS,
300), each timed in CPU seconds of this process (a SQLite database works in it, a
PostgreSQL server in its own process, whose time is not counted).
"""

import cProfile
import json
import os
import time

from django.test import Client, override_settings

from antq.accounts.services import account_create, api_token_issue
from antq.core.roles import Role
from antq.reports.models import ReportForm
from antq.units.models import Unit

from . import _national_data as data
from ._profile import print_profile
from .national import POST_PERIOD


def _posts(count: int) -> list[tuple[str, dict]]:
    """The bench's submissions: one body per commune, a province staff token each."""
    form = ReportForm.objects.get(code="movement-monthly")
    values = {i.code: 3 for i in form.ordered_indicators() if i.is_numeric}
    tokens = {}
    posts = []
    for commune in data.communes()[:count]:
        province = commune.path.split("/", 1)[0]
        if province not in tokens:
            staff = account_create(
                actor=None,
                username=f"bench-cpu-{province}",
                unit=Unit.objects.get(kind="province", code=province),
                roles=[Role.PROVINCE_STAFF],
                password="bench-password",
                check_password_strength=False,
            )
            tokens[province] = api_token_issue(account=staff)
        body = {
            "form": form.code,
            "unit": commune.code,
            "period": POST_PERIOD,
            "values": values,
            "submit": True,
        }
        posts.append((json.dumps(body), {"Authorization": f"Bearer {tokens[province]}"}))
    return posts


def _cpu(client: Client, url: str, posts, expected: int, profile=None) -> float:
    """CPU seconds per request of POSTing every body to url."""
    start = time.process_time()
    if profile is not None:
        profile.enable()
    for body, headers in posts:
        answer = client.post(url, body, content_type="application/json", headers=headers)
        assert answer.status_code == expected, (answer.status_code, answer.content[:300])
    if profile is not None:
        profile.disable()
    return (time.process_time() - start) / len(posts)


def run(*, rows: int) -> list[tuple[str, str]]:
    count = int(os.environ.get("BENCH_SUBMISSIONS", "300"))
    top = int(os.environ.get("BENCH_SUBMISSION_PROFILE", "0"))
    data.load_country()
    posts = _posts(20 + count * (2 if top else 1))
    warm, posts, profiled = posts[:20], posts[20 : 20 + count], posts[20 + count :]
    client = Client(HTTP_HOST="localhost")
    with override_settings(ROOT_URLCONF="bench._bare"):
        _cpu(client, "/ok", warm, 200)
        bare = _cpu(client, "/ok", posts, 200)
    _cpu(client, "/api/v1/reports", warm, 201)
    report = _cpu(client, "/api/v1/reports", posts, 201)
    if top:  # other communes, after the timing: the profiler slows what it watches
        profile = cProfile.Profile()
        _cpu(client, "/api/v1/reports", profiled, 201, profile)
        print_profile(profile, top, "BENCH_SUBMISSION_PROFILE_FILE")
    return [
        ("bare endpoint, CPU per request", f"{bare * 1000:.2f} ms"),
        ("report submission, CPU per request", f"{report * 1000:.2f} ms"),
        ("ratio submission / bare, CPU in process", f"{report / bare:.1f}x"),
    ]
