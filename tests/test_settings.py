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
