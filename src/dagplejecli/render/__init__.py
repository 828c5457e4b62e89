"""What people see: the terminal (tables, errors, progress), the validate report, explain, and
the annotated roster."""

from __future__ import annotations

from enum import StrEnum


class OutputFormat(StrEnum):
    """``validate --format``: each has a reporter in ``render.report.REPORTERS``."""

    TEXT = "text"
    JSON = "json"
