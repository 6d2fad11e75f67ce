"""docs/queries.md: every query runs on the bundled articles' warehouse and returns its columns."""

from __future__ import annotations

import re

import duckdb
import pytest

from conftest import ROOT

QUERIES_DOC = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
QUERY = re.compile(r"```sql\n(.*?)```\s*\nReturns: ([^\n]+)", re.DOTALL)


def documented_queries() -> list[tuple[str, str, list[str]]]:
    """(section title, SQL, expected columns) of every query on the page."""
    found = []
    for section in re.split(r"^## ", QUERIES_DOC, flags=re.MULTILINE)[1:]:
        title = section.split("\n", 1)[0]
        for sql, columns in QUERY.findall(section):
            found.append((title, sql, re.findall(r"`(\w+)`", columns)))
    return found


def test_at_least_twelve_questions():
    assert len({title for title, _, _ in documented_queries()}) >= 12


@pytest.mark.parametrize("title, sql, columns", documented_queries(), ids=lambda v: str(v)[:40])
def test_query_runs_and_returns_its_columns(built_warehouse, title, sql, columns):
    with duckdb.connect(str(built_warehouse.warehouse_path), read_only=True) as con:
        result = con.execute(sql)
        result.fetchall()
        assert [d[0] for d in result.description] == columns
