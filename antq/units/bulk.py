"""Insert many units at once: one transaction, a few queries per tree level, with history.

The rows are written as plain multi-row INSERTs of prepared tuples (units with RETURNING id,
then their history rows and placements), not through model instances and `bulk_create`:
Django's per-value preparation was half the time of a 100,000-row import
(docs/performance.md). The rows are the ones `bulk_create_with_history` would write.
"""

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from antq.core.text import sort_key

from .models import PATH_SEPARATOR, Unit, UnitPlacement, search_text_for

BATCH_SIZE = 2000


@dataclass
class UnitRow:
    """A unit to insert; its parent is another row of the same batch or an existing unit."""

    code: str
    name: str
    kind: str
    parent_code: str | None
    valid_from: date | None = None
    managing_level: str = ""
    division_type: str = ""
    address: str = ""
    out_of_scope_reason: str = ""
    line: int = 0  # where the row came from, for messages
    extra: dict = field(default_factory=dict)


def depth_order(rows: list[UnitRow], known: dict[str, Unit]) -> list[list[UnitRow]]:
    """Group rows into levels so that every row's parent is known or in an earlier level.

    Rows whose parent can never be resolved (a cycle, or a missing parent) are left out;
    the caller's validation has named them already.
    """
    pending = {row.code: row for row in rows}
    resolved = set(known)
    levels: list[list[UnitRow]] = []
    while pending:
        level = [r for r in pending.values() if r.parent_code is None or r.parent_code in resolved]
        if not level:
            break
        levels.append(level)
        for row in level:
            resolved.add(row.code)
            del pending[row.code]
    return levels


def _converters(model) -> list[tuple[str, object, object, str]]:
    """(column, attname, converter, database type) of each column but the auto primary key."""
    ops = connection.ops
    by_type = {
        "DateField": ops.adapt_datefield_value,
        "DateTimeField": ops.adapt_datetimefield_value,
    }
    plain = {
        "CharField",
        "TextField",
        "ForeignKey",
        "PositiveSmallIntegerField",
        "IntegerField",
        "BigIntegerField",
    }
    columns = []
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key and model_field.get_internal_type().endswith("AutoField"):
            continue
        kind = model_field.get_internal_type()
        if kind not in by_type and kind not in plain:
            raise TypeError(f"{model.__name__}.{model_field.name}: {kind} not handled")
        columns.append(
            (
                model_field.column,
                model_field.attname,
                by_type.get(kind),
                model_field.db_type(connection),
            )
        )
    return columns


def _max_params() -> int:
    """Parameters one statement may hold: SQLite's own limit (999 is Django's guess)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        try:
            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except AttributeError:  # Python before 3.11
            pass
    return connection.features.max_query_params or 65_535  # PostgreSQL's limit


def _insert(model, values: list[dict], *, returning: tuple[str, ...] = ()) -> list[tuple]:
    """INSERT every dict of `values` (attname → value) into `model`'s table, in batches.

    Returns the `returning` columns of the new rows (in no promised order). On PostgreSQL a
    batch is one array per column (`SELECT * FROM UNNEST(...)`, as Django 5.2's own bulk
    insert does): a statement of a few parameters psycopg converts once, where 2,000 rows of
    `%s` tuples were parsed in Python for every batch (docs/performance.md).
    """
    columns = _converters(model)
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column, *_rest in columns)
    head = f"INSERT INTO {quote(model._meta.db_table)} ({names}) "
    tail = f" RETURNING {', '.join(quote(c) for c in returning)}" if returning else ""
    arrays = connection.vendor == "postgresql"
    if arrays:
        size = BATCH_SIZE * 5
        head += "SELECT * FROM UNNEST(" + ", ".join(f"%s::{t}[]" for *_r, t in columns) + ")"
    else:
        size = max(1, min(BATCH_SIZE, _max_params() // len(columns)))
        one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    found: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), size):
            batch = values[start : start + size]
            if arrays:
                params = [
                    [
                        convert(row[attname])
                        if convert and row[attname] is not None
                        else row[attname]
                        for row in batch
                    ]
                    for _column, attname, convert, _type in columns
                ]
                sql = head + tail
            else:
                params = [
                    convert(row[attname]) if convert and row[attname] is not None else row[attname]
                    for row in batch
                    for _column, attname, convert, _type in columns
                ]
                sql = head + "VALUES " + ", ".join([one] * len(batch)) + tail
            cursor.execute(sql, params)
            if returning:
                found.extend(cursor.fetchall())
    return found


def _history_user_id(actor) -> int | None:
    """Who the history rows name: the actor, else whom simple-history would name (the request's)."""
    if getattr(actor, "pk", None):
        return actor.pk
    user = Unit.history.model.get_default_history_user(None)
    return getattr(user, "pk", None)


def units_bulk_insert(
    rows: list[UnitRow], *, known: dict[str, Unit], actor, reason: str, default_from: date
) -> int:
    """Insert rows (already validated) level by level; return how many were created.

    `known` maps codes of existing parents to their units. Must run inside a transaction.
    """
    if not connection.features.can_return_rows_from_bulk_insert:
        return _insert_with_models(
            rows, known=known, actor=actor, reason=reason, default_from=default_from
        )
    known = dict(known)
    tracked = [f.attname for f in Unit.history.model.tracked_fields]
    defaults = {
        f.attname: f.get_default()
        for f in Unit._meta.concrete_fields
        if not f.primary_key and f.attname not in ("parent_id",)
    }
    history_user_id = _history_user_id(actor)
    created = 0
    for level in depth_order(rows, known):
        units = []
        for row in level:
            parent = known.get(row.parent_code) if row.parent_code else None
            path = f"{parent.path if parent else ''}{row.code}{PATH_SEPARATOR}"
            units.append(
                {
                    **defaults,
                    "code": row.code,
                    "name": row.name,
                    "kind": row.kind,
                    "parent_id": parent.pk if parent else None,
                    "path": path,
                    "depth": path.count(PATH_SEPARATOR),
                    "managing_level": row.managing_level,
                    "division_type": row.division_type,
                    "address": row.address,
                    "out_of_scope_reason": row.out_of_scope_reason,
                    "valid_from": row.valid_from or (parent.valid_from if parent else default_from),
                    "search_text": search_text_for(row.name, row.code),
                    "sort_name": sort_key(row.name),
                }
            )
        ids = {code: pk for pk, code in _insert(Unit, units, returning=("id", "code"))}
        for unit in units:
            unit["id"] = ids[unit["code"]]
        _insert(
            Unit.history.model,
            [
                {
                    **{name: unit[name] for name in tracked},
                    "history_date": timezone.now(),
                    "history_change_reason": reason,
                    "history_type": "+",
                    "history_user_id": history_user_id,
                }
                for unit in units
            ],
        )
        _insert(
            UnitPlacement,
            [
                {
                    "unit_id": unit["id"],
                    "parent_id": unit["parent_id"],
                    "name": unit["name"],
                    "path": unit["path"],
                    "valid_from": unit["valid_from"],
                    "valid_to": None,
                    "search_text": unit["search_text"],
                    "sort_name": unit["sort_name"],
                }
                for unit in units
            ],
        )
        known.update(
            (u["code"], SimpleNamespace(pk=u["id"], path=u["path"], valid_from=u["valid_from"]))
            for u in units
        )
        created += len(units)
    return created


def _insert_with_models(
    rows: list[UnitRow], *, known: dict[str, Unit], actor, reason: str, default_from: date
) -> int:
    """The same rows through model instances, for a backend that cannot return new ids."""
    known = dict(known)
    created = 0
    for level in depth_order(rows, known):
        units = []
        for row in level:
            parent = known.get(row.parent_code) if row.parent_code else None
            path = f"{parent.path if parent else ''}{row.code}{PATH_SEPARATOR}"
            unit = Unit(
                code=row.code,
                name=row.name,
                kind=row.kind,
                parent=parent,
                path=path,
                depth=path.count(PATH_SEPARATOR),
                managing_level=row.managing_level,
                division_type=row.division_type,
                address=row.address,
                out_of_scope_reason=row.out_of_scope_reason,
                valid_from=row.valid_from or (parent.valid_from if parent else default_from),
            )
            unit.refresh_search_fields()
            units.append(unit)
        units = bulk_create_with_history(
            units,
            Unit,
            batch_size=BATCH_SIZE,
            default_user=actor if getattr(actor, "pk", None) else None,
            default_change_reason=reason,
        )
        if any(u.pk is None for u in units):  # a backend that cannot return ids
            by_code = Unit.objects.in_bulk([u.code for u in units], field_name="code")
            units = [by_code[u.code] for u in units]
        UnitPlacement.objects.bulk_create(
            [
                UnitPlacement(
                    unit=u,
                    parent=u.parent,
                    name=u.name,
                    path=u.path,
                    valid_from=u.valid_from,
                    search_text=u.search_text,
                    sort_name=u.sort_name,
                )
                for u in units
            ],
            batch_size=BATCH_SIZE,
        )
        known.update((u.code, u) for u in units)
        created += len(units)
    return created
