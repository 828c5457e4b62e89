"""``eksport/manifest.json``: what the last export held (keyed hashes, no CPR).

Members are HMAC-SHA256 digests under the municipality's secret (``secret.py``, never written
here), so the file says who was exported without naming anyone, and without the secret no one can
test a guessed CPR number against it. The manifest keeps the secret's fingerprint, so that an
export with another secret (lost, or made anew) stops before every derived id changes. The next
export compares with it (``diff.py``): new and removed users per area and, most important for
Aula, dagplejere moved between areas.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from dagplejecli import __version__
from dagplejecli.domain.keyed import ID_VERSION, KeyedDigest
from dagplejecli.domain.values import comparable_text
from dagplejecli.export.unilogin import AreaMembers, child_person_id
from dagplejecli.model import Child, contact_key
from dagplejecli.project import MANIFEST_NAME as MANIFEST_NAME  # re-exported

MANIFEST_VERSION = 2  # 1 kept a salt beside its hashes; 2 uses the secret


class _Hasher:
    """The manifest's hashes under one secret: one function per kind of value, each with its
    HMAC state made once (a national roster's export makes a quarter of a million). A hash
    is the first 32 hex digits of the function's digest."""

    def __init__(self, secret: bytes) -> None:
        digest = KeyedDigest(secret)
        self.dagplejer, self.barn, self.kontakt, self.cpr, self.navn = (
            digest.of_kind(f"manifest-{kind}")
            for kind in ("dagplejer", "barn", "kontakt", "cpr", "navn")
        )


@dataclass(frozen=True, slots=True)
class AreaHashes:
    """An area's users as hashes, made once per export for the manifest and the comparison."""

    members: set[str]  # every user: dagplejere by id, children by LocalPersonId, contacts by key
    dagplejere: dict[str, str]  # dagplejer id → its hash
    contacts: int  # how many distinct contact persons (by contact_key)
    children: list[str]  # each child's hash, in the order of the area's children


def child_hasher(secret: bytes) -> Callable[[str], str]:
    """A child's hash among an area's members by LocalPersonId (as ``area_hashes`` makes it),
    for any number of children under one secret."""
    barn = _Hasher(secret).barn
    return lambda local_person_id: barn(local_person_id)[:32]


def area_hashes(secret: bytes, m: AreaMembers) -> AreaHashes:
    """Every user of an area hashed once: a contact person of two children (one key) once."""
    hashed = _Hasher(secret)
    dagplejere = {d.id: hashed.dagplejer(d.id)[:32] for d in m.dagplejere}
    contacts = {contact_key(child, p) for child, _ in m.children for p in child.contacts}
    children = [hashed.barn(child_person_id(child))[:32] for child, _ in m.children]
    members = set(dagplejere.values())
    members.update(children)
    members.update(hashed.kontakt(key)[:32] for key in contacts)
    return AreaHashes(members, dagplejere, len(contacts), children)


@dataclass(slots=True)
class Manifest:
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def secret_fingerprint(self) -> str | None:
        """The fingerprint of the secret its hashes were made with (None before version 2)."""
        value = self.data.get("hemmelighed")
        return value if isinstance(value, str) else None

    @property
    def unilogin(self) -> dict[str, Any] | None:
        value = self.data.get("unilogin")
        return value if isinstance(value, dict) else None

    def file_set(self, target: str) -> dict[str, str]:
        """The files ``target``'s last export wrote (relative path → SHA-256)."""
        sets = self.data.get("files")
        chosen = sets.get(target) if isinstance(sets, dict) else None
        return {str(k): str(v) for k, v in chosen.items()} if isinstance(chosen, dict) else {}

    def last_source_datetime(self, keys: Iterable[str] | None = None) -> dt.datetime | None:
        """The last Unilogin export's sourceDateTime; with ``keys`` (area keys), the latest of
        those areas' own (Unilogin compares each institution's import with its own last): an
        area recorded without one (an older manifest) has the export's."""
        u = self.unilogin
        if not u:
            return None
        overall = str(u.get("sourceDateTime") or "")
        if keys is None:
            return parse_datetime(overall) if overall else None
        recorded = u.get("areas")
        areas: dict[str, Any] = recorded if isinstance(recorded, dict) else {}
        found = []
        for key in keys:
            area = areas.get(key)
            if isinstance(area, dict):
                own = str(area.get("sourceDateTime") or overall)
                if own:
                    found.append(parse_datetime(own))
        return max(found, default=None)


def parse_datetime(text: str) -> dt.datetime:
    """ISO 8601; a time without offset is taken as local time."""
    value = dt.datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        value = value.astimezone()
    return value


_HEX64 = frozenset("0123456789abcdef")
_TOP_KEYS = frozenset({"version", "id_version", "hemmelighed", "tool_version", "salt", "files"})


def parse_manifest(text: str) -> Manifest:
    """A manifest from its JSON text; ValueError (saying what) when it is not one of the shape
    dagpleje writes. The manifest lies in a folder others may write to: it is input like any
    other, and the files it lists are relative paths inside the export folder only."""
    from dagplejecli.export import Target
    from dagplejecli.files import is_member_path

    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError("JSON") from None
    if not isinstance(data, dict) or type(data.get("version")) is not int:
        raise ValueError("version")
    if not 1 <= data["version"] <= MANIFEST_VERSION:
        raise ValueError("version")
    targets = {t.value for t in Target}
    for key, value in data.items():
        if key in ("hemmelighed", "tool_version", "salt") and not isinstance(value, str):
            raise ValueError(key)
        if key == "id_version" and type(value) is not int:
            raise ValueError(key)
        if key in targets:
            if not isinstance(value, dict) or not isinstance(value.get("time", ""), str):
                raise ValueError(key)
        elif key not in _TOP_KEYS:
            raise ValueError(key)
    sets = data.get("files", {})
    if not isinstance(sets, dict):
        raise ValueError("files")
    for target, files in sets.items():
        if target not in targets or not isinstance(files, dict):
            raise ValueError(f"files.{target}")
        for rel, digest in files.items():
            if not is_member_path(rel):
                raise ValueError(f"files.{target}: {rel!r}")
            if not isinstance(digest, str) or len(digest) != 64 or not set(digest) <= _HEX64:
                raise ValueError(f"files.{target}: {rel!r}")
    return Manifest(data)


def file_digests(files: dict[str, tuple[bytes, bool]]) -> dict[str, str]:
    """Each file of a set (the manifest itself aside) → its SHA-256, hex."""
    return {
        rel: hashlib.sha256(data).hexdigest()
        for rel, (data, _) in sorted(files.items())
        if rel != MANIFEST_NAME
    }


def area_key(m: AreaMembers) -> str:
    """An area is the same area while its institution number is (a new name changes nothing)."""
    return m.area.institution_number or m.area.name


def all_member_hashes(secret: bytes, members: list[AreaMembers]) -> dict[str, AreaHashes]:
    """Area (institution number) → its users' hashes (computed once per export)."""
    return {area_key(m): area_hashes(secret, m) for m in members}


def manifest_bytes(
    previous: Manifest | None,
    fingerprint: str,
    target: str,
    record: dict[str, Any],
    now: dt.datetime,
    files: dict[str, str] | None = None,
) -> bytes:
    """The manifest with ``target``'s part replaced by ``record`` (``fingerprint``: the
    secret's, never the secret) and its set of files by ``files`` (relative path → SHA-256;
    kept apart from the record under ``files``)."""
    data: dict[str, Any] = dict(previous.data) if previous else {}
    # version 1's salt goes: without it, hashes left from then can be tested against nothing
    data.pop("salt", None)
    data.update(
        {
            "version": MANIFEST_VERSION,  # this file's format
            "id_version": ID_VERSION,  # how derived ids are made
            "hemmelighed": fingerprint,
            "tool_version": __version__,
        }
    )
    data[target] = {"time": now.isoformat(), **record}
    if files is not None:
        sets = data.get("files")
        data["files"] = {**(sets if isinstance(sets, dict) else {}), target: files}
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def unilogin_record(
    members: list[AreaMembers], hashes: dict[str, AreaHashes], when: dt.datetime
) -> dict[str, Any]:
    return {
        "sourceDateTime": when.isoformat(),
        "areas": {
            area_key(m): {
                "navn": m.area.name,
                "institutionsnummer": m.area.institution_number,
                "counts": {
                    "dagplejere": len(m.dagplejere),
                    "boern": len(m.children),
                    "kontaktpersoner": hashes[area_key(m)].contacts,
                },
                "members": sorted(hashes[area_key(m)].members),
                "sourceDateTime": when.isoformat(),
            }
            for m in members
        },
        "dagplejere": {
            digest: area_key(m)
            for m in members
            for digest in hashes[area_key(m)].dagplejere.values()
        },
    }


def merge_unilogin_record(
    previous: Manifest | None, record: dict[str, Any], kept: frozenset[str]
) -> dict[str, Any]:
    """``record`` (this export's areas) with the last export's record of the ``kept`` areas,
    which an export of some areas (``--omraade``) leaves as they are: their members, counts,
    sourceDateTime, dagplejere and people stay as last written. The export's own
    sourceDateTime is the latest of any area's."""
    prev = previous.unilogin if previous else None
    if not kept or not prev:
        return record
    recorded = prev.get("areas")
    prev_areas: dict[str, Any] = recorded if isinstance(recorded, dict) else {}
    kept_areas = {k: v for k, v in prev_areas.items() if k in kept and isinstance(v, dict)}
    kept_members = {str(h) for v in kept_areas.values() for h in v.get("members", [])}
    merged = dict(record)
    merged["areas"] = {**kept_areas, **record["areas"]}
    listed_dagplejere = prev.get("dagplejere")
    prev_dagplejere: dict[str, Any] = (
        listed_dagplejere if isinstance(listed_dagplejere, dict) else {}
    )
    merged["dagplejere"] = {
        **{h: a for h, a in prev_dagplejere.items() if a in kept},
        **record["dagplejere"],
    }
    listed = [str(line) for line in prev.get("personer") or []]
    old_people = [line for line in listed if line.split(" ", 1)[0] in kept_members]
    merged["personer"] = sorted({*old_people, *record.get("personer", [])})
    times = [record["sourceDateTime"], str(prev.get("sourceDateTime") or "")]
    merged["sourceDateTime"] = max((t for t in times if t), key=parse_datetime)
    return merged


def former_people(previous: Manifest | None, record: dict[str, Any]) -> list[str]:
    """Everyone an earlier export sent with a LocalPersonId who is not in this one (``record``,
    merged): "hash cpr", the CPR number's digest only. Kept from export to export, so that an
    id given to another person after a gap is still seen (a LocalPersonId is never reused
    for another person, DOMAIN.md §4)."""
    prev = previous.unilogin if previous else None
    if not prev:
        return []
    now = {str(line).split(" ", 1)[0] for line in record.get("personer") or []}
    out: dict[str, str] = {}
    for kind in ("tidligere", "personer"):  # the last export's own wins over older ones
        listed = prev.get(kind)
        for line in listed if isinstance(listed, list) else []:
            parts = str(line).split(" ")
            if len(parts) >= 2 and parts[0] not in now:
                out[parts[0]] = parts[1]
    return sorted(f"{key} {cpr}" for key, cpr in out.items())


def _name_key(child: Child) -> str:
    """Who a child looks like to a person reading the roster: the name with its dagplejer."""
    return f"{comparable_text(child.name)}|{child.dagplejer_id or ''}"


def person_records(
    secret: bytes, members: list[AreaMembers], hashes: dict[str, AreaHashes]
) -> dict[str, str]:
    """Each person with a LocalPersonId, by the person's hash among the members: a digest of
    the CPR it was sent with (never the CPR) and, for a child, of the name with its dagplejer
    and, when the id was derived from the CPR, the id itself (which reveals nothing without the
    secret: it is what to give the child back after a CPR correction), for the next export.
    One text per person, its parts separated by spaces: a manifest holds a national roster."""
    out: dict[str, str] = {}
    hashed = _Hasher(secret)
    for m in members:
        area = hashes[area_key(m)]
        for d in m.dagplejere:
            out[area.dagplejere[d.id]] = hashed.cpr(d.cpr or "")[:32]
        for (child, _), key in zip(m.children, area.children, strict=True):
            parts = [hashed.cpr(child.cpr or "")[:32], hashed.navn(_name_key(child))[:32]]
            if child.id_derived:  # the municipality's own ids are not copied here
                parts.append(child_person_id(child))
            out[key] = " ".join(parts)
    return out
