"""Build unit sheets in memory for the import tests and the benchmark."""

import io

from openpyxl import Workbook

from antq.units.importing import COLUMNS


def area_rows(commune_code: str, count: int, *, prefix: str = "KDC") -> list[list[str]]:
    return [
        [
            f"{commune_code}-{prefix}{i:06d}",
            f"Thôn Số {i}",
            "residential_area",
            commune_code,
            "",
            f"Xóm {i}",
            "",
            "",
        ]
        for i in range(1, count + 1)
    ]


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Đơn vị")
    sheet.append([title for _field, title in COLUMNS])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[str]]) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for _field, title in COLUMNS])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")
