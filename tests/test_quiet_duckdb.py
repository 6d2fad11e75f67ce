"""DuckDB draws no progress bar on stdout, which carries `marsad run --json`'s summary: DuckDB
draws one for any query over 2 s, terminal or not, unless the connection turns it off."""
import duckdb
import pytest

from marsad.storage import quiet_connect, store

SETTING = "select current_setting('enable_progress_bar')"


@pytest.mark.parametrize("config", [None, {"enable_external_access": False},
                                    {"enable_external_access": False, "lock_configuration": True}])
def test_our_connections_draw_no_bar(config, tmp_path):
    con = quiet_connect(str(tmp_path / "w.duckdb"), config=config)
    assert con.execute(SETTING).fetchone()[0] is False


def test_a_locked_down_connection_stays_locked(tmp_path):
    con = quiet_connect(str(tmp_path / "w.duckdb"), config={"lock_configuration": True})
    with pytest.raises(duckdb.Error, match="lock"):
        con.execute("set enable_progress_bar = true")


def test_a_lake_connection_draws_no_bar(tmp_path):
    con = store(tmp_path).connect()
    assert con.execute(SETTING).fetchone()[0] is False
