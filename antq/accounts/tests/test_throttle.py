"""The log-in throttled per address as well as per user name: an attack spread over many
accounts from one address meets a limit; an office logging in from one address does not."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache

from antq.accounts.services import account_create
from antq.core.roles import Role
from conftest import PASSWORD

OFFICE = "203.0.113.10"
ATTACKER = "198.51.100.66"


@pytest.fixture(autouse=True)
def _clean_cache():
    """A clean cache, and a still clock so no counting window ends in the middle of a test."""
    cache.clear()
    with time_machine.travel(datetime(2026, 10, 5, 1, 0, 7, tzinfo=UTC), tick=False):
        yield
    cache.clear()


@pytest.fixture
def officers(tree):
    return [
        account_create(
            actor=None,
            username=f"canbo{n:02d}",
            unit=tree.commune,
            roles=[Role.COMMUNE_OFFICER],
            password=PASSWORD,
        )
        for n in range(30)
    ]


def _login(client, username, password, address):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_150_failures_across_30_accounts_from_one_address_are_throttled(
    officers, client, django_user_model
):
    responses = [
        _login(client, officer.username, f"doan-sai-{attempt}", ATTACKER)
        for attempt in range(5)
        for officer in officers
    ]
    answers = [response.status_code for response in responses]
    # The address meets the throttle after 30 failures, before any account is locked.
    assert answers[:30] == [200] * 30
    assert set(answers[30:]) == {429}
    refused = responses[30]
    assert 0 < int(refused["Retry-After"]) <= 15 * 60
    assert "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng của bạn" in refused.content.decode()
    # Even the right password waits.
    assert _login(client, officers[0].username, PASSWORD, ATTACKER).status_code == 429
    assert "_auth_user_id" not in client.session
    # The throttle stopped the guessing: no account reached its own lock-out, and another
    # address logs in as usual.
    assert _login(client.__class__(), officers[5].username, PASSWORD, OFFICE).status_code == 302


def test_an_office_logging_in_from_one_address_is_not_blocked(officers, client):
    for n, officer in enumerate(officers):
        browser = client.__class__()
        assert browser.get("/accounts/login/", REMOTE_ADDR=OFFICE).status_code == 200
        if n % 3 == 0:  # a third of the office mistypes once
            assert _login(browser, officer.username, "go-nham", OFFICE).status_code == 200
        assert _login(browser, officer.username, PASSWORD, OFFICE).status_code == 302
    # and again after lunch
    for officer in officers[:10]:
        assert _login(client.__class__(), officer.username, PASSWORD, OFFICE).status_code == 302


def test_the_per_user_name_lock_out_still_holds(officers, client):
    target = officers[0]
    for _attempt in range(4):
        assert _login(client, target.username, "sai", ATTACKER).status_code == 200
    assert _login(client, target.username, "sai", ATTACKER).status_code == 429
    assert _login(client, target.username, PASSWORD, OFFICE).status_code == 429


def test_the_failure_limit_is_a_setting(officers, client, settings):
    settings.ANTQ_LOGIN_FAILURES_PER_ADDRESS = 3
    for officer in officers[:3]:
        assert _login(client, officer.username, "sai", ATTACKER).status_code == 200
    assert _login(client, officers[3].username, PASSWORD, ATTACKER).status_code == 429


def test_axes_stores_no_address(officers, client):
    from axes.models import AccessAttempt, AccessLog

    _login(client, officers[0].username, "sai", ATTACKER)
    _login(client.__class__(), officers[1].username, PASSWORD, OFFICE)
    assert AccessAttempt.objects.count() == 1
    assert not AccessAttempt.objects.exclude(ip_address=None).exists()
    assert not AccessLog.objects.exclude(ip_address=None).exists()
