"""One project folder, defined once: where a configuration's plan, exports, secret, lock and
manifest live. Every command asks a ``Project`` instead of joining paths of its own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "dagpleje.toml"
PLAN_NAME = "dagpleje-plan.xlsx"
EXPORT_FOLDER = "eksport"
MANIFEST_NAME = "manifest.json"
SECRET_NAME = "dagpleje-hemmelighed.txt"


@dataclass(frozen=True, slots=True)
class Project:
    """The folder of a configuration and the files that belong to it. ``config`` need not
    exist yet (``init`` writes it)."""

    config: Path

    @classmethod
    def of(cls, config: Path | None) -> Project:
        """The project of ``--config`` (default: ``dagpleje.toml`` in the current folder)."""
        return cls(config if config is not None else Path(CONFIG_NAME))

    @property
    def folder(self) -> Path:
        return self.config.parent

    @property
    def plan(self) -> Path:
        """The plan beside the configuration (``--plan`` may name another)."""
        return self.folder / PLAN_NAME

    @property
    def export_dir(self) -> Path:
        """The export folder beside the configuration (``--out`` may name another)."""
        return self.folder / EXPORT_FOLDER

    def plan_path(self, given: Path | None = None) -> Path:
        """The plan to read or write: ``given`` (``--plan``, ``plan --out``), else the one
        beside the configuration."""
        return given if given is not None else self.plan

    def export_path(self, given: Path | None = None) -> Path:
        """The export folder: ``given`` (``export --out``), else the one beside the
        configuration."""
        return given if given is not None else self.export_dir

    @property
    def manifest(self) -> Path:
        """The last export's manifest in the default export folder."""
        return self.export_dir / MANIFEST_NAME

    @property
    def secret(self) -> Path:
        return self.folder / SECRET_NAME
