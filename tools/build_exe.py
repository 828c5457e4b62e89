"""Build one executable file of dagpleje for the system this runs on, with PyInstaller.

For desktops without Python: ``dist/dagpleje`` (``dist\\dagpleje.exe`` on Windows) holds
Python, dagpleje and its dependencies. ``make exe`` runs this in its own environment and then
``tests_exe/`` against the file; on Windows and macOS the CI workflow does the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    import PyInstaller.__main__

    entry = ROOT / "build" / "dagpleje_entry.py"
    entry.parent.mkdir(exist_ok=True)
    entry.write_text("from dagplejecli.cli import main\n\nmain()\n", encoding="utf-8")
    PyInstaller.__main__.run(
        [
            str(entry),
            "--onefile",
            "--name",
            "dagpleje",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(ROOT / "dist"),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            "--specpath",
            str(ROOT / "build"),
            # the commands import their work inside the function, and the list of
            # municipalities is a data file: take the whole package and its data
            "--collect-submodules",
            "dagplejecli",
            "--collect-data",
            "dagplejecli",
            "--collect-submodules",
            "rich",
            "--collect-data",
            "python_calamine",
        ]
    )
    built = ROOT / "dist" / ("dagpleje.exe" if sys.platform == "win32" else "dagpleje")
    print(f"built {built}")


if __name__ == "__main__":
    main()
