"""The domain's pure values: identifiers, addresses and cell values (no clock, no files)."""
