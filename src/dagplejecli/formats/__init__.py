"""File formats, not the domain: XML escaping, workbooks and CSV written; a spreadsheet or CSV
file read into raw cells (``sheets.py``), its zip and XML checked against the limits before any
reader parses them (``bounded.py``)."""
