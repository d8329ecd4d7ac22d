"""Per-address limits on every public endpoint, answered with 429 in Vietnamese and a
Retry-After; the visitor's address is kept nowhere but as the hashed key of a short counter."""

import logging
import pickle
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache, caches
from django.db import connection

from antq.tips.models import Tip
from antq.tips.tests.helpers import work

VISITOR = "203.0.113.201"
NEIGHBOUR = "203.0.113.202"


@pytest.fixture(autouse=True)
def _clean_cache():
    """A clean cache, and a still clock so no counting window ends in the middle of a test."""
    cache.clear()
    with time_machine.travel(datetime(2026, 10, 5, 2, 0, 7, tzinfo=UTC), tick=False):
        yield
    cache.clear()


def _refused_in_vietnamese(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 5 * 60
    assert response["Cache-Control"] == "no-store"
    return response


def test_the_public_page_is_limited_per_address(tree, client, settings):
    settings.ANTQ_RATE_LIMITS = {"public": "5/5m"}
    for _visit in range(5):
        assert client.get("/public/38/", REMOTE_ADDR=VISITOR).status_code == 200
    refused = _refused_in_vietnamese(client.get("/public/38/", REMOTE_ADDR=VISITOR))
    page = refused.content.decode()
    assert '<html lang="vi">' in page and "Quá nhiều yêu cầu" in page
    assert "Có quá nhiều yêu cầu từ địa chỉ mạng của bạn. Vui lòng thử lại sau" in page
    # A neighbour at another address is not affected.
    assert client.get("/public/38/", REMOTE_ADDR=NEIGHBOUR).status_code == 200


def test_a_normal_visitor_stays_under_the_default_limits(tree, client):
    for _visit in range(30):
        assert client.get("/public/38/", REMOTE_ADDR=VISITOR).status_code == 200
    for _visit in range(10):
        assert client.get("/public/38/tips/", REMOTE_ADDR=VISITOR).status_code == 200


def test_the_tip_form_and_the_return_with_a_code_are_limited(tree, client, settings):
    settings.ANTQ_RATE_LIMITS = {"tips": "3/5m"}
    for _visit in range(3):
        assert client.get("/public/38/tips/", REMOTE_ADDR=VISITOR).status_code == 200
    _refused_in_vietnamese(client.get("/public/38/tips/follow/", REMOTE_ADDR=VISITOR))
    _refused_in_vietnamese(client.post("/public/38/tips/", {}, REMOTE_ADDR=VISITOR))
    assert client.get("/public/38/tips/", REMOTE_ADDR=NEIGHBOUR).status_code == 200


def test_the_public_tips_api_answers_429_in_json(tree, client, settings):
    settings.ANTQ_RATE_LIMITS = {"tips": "2/5m"}
    for _call in range(2):
        assert client.get("/api/v1/public/tips/challenge", REMOTE_ADDR=VISITOR).status_code == 200
    refused = _refused_in_vietnamese(
        client.get("/api/v1/public/tips/challenge", REMOTE_ADDR=VISITOR)
    )
    assert refused.json()["detail"].startswith("Có quá nhiều yêu cầu từ địa chỉ mạng của bạn")


def test_the_log_in_page_is_limited(tree, client, settings):
    settings.ANTQ_RATE_LIMITS = {"login": "4/5m"}
    for _visit in range(4):
        assert client.get("/accounts/login/", REMOTE_ADDR=VISITOR).status_code == 200
    _refused_in_vietnamese(client.get("/accounts/login/", REMOTE_ADDR=VISITOR))


def test_an_ipv6_household_counts_as_one_address(tree, client, settings):
    settings.ANTQ_RATE_LIMITS = {"public": "2/5m"}
    client.get("/public/38/", REMOTE_ADDR="2001:db8:1:2::10")
    client.get("/public/38/", REMOTE_ADDR="2001:db8:1:2::11")
    _refused_in_vietnamese(client.get("/public/38/", REMOTE_ADDR="2001:db8:1:2:abcd::1"))
    assert client.get("/public/38/", REMOTE_ADDR="2001:db8:1:3::10").status_code == 200


def _everything_stored() -> str:
    """Every row of every table, as text."""
    text = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            text.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(text)


def _everything_cached() -> str:
    local = caches["default"]
    return "\n".join(f"{key} {pickle.loads(value)!r}" for key, value in list(local._cache.items()))


def test_an_anonymous_tip_leaves_no_address_in_the_database_the_cache_or_the_logs(
    tree, client, caplog, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    caplog.set_level(logging.DEBUG)
    data = {
        "province": "38",
        "kind": "drugs",
        "text": "Có người lạ tập kết hàng cấm ở bãi đất trống sau chợ.",
        "place": tree.area.code,
        **work(client),
    }
    sent = client.post(
        "/api/v1/public/tips", data, REMOTE_ADDR=VISITOR, HTTP_X_FORWARDED_FOR=VISITOR
    )
    assert sent.status_code == 201, sent.content
    followed = client.post(
        "/public/38/tips/follow/", {"code": sent.json()["code"]}, REMOTE_ADDR=VISITOR
    )
    assert followed.status_code == 200
    assert Tip.objects.count() == 1
    assert _everything_cached()  # the counters are there ...
    assert VISITOR not in _everything_cached()  # ... under a hash, never the address
    assert VISITOR not in _everything_stored()
    assert not [r for r in caplog.records if VISITOR in r.getMessage()]


def test_the_api_document_declares_the_429_of_the_public_operations(db, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for operation in operations.values():
            assert ("429" in operation["responses"]) == path.startswith("/api/v1/public/"), path
