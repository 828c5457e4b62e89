"""Benchmark: dagpleje against the cost of merely reading the roster, as whole processes.

    make bench                      # 10,000 dagplejere and 400 dagplejere
    python benchmarks/run.py --dagplejere 2000 --repeat 1

On one generated roster it times (median of --repeat runs, each a fresh process, with its peak
memory): a bare python-calamine read of every sheet (the floor), an openpyxl read-only read
(what a user's own script would do), and ``dagpleje plan``, ``validate`` and
``export --target unilogin``. It prints a table with the ratios to the floor and writes it,
with a description of the machine, to ``benchmarks/results.md``.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
PYTHON = sys.executable


def dagpleje(python: str) -> list[str]:
    """The tool as run by ``python`` (this checkout's, or another's with --before)."""
    return [python, "-m", "dagplejecli"]


DAGPLEJE = dagpleje(PYTHON)

FLOOR = """
import sys
from python_calamine import CalamineWorkbook
wb = CalamineWorkbook.from_path(sys.argv[1])
rows = sum(len(wb.get_sheet_by_name(n).to_python(skip_empty_area=False)) for n in wb.sheet_names)
print(rows)
"""
OPENPYXL = """
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1], read_only=True, data_only=True)
rows = sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))
print(rows)
"""
DOOR = """
import sys
from pathlib import Path
from dagplejecli.formats.sheets import read_sheets
print(sum(len(s.rows) for s in read_sheets(Path(sys.argv[1]))))
"""
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "peak_kb": peak, "code": done.returncode, "err": done.stderr.decode()[-500:]}))
"""


def measure(cmd: list[str], cwd: Path, repeat: int) -> dict[str, float]:
    """Median wall time and the largest peak memory over ``repeat`` fresh processes."""
    walls, peaks = [], []
    for _ in range(repeat):
        out = subprocess.run(
            [PYTHON, "-c", MEASURE, *cmd], cwd=cwd, capture_output=True, text=True, check=True
        )
        result = json.loads(out.stdout)
        if result["code"] not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({result['code']}): {result['err']}")
        walls.append(result["wall"])
        peaks.append(result["peak_kb"])
    return {"wall": statistics.median(walls), "peak_mb": max(peaks) / 1024}


def make_roster(n: int) -> Path:
    """The examples generator at size ``n`` (cached in benchmarks/data/)."""
    sys.path.insert(0, str(ROOT / "examples"))
    from make_roster import generate, write_xlsx

    DATA.mkdir(exist_ok=True)
    path = DATA / f"roster-{n}.xlsx"
    if not path.exists():
        write_xlsx(path, generate(n, seed=n))
    return path


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{memory}; "
        f"Python {platform.python_version()}"
    )


def people(work: Path) -> dict[str, int]:
    """How many people the roster holds, as ``dagpleje validate`` counted them."""
    out = subprocess.run(
        [*DAGPLEJE, "validate", "--format", "json"], cwd=work, capture_output=True, text=True
    )
    stats = json.loads(out.stdout)["stats"]
    return {k: int(stats[k]) for k in ("dagplejere", "boern", "kontaktpersoner")}


def example_config(python: str) -> Path:
    """The example configuration of the checkout ``python`` belongs to (CHECKOUT/.venv/bin/
    python), so that an older version reads a configuration it knows; else this one's."""
    theirs = Path(python).parents[2] / "examples" / "dagpleje.toml"
    return theirs if python != PYTHON and theirs.exists() else ROOT / "examples" / "dagpleje.toml"


# Every command reads the roster through this door: the limits of issue 26 checked on the
# file's bytes (formats/bounded.py), then calamine, then NFC; what the commands add is theirs.
DOOR_STEP = "the reading door: limits checked, then calamine (read_sheets)"

Timing = dict[str, float]
Row = tuple[str, Timing, Timing | None]  # step, this checkout, the tool given with --before

STEPS = {
    "dagpleje plan": ["plan", "roster.xlsx", "-q"],
    "dagpleje validate": ["validate", "-q"],
    # a new output folder each time: an export never repeats the same sourceDateTime
    "dagpleje export --target unilogin": ["export", "--target", "unilogin", "-q", "--out", "ud"],
}


def run_size(
    n: int, repeat: int, full: bool, before: str | None
) -> tuple[list[Row], dict[str, int]]:
    """Every step at size ``n``; with ``before`` (another Python with dagpleje installed) each
    step runs with both tools in turn, each in a folder of its own."""
    roster = make_roster(n)
    sides = [PYTHON] if before is None else [PYTHON, before]
    folders = {python: Path(tempfile.mkdtemp(prefix="dagpleje-bench-")) for python in sides}
    try:
        for python, folder in folders.items():
            shutil.copy(roster, folder / "roster.xlsx")
            shutil.copy(example_config(python), folder / "dagpleje.toml")
        work = folders[PYTHON]
        floor_cmd = [PYTHON, "-c", FLOOR, "roster.xlsx"]
        floors: list[float] = []

        def paired(commands: dict[str, tuple[list[str], Path]]) -> dict[str, Timing]:
            """Each command run ``repeat`` times, each time right after a bare read: the ratio
            of a run to the read just before it sees the same machine (medians of both)."""
            walls: dict[str, list[float]] = {k: [] for k in commands}
            peaks: dict[str, list[float]] = {k: [] for k in commands}
            ratios: dict[str, list[float]] = {k: [] for k in commands}
            for _ in range(repeat):
                bare = measure(floor_cmd, work, 1)["wall"]
                floors.append(bare)
                for key, (cmd, cwd) in commands.items():  # in turn: all see the same machine
                    shutil.rmtree(cwd / "ud", ignore_errors=True)
                    m = measure(cmd, cwd, 1)
                    walls[key].append(m["wall"])
                    peaks[key].append(m["peak_mb"])
                    ratios[key].append(m["wall"] / bare)
            return {
                k: {
                    "wall": statistics.median(walls[k]),
                    "peak_mb": max(peaks[k]),
                    "ratio": statistics.median(ratios[k]),
                }
                for k in commands
            }

        floor = measure(floor_cmd, work, 1)  # its peak memory; its time is the pairs' median
        rows: list[Row] = [("calamine: read all sheets (floor)", floor, None)]
        reads = {DOOR_STEP: ([PYTHON, "-c", DOOR, "roster.xlsx"], work)}
        if full:
            openpyxl = [PYTHON, "-c", OPENPYXL, "roster.xlsx"]
            reads["openpyxl read-only: read all sheets"] = (openpyxl, work)
        for name, got in paired(reads).items():
            rows.append((name, got, None))
        for name, args in STEPS.items():
            both = paired({p: ([*dagpleje(p), *args], folders[p]) for p in sides})
            rows.append((name, both[PYTHON], both[before] if before else None))
        floor["wall"] = statistics.median(floors)
        floor["ratio"] = 1.0
        return rows, people(work)
    finally:
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)


def table(title: str, rows: list[Row], counts: dict[str, int]) -> list[str]:
    compared = any(before for _, _, before in rows)
    out = [
        f"### {title}",
        "",
        f"{counts['dagplejere']:,} dagplejere, {counts['boern']:,} children and "
        f"{counts['kontaktpersoner']:,} contact persons.",
        "",
    ]
    if compared:
        out += [
            "| step | before (s) | after (s) | after ÷ before | × floor, before → after | peak memory (MiB), before → after |",
            "|---|---:|---:|---:|---:|---:|",
        ]
    else:
        out += ["| step | wall time (s) | × floor | peak memory (MiB) |", "|---|---:|---:|---:|"]
    for name, m, b in rows:
        if compared and b:
            out.append(
                f"| {name} | {b['wall']:.2f} | {m['wall']:.2f} | {m['wall'] / b['wall']:.2f} | "
                f"{b['ratio']:.1f} → {m['ratio']:.1f} | {b['peak_mb']:.0f} → {m['peak_mb']:.0f} |"
            )
        elif compared:
            out.append(f"| {name} | | {m['wall']:.2f} | | {m['ratio']:.1f} | {m['peak_mb']:.0f} |")
        else:
            out.append(f"| {name} | {m['wall']:.2f} | {m['ratio']:.1f} | {m['peak_mb']:.0f} |")
    return [*out, ""]


def commit() -> str:
    """The commit measured (with a note when the checkout has changes not committed)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown (git not found)"
    return f"{head or 'unknown'}{' with changes not committed' if dirty else ''}"


def verdicts(
    big: dict[str, dict[str, float]],
    small: dict[str, dict[str, float]],
    speedup: float,
    help_wall: float,
    small_size: int,
) -> list[tuple[str, str, bool]]:
    """Each target (issue 25) with what was measured against it."""
    out = [("`plan` ≥ 5× faster than openpyxl read-only", f"{speedup:.1f}×", speedup >= 5)]
    # export also writes every person twice (the XML and brugere.xlsx), hence its wider bound
    for step, limit in (("plan", 2.5), ("validate", 3), ("export --target unilogin", 6)):
        ratio = big[f"dagpleje {step}"]["ratio"]
        out.append(
            (f"`{step}` within {limit}× of the calamine read", f"{ratio:.1f}×", ratio <= limit)
        )
    peak = max(m["peak_mb"] for m in big.values())
    out.append(("peak memory under 1 GiB", f"{peak:.0f} MiB", peak < 1024))
    for step in ("plan", "validate", "export --target unilogin"):
        wall = small[f"dagpleje {step}"]["wall"]
        out.append((f"{small_size} dagplejere: `{step}` under 0.5 s", f"{wall:.2f} s", wall < 0.5))
    out.append(("`dagpleje --help` under 0.3 s", f"{help_wall:.2f} s", help_wall < 0.3))
    return out


def budget(
    big: dict[str, dict[str, float]], small: dict[str, dict[str, float]], small_size: int
) -> list[tuple[str, str, bool]]:
    """The speed budget issues 20, 21 and 26 share, with what was measured against it."""
    out = []
    for step, limit in (("plan", 3), ("validate", 3), ("export --target unilogin", 6)):
        ratio = big[f"dagpleje {step}"]["ratio"]
        out.append(
            (f"`{step}` within {limit}× of the calamine read", f"{ratio:.1f}×", ratio <= limit)
        )
    slowest = max(small[f"dagpleje {s}"]["wall"] for s in ("plan", "validate"))
    slowest = max(slowest, small["dagpleje export --target unilogin"]["wall"])
    out.append(
        (f"{small_size} dagplejere: every command under 1 s", f"{slowest:.2f} s", slowest < 1)
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dagplejere", type=int, default=10000)
    parser.add_argument("--small", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument(
        "--before",
        metavar="PYTHON",
        help="also time the dagpleje installed for this Python (e.g. an older checkout's "
        ".venv/bin/python), each step in turn with this one",
    )
    parser.add_argument("--before-label", help="how to name --before in the results")
    args = parser.parse_args()

    # An installed tool runs from compiled bytecode (pip compiles it at install time). An
    # editable install compiles on first use, unless PYTHONDONTWRITEBYTECODE is set, as on some
    # machines: then every run would compile the source again. Compile it once, up front.
    compileall.compile_dir(str(ROOT / "src" / "dagplejecli"), quiet=1)
    # Likewise the checked copy of the message catalogue that an installed tool keeps beside
    # its bytecode from its first run (messages/catalogue.py): made once, up front.
    for python in filter(None, (PYTHON, args.before)):
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run([python, "-c", "import dagplejecli.messages"], env=env, check=False)
    big, big_counts = run_size(args.dagplejere, args.repeat, True, args.before)
    small, small_counts = run_size(args.small, args.repeat, False, args.before)
    help_time = measure([*DAGPLEJE, "--help"], ROOT, args.repeat)
    timings = {name: m for name, m, _ in big}
    speedup = (
        timings["openpyxl read-only: read all sheets"]["wall"] / timings["dagpleje plan"]["wall"]
    )
    small_timings = {name: m for name, m, _ in small}
    targets = verdicts(timings, small_timings, speedup, help_time["wall"], args.small)
    compared = (
        [f"Before: {args.before_label or args.before}, run in turn with this checkout's.", ""]
        if args.before
        else []
    )
    lines = [
        "# Benchmark results",
        "",
        f"Commit: {commit()}. Machine: {machine()}.",
        f"Each number is the median of {args.repeat} runs, each a fresh process (Python start-up included),",
        "and each run follows a bare calamine read of its own: a × floor is the median of those pairs,",
        "so that a run and its read see the same machine;",
        "peak memory is the largest resident set of the process. The package's bytecode is compiled",
        "first, and the message catalogue's checked copy made, as for an installed tool that has",
        "run once. Made by `make bench` (`benchmarks/run.py`).",
        "",
        *compared,
        *table(f"{args.dagplejere:,} dagplejere", big, big_counts),
        f"`dagpleje plan` is {speedup:.1f}× faster than the openpyxl read-only read alone.",
        "",
        *table(f"{args.small} dagplejere", small, small_counts),
        f"`dagpleje --help`: {help_time['wall']:.2f} s.",
        "",
        "### Targets (issue 25)",
        "",
        "| target | measured | met |",
        "|---|---|---|",
        *(f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, value, ok in targets),
        "",
        "### Speed budget (issues 20, 21 and 26)",
        "",
        "| target | measured | met |",
        "|---|---|---|",
        *(
            f"| {name} | {value} | {'yes' if ok else '**no**'} |"
            for name, value, ok in budget(timings, small_timings, args.small)
        ),
        "",
        f"Every command first reads the roster through the reading door, which alone takes "
        f"{timings[DOOR_STEP]['ratio']:.1f}× "
        "the calamine read.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
