"""Keyed digests: ids and hashes that only the holder of the municipality's secret can make.

A plain hash of a CPR number is no protection (a birth date leaves 10,000 endings to try), so
every id derived from a person and every hash in the manifest is an HMAC-SHA256 with the secret
(``secret.py`` keeps it next to the configuration). Pure: the secret is passed in.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

# How ids derived from a person are made (``roster/link.py``: «B-» and the first 16 hex digits
# of keyed_digest(secret, "barn", CPR)); the manifest records it, and it goes up if that ever
# changes, because every such child would become a new user in Unilogin.
ID_VERSION = 1


def keyed_digest(secret: bytes, kind: str, value: str) -> str:
    """HMAC-SHA256 of ``kind|value`` under ``secret``, as hex (``kind`` separates the uses)."""
    return hmac.digest(secret, f"{kind}|{value}".encode(), hashlib.sha256).hex()


# HMAC's pads (RFC 2104) as translation tables, as the standard library's hmac has them
_INNER_PAD = bytes(x ^ 0x36 for x in range(256))
_OUTER_PAD = bytes(x ^ 0x5C for x in range(256))


class KeyedDigest:
    """``keyed_digest`` for many values under one secret (a national roster's export makes a
    quarter of a million): HMAC-SHA256 as RFC 2104 defines it, with the key's inner and outer
    SHA-256 states made once and copied for each value. The copies are hashlib's, in C;
    ``hmac``'s own ``copy`` makes a Python object each time, which took twice as long."""

    def __init__(self, secret: bytes) -> None:
        block = hashlib.sha256().block_size
        key = hashlib.sha256(secret).digest() if len(secret) > block else secret
        key = key.ljust(block, b"\0")
        self._inner = hashlib.sha256(key.translate(_INNER_PAD))
        self._outer = hashlib.sha256(key.translate(_OUTER_PAD))

    def __call__(self, kind: str, value: str) -> str:
        inner = self._inner.copy()
        inner.update(f"{kind}|{value}".encode())
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()

    def of_kind(self, kind: str) -> Callable[[str], str]:
        """``self(kind, value)`` as a function of ``value`` alone, for many values of one
        kind: the inner state has read ``kind|`` once, so each value adds only its own bytes
        (and no text is formatted for it)."""
        prefixed = self._inner.copy()
        prefixed.update(f"{kind}|".encode())
        outer_state = self._outer

        def digest(value: str) -> str:
            inner = prefixed.copy()
            inner.update(value.encode())
            outer = outer_state.copy()
            outer.update(inner.digest())
            return outer.hexdigest()

        return digest


def secret_fingerprint(secret: bytes) -> str:
    """What the manifest keeps to know the secret again: a digest of a fixed text, which says
    nothing about the secret but differs for every other one."""
    return keyed_digest(secret, "fingerprint", "dagpleje")[:16]
