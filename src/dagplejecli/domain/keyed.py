"""Keyed digests: ids and hashes that only the holder of the municipality's secret can make.

A plain hash of a CPR number is no protection (a birth date leaves 10,000 endings to try), so
every id derived from a person and every hash in the manifest is an HMAC-SHA256 with the secret
(``secret.py`` keeps it next to the configuration). Pure: the secret is passed in.
"""

from __future__ import annotations

import hashlib
import hmac

# How ids derived from a person are made (``roster/link.py``: «B-» and the first 16 hex digits
# of keyed_digest(secret, "barn", CPR)); the manifest records it, and it goes up if that ever
# changes, because every such child would become a new user in Unilogin.
ID_VERSION = 1


def keyed_digest(secret: bytes, kind: str, value: str) -> str:
    """HMAC-SHA256 of ``kind|value`` under ``secret``, as hex (``kind`` separates the uses)."""
    return hmac.digest(secret, f"{kind}|{value}".encode(), hashlib.sha256).hex()


class KeyedDigest:
    """``keyed_digest`` for many values under one secret: the key's HMAC state is made once
    and copied for each value (a national roster's export makes a quarter of a million)."""

    def __init__(self, secret: bytes) -> None:
        self._start = hmac.new(secret, digestmod=hashlib.sha256)

    def __call__(self, kind: str, value: str) -> str:
        h = self._start.copy()
        h.update(f"{kind}|{value}".encode())
        return h.hexdigest()


def secret_fingerprint(secret: bytes) -> str:
    """What the manifest keeps to know the secret again: a digest of a fixed text, which says
    nothing about the secret but differs for every other one."""
    return keyed_digest(secret, "fingerprint", "dagpleje")[:16]
