"""The ids in the shipped Circular 124 ruleset are exactly those of safety-standard.md."""

import re
from pathlib import Path

import pytest

from .support import TT124

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
STANDARD = SHARED / "domain" / "safety-standard.md"

ROW = re.compile(r"^\| (\d\.\d) \| (.*?) \|")
# A lettered point inside a table row: "…: a) …; b) …; đ) …".
LETTER = re.compile(r"(?:^|[:;] )([a-hđ])\) ")
BACKTICKED_POINT = re.compile(r"`(\d\.\d\.[a-z]{1,2})`")


def _document_ids() -> set[str]:
    if not STANDARD.is_file():
        pytest.skip(f"shared/domain/safety-standard.md not found at {STANDARD}")
    text = STANDARD.read_text(encoding="utf-8")
    ids: set[str] = set()
    for line in text.splitlines():
        match = ROW.match(line)
        if match:
            criterion_id, criterion_text = match.groups()
            ids.add(criterion_id)
            for letter in LETTER.findall(criterion_text):
                ids.add(f"{criterion_id}.{'dd' if letter == 'đ' else letter}")
    # 7.3's points are listed only in the vocabulary section, as backticked ids.
    ids.update(BACKTICKED_POINT.findall(text))
    return ids


def _ruleset_items():
    """Yield the criteria and lettered points (not the parts 6.4 and 7.5 are answered in)."""
    for kind in TT124.unit_kinds:
        for criterion in TT124.criteria_for(kind):
            yield criterion
            yield from (p for p in criterion.points if not p.part)


def test_ruleset_ids_equal_document_ids():
    document = _document_ids()
    shipped = {item.id for item in _ruleset_items()}
    assert document, "no ids parsed from safety-standard.md"
    assert shipped == document, (
        f"missing in ruleset: {sorted(document - shipped)}; extra: {sorted(shipped - document)}"
    )


def test_document_lists_every_point_of_the_veto_lists():
    document = _document_ids()
    assert {f"4.3.{x}" for x in ("a", "b", "c", "d", "dd", "e", "g")} <= document
    assert {f"6.3.{x}" for x in ("a", "b", "c", "d", "dd", "e", "g", "h")} <= document
    assert {f"7.3.{x}" for x in ("a", "b", "c", "dd", "e", "g")} <= document


def test_every_item_has_text_and_a_citation_of_its_own_clause():
    for item in _ruleset_items():
        assert item.text.strip(), item.id
        assert "Thông tư 124/2021/TT-BCA" in item.citation, item.id
        article, clause, *letter = item.id.split(".")
        expected = f"Điều {article} khoản {clause}"
        if letter and article != "7":
            expected += f" điểm {'đ' if letter[0] == 'dd' else letter[0]}"
        assert item.citation.startswith(expected), (item.id, item.citation)


def test_agency_and_enterprise_share_article_6():
    assert TT124.criteria_for("agency") == TT124.criteria_for("enterprise")
    assert [c.id for c in TT124.criteria_for("agency")] == ["6.1", "6.2", "6.3", "6.4", "6.5"]
