"""Tracking codes: random, grouped, stored only as a digest; and the rate limits."""

import hashlib
import secrets
import time

from django.core.cache import cache

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on phones
GROUPS, GROUP_LEN = 5, 4  # 20 characters, 100 bits

LOOKUP_FAILURES_PER_MINUTE = 30  # provisional: failed look-ups, all senders together
REPLIES_PER_CODE_PER_HOUR = 20  # provisional


def code_new() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LEN))
    return "-".join(chars[i : i + GROUP_LEN] for i in range(0, len(chars), GROUP_LEN))


def normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch in ALPHABET)


def digest(code: str) -> str:
    return hashlib.sha256(("antq-tip:" + normalise(code)).encode()).hexdigest()


def _bucket(prefix: str, seconds: int) -> str:
    return f"tips:{prefix}:{int(time.time()) // seconds}"


def _incr(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout)
        return 1


def lookups_blocked() -> bool:
    """Guessing is limited by one counter of failures per minute, never per sender."""
    return (cache.get(_bucket("fail", 60)) or 0) >= LOOKUP_FAILURES_PER_MINUTE


def lookup_failed() -> None:
    _incr(_bucket("fail", 60), 120)


def reply_allowed(code_digest: str) -> bool:
    return _incr(_bucket(f"reply:{code_digest}", 3600), 7200) <= REPLIES_PER_CODE_PER_HOUR


def work_target_bits() -> int:
    return 16  # provisional proof-of-work difficulty: ~65,000 SHA-256 on the phone


def work_valid(challenge: str, nonce: str) -> bool:
    """A hashcash-style proof: SHA-256(challenge:nonce) starts with enough zero bits."""
    if not challenge or not nonce or len(nonce) > 32 or len(challenge) > 64:
        return False
    value = int.from_bytes(hashlib.sha256(f"{challenge}:{nonce}".encode()).digest(), "big")
    if value >> (256 - work_target_bits()) != 0:
        return False
    # One use per challenge, and only challenges this server issued recently.
    return (
        cache.delete(f"tips:challenge:{challenge}")
        if cache.get(f"tips:challenge:{challenge}")
        else False
    )


def challenge_new() -> str:
    challenge = secrets.token_hex(16)
    cache.set(f"tips:challenge:{challenge}", 1, 1800)
    return challenge
