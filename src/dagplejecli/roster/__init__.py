"""Reading a municipality's roster: raw sheets → recognised columns → typed, normalised records."""

from dagplejecli.roster.read import read_roster

__all__ = ["read_roster"]
