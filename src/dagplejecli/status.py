"""Which step of the workflow a folder is at: no config / no plan / plan stale / ready."""

from __future__ import annotations

from pathlib import Path

from dagplejecli.config import CONFIG_NAME
from dagplejecli.errors import DagplejeError
from dagplejecli.messages import ui
from dagplejecli.planfile import PLAN_NAME


def folder_status(folder: Path) -> str:
    """One or two lines for people, saying where this folder stands and what to run next."""
    from dagplejecli.config import load_config
    from dagplejecli.messages import finding_message
    from dagplejecli.pipeline import replan
    from dagplejecli.rules.plan import freshness

    config_path = folder / CONFIG_NAME
    if not config_path.exists():
        return ui("status_no_config")
    try:
        config = load_config(config_path)
    except DagplejeError as exc:
        return ui("status_bad_config", message=exc.message)
    plan_path = folder / PLAN_NAME
    if not plan_path.exists():
        return ui("status_no_plan")
    try:
        saved, planned = replan(config, plan_path, light=True)
    except DagplejeError as exc:
        return ui("status_plan_broken", message=exc.message)
    stale = freshness(saved, planned.roster, planned.plan)
    if stale:
        return ui(
            "status_stale",
            reason=finding_message(stale[0]).rstrip("."),
            roster=saved.roster_path.name,
        )
    return ui("status_ready")
