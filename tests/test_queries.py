"""docs/queries.md: every query runs on the bundled articles' warehouse, returns its columns, and
its recorded result is there (tools/record_queries.py)."""

from __future__ import annotations

import re

import duckdb
import pytest

from conftest import ROOT

QUERIES_DOC = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
QUERY = re.compile(r"```sql\n(.*?)```\s*\nReturns: ([^\n]+)\n(?:\nResult on the bundled articles \((\d+) rows?;"
                   r"[^\n]*\n\n\| ([^\n]*) \|\n)?", re.DOTALL)


def documented_queries() -> list[tuple[str, str, list[str]]]:
    """(section title, SQL, expected columns) of every query on the page."""
    return [(title, sql, columns) for title, sql, columns, _ in recorded_queries()]


def recorded_queries() -> list[tuple[str, str, list[str], tuple[int, list[str]] | None]]:
    """(section title, SQL, expected columns, (rows, header) of the recorded result or None)."""
    found = []
    for section in re.split(r"^## ", QUERIES_DOC, flags=re.MULTILINE)[1:]:
        title = section.split("\n", 1)[0]
        for sql, columns, rows, header in QUERY.findall(section):
            recorded = (int(rows), header.split(" | ")) if rows else None
            found.append((title, sql, re.findall(r"`(\w+)`", columns), recorded))
    return found


def test_at_least_twelve_questions():
    assert len({title for title, _, _ in documented_queries()}) >= 12


@pytest.mark.parametrize("title, sql, columns", documented_queries(), ids=lambda v: str(v)[:40])
def test_query_runs_and_returns_its_columns(built_warehouse, title, sql, columns):
    with duckdb.connect(str(built_warehouse.warehouse_path), read_only=True) as con:
        result = con.execute(sql)
        result.fetchall()
        assert [d[0] for d in result.description] == columns


@pytest.mark.parametrize("title, sql, columns, recorded", recorded_queries(), ids=lambda v: str(v)[:40])
def test_each_query_shows_its_result(built_warehouse, title, sql, columns, recorded):
    assert recorded is not None, "run tools/record_queries.py"
    rows, header = recorded
    assert header == columns
    with duckdb.connect(str(built_warehouse.warehouse_path), read_only=True) as con:
        found = con.execute(sql).fetchall()
    assert bool(found) == bool(rows)         # what the page shows found is still found
