"""Encryption at rest of the contact details a citizen chooses to leave.

Keys come from the environment variable TIPS_CONTACT_KEYS (comma-separated Fernet keys):
the first encrypts, all decrypt, so a new key is put first and the old kept until rotated.
"""

import base64
import hashlib
import os

from cryptography.fernet import Fernet, MultiFernet

# Development and tests only: a key derived from a public label, NOT secret.
DEV_KEY_LABEL = b"ANTQ DEVELOPMENT ONLY - tips contact key - not secret"


def dev_key() -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(DEV_KEY_LABEL).digest())


def _keys() -> list[bytes]:
    from django.conf import settings

    raw = getattr(settings, "TIPS_CONTACT_KEYS", None) or os.environ.get("TIPS_CONTACT_KEYS", "")
    keys = [k.strip().encode() for k in raw.split(",") if k.strip()]
    return keys or [dev_key()]


def cipher() -> MultiFernet:
    return MultiFernet([Fernet(k) for k in _keys()])


def contact_encrypt(text: str) -> str:
    return cipher().encrypt(text.encode()).decode() if text else ""


def contact_decrypt(token: str) -> str:
    return cipher().decrypt(token.encode()).decode() if token else ""


def contact_rotate(token: str) -> str:
    """Re-encrypt under the first key."""
    return cipher().rotate(token.encode()).decode() if token else ""
