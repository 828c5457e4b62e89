"""``dagpleje afstem``: what the registers actually hold, read from their own files, against
the plan. ``read.py`` recognises each file by content (``unilogin_export.py``: Unilogin's full
export, v7; ``dtr_export.py``: DTR's CSV export); ``compare.py`` runs the comparison
(``unilogin_compare.py`` the people, ``dtr_compare.py`` the units, over one ``run.Run``) into a
``result.Reconciliation``; ``rules.py`` declares the findings; ``workbook.py`` lays out the report
for people. Files are only read."""
