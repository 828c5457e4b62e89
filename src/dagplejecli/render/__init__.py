"""Output for people and programs: terminal tables, JSON, workbooks."""
