"""Uploaded files checked before anything parses them: workbooks, CSV sheets, stored documents.

An .xlsx file is a zip archive of XML parts. openpyxl trusts it: a 124 KB archive can unpack
to 300 MB of sheet XML, and a 1.5 KB sheet whose `<dimension>` claims `A1:XFD20000` makes a
read-only iteration pad 20,000 rows to 16,384 cells each. So, before openpyxl sees a byte:

- `check_workbook` reads the archive's central directory (never the parts themselves) and
  refuses too many entries, too large a total once unpacked, a part compressed far beyond what
  a real spreadsheet reaches, or a sheet part larger than the template could need;
- `workbook_rows` then opens the workbook read-only and reads the first sheet with explicit
  row and column bounds taken from the template, never from `<dimension>`; a sheet that claims
  or holds more than the template allows is refused.

`csv_rows` gives a CSV file the same bounds, decoding as it goes. `check_document` checks a
document to store (type by content, size, and the archive of an Office file).

Every limit is a setting read at call time (`getattr(settings, NAME, default)`), so a test or
a deployment can change it without a restart of the code. The defaults are provisional: no rule
sets them; they hold the largest real files this system meets (100,000 units: 3.2 MB packed,
43 MB of sheet XML, a ratio of 13) with room to spare.
"""

import csv
import io
import struct
import zipfile
from collections.abc import Iterable, Iterator

import filetype
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser

from .bounds import cells_problem
from .errors import DomainError, FieldErrors

MB = 1024 * 1024
# Provisional defaults (see the module's docstring); each can be overridden by the setting named.
DEFAULTS = {
    "ANTQ_UPLOAD_MAX_ENTRIES": 200,  # a workbook holds 10–40 parts
    "ANTQ_UPLOAD_MAX_UNPACKED_BYTES": 200 * MB,  # all parts together, unpacked
    "ANTQ_UPLOAD_MAX_PART_BYTES": 150 * MB,  # one sheet (or shared strings) part, unpacked
    "ANTQ_UPLOAD_MAX_RATIO": 100,  # unpacked / packed, for parts over RATIO_FLOOR
    "ANTQ_UPLOAD_CELL_BYTES": 128,  # sheet XML a template's cell may take, for the part bound
    "ANTQ_UPLOAD_MAX_CELL_CHARS": 32_767,  # Excel's own limit for one cell
}
RATIO_FLOOR = 1 * MB  # a small part cannot hurt, whatever its ratio
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_CENTRAL_ENTRY_BYTES = 46 + 512  # fixed header + a generous name, extra field and comment
ZIP_DOCUMENTS = {
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
}


def limit(name: str) -> int:
    """The limit `name` in force now: the setting if set, else the provisional default."""
    return int(getattr(settings, name, DEFAULTS[name]))


def _mb(size: int) -> str:
    """Megabytes as a Vietnamese reader writes them: one decimal, a comma."""
    return f"{size / MB:.1f}".replace(".", ",")


def _seekable(uploaded_file):
    """A binary, seekable file over bytes, a Django UploadedFile or any open binary file."""
    if isinstance(uploaded_file, bytes | bytearray | memoryview):
        return io.BytesIO(uploaded_file)
    handle = getattr(uploaded_file, "file", uploaded_file)
    handle.seek(0)
    return handle


def _size_of(handle) -> int:
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    return size


def _unreadable() -> DomainError:
    return DomainError(_("The file is not a readable .xlsx workbook."))


def _central_directory(handle, size: int) -> tuple[int, int]:
    """(entries, bytes) the end record claims for the central directory, read as zipfile does.

    zipfile walks the whole directory whatever the count says, so its byte size is bounded too;
    a Zip64 record (which can restate both) is refused: no spreadsheet needs one.
    """
    tail_size = min(size, 22 + 65_535)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    handle.seek(0)
    at = len(tail) - 22 if tail[-22:-18] == _EOCD else tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        raise _unreadable()
    entries, directory_bytes = struct.unpack("<HI", tail[at + 10 : at + 16])
    if at >= 20 and tail[at - 20 : at - 16] == _ZIP64_LOCATOR:
        entries = directory_bytes = -1
    if entries == 0xFFFF or directory_bytes == 0xFFFFFFFF:
        entries = directory_bytes = -1
    return entries, directory_bytes


def check_archive(uploaded_file, *, max_part_bytes: int | None = None, parts=None) -> None:
    """Refuse a zip archive that would unpack to too much, before anything unpacks it.

    Reads only the central directory: the number of entries, each entry's unpacked size (which
    zipfile also enforces when reading: it stops at the size declared and fails the CRC check),
    and each entry's compression ratio. `parts(name) -> bool` picks the entries that must stay
    under `max_part_bytes` (a workbook's sheets). Raises `DomainError` naming the limit.
    """
    handle = _seekable(uploaded_file)
    size = _size_of(handle)
    max_entries = limit("ANTQ_UPLOAD_MAX_ENTRIES")
    entries, directory_bytes = _central_directory(handle, size)
    if entries < 0 or entries > max_entries or directory_bytes > max_entries * _CENTRAL_ENTRY_BYTES:
        raise DomainError(
            _("The file holds too many parts (at most %(limit)s are allowed).")
            % {"limit": max_entries}
        )
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise _unreadable() from error
    finally:
        handle.seek(0)
    if len(infos) > max_entries:
        raise DomainError(
            _("The file holds too many parts (at most %(limit)s are allowed).")
            % {"limit": max_entries}
        )
    max_unpacked = limit("ANTQ_UPLOAD_MAX_UNPACKED_BYTES")
    total = sum(info.file_size for info in infos)
    if total > max_unpacked:
        raise DomainError(
            _("The file would unpack to %(size)s MB; at most %(limit)s MB are allowed.")
            % {"size": _mb(total), "limit": _mb(max_unpacked)}
        )
    max_ratio = limit("ANTQ_UPLOAD_MAX_RATIO")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
            raise DomainError(
                _(
                    "The part “%(part)s” of the file is compressed %(ratio)s times; at most "
                    "%(limit)s times is allowed (a real spreadsheet stays far below)."
                )
                % {
                    "part": info.filename[:80],
                    "ratio": info.file_size // max(info.compress_size, 1),
                    "limit": max_ratio,
                }
            )
        if (
            max_part_bytes is not None
            and parts
            and parts(info.filename)
            and info.file_size > max_part_bytes
        ):
            raise DomainError(
                _(
                    "The sheet “%(part)s” is %(size)s MB unpacked; this template needs at "
                    "most %(limit)s MB."
                )
                % {
                    "part": info.filename[:80],
                    "size": _mb(info.file_size),
                    "limit": _mb(max_part_bytes),
                }
            )


def _is_sheet_part(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("xl/worksheets/") or lowered == "xl/sharedstrings.xml"


def check_workbook(uploaded_file, *, max_rows: int, max_columns: int) -> None:
    """Refuse an .xlsx file whose archive could exhaust the server; nothing is parsed.

    `max_rows` and `max_columns` are the template's bounds (the last row and column a filled
    template can use); a sheet part larger than that many cells can take is refused, as are
    the archive limits of `check_archive`. Raises `DomainError` with a Vietnamese message.
    """
    cell_bytes = limit("ANTQ_UPLOAD_CELL_BYTES")
    part_limit = min(
        limit("ANTQ_UPLOAD_MAX_PART_BYTES"), max_rows * max_columns * cell_bytes + 64 * 1024
    )
    check_archive(uploaded_file, max_part_bytes=part_limit, parts=_is_sheet_part)


def _too_many_rows(line: int, max_rows: int) -> DomainError:
    return DomainError(
        _("Row %(line)s holds data, but this file may use at most %(limit)s rows.")
        % {"line": line, "limit": max_rows}
    )


def _clean_row(line: int, row):
    """Refuse a row whose text holds what no input may (`antq.core.bounds.text_problem`)."""
    if problem := cells_problem(row):
        raise DomainError(_("Row %(line)s: %(problem)s") % {"line": line, "problem": problem})
    return row


def _sheet_rows(sheet, max_columns: int) -> Iterator[tuple[int, tuple]]:
    """(row number, values) of each row the sheet's XML holds, cut at `max_columns`.

    `ReadOnlyWorksheet.iter_rows` fills the gaps with empty rows up to the highest row number
    (a million of them for one cell in row 1,048,576) and, without explicit bounds, takes its
    width from `<dimension>`. This is its own loop (openpyxl 3.1, pinned in pyproject.toml)
    without the filler: only the rows present are yielded, each at most `max_columns` wide.
    """
    book = sheet.parent
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for line, cells in parser.parse():
            yield line, sheet._get_row(cells, 1, max_columns, values_only=True)


def workbook_rows(uploaded_file, *, max_rows: int, max_columns: int) -> Iterator[tuple[int, tuple]]:
    """Yield (row number, values) for each non-empty row of the workbook's first sheet.

    Checks the archive first (`check_workbook`), then reads read-only with the bounds given:
    values past `max_columns` are not read, a `<dimension>` claiming more than the bounds is
    refused, and so is any data below row `max_rows`. Trailing empty cells are dropped.
    """
    check_workbook(uploaded_file, max_rows=max_rows, max_columns=max_columns)
    handle = _seekable(uploaded_file)
    try:
        book = load_workbook(handle, read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except DomainError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _unreadable() from error
    try:
        claimed_rows, claimed_columns = sheet.max_row or 0, sheet.max_column or 0
        if claimed_rows > max_rows or claimed_columns > max_columns:
            raise DomainError(
                _(
                    "The sheet claims the range A1:%(corner)s; this file may use at most "
                    "%(rows)s rows and %(columns)s columns (up to %(last)s)."
                )
                % {
                    "corner": f"{get_column_letter(min(claimed_columns, 16384) or 1)}"
                    f"{claimed_rows}",
                    "rows": max_rows,
                    "columns": max_columns,
                    "last": get_column_letter(max_columns),
                }
            )
        try:
            for line, row in _sheet_rows(sheet, max_columns):
                last = len(row)
                while last and (row[last - 1] is None or row[last - 1] == ""):
                    last -= 1
                if not last:
                    continue
                if line > max_rows:
                    raise _too_many_rows(line, max_rows)
                yield line, _clean_row(line, row[:last])
        except DomainError:
            raise
        except Exception as error:  # a damaged part, a CRC mismatch, bad XML
            raise _unreadable() from error
    finally:
        book.close()


class _BoundedLines:
    """Lines for csv.reader, refusing a row that grows past `budget` characters.

    Each line is read with a length bound, so an endless line is never held whole.
    """

    def __init__(self, stream, budget: int):
        self.stream = stream
        self.budget = budget
        self.used = 0

    def __iter__(self):
        while True:
            text = self.stream.readline(self.budget - self.used + 1)
            if not text:
                return
            self.used += len(text)
            if self.used > self.budget:
                raise csv.Error("row too long")
            yield text


def csv_rows(uploaded_file, *, max_rows: int, max_columns: int) -> Iterator[tuple[int, list]]:
    """Yield (row number, values) for each non-empty row of a UTF-8 CSV file, bounded.

    Decodes as it reads (never the whole text at once), keeps at most `max_columns` values of
    a row, refuses a row longer than `max_columns` full cells, and any data past `max_rows`.
    """
    handle = _seekable(uploaded_file)
    stream = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict", newline="")
    lines = _BoundedLines(stream, max_columns * limit("ANTQ_UPLOAD_MAX_CELL_CHARS"))
    reader = csv.reader(lines)
    line = 0
    try:
        for line, row in enumerate(reader, start=1):
            lines.used = 0
            row = row[:max_columns]
            if not any(value.strip() for value in row):
                continue
            if line > max_rows:
                raise _too_many_rows(line, max_rows)
            yield line, _clean_row(line, row)
    except UnicodeDecodeError as error:
        raise DomainError(_("The CSV file is not in UTF-8 encoding.")) from error
    except csv.Error as error:
        raise DomainError(
            _("Row %(line)s of the CSV file is malformed or longer than a sheet row can be.")
            % {"line": line + 1}
        ) from error
    finally:
        stream.detach()  # leave the caller's file open


def check_document(
    uploaded_file, *, allowed: Iterable[str], max_bytes: int, field: str = "file"
) -> str:
    """Check a document before it is stored; return its MIME type as read from its content.

    `uploaded_file`: a Django UploadedFile (or bytes, or an open binary file); it is left at
    position 0. `allowed`: MIME types as `filetype` names them (e.g. "application/pdf",
    "image/jpeg", "application/vnd.openxmlformats-officedocument.wordprocessingml.document").
    Refuses with `FieldErrors({field: message})`, in Vietnamese, a file larger than
    `max_bytes`, an empty one, one whose content is of another type (the name is never read),
    and an Office/zip document whose archive fails `check_archive` (a compression bomb).
    """
    handle = _seekable(uploaded_file)
    size = _size_of(handle)
    if size > max_bytes:
        raise FieldErrors({field: _("The file is larger than %(mb)s MB.") % {"mb": _mb(max_bytes)}})
    if size == 0:
        raise FieldErrors({field: _("The file is empty.")})
    head = handle.read(8192)
    handle.seek(0)
    kind = filetype.guess(head)
    allowed = set(allowed)
    if kind is None or kind.mime not in allowed:
        found = kind.extension.upper() if kind is not None else _("unknown")
        kinds = sorted(
            {
                (filetype.get_type(mime=m).extension.upper() if filetype.get_type(mime=m) else m)
                for m in allowed
            }
        )
        raise FieldErrors(
            {
                field: _(
                    "The file's content is of type %(found)s, which is not accepted here "
                    "(accepted: %(allowed)s)."
                )
                % {"found": found, "allowed": ", ".join(kinds)}
            }
        )
    if kind.mime in ZIP_DOCUMENTS:
        try:
            check_archive(handle)
        except DomainError as error:
            raise FieldErrors({field: error.message}) from error
        finally:
            handle.seek(0)
    return kind.mime
