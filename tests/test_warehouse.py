"""Building the warehouse: models in order, data tests, atomic swap, readers never blocked."""

import shutil

import duckdb
import pytest

from marsad.errors import DataTestFailed, WarehouseError
from conftest import run_ingest
from marsad.settings import Settings
from marsad.warehouse import build, load_models, load_tests

from conftest import ROOT, SEED


@pytest.fixture
def built(settings):
    run_ingest([SEED], settings)
    build(settings)
    return settings


def test_every_model_states_its_grain():
    models = load_models(ROOT / "sql")
    assert {m.layer for m in models} == {"staging", "changes", "marts"}
    assert [m.name for m in models if not m.grain] == []


def test_models_run_after_their_dependencies():
    order = [m.name for m in load_models(ROOT / "sql")]
    assert order.index("source_state") < order.index("documents") < order.index("sentences")
    assert all(order.index(f"stg_{t}") < order.index(t) for t in ("documents", "sentences", "rejects"))


def test_a_read_of_replaced_rows_orders_and_keeps_them():
    models = load_models(ROOT / "sql")
    order = [m.name for m in models]
    assert [m.name for m in models if m.keeps_replaced] == ["actors"]
    assert order.index("actors") < order.index("changed_speakers") < order.index("claims_by_speaker")


def test_replaced_rows_of_a_mart_no_build_updates_are_refused(tmp_path):
    sql = tmp_path / "sql"
    shutil.copytree(ROOT / "sql", sql)
    (sql / "changes" / "reads_replaced.sql").write_text(
        "-- grain: one row per source\nselect * from source_state_replaced\n", encoding="utf-8")
    with pytest.raises(WarehouseError, match="source_state_replaced"):
        load_models(sql)


def test_mart_tests_exist_for_every_mart():
    tests = load_tests(ROOT / "sql")
    marts = [m.name for m in load_models(ROOT / "sql") if m.layer == "marts"]
    assert all(any(name.startswith(mart) for name in tests) for mart in marts)


def test_empty_lake_builds_empty_tables(settings):
    report = build(settings)
    assert report.rows["documents"] == 0 and report.rows["rejects"] == 0


def test_rebuild_is_skipped_when_nothing_changed(built):
    assert build(built).skipped
    assert not build(built, force=True).skipped


def with_extra_test(settings, name, sql):
    sql_dir = settings.data_dir.parent / "sql"
    shutil.copytree(ROOT / "sql", sql_dir)
    (sql_dir / "tests" / f"{name}.sql").write_text(sql, encoding="utf-8")
    return Settings(settings.data_dir, settings.max_file_bytes, settings.batch_size, sql_dir)


def test_failing_data_test_names_itself_and_keeps_the_old_warehouse(built):
    before = build(built, force=True).rows
    broken = with_extra_test(built, "no_arabic_allowed", "select doc_id from documents where language = 'ar'")
    with pytest.raises(DataTestFailed) as caught:
        build(broken, force=True)
    assert "no_arabic_allowed" in str(caught.value) and "1 offending row" in str(caught.value)
    with duckdb.connect(str(built.warehouse_path), read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == before["documents"]
    assert not (built.data_dir / "marsad.duckdb.building").exists()


def test_broken_model_names_its_file(built):
    broken = with_extra_test(built, "fine", "select 1 where false")
    (broken.sql_dir / "marts" / "oops.sql").write_text("-- grain: none\nselect nope from documents")
    with pytest.raises(WarehouseError, match="marts/oops.sql"):
        build(broken, force=True)


def test_readers_are_not_blocked_by_a_build(built, articles):
    reader = duckdb.connect(str(built.warehouse_path), read_only=True)
    articles("second.txt", "Second story\nAnother article with one paragraph.\n")
    run_ingest([articles.folder], built)
    build(built)
    assert reader.execute("select count(*) from documents").fetchone()[0] == 1  # its snapshot
    reader.close()
    with duckdb.connect(str(built.warehouse_path), read_only=True) as fresh:
        assert fresh.execute("select count(*) from documents").fetchone()[0] == 2


def test_a_second_build_waits_for_the_first(settings):
    import threading

    from marsad.warehouse import build_lock

    run_ingest([SEED], settings)
    done = threading.Event()
    with build_lock(settings):
        worker = threading.Thread(target=lambda: (build(settings), done.set()))
        worker.start()
        worker.join(timeout=2)
        assert not done.is_set() and not settings.warehouse_path.exists()
    worker.join(timeout=120)
    assert done.is_set() and settings.warehouse_path.exists()


def test_readers_do_not_wait_for_a_build(settings):
    from marsad.warehouse import build_lock, connect_readonly

    run_ingest([SEED], settings)
    build(settings)
    with build_lock(settings), connect_readonly(settings.warehouse_path) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 1



def _tests_dir(tmp_path, tests: dict[str, str]):
    """An sql dir holding only these data tests."""
    (tmp_path / "tests").mkdir()
    for name, sql in tests.items():
        (tmp_path / "tests" / f"{name}.sql").write_text(sql)
    return tmp_path


def test_data_tests_run_on_cursors_readied_by_prepare(tmp_path):
    from marsad.warehouse import run_tests

    sql_dir = _tests_dir(tmp_path, {f"t{i}": "select x from scoped where x < 0" for i in range(6)})
    with duckdb.connect() as con:
        assert run_tests(con, sql_dir, lambda c: c.execute("create temp view scoped as select 1 as x")) == 6


def test_the_first_failing_data_test_in_file_order_is_reported(tmp_path):
    from marsad.warehouse import run_tests

    sql_dir = _tests_dir(tmp_path, {"a_fine": "select 1 where false", "b_broken": "select 2 as n",
                                    "c_broken": "select 3 as n"})
    with duckdb.connect() as con, pytest.raises(DataTestFailed, match="b_broken"):
        run_tests(con, sql_dir)
