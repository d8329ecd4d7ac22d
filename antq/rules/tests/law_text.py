"""Read the clauses and points of Articles 4–7 out of the text of Circular 124/2021."""

import re
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[1] / "sources"
TT124_TEXT = SOURCES / "tt124-2021-text.md"
SHARED_TEXT = Path(__file__).resolve().parents[3] / ".." / "shared" / "domain" / TT124_TEXT.name

ARTICLE = re.compile(r"^## Điều (\d+)\.")
CLAUSE = re.compile(r"^(\d+)\. (.+)$")
POINT = re.compile(r"^([a-hđ])\) (.+)$")
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def normalise(text: str) -> str:
    """Compare texts ignoring only white space and the shape of quote marks."""
    return " ".join(text.translate(QUOTES).split())


def law_items(path: Path = TT124_TEXT) -> dict[str, str]:
    """Return ``{id: text}`` for every clause and lettered point of Articles 4 to 7."""
    items: dict[str, str] = {}
    article = clause = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if match := ARTICLE.match(line):
            article, clause = int(match.group(1)), None
            continue
        if article is None or not 4 <= article <= 7:
            continue
        if match := CLAUSE.match(line):
            clause = match.group(1)
            items[f"{article}.{clause}"] = match.group(2)
        elif (match := POINT.match(line)) and clause is not None:
            letter = "dd" if match.group(1) == "đ" else match.group(1)
            items[f"{article}.{clause}.{letter}"] = match.group(2)
    return items
