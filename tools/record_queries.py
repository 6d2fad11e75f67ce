"""Record under each query of docs/queries.md what it returns on the bundled articles.

    marsad run data/seeds tests/data/articles --data-dir /tmp/queries
    .venv/bin/python tools/record_queries.py --data-dir /tmp/queries

Runs every ```sql block of the page on DIR/marsad.duckdb (read-only) and writes, after the
block's `Returns:` line, its number of rows and its first rows as a Markdown table (long cells
cut), replacing the result recorded before. tests/test_queries.py checks the recorded columns and
that a query recorded with rows still finds some.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "queries.md"
BLOCK = re.compile(r"(```sql\n(?P<sql>.*?)```\s*\nReturns: [^\n]+\n)(?:\nResult on the bundled articles.*?\n\n(?:\|[^\n]*\n)+)?",
                   re.DOTALL)
SHOWN_ROWS = 5          # rows of each result written on the page
CELL = 60               # characters of a cell shown


def cell(value) -> str:
    """A value as a Markdown table cell: one line, no pipe, cut to CELL characters."""
    text = "" if value is None else str(value)
    text = " ".join(text.split()).replace("|", "/")
    return text if len(text) <= CELL else text[:CELL - 1] + "…"


def result_table(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """What the query returns: its row count and first rows as a Markdown table."""
    relation = con.execute(sql)
    columns, rows = [d[0] for d in relation.description], relation.fetchall()
    shown = f"the first {SHOWN_ROWS}" if len(rows) > SHOWN_ROWS else "all"
    count = f"{len(rows)} row" + ("" if len(rows) == 1 else "s")
    lines = [f"Result on the bundled articles ({count}; {shown}):", "",
             "| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows[:SHOWN_ROWS]]
    return "\n".join(lines) + "\n"


def record(page: str, con: duckdb.DuckDBPyConnection) -> str:
    """The page with every query's result written after it."""
    return BLOCK.sub(lambda m: m.group(1) + "\n" + result_table(con, m.group("sql")), page)


def main() -> int:
    """Rewrite docs/queries.md with the results of its queries."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="the bundled articles' data dir")
    args = parser.parse_args()
    with duckdb.connect(str(args.data_dir / "marsad.duckdb"), read_only=True) as con:
        PAGE.write_text(record(PAGE.read_text(encoding="utf-8"), con), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
