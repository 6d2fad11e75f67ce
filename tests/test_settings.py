"""Settings: one object, its defaults in one place (marsad/defaults.toml)."""
import dataclasses

import pytest

from marsad.settings import DEFAULTS, Settings
from marsad.web.fetch import FetchConfig
from marsad.web.sources import fetch_config


def test_fetching_defaults_live_in_one_place(tmp_path):
    assert fetch_config(Settings.load({"data_dir": tmp_path})) == FetchConfig()


@pytest.mark.parametrize("field", [f for f in dataclasses.fields(Settings) if f.name in DEFAULTS
                                   and f.default is not dataclasses.MISSING], ids=lambda f: f.name)
def test_settings_defaults_are_the_packaged_ones(field):
    assert field.default == DEFAULTS[field.name]


def test_every_setting_has_a_packaged_default():
    assert {f.name for f in dataclasses.fields(Settings)} - {"sql_dir"} <= set(DEFAULTS)


@pytest.mark.parametrize("value, kept", [("500MB", "500MB"), (" 2GiB ", "2GiB"), ("1.5gb", "1.5gb")])
def test_a_build_memory_limit_is_an_amount(tmp_path, value, kept):
    assert Settings.load({"data_dir": tmp_path}, environ={"MARSAD_BUILD_MEMORY_LIMIT": value}).build_memory_limit == kept


@pytest.mark.parametrize("value", ["lots", "500", "MB", "-1GB", "0MB"])
def test_a_build_memory_limit_that_is_not_an_amount_is_refused_naming_the_setting(tmp_path, value):
    from marsad.errors import SettingsError

    with pytest.raises(SettingsError, match="build_memory_limit"):
        Settings.load({"data_dir": tmp_path, "build_memory_limit": value})


def test_the_build_memory_limit_reaches_duckdb(built_warehouse, monkeypatch):
    """Building and testing the warehouse stays within it (the whole corpus peaked at 1.7 GB without)."""
    from marsad import storage, warehouse

    seen = []
    real = storage.quiet_connect

    def connect(database=":memory:", read_only=False, config=None):
        con = real(database, read_only, config)
        seen.append(con.execute("select current_setting('memory_limit')").fetchone()[0])
        return con

    monkeypatch.setattr(storage, "quiet_connect", connect)
    settings = dataclasses.replace(built_warehouse, build_memory_limit="300MB")
    warehouse.build(settings, force=True)
    assert seen[:2] == ["286.1 MiB"] * 2     # the build, then the data tests (DuckDB shows 300 MB in MiB)
