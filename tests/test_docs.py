"""The docs cover every warehouse table and column, and every CLI command."""

import re

import duckdb
import pytest

from marsad.cli import build_parser
from conftest import run_ingest
from marsad.warehouse import build

from conftest import ROOT, SEED

TABLES_DOC = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def documented_columns() -> dict[str, set[str]]:
    sections = re.split(r"^## ", TABLES_DOC, flags=re.MULTILINE)[1:]
    return {s.split("\n", 1)[0].strip(): set(re.findall(r"^\| `(\w+)` \|", s, re.MULTILINE))
            for s in sections}


def test_every_warehouse_column_is_documented(settings):
    run_ingest([SEED], settings)
    build(settings)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        columns = con.execute("select table_name, column_name from duckdb_columns() "
                              "where not internal and table_name in "
                              "(select table_name from duckdb_tables())").fetchall()
    documented = documented_columns()
    missing = [f"{t}.{c}" for t, c in columns if c not in documented.get(t, set())]
    assert missing == []


def commands():
    parser = build_parser()
    return list(parser._subparsers._group_actions[0].choices.items())


@pytest.mark.parametrize("name, sub", commands())
def test_every_command_has_an_example_and_is_in_the_readme(name, sub):
    assert f"marsad {name}" in sub.format_help().split("examples:")[1]
    assert f"marsad {name}" in README
