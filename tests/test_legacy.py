"""What dagpleje 0.1.0 left after a kill is made good; it is looked for only where 0.1.0
wrote (the export folder, ``dtr/`` and ``unilogin/``), never in a walk of the whole tree."""

from __future__ import annotations

from pathlib import Path

from dagplejecli.files.legacy import legacy_leftovers, remove_legacy
from dagplejecli.files.recovery import needs_recovery


def test_legacy_leftovers_are_found_where_0_1_0_wrote_only(tmp_path: Path) -> None:
    root = tmp_path / "eksport"
    deep = root / "arkiv" / "2025"
    deep.mkdir(parents=True)
    (deep / ".AB0001.xml.bak").write_text("a user's own copy")
    (root / "unilogin").mkdir()
    (root / "..bak").write_text("not a copy of anything")
    assert not needs_recovery(root)
    (root / "unilogin" / ".AB0001.xml.bak").write_text("old")
    (root / ".dagpleje-k2j3").mkdir()
    assert needs_recovery(root)
    found = {p.relative_to(root).as_posix() for p in legacy_leftovers(root)}
    assert found == {"unilogin/.AB0001.xml.bak", ".dagpleje-k2j3"}
    remove_legacy(root)
    assert (root / "unilogin" / "AB0001.xml").read_text() == "old"  # its successor never came
    assert not (root / ".dagpleje-k2j3").exists()
    assert (deep / ".AB0001.xml.bak").read_text() == "a user's own copy"
    assert not needs_recovery(root)
