"""Registration files: pure functions from the plan to bytes; writing is separate (files.py)."""
