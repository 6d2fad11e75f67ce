"""The docs cover every warehouse table and column, and every CLI command."""

import re

import duckdb
import pytest

from marsad.cli import build_parser
from conftest import run_ingest
from marsad.settings import Settings
from marsad.warehouse import build

from conftest import ROOT, SEED

TABLES_DOC = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def documented_columns() -> dict[str, set[str]]:
    sections = re.split(r"^## ", TABLES_DOC, flags=re.MULTILINE)[1:]
    return {s.split("\n", 1)[0].strip(): set(re.findall(r"^\| `(\w+)` \|", s, re.MULTILINE))
            for s in sections}


@pytest.fixture(scope="module")
def warehouse_columns(tmp_path_factory) -> dict[tuple[str, str], str]:
    """(table, column) -> type of every column of the warehouse built from the seed."""
    settings = Settings.load({"data_dir": tmp_path_factory.mktemp("docs") / "data"}, environ={})
    run_ingest([SEED], settings)
    build(settings)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        rows = con.execute("select table_name, column_name, data_type from duckdb_columns() "
                           "where not internal and table_name in "
                           "(select table_name from duckdb_tables())").fetchall()
    return {(t, c): d for t, c, d in rows}


def documented_types() -> dict[tuple[str, str], str]:
    """(table, column) -> type as docs/tables.md writes it (timestamptz for timestamp with time zone)."""
    found = {}
    for section in re.split(r"^## ", TABLES_DOC, flags=re.MULTILINE)[1:]:
        table = section.split("\n", 1)[0].strip()
        for column, kind in re.findall(r"^\| `(\w+)` \| ([^|]+) \|", section, re.MULTILINE):
            found[(table, column)] = kind.strip().replace("`", "").lower()
    return found


def test_every_warehouse_column_is_documented(warehouse_columns):
    documented = documented_columns()
    missing = [f"{t}.{c}" for t, c in warehouse_columns if c not in documented.get(t, set())]
    assert missing == []


def test_every_documented_column_exists_with_its_type(warehouse_columns):
    alias = {"timestamptz": "timestamp with time zone"}
    wrong = [f"{t}.{c}: documented {kind}, built {warehouse_columns.get((t, c))}"
             for (t, c), kind in documented_types().items()
             if (warehouse_columns.get((t, c)) or "").lower() != alias.get(kind, kind)]
    assert wrong == []


def commands():
    parser = build_parser()
    return list(parser._subparsers._group_actions[0].choices.items())


@pytest.mark.parametrize("name, sub", commands())
def test_every_command_has_an_example_and_is_in_the_readme(name, sub):
    assert f"marsad {name}" in sub.format_help().split("examples:")[1]
    assert f"marsad {name}" in README
