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
# our LocalPersonId with another CPR
DP401 = Rule("DP401", S.ERROR, A, STIL_UNILOGIN, params=("cpr", "id", "name", "role", "theirs"))
# protection differs
DP402 = Rule("DP402", S.ERROR, A, STIL_UNILOGIN, params=("cpr", "id", "name", "role"))
# DTR's P-number is not the configuration's
DP403 = Rule("DP403", S.ERROR, A, STIL_DAGPLEJE, params=("file", "number", "ours", "theirs"))
# a configured number DTR does not know
DP404 = Rule("DP404", S.ERROR, A, STIL_DTR, params=("number",))
# a configured unit DTR has closed
DP405 = Rule("DP405", S.ERROR, A, STIL_DTR, params=("number", "status"))

# warnings: it costs the municipality later
# in the plan, not in Unilogin under our source
DP410 = Rule(
    "DP410",
    S.WARNING,
    A,
    STIL_EXPORT,
    params=("cpr", "id", "name", "other_id", "role", "source", "user"),
)
# same CPR under another source or id
DP411 = Rule(
    "DP411",
    S.WARNING,
    A,
    STIL_EXPORT,
    params=("cpr", "id", "name", "other_id", "role", "source", "there"),
)
# a second import source feeds the area
DP412 = Rule("DP412", S.WARNING, A, STIL_EXPORT, params=("count", "source"))
# a dagplejer in another area in Unilogin
DP413 = Rule("DP413", S.WARNING, A, STIL_DAGPLEJE, params=("cpr", "file", "id", "name", "there"))
# custody or the set of contacts differ
DP414 = Rule(
    "DP414",
    S.WARNING,
    A,
    STIL_UNILOGIN,
    params=("contact", "contact_cpr", "cpr", "extra", "id", "missing", "name", "role"),
)
# our import source is old or missing
DP415 = Rule("DP415", S.WARNING, A, STIL_EXPORT, params=("last", "loaded", "source"))
# no number, but DTR has a unit of its name
DP416 = Rule("DP416", S.WARNING, A, STIL_DAGPLEJE, params=("numbers",))
# DTR's name, address or InstType differ
DP417 = Rule("DP417", S.WARNING, A, STIL_DTR, params=("number", "ours", "theirs"))

# info: worth knowing
# ours in Unilogin, not in the plan
DP420 = Rule("DP420", S.INFO, A, STIL_EXPORT, params=("cpr", "id", "name", "user"))
# name, MainGroupId, Level or area differ
DP421 = Rule(
    "DP421",
    S.INFO,
    A,
    STIL_EXPORT,
    params=("cpr", "group", "id", "level", "name", "role", "theirs", "there"),
)
# active dagpleje units the plan does not have
DP422 = Rule("DP422", S.INFO, A, STIL_DTR, params=("number", "unit"))
# closed units, other municipalities: left out
DP423 = Rule("DP423", S.INFO, A, STIL_DTR, params=("closed", "other"))
# an export read by local names (v6, other)
DP424 = Rule("DP424", S.INFO, A, STIL_EXPORT, params=("namespace",))
# a check skipped: what the files do not carry
DP425 = Rule("DP425", S.INFO, A, STIL_EXPORT, params=("files", "number"))
# an export of a unit the plan does not have
DP426 = Rule("DP426", S.INFO, A, STIL_EXPORT, params=("number", "unit"))
