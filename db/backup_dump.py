"""PostgreSQL backups: a portable dump of our tables, one JSON line per row, gzip'd.

:func:`dump_tables` writes it (through a ``.part`` file, fsynced, then renamed);
:func:`load_tables` empties our tables and fills them from it in one transaction. Values that
JSON cannot hold (Decimal, dates, bytes) are tagged, so money comes back exact.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import os
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, Table, inspect, select, text


def fsync_file(path: Path) -> None:
    """Flush ``path`` to the disk (before it is renamed into place)."""
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes):
        return {"$b64": base64.b64encode(value).decode()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        (tag, raw), = value.items()
        if tag == "$dec":
            return Decimal(raw)
        if tag == "$dt":
            return dt.datetime.fromisoformat(raw)
        if tag == "$date":
            return dt.date.fromisoformat(raw)
        if tag == "$b64":
            return base64.b64decode(raw)
    return value


def _our_tables(engine: Engine) -> list[Table]:
    from db.models import Base

    present = set(inspect(engine).get_table_names())
    metadata = MetaData()
    tables = [t for t in Base.metadata.sorted_tables if t.name in present]
    if "alembic_version" in present:
        tables.append(Table("alembic_version", metadata, autoload_with=engine))
    return tables


def dump_tables(engine: Engine, target: Path) -> None:
    part = target.with_name(f".{target.name}.part")
    with engine.connect() as connection, gzip.open(part, "wt", encoding="utf-8") as out:
        for table in _our_tables(engine):
            columns = [c.name for c in table.columns]
            out.write(json.dumps({"table": table.name, "columns": columns}) + "\n")
            order = list(table.primary_key.columns) or list(table.columns)
            for row in connection.execute(select(table).order_by(*order)):
                out.write(json.dumps([_encode(v) for v in row], ensure_ascii=False) + "\n")
    fsync_file(part)
    os.replace(part, target)


def _read_dump(path: Path) -> Iterable[tuple[str, list[str], list[list[Any]]]]:
    table, columns, rows = "", [], []  # type: ignore[var-annotated]
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            if isinstance(item, dict):
                if table:
                    yield table, columns, rows
                table, columns, rows = item["table"], item["columns"], []
            else:
                rows.append([_decode(v) for v in item])
    if table:
        yield table, columns, rows


def load_tables(engine: Engine, path: Path) -> None:
    """Empty our tables and fill them from a dump, in one transaction."""
    tables = {t.name: t for t in _our_tables(engine)}
    dumped = list(_read_dump(path))
    with engine.begin() as connection:
        for table in reversed(list(tables.values())):
            connection.execute(table.delete())
        for name, columns, rows in dumped:
            table = tables.get(name)
            if table is None or not rows:
                continue
            # a row may point at a later row of its own table (a package's parts): insert
            # those links afterwards
            own = [c.name for c in table.columns if any(
                fk.column.table.name == name for fk in c.foreign_keys)]
            records = [dict(zip(columns, row, strict=True)) for row in rows]
            connection.execute(table.insert(), [{**r, **dict.fromkeys(own)} for r in records])
            key = list(table.primary_key.columns)
            for column in own:
                for r in records:
                    if r[column] is not None:
                        connection.execute(table.update().where(
                            *(k == r[k.name] for k in key)).values({column: r[column]}))
            if engine.dialect.name == "postgresql" and "id" in table.columns:
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"))
