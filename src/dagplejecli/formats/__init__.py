"""File formats, not the domain: XML escaping, workbooks and CSV written, and a workbook's zip
and XML checked against the limits before any reader parses them (``bounded.py``)."""
