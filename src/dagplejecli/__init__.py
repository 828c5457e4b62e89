"""dagpleje: dagplejere into areas, checked, and exported to Dagtilbudsregisteret and Unilogin."""

__version__ = "0.2.0"  # the package version (pyproject.toml reads it from here)
