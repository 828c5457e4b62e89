"""What the checks look at, and small helpers to point at configuration keys and people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dagplejecli.config import PLACEHOLDER, LoadedConfig, key_text
from dagplejecli.cvrextract import PUnit
from dagplejecli.domain.shape import Kind
from dagplejecli.findings import Location
from dagplejecli.model import Area, Person, Plan, Roster


def is_placeholder(value: object) -> bool:
    """``init`` writes ``"UDFYLD: …"`` for what only the municipality knows."""
    return isinstance(value, str) and value.strip().upper().startswith(PLACEHOLDER)


@dataclass(slots=True)
class CheckContext:
    config: LoadedConfig
    roster: Roster
    plan: Plan
    today: dt.date = field(default_factory=dt.date.today)
    extract: list[PUnit] | None = None

    _people: list[tuple[Kind, Person, str | None]] | None = None

    @property
    def people(self) -> list[tuple[Kind, Person, str | None]]:
        """(role, person, area) for every dagplejer, child and contact person (built once)."""
        if self._people is None:
            area_of = self.plan.area_of
            people: list[tuple[Kind, Person, str | None]] = [
                (Kind.DAGPLEJER, d, area_of(d.id)) for d in self.roster.dagplejere
            ]
            append = people.append
            for c in self.roster.children:
                area = area_of(c.dagplejer_id)
                append((Kind.BARN, c, area))
                for p in c.contacts:  # a loop, not a generator per child
                    append((Kind.KONTAKT, p, area))
            self._people = people
        return self._people

    def key(self, *loc: str | int) -> Location:
        """A configuration key's location, with its line."""
        return Location(
            file=self.config.path.name, key=key_text(loc), line=self.config.line_of(*loc)
        )

    def area_key(self, area: Area, value: str) -> Location:
        return self.key(*area.sources.get(value, area.loc))


def person(p: Person) -> dict[str, str]:
    """A person's params for a message: the name and the masked CPR (the catalogue shows them
    as ``Anne Jensen (010190-xxxx)`` wherever a message says ``{who}``)."""
    return {"name": p.name, "cpr": p.cpr_masked}
