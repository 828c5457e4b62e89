"""Rules register themselves where they are declared, with the names of their params: every
declared rule is in the registry, and every placeholder of every text, in every language and
plural form, is a param its rule declares."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import dagplejecli
from dagplejecli.findings import Rule
from dagplejecli.i18n import LANGUAGES
from dagplejecli.messages import CATALOGUES
from dagplejecli.messages.catalogue import fields
from dagplejecli.rules.registry import RULE_MODULES, all_rules

PACKAGE = Path(dagplejecli.__file__).parent
DECLARED = re.compile(r"^(DP\d+) = Rule\(\s*\"\1\"", re.MULTILINE)  # at a module's top level


def test_every_rule_is_declared_in_a_module_the_registry_names() -> None:
    declared_in: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(("dagplejecli", *path.relative_to(PACKAGE).with_suffix("").parts))
        for code in DECLARED.findall(path.read_text("utf-8")):
            declared_in[code] = module
    assert set(declared_in.values()) == set(RULE_MODULES)
    assert set(declared_in) == set(all_rules())


def test_importing_every_module_declares_no_rule_the_registry_lacks() -> None:
    program = (
        "import importlib, pkgutil, dagplejecli\n"
        "from dagplejecli.findings import declared_rules\n"
        "from dagplejecli.rules.registry import all_rules\n"
        "registered = set(all_rules())\n"
        "for m in pkgutil.walk_packages(dagplejecli.__path__, 'dagplejecli.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(set(declared_rules()) - registered), len(registered))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    missing, count = done.stdout.rsplit(" ", 1)
    assert missing == "[]"
    assert int(count) == len(all_rules()) > 100


def _allowed(rule: Rule) -> set[str]:
    return {*rule.params, *(["who"] if "name" in rule.params else [])}


def test_every_placeholder_is_a_param_its_rule_declares() -> None:
    for code, rule in all_rules().items():
        for lang in LANGUAGES:
            text = CATALOGUES[lang].FINDINGS[code]
            for part in (text.message, text.hint, *text.variants.values(), *text.hints.values()):
                assert fields(part) <= _allowed(rule), (code, lang, fields(part) - _allowed(rule))


def test_a_rule_declared_twice_is_refused() -> None:
    rule = next(iter(all_rules().values()))
    try:
        Rule(rule.code, rule.severity, rule.family, rule.source)
    except RuntimeError as e:
        assert rule.code in str(e)
    else:
        raise AssertionError("a second declaration of a code was accepted")
