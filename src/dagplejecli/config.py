"""``dagpleje.toml`` → pydantic models. The one place that knows the file's shape.

Shape errors (unknown key, wrong type, TOML syntax) stop the tool with exit code 2 and name
the key and line. Values that are well-formed but wrong (a 5-digit P-number, a CVR failing
modulus 11, a placeholder) are left for ``validate`` to report, all at once.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from dagplejecli.domain.identifiers import INVISIBLE, nfc
from dagplejecli.domain.shape import Field as F
from dagplejecli.errors import DagplejeError, os_detail
from dagplejecli.limits import (
    MAX_CONFIG_BYTES,
    MAX_CONFIG_NESTING,
    check_input_file,
    check_toml_shape,
)
from dagplejecli.project import CONFIG_NAME as CONFIG_NAME  # re-exported
from dagplejecli.wording import Detail, Place, Said, SaidError

DAGPLEJER_FIELDS = (
    F.ID,
    F.CPR,
    F.FORNAVN,
    F.EFTERNAVN,
    F.NAVN,
    F.ADRESSE,
    F.VEJNAVN,
    F.HUSNR,
    F.POSTNR,
    F.BY,
    F.TELEFON,
    F.EMAIL,
    F.BESKYTTET,
    F.ALIAS_FORNAVN,
    F.ALIAS_EFTERNAVN,
    F.START,
    F.SLUT,
    F.STATUS,
    F.GAEST,
    F.STILLING,
)
CHILD_FIELDS = (
    F.ID,
    F.CPR,
    F.FORNAVN,
    F.EFTERNAVN,
    F.NAVN,
    F.DAGPLEJER,
    F.BESKYTTET,
    F.ALIAS_FORNAVN,
    F.ALIAS_EFTERNAVN,
    F.START,
    F.SLUT,
    F.STATUS,
)
CONTACT_FIELDS = (
    F.BARN,
    F.CPR,
    F.FORNAVN,
    F.EFTERNAVN,
    F.NAVN,
    F.RELATION,
    F.MYNDIGHED,
    F.TELEFON,
    F.EMAIL,
    F.BESKYTTET,
    F.ALIAS_FORNAVN,
    F.ALIAS_EFTERNAVN,
)
MAX_SHEET_ROW = 1_048_576  # a spreadsheet's last row
UNILOGIN_RELATIONS = ("Mor", "Far", "Andet", "Officielt tilknyttet person")
PARENT = "Forælder"  # mapped to Mor/Far by the CPR's last digit


BlankCustody = Literal["nej", "forældre"]  # what a blank custody cell means


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AddressTable(_Strict):
    vejnavn: str | None = None
    husnr: str | None = None
    etage: str | None = None
    doer: str | None = None
    postnr: str | None = None
    by: str | None = None


class AreaValues(_Strict):
    """The values an area has in DTR; each may come from [standard]."""

    daginstitution: str | None = None
    daginstitutionsnummer: str | None = None
    pnummer: str | None = None
    adresse: str | AddressTable | None = None
    email: str | None = None
    telefon: str | None = None


AREA_VALUE_KEYS = (
    "daginstitution",
    "daginstitutionsnummer",
    "pnummer",
    "adresse",
    "email",
    "telefon",
)


class KommuneConfig(_Strict):
    kode: int
    navn: str | None = None
    cvr: str | None = None


class DtrConfig(_Strict):
    ejerform: int = 1
    lovgrundlag: int | str | None = None  # a code; text only as init's placeholder
    insttype: int = 6013
    cvr_udtraek: str | None = None


# The last documented shared import/export namespace (DOMAIN.md §4); STIL's XSD settles it
UNILOGIN_NAMESPACE = "https://unilogin.dk/data"
# What `init` writes for a value only the municipality knows («UDFYLD: …»); validate stops there
PLACEHOLDER = "UDFYLD"


# A namespace is a URI: a scheme, then no spaces, quotes or angle brackets
_NAMESPACE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s\"'<>\\{}|^`]+")


class UniloginConfig(_Strict):
    navnerum: str = UNILOGIN_NAMESPACE  # "" writes no namespace
    kilde: str = "dagpleje"
    rolle: str = "Pædagog"
    trin: str = "DT"  # STIL's day-care level (DOMAIN.md §4)
    vikar_rolle: str = "Vikar"  # a guest carer's Employee Role (DOMAIN.md §4)
    # a child is in the import this many days before its start date (care.py)
    dage_foer_start: int = Field(default=0, ge=0, le=365)
    adgangsniveau: int = 1
    skoleaar: str | None = None
    # PRODUCT.md's name for [roster] tom_myndighed, which is read (Config copies it there)
    tom_foraeldremyndighed: BlankCustody | None = None

    @field_validator("navnerum")
    @classmethod
    def _namespace(cls, v: str) -> str:
        if v and not (v.isascii() and _NAMESPACE.fullmatch(v)):
            raise SaidError(Said("cfg_bad_namespace", {"default": UNILOGIN_NAMESPACE}))
        return v


def _check_fields(mapping: dict[str, str], allowed: tuple[str, ...]) -> dict[str, str]:
    unknown = [k for k in mapping if k not in allowed]
    if unknown:
        fields, known = ", ".join(unknown), ", ".join(allowed)
        raise SaidError(Said("cfg_unknown_field", {"fields": fields, "allowed": known}))
    return mapping


MAX_CONTACT_GROUPS = 20  # contact persons side by side on one row


def _group_number(key: object) -> bool:
    """A contact group's number as written: 1 to MAX_CONTACT_GROUPS, digits without a 0 first."""
    text = str(key)
    return text.isascii() and text.isdigit() and text[0] != "0" and int(text) <= MAX_CONTACT_GROUPS


FIELDS_OF_TABLE = {
    "kolonner": DAGPLEJER_FIELDS,
    "boern_kolonner": CHILD_FIELDS,
    "kontakt_kolonner": CONTACT_FIELDS,
}


class RosterConfig(_Strict):
    # a sheet, or several alike read as one (a sheet per district): roster/joined.py
    ark: str | list[str] | None = None
    boern_ark: str | list[str] | None = None
    kontakt_ark: str | list[str] | None = None
    ignorer_ark: list[str] = Field(default_factory=list)  # sheets that are no part of the roster
    # columns (by header) whose CPR numbers are of no one to register («Søskende CPR»)
    ignorer_kolonner: list[str] = Field(default_factory=list)
    kolonner: dict[str, str] = Field(default_factory=dict)
    boern_kolonner: dict[str, str] = Field(default_factory=dict)
    kontakt_kolonner: dict[str, str] = Field(default_factory=dict)
    # The contact persons side by side on a child's row, by their place among the row's groups
    # (1 = the first, as init numbers them): field → header. A column named here is that
    # group's («Mors mobil» as Forælder 1's telefon); a group left with neither a name nor a
    # CPR number is no person and is not read (DP262 says so).
    kontaktgrupper: dict[int, dict[str, str]] = Field(default_factory=dict)
    relationer: dict[str, str] = Field(default_factory=dict)
    # What a blank custody cell means; unset, a blank is a finding (DP221), never custody.
    tom_myndighed: BlankCustody | None = None
    # A custody column on the child's row (not one per contact) says nothing of whom it is
    # about: "alle" says it is every contact's of that row; unset, it is not used (DP245).
    # "navngivet": the column names who has custody (Mor, Far, or «Fælles» for both), as
    # booking systems write it; a parent it names has custody, the other not (DP258 says it).
    raekke_myndighed: Literal["alle", "navngivet"] | None = None
    # Status words (a cell's text → i_pleje, ikke_i_pleje, tilbudt or orlov), beside the
    # vocabulary's own (care.py)
    status: dict[str, Literal["i_pleje", "ikke_i_pleje", "tilbudt", "orlov"]] = Field(
        default_factory=dict
    )
    # dagplejere (by id) who are guest carers, whatever the roster's columns say
    gaeste: list[str] = Field(default_factory=list)
    # The children's sheet has a row per child and contact person (a booking system's
    # «pladsliste»): its plain Relation, Forældremyndighed, Telefon and E-mail columns are the
    # row's contact's. Unset, the reader decides from the sheet (one contact group, and a child
    # on more than one row); init writes what it decided.
    lang_form: bool | None = None
    # The row of a sheet's headers (1 = the first), instead of the row the reader finds: a
    # number for a roster of one sheet (a CSV), else a table of sheet name → row. init writes
    # what it found.
    overskriftsraekke: int | dict[str, int] | None = None
    # How the children's dagplejer column names her: only this form is read. Unset, each is
    # tried (init writes the one every linked child used).
    henvisning: Literal["id", "cpr", "navn", "id_og_navn"] | None = None
    # A reference in the children's dagplejer column as written (a sheet named «Hanne S.», a
    # nickname) → the id of the dagplejer it means: the user's word, never a guess.
    henvisninger: dict[str, str] = Field(default_factory=dict)

    @field_validator("ark", "boern_ark", "kontakt_ark")
    @classmethod
    def _sheets(cls, v: str | list[str] | None) -> str | list[str] | None:
        """Several sheets as a list of at least one name, none twice."""
        if isinstance(v, list) and (not v or len(set(v)) != len(v)):
            raise SaidError(Said("cfg_sheet_list", {}))
        return v

    @field_validator("kolonner", "boern_kolonner", "kontakt_kolonner")
    @classmethod
    def _known_fields(cls, v: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        return _check_fields(v, FIELDS_OF_TABLE[str(info.field_name)])

    @field_validator("kontaktgrupper", mode="before")
    @classmethod
    def _contact_group_numbers(cls, v: object) -> object:
        """Each group a number 1–20 as written, once: «01» and «1» would be one group."""
        if isinstance(v, dict):
            bad = [str(k) for k in v if not _group_number(k)]
            if bad:
                values = {"keys": ", ".join(bad), "high": MAX_CONTACT_GROUPS}
                raise SaidError(Said("cfg_group_number", values))
        return v

    @field_validator("kontaktgrupper")
    @classmethod
    def _contact_groups(cls, v: dict[int, dict[str, str]]) -> dict[int, dict[str, str]]:
        allowed = tuple(f for f in CONTACT_FIELDS if f != F.BARN)
        seen: set[str] = set()
        for mapping in v.values():
            _check_fields(mapping, allowed)
            for header in mapping.values():
                key = " ".join(header.casefold().split())
                if key in seen:  # one column for two people: which is never a guess
                    raise SaidError(Said("cfg_group_header_twice", {"header": header}))
                seen.add(key)
        return v

    @field_validator("overskriftsraekke")
    @classmethod
    def _header_rows(cls, v: int | dict[str, int] | None) -> int | dict[str, int] | None:
        rows = v.values() if isinstance(v, dict) else [] if v is None else [v]
        if any(not 1 <= row <= MAX_SHEET_ROW for row in rows):
            raise SaidError(Said("cfg_range", {"low": 1, "high": MAX_SHEET_ROW}))
        return v

    @field_validator("relationer")
    @classmethod
    def _relations(cls, v: dict[str, str]) -> dict[str, str]:
        allowed = (*UNILOGIN_RELATIONS, PARENT)
        bad = [k for k, val in v.items() if val not in allowed]
        if bad:
            values = {"values": ", ".join(bad), "allowed": ", ".join(allowed)}
            raise SaidError(Said("cfg_bad_relation", values))
        return v


class OmraadeConfig(AreaValues):
    navn: str
    institutionsnummer: str | None = None
    hvor: dict[str, list[str] | str] = Field(default_factory=dict)
    dagplejere: list[str] = Field(default_factory=list)
    resten: bool = False


class OpdelingConfig(_Strict):
    kolonne: str
    navn: str = "Dagplejen {værdi}"
    institutionsnumre: dict[str, str] = Field(default_factory=dict)


class ReglerConfig(_Strict):
    max_boern: int = Field(default=5, ge=0, le=100)
    max_alder: int = Field(default=3, ge=0, le=18)  # a child this old is a warning (DP209)
    # and this old an error (DP225): no longer a day-care child
    max_alder_fejl: int = Field(default=6, ge=0, le=18)
    # nan would switch the removal guard off (every comparison with it is false)
    max_fjernet_procent: float = Field(default=30.0, ge=0, le=100, allow_inf_nan=False)
    # the largest area may have at most this many times the dagplejere of the smallest (DP120)
    max_forskel: float = Field(default=3.0, gt=1, le=1000, allow_inf_nan=False)


class Config(_Strict):
    kommune: KommuneConfig
    dtr: DtrConfig = Field(default_factory=DtrConfig)
    unilogin: UniloginConfig = Field(default_factory=UniloginConfig)
    roster: RosterConfig = Field(default_factory=RosterConfig)
    standard: AreaValues = Field(default_factory=AreaValues)
    omraade: list[OmraadeConfig] = Field(default_factory=list)
    opdeling: OpdelingConfig | None = None
    regler: ReglerConfig = Field(default_factory=ReglerConfig)

    @model_validator(mode="before")
    @classmethod
    def _one_custody_decision(cls, data: Any) -> Any:
        """``[unilogin] tom_foraeldremyndighed`` is ``[roster] tom_myndighed`` by another name:
        the decision is copied there, and two decisions that differ are refused."""
        if not isinstance(data, dict):
            return data
        unilogin, roster = data.get("unilogin"), data.get("roster")
        if not isinstance(unilogin, dict) or "tom_foraeldremyndighed" not in unilogin:
            return data
        if roster is None:
            roster = {}
        if not isinstance(roster, dict):
            return data  # the roster table's own validation says what is wrong
        given = unilogin["tom_foraeldremyndighed"]
        if given not in get_args(BlankCustody):
            return data  # its own field says what is wrong, once, on its own line
        if roster.setdefault("tom_myndighed", given) != given:
            raise SaidError(Said("cfg_two_custody_decisions", {}))
        return {**data, "roster": roster}


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    """The configuration with where it came from: path, SHA-256 and each key's line."""

    config: Config
    path: Path
    sha256: str
    lines: dict[tuple[str | int, ...], int]

    def line_of(self, *loc: str | int) -> int | None:
        """The line of a key (``"omraade", 1, "pnummer"``), else the first line of a key under it
        (``[roster.kontaktgrupper.1]`` for ``roster.kontaktgrupper``), else the nearest table's
        above it."""
        path = tuple(loc)
        under = [line for key, line in self.lines.items() if key[: len(path)] == path]
        if path and path not in self.lines and under:
            return min(under)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def where(self, *loc: str | int) -> Place:
        """``dagpleje.toml, linje 12: omraade[2].pnummer`` — for messages."""
        key = key_text(loc)
        line = self.line_of(*loc)
        return Place(self.path.name, line, key)


def toml_string(value: str) -> str:
    """A TOML string: JSON's escaping is valid TOML for basic strings, but JSON leaves DEL,
    which TOML forbids, and a lone surrogate cannot be written as UTF-8 at all."""
    text = json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    return text.encode("utf-8", "replace").decode("utf-8") if _SURROGATE.search(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")


def key_text(loc: tuple[str | int, ...]) -> str:
    """``("omraade", 1, "pnummer")`` → ``omraade[2].pnummer`` (areas count from 1, as people do)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_ARRAY_TABLE = re.compile(r"^\s*\[\[\s*([^\[\]]+?)\s*\]\]\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'.æøåÆØÅ ]+?)\s*=")


def _key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Map each table and key to its first line, well enough for messages (not a TOML parser)."""
    lines: dict[tuple[str | int, ...], int] = {}
    counts: dict[str, int] = {}
    current: tuple[str | int, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if m := _ARRAY_TABLE.match(line):
            name = m.group(1).strip()
            index = counts.get(name, -1) + 1
            counts[name] = index
            current = (*name.split("."), index)
            lines.setdefault(current, number)
        elif m := _TABLE.match(line):
            parts = m.group(1).strip().split(".")
            # a sub-table of the latest array element: [omraade.hvor] after [[omraade]]
            head = parts[0]
            current = (head, counts[head], *parts[1:]) if head in counts else tuple(parts)
            lines.setdefault(current, number)
        elif m := _KEY.match(line):
            key = tuple(p.strip().strip("\"'") for p in m.group(1).split("."))
            lines.setdefault((*current, *key), number)
    return lines


def _error_text(err: Any) -> Said | str:
    """A pydantic error as Danish/English text, without echoing the value (it may be a CPR)."""
    kind = err["type"]
    texts = {
        "missing": "cfg_missing",
        "extra_forbidden": "cfg_extra_forbidden",
        "string_type": "cfg_string_type",
        "int_type": "cfg_int_type",
        "int_parsing": "cfg_int_type",
        "int_from_float": "cfg_int_type",
        "float_type": "cfg_float_type",
        "float_parsing": "cfg_float_type",
        "bool_type": "cfg_bool_type",
        "bool_parsing": "cfg_bool_type",
        "list_type": "cfg_list_type",
        "dict_type": "cfg_dict_type",
        "model_type": "cfg_dict_type",
        "model_attributes_type": "cfg_dict_type",
    }
    if kind == "extra_forbidden":
        known = _known_keys(err["loc"][:-1])
        close = difflib.get_close_matches(str(err["loc"][-1]), known, n=1, cutoff=0.7)
        if close:
            return Said("cfg_extra_forbidden_near", {"near": close[0]})
    if kind in texts:
        return Said(texts[kind])
    ctx = err.get("ctx", {})
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high, above = _bounds(err)
        return Said("cfg_range_above" if above else "cfg_range", {"low": low, "high": high})
    if kind == "finite_number":
        return Said("cfg_finite")
    if kind == "literal_error":  # the allowed values are the setting's own words, not input
        expected = str(ctx.get("expected", ""))
        return Said("cfg_literal", {"allowed": expected.replace(" or ", ", ")})
    if kind == "value_error":
        error = ctx.get("error", "")
        return error.said if isinstance(error, SaidError) else str(error)
    return Said("cfg_invalid")


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    """The keys the table at ``loc`` may hold (its model's fields), for a near miss."""
    model: Any = Config
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        found = _model_in(field.annotation)
        if found is None:
            return []
        model = found
    return [field.alias or name for name, field in model.model_fields.items()]


def _model_in(annotation: Any) -> Any:
    """The pydantic model in a field's type (``X``, ``X | None``, ``list[X]``), or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _bounds(err: Any) -> tuple[str, str, bool]:
    """The allowed range of the setting an error is about, from the model's own fields, and
    whether its low end is excluded (``gt``: above it, not at it)."""
    model: Any = Config
    for part in err["loc"]:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field is None:
            break
        ge = le = gt = None
        for meta in field.metadata:
            ge = getattr(meta, "ge", ge)
            le = getattr(meta, "le", le)
            gt = getattr(meta, "gt", gt)
        if ge is not None or le is not None or gt is not None:
            low = ge if gt is None else gt
            return (
                ("?" if low is None else f"{low:g}"),
                ("?" if le is None else f"{le:g}"),
                gt is not None,
            )
        model = field.annotation
    return "?", "?", False


_CONTROL = re.compile("[\x00-\x1f\x7f]")


def _refuse_control_characters(value: Any, loc: tuple[str | int, ...], probe: Any) -> None:
    """No value may hold a control character (written as an escape such as ``\\u0000`` or
    ``\\n``): it would go raw into the registers' files and onto terminals."""
    if isinstance(value, str):
        if _CONTROL.search(value):
            raise DagplejeError(
                "config_control_character", where=probe.where(*loc), hint="config_control_hint"
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_control_characters(item, (*loc, key), probe)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_control_characters(item, (*loc, index), probe)


def _normalised(value: Any, loc: tuple[str | int, ...], probe: Any) -> Any:
    """Every key and text value in NFC (one normalisation at the door: a rule «Åby» matches
    the roster's «Åby» however either was typed); a key with an invisible character (a
    zero-width space, a bidi control) is refused, naming it."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if INVISIBLE.search(key):
                raise DagplejeError(
                    "config_invisible_character",
                    where=probe.where(*loc) if loc else probe.path.name,
                    hint="config_invisible_hint",
                    key=INVISIBLE.sub("", key),
                )
            out[nfc(key)] = _normalised(item, (*loc, key), probe)
        return out
    if isinstance(value, list):
        return [_normalised(item, (*loc, i), probe) for i, item in enumerate(value)]
    return value


def _relevant_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    # pydantic adds union member names ("str", "AddressTable") to the location; drop them.
    members = {"str", "AddressTable", "list[str]", "int", "dict[str,int]"}
    return tuple(p for p in loc if p not in members)


# tomllib's messages (English, and not a stable interface) → what is wrong, said by us; a
# message not listed here is said as a line that cannot be read
_TOML_PROBLEMS = (
    # a Windows path in double quotes: "C:\Users\…" (TOML reads \U and \x as escapes)
    (re.compile(r"^(Unescaped '\\'|Invalid hex value|Invalid escape)"), "backslash"),
    (re.compile(r"^(Illegal character '\\n'|Unterminated string|Expected \"'\")"), "quote"),
    (re.compile(r"^Invalid value"), "unquoted"),
    (re.compile(r"^Cannot (overwrite a value|declare .* twice|mutate)"), "duplicate"),
)
_TOML_PLACE = re.compile(r"\s*\((at line (\d+), column (\d+)|at end of document)\)\s*$")


def toml_syntax_error(message: str, text: str, path: Path) -> DagplejeError:
    """A TOML syntax error in the current language, with its line and column (or the end of
    the file), and for the common mistakes how to fix them."""
    place = _TOML_PLACE.search(message)
    problem = next((kind for pattern, kind in _TOML_PROBLEMS if pattern.search(message)), "other")
    if place is not None and place.group(2):
        line = int(place.group(2))
        at = Said("config_syntax_at", {"line": line, "column": int(place.group(3))})
    else:
        line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        at = Said("config_syntax_at_end", {"line": line})
    return DagplejeError(
        "config_syntax",
        where=Place(path.name, line),
        hint=f"config_syntax_hint_{problem}",
        problem=Said(f"config_syntax_{problem}"),
        place=at,
    )


def parse_config(text: str, path: Path) -> LoadedConfig:
    """Parse and check the configuration's shape. Raises DagplejeError (exit 2) on any error."""
    check_toml_shape(text, path.name)
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise DagplejeError(
            "config_too_deep", where=path.name, hint="config_shape_hint", limit=MAX_CONFIG_NESTING
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise toml_syntax_error(str(exc), text, path) from None
    return _validated(data, text, path)


def _validated(data: dict[str, Any], text: str, path: Path) -> LoadedConfig:
    """The configuration ``data`` (parsed from ``text``) checked; errors name their lines."""
    lines = _key_lines(text)
    probe = LoadedConfig(Config(kommune=KommuneConfig(kode=0)), path, "", lines)
    _refuse_control_characters(data, (), probe)
    data = _normalised(data, (), probe)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        details: list[Detail | str] = []
        seen: set[tuple[str | int, ...]] = set()
        errors = [
            (_relevant_loc(tuple(err["loc"])), err) for err in exc.errors(include_input=False)
        ]
        locs = {loc for loc, _ in errors}
        for loc, err in errors:
            # a union reports a key once per member: a type error of one member beside an
            # error deeper in another («"Børn" = [2, 3]»: not a number, and Børn not one) is
            # said by the deeper one
            union = str(err["type"]).endswith("_type")
            deeper = union and any(o[: len(loc)] == loc and o != loc for o in locs)
            if loc in seen or deeper:
                continue
            seen.add(loc)
            probe = LoadedConfig(Config(kommune=KommuneConfig(kode=0)), path, "", lines)
            details.append(Detail(probe.where(*loc), _error_text(err)))
        raise DagplejeError(
            "config_invalid", where=path.name, hint="config_invalid_hint", details=details
        ) from None
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return LoadedConfig(config, path, sha, lines)


def load_config(path: Path | None) -> LoadedConfig:
    """Read ``path`` (default ``dagpleje.toml`` in the current folder)."""
    target = path or Path(CONFIG_NAME)
    return parse_config(_config_text(target), target)


def roster_decisions(path: Path) -> RosterConfig | None:
    """The ``[roster]`` of a file that holds nothing else — the decisions a message asked for,
    written before the first ``init``, which reads the roster by them (and with ``--ja``
    writes the rest) — else None. A ``[roster]`` that is wrong is the error ``load_config``
    gives."""
    text = _config_text(path)
    check_toml_shape(text, path.name)  # bounded before it is parsed
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    if set(data) != {"roster"}:
        return None
    return _validated({"kommune": {"kode": 0}, **data}, text, path).config.roster


def _config_text(target: Path) -> str:
    """A configuration file's text, read within the limits."""
    if not target.exists():
        raise DagplejeError("config_missing", where=str(target), hint="config_missing_hint")
    if target.is_dir():
        raise DagplejeError("config_is_dir", where=str(target))
    check_input_file(target, "input_config", MAX_CONFIG_BYTES)
    try:
        raw = target.read_bytes()
    except OSError as exc:
        raise DagplejeError("config_unreadable", where=str(target), detail=os_detail(exc)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DagplejeError("config_encoding", where=str(target)) from None
