"""dagpleje: dagplejere into areas, checked, and exported to Dagtilbudsregisteret and Unilogin."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dagpleje")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"
