"""One MD5 digest in the forms an LDAP export mixes, judged row by row by ``check``.

Rows come from tests/vectors/ldap.jsonl: ``{MD5}`` + base64 made by OpenLDAP's slappasswd and
``{MD5}`` + hex made by OpenSSL; the bare-hex rows are those hex digests with the tag dropped,
as an export that strips it writes them.
"""

from __future__ import annotations

import hashcompat
from tests._support.vectors import VECTORS, load_jsonl

ROWS = [
    v
    for v in load_jsonl(VECTORS / "ldap.jsonl")
    if v.get("scheme") in ("ldap_md5", "ldap_hex_md5") and v["expect"] is True
]


def _pairs(bare: bool) -> list[dict[str, str]]:
    pairs = []
    for vector in ROWS:
        text = str(vector["hash"])
        if bare and vector["scheme"] == "ldap_hex_md5":
            text = text.removeprefix("{MD5}")
        pairs.append({"password": str(vector["password"]), "hash": text})
    return pairs


def test_base64_and_hex_under_the_tag_are_feasible_row_by_row() -> None:
    pairs = _pairs(bare=False)
    report = hashcompat.check(pairs, min_pairs=4)
    assert report.verdict == "feasible"
    assert report.mixed and report.scheme is None
    assert set(report.groups) == {"ldap_md5", "ldap_hex_md5"}
    assert all(hashcompat.verify(p["password"], p["hash"]) for p in pairs)


def test_bare_hex_rows_beside_tagged_base64_are_credited_per_row() -> None:
    # A bare 32-hex digest names no scheme (verify without one raises AmbiguousHashError), so
    # the export cannot be "mixed" in the contract's sense; each row is still credited to the
    # scheme that verifies it, and the note says to keep a scheme column.
    pairs = _pairs(bare=True)
    report = hashcompat.check(pairs, min_pairs=4)
    assert report.verdict == "partial"
    assert set(report.groups) == {"md5", "ldap_md5"}
    assert sorted(i for rows in report.groups.values() for i in rows) == list(
        range(1, len(pairs) + 1)
    )
    assert any("scheme column" in note for note in report.notes)
    by_row = {i: name for name, rows in report.groups.items() for i in rows}
    for number, pair in enumerate(pairs, 1):
        assert hashcompat.verify(pair["password"], pair["hash"], scheme=by_row[number])
