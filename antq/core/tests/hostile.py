"""Hostile files, made in memory by each test (never committed), and a meter for refusals.

- `dimension_bomb`: a valid, tiny sheet whose `<dimension>` claims A1:XFD20000 (openpyxl read
  without bounds pads 20,000 rows to 16,384 cells: 9 GB, then the process dies);
- `row_claim_bomb`: a sheet with data in row 1,048,576 (optionally with a matching
  `<dimension>`), so that any reader trusting the claim walks a million rows;
- `zip_bomb`: a sheet part of `unpacked` bytes of XML that deflates ~1,000 times (64 MB in
  ~70 KB), streamed into the archive so the test itself stays small.
"""

import functools
import io
import re
import resource
import time
import tracemalloc
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"


def _workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite(data: bytes, part: str, change) -> bytes:
    """Copy an archive, passing one part's text through `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                content = change(content.decode()).encode()
            target.writestr(info.filename, content)
    return out.getvalue()


def _set_dimension(xml: str, ref: str | None) -> str:
    xml = re.sub(r"<dimension [^>]*/>", "", xml)
    if ref is None:
        return xml
    return xml.replace("<sheetViews>", f'<dimension ref="{ref}"/><sheetViews>', 1)


def dimension_bomb(rows: list[list], ref: str = "A1:XFD20000") -> bytes:
    """`rows` as a real sheet, its <dimension> claiming `ref`."""
    return _rewrite(_workbook(rows), SHEET, lambda xml: _set_dimension(xml, ref))


def row_claim_bomb(rows: list[list], *, with_dimension: bool = True) -> bytes:
    """`rows`, then a cell holding data in the sheet's last row, 1,048,576."""

    def change(xml: str) -> str:
        last = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        xml = xml.replace("</sheetData>", last + "</sheetData>", 1)
        return _set_dimension(xml, "A1:H1048576" if with_dimension else None)

    return _rewrite(_workbook(rows), SHEET, change)


@functools.cache
def zip_bomb(rows: tuple[tuple, ...], unpacked: int = 64 * 1024 * 1024) -> bytes:
    """`rows`, then `unpacked` bytes of XML comment in the sheet part, deflated to ~1/1000."""
    base = zipfile.ZipFile(io.BytesIO(_workbook([list(r) for r in rows])))
    head, tail = base.read(SHEET).decode().split("</sheetData>", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in base.infolist():
            if info.filename != SHEET:
                target.writestr(info.filename, base.read(info.filename))
                continue
            with target.open(SHEET, "w") as part:
                part.write(head.encode() + b"<!--")
                chunk = b"a" * (1024 * 1024)
                for _ in range(unpacked // len(chunk)):
                    part.write(chunk)
                part.write(b"-->" + ("</sheetData>" + tail).encode())
    return out.getvalue()


@dataclass
class Refusal:
    error: Exception | None
    seconds: float
    traced_peak: int  # bytes, Python allocations during the call (tracemalloc)
    rss_growth: int  # bytes the process's peak resident size grew by (getrusage)


def _rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def _run(call) -> Exception | None:
    try:
        call()
    except Exception as raised:  # the refusal under test
        return raised
    return None


def measure(call) -> Refusal:
    """Run `call()` twice: timed (and the resident peak read), then under tracemalloc.

    tracemalloc slows Python code by up to ten times, so it never runs in the timed pass.
    """
    rss_before = _rss()
    started = time.perf_counter()
    error = _run(call)
    seconds = time.perf_counter() - started
    rss_growth = _rss() - rss_before
    tracemalloc.start()
    try:
        second = _run(call)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert type(second) is type(error), (error, second)
    return Refusal(error, seconds, peak, rss_growth)


LIMIT_SECONDS = 2.0
LIMIT_BYTES = 100 * 1024 * 1024


def assert_refused_quickly(call, *, says: str, error_type=Exception) -> Refusal:
    """`call()` raises `error_type` whose message contains `says`, within 2 s and 100 MB."""
    result = measure(call)
    assert isinstance(result.error, error_type), result.error
    message = getattr(result.error, "message", str(result.error))
    assert says in message, message
    assert result.seconds < LIMIT_SECONDS, result.seconds
    assert result.traced_peak < LIMIT_BYTES, result.traced_peak
    assert result.rss_growth < LIMIT_BYTES, result.rss_growth
    return result
