"""Per-address limits on the public side: the log-in, the public pages, the citizen's tips.

One mechanism (django-ratelimit's counters in the cache) for every limit. A visitor's address
is never stored: the counter's key is a keyed hash of it (HMAC with the site's secret, so
the key cannot be reversed by hashing all 2^32 addresses), the counter lives one window, and
no log line names the address. The limits are settings with provisional defaults (no rule
sets them): `ANTQ_RATE_LIMITS`, `ANTQ_LOGIN_FAILURES_PER_ADDRESS`,
`ANTQ_LOGIN_FAILURE_MINUTES`.
"""

import ipaddress
import math
import re

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

# Requests per address, by group: "count/period" (s, m, h; e.g. "60/10m").
RATE_LIMITS = {
    "login": "120/5m",  # an office of 30 officers logging in at once uses about 90
    "public": "300/5m",  # a province's published figures
    "tips": "60/10m",  # the tip form, the return with a code, the public tips API
    "tips_places": "300/10m",  # the place search answers as the citizen types
}
LOGIN_FAILURES_PER_ADDRESS = 30  # six accounts' worth of the per-user-name lock-out
LOGIN_FAILURE_MINUTES = 15

# The first matching path decides the group; paths not listed are not limited here.
PUBLIC_PATHS = [
    (re.compile(r"^/accounts/login/$"), "login"),
    (re.compile(r"^/public/[^/]+/tips/places/$"), "tips_places"),
    (re.compile(r"^/public/[^/]+/tips/"), "tips"),
    (re.compile(r"^/api/v1/public/"), "tips"),
    (re.compile(r"^/public/[^/]+/$"), "public"),
]


def client_address(request) -> str:
    """The visitor's address; a whole IPv6 /64 counts as one, as one household gets one."""
    meta = getattr(settings, "ANTQ_CLIENT_ADDRESS_META", "") or "REMOTE_ADDR"
    raw = (request.META.get(meta) or request.META.get("REMOTE_ADDR") or "").split(",")[0]
    try:
        address = ipaddress.ip_address(raw.strip())
    except ValueError:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def address_key(group, request) -> str:
    """The counter's key for the visitor: a keyed hash, never the address itself."""
    return salted_hmac("antq.accounts.throttle", client_address(request)).hexdigest()


def no_address(request) -> None:
    """Axes' address callable: lock by user name only and store no address in its tables."""
    return None


def _rate(group: str) -> str:
    return {**RATE_LIMITS, **getattr(settings, "ANTQ_RATE_LIMITS", {})}[group]


def _usage(request, group: str, rate: str, increment: bool):
    return get_usage(request, group=group, key=address_key, rate=rate, increment=increment)


def too_many_requests(request, retry_after: int, message: str = ""):
    """Answer 429 in the visitor's language, saying when to try again."""
    retry_after = max(int(retry_after), 1)
    minutes = math.ceil(retry_after / 60)
    message = message or _(
        "Too many requests from your network address. Try again in %(minutes)s minutes."
    ) % {"minutes": minutes}
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def request_limited(request) -> int | None:
    """Count the request against its group; return the seconds to wait when over the limit."""
    for pattern, group in PUBLIC_PATHS:
        if pattern.match(request.path):
            usage = _usage(request, f"antq:{group}", _rate(group), increment=True)
            if usage is not None and usage["should_limit"]:
                return usage["time_left"]
            return None
    return None


class PublicRateLimitMiddleware:
    """Refuse with 429 an address that sends a public endpoint more than its limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wait = request_limited(request)
        if wait is not None:
            return too_many_requests(request, wait)
        return self.get_response(request)


def _failure_rate() -> str:
    limit = getattr(settings, "ANTQ_LOGIN_FAILURES_PER_ADDRESS", LOGIN_FAILURES_PER_ADDRESS)
    minutes = getattr(settings, "ANTQ_LOGIN_FAILURE_MINUTES", LOGIN_FAILURE_MINUTES)
    return f"{int(limit)}/{int(minutes)}m"


def login_failures_wait(request) -> int | None:
    """Seconds the address must wait after too many failed log-ins, across all user names."""
    usage = _usage(request, "antq:login-failures", _failure_rate(), increment=False)
    if usage is not None and usage["count"] >= usage["limit"]:
        return usage["time_left"]
    return None


def login_failed(request) -> None:
    _usage(request, "antq:login-failures", _failure_rate(), increment=True)


def login_failures_refusal(request, wait: int):
    minutes = math.ceil(max(wait, 1) / 60)
    return too_many_requests(
        request,
        wait,
        _("Too many failed log-ins from your network address. Try again in %(minutes)s minutes.")
        % {"minutes": minutes},
    )
