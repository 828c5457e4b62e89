"""``--xsd``: validate the XML files against a schema the user supplies (STIL's official one)."""

from __future__ import annotations

from pathlib import Path

from dagplejecli.errors import DagplejeError
from dagplejecli.wording import Detail, Place


def validate_against(xsd: Path, documents: dict[str, bytes], namespace: str = "") -> list[Detail]:
    """Problems: a file and its line, with the validator's own words; empty when every
    document is valid.

    A schema whose ``targetNamespace`` is not ``namespace`` (the configuration's
    ``[unilogin] navnerum``) would fail every document at its root element: that is said in one
    line, with the setting that fits the schema, instead of one error per document."""
    from lxml import etree

    from dagplejecli.limits import MAX_XSD_BYTES, read_bounded

    # a FIFO or a device is «not a regular file», a folder is a folder: only a missing file
    # is missing
    data = read_bounded(xsd, "input_xsd", MAX_XSD_BYTES)
    if data is None:
        raise DagplejeError("xsd_missing", where=str(xsd))
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        tree = etree.ElementTree(etree.fromstring(data, parser, base_url=str(xsd.absolute())))
        target = tree.getroot().get("targetNamespace") or ""
        if target != namespace:
            raise DagplejeError(
                "xsd_namespace",
                where=str(xsd),
                hint="xsd_namespace_hint",
                schema=target,
                configured=namespace,
            )
        schema = etree.XMLSchema(tree)
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as exc:
        raise DagplejeError("xsd_unreadable", where=str(xsd), detail=str(exc)[:200]) from None
    problems: list[Detail] = []
    for name, data in sorted(documents.items()):
        if not name.endswith(".xml"):
            continue
        doc = etree.fromstring(data, parser)
        if not schema.validate(doc):
            for err in schema.error_log:  # type: ignore[attr-defined]
                problems.append(Detail(Place(name, err.line), err.message))
    return problems
