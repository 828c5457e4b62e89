"""Benchmark of ``dagpleje afstem`` on a municipality: whole processes, median of --repeat.

    python benchmarks/afstem.py                       # 400 dagplejere, --repeat 5

The roster is the examples generator's; the four areas are the example configuration's. The
register files are synthetic (tests/registers.py, from DOMAIN.md §8): each area's v7 full export
as if our last import were loaded (two bare, two in their SOAP answer, one with a few people of
a second source), and a country-sized DTR Anvisningsenhed export (5,000 units). It times
``dagpleje validate`` (the same reading and planning, the baseline) and ``dagpleje afstem``.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "examples"))


def build(folder: Path, n: int) -> list[str]:
    """The project and the register files in ``folder``; the afstem arguments."""
    from make_registers import WHEN, XPerson, area_unit, dtr_csv, dtr_unit, export_xml, persons_of
    from make_roster import generate, write_xlsx

    from dagplejecli.export.unilogin import members_by_area
    from dagplejecli.pipeline import plan_roster, validate_project
    from dagplejecli.planfile import write_plan

    write_xlsx(folder / "roster.xlsx", generate(n, seed=n))
    shutil.copy(ROOT / "examples" / "dagpleje.toml", folder / "dagpleje.toml")
    planned = plan_roster(folder / "roster.xlsx", folder / "dagpleje.toml")
    write_plan(folder / "dagpleje-plan.xlsx", planned.plan, planned.roster, planned.config)
    full = validate_project(folder / "dagpleje.toml", folder / "dagpleje-plan.xlsx").planned
    args: list[str] = []
    for i, m in enumerate(members_by_area(full.plan, full.roster)):
        people = persons_of(m, full.config.config)
        sources = [("dagpleje", WHEN)]
        if i == 0:
            people += [
                XPerson(f"X{k}", "Anna", f"Andersen{k}", "", "employee", "booking")
                for k in range(5)
            ]
            sources.append(("booking", WHEN))
        path = folder / f"unilogin-{m.area.institution_number}.xml"
        path.write_bytes(
            export_xml(m.area.institution_number, people, sources=sources, soap=i % 2 == 1)
        )
        args += ["--unilogin", path.name]
    units = [area_unit(a) for a in full.plan.areas]
    units += [
        dtr_unit(f"ZZ{k:04d}", f"Børnehuset {k}", kommuneKode=str(101 + k % 97), instType3="6011")
        for k in range(5000)
    ]
    (folder / "anvisningsenheder.csv").write_bytes(dtr_csv(units))
    return [*args, "--dtr", "anvisningsenheder.csv"]


def timed(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of ``repeat`` fresh processes:
    on a shared machine the CPU time says more than the wall time about the work itself."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr}")
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dagplejere", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        args = build(folder, options.dagplejere)
        tool = [sys.executable, "-m", "dagplejecli"]
        check = subprocess.run(
            [*tool, "validate", "--format", "json"], cwd=folder, capture_output=True, text=True
        )
        stats = json.loads(check.stdout)["stats"]
        sizes = sum((folder / a).stat().st_size for a in args if a.endswith((".xml", ".csv")))
        compileall.compile_dir(ROOT / "src", quiet=1)  # as an installed tool has its bytecode
        # and the message catalogue's checked copy, kept from its first run
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run([sys.executable, "-c", "import dagplejecli.messages"], env=env, check=False)
        timings = {
            "dagpleje --help": timed([*tool, "--help"], folder, options.repeat),
            "dagpleje validate": timed([*tool, "validate"], folder, options.repeat),
            "dagpleje afstem": timed([*tool, "afstem", *args], folder, options.repeat),
        }
        print(
            f"{stats['dagplejere']} dagplejere, {stats['boern']} børn, "
            f"{stats['kontaktpersoner']} kontaktpersoner; {len(args) // 2} registerfiler, "
            f"{sizes / 1024 / 1024:.1f} MB"
        )
        print(f"median of {options.repeat} fresh processes: wall s, CPU s (user + system)")
        for name, (wall, cpu) in timings.items():
            print(f"  {name:<20} {wall:5.2f}  {cpu:5.2f}")
        print(f"load average (1 min) after: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
