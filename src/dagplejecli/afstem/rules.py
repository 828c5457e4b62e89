"""The rules of ``afstem``: what the registers hold against the plan (family ``afstemning``).

Declared here (which registers them for ``explain`` and the tests), raised by ``compare.py``
and ``readers``. Severities as the registers make them matter: an error is
something a register will refuse or already holds wrongly, a warning something that costs a
municipality later, an info a difference worth knowing.
"""

from __future__ import annotations

from dagplejecli.findings import STIL_DAGPLEJE, STIL_DTR, STIL_EXPORT, STIL_UNILOGIN, Rule
from dagplejecli.findings import Family as F
from dagplejecli.findings import Severity as S

A = F.RECONCILE

# errors: a register refuses it, or holds it wrongly
DP401 = Rule(
    "DP401", S.ERROR, A, STIL_UNILOGIN, params=("cpr", "id", "name", "role", "theirs")
)  # our LocalPersonId with another CPR
DP402 = Rule(
    "DP402", S.ERROR, A, STIL_UNILOGIN, params=("cpr", "id", "name", "role")
)  # protection differs
DP403 = Rule(
    "DP403", S.ERROR, A, STIL_DAGPLEJE, params=("file", "number", "ours", "theirs")
)  # DTR's P-number is not the configuration's
DP404 = Rule(
    "DP404", S.ERROR, A, STIL_DTR, params=("number",)
)  # a configured number DTR does not know
DP405 = Rule(
    "DP405", S.ERROR, A, STIL_DTR, params=("number", "status")
)  # a configured unit DTR has closed

# warnings: it costs the municipality later
DP410 = Rule(
    "DP410",
    S.WARNING,
    A,
    STIL_EXPORT,
    params=("cpr", "id", "name", "other_id", "role", "source", "user"),
)  # in the plan, not in Unilogin under our source
DP411 = Rule(
    "DP411",
    S.WARNING,
    A,
    STIL_EXPORT,
    params=("cpr", "id", "name", "other_id", "role", "source", "there"),
)  # same CPR under another source or id
DP412 = Rule(
    "DP412", S.WARNING, A, STIL_EXPORT, params=("count", "source")
)  # a second import source feeds the area
DP413 = Rule(
    "DP413", S.WARNING, A, STIL_DAGPLEJE, params=("cpr", "file", "id", "name", "there")
)  # a dagplejer in another area in Unilogin
DP414 = Rule(
    "DP414",
    S.WARNING,
    A,
    STIL_UNILOGIN,
    params=("contact", "contact_cpr", "cpr", "extra", "id", "missing", "name", "role"),
)  # custody or the set of contacts differ
DP415 = Rule(
    "DP415", S.WARNING, A, STIL_EXPORT, params=("last", "loaded", "source")
)  # our import source is old or missing
DP416 = Rule(
    "DP416", S.WARNING, A, STIL_DAGPLEJE, params=("numbers",)
)  # no number, but DTR has a unit of its name
DP417 = Rule(
    "DP417", S.WARNING, A, STIL_DTR, params=("number", "ours", "theirs")
)  # DTR's name, address or InstType differ

# info: worth knowing
DP420 = Rule(
    "DP420", S.INFO, A, STIL_EXPORT, params=("cpr", "id", "name", "user")
)  # ours in Unilogin, not in the plan
DP421 = Rule(
    "DP421",
    S.INFO,
    A,
    STIL_EXPORT,
    params=("cpr", "group", "id", "level", "name", "role", "theirs", "there"),
)  # name, MainGroupId, Level or area differ
DP422 = Rule(
    "DP422", S.INFO, A, STIL_DTR, params=("number", "unit")
)  # active dagpleje units the plan does not have
DP423 = Rule(
    "DP423", S.INFO, A, STIL_DTR, params=("closed", "other")
)  # closed units, other municipalities: left out
DP424 = Rule(
    "DP424", S.INFO, A, STIL_EXPORT, params=("namespace",)
)  # an export read by local names (v6, other)
DP425 = Rule(
    "DP425", S.INFO, A, STIL_EXPORT, params=("files", "number")
)  # a check skipped: what the files do not carry
DP426 = Rule(
    "DP426", S.INFO, A, STIL_EXPORT, params=("number", "unit")
)  # an export of a unit the plan does not have
