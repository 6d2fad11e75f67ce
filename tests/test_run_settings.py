"""`marsad run` hands the flow one Settings object (flags over env over defaults) and its sources."""

import os

import pytest

from marsad.cli import main
from marsad.errors import SettingsError
from marsad.settings import Settings

from conftest import SEED


@pytest.fixture
def started(monkeypatch):
    """What `marsad run` passed to the pipeline flow (the flow itself is replaced by a recorder)."""
    import flows.pipeline
    from marsad.summary import RunSummary

    calls = []

    class Summary(RunSummary):
        def __init__(self):
            pass

        def render(self):
            return "done"

    def record(sources, settings, force_build=False):
        calls.append((sources, settings, force_build))
        return Summary()

    monkeypatch.setattr(flows.pipeline, "pipeline", record)
    return calls


def test_flags_reach_the_flow_in_one_settings_object_without_the_environment(started, tmp_path, monkeypatch):
    monkeypatch.delenv("MARSAD_USER_AGENT", raising=False)
    monkeypatch.setenv("MARSAD_BATCH_SIZE", "7")
    code = main(["run", str(SEED), "--data-dir", str(tmp_path / "d"), "--user-agent", "newsroom-bot/2",
                 "--task-runner", "dask", "--workers", "3", "--feed", "https://example.com/rss.xml"])
    [(sources, settings, force)] = started
    assert code == 0 and isinstance(settings, Settings)
    assert (settings.user_agent, settings.batch_size, settings.task_runner, settings.dask_workers) == \
        ("newsroom-bot/2", 7, "dask", 3)
    assert settings.data_dir == (tmp_path / "d").resolve()
    assert sources.paths == (str(SEED),) and sources.feeds == ("https://example.com/rss.xml",)
    assert "MARSAD_USER_AGENT" not in os.environ and force is False


def test_dask_options_without_the_dask_runner_are_a_usage_error(started, tmp_path, capsys):
    assert main(["run", str(SEED), "--data-dir", str(tmp_path), "--workers", "3"]) == 2
    assert "--task-runner dask" in capsys.readouterr().err and started == []


@pytest.mark.parametrize("env, expected", [
    ({}, ("default", 2, "")),
    ({"MARSAD_TASK_RUNNER": "dask", "MARSAD_DASK_WORKERS": "4", "MARSAD_DASK_ADDRESS": "tcp://10.0.0.5:8786"},
     ("dask", 4, "tcp://10.0.0.5:8786")),
])
def test_the_task_runner_is_a_setting(env, expected):
    s = Settings.load(environ=env)
    assert (s.task_runner, s.dask_workers, s.dask_address) == expected


@pytest.mark.parametrize("bad", [{"task_runner": "ray"}, {"dask_workers": 0}])
def test_a_bad_task_runner_setting_is_refused(bad):
    with pytest.raises(SettingsError):
        Settings.load(bad, environ={})


def test_the_dask_runner_without_prefect_dask_says_what_to_install(monkeypatch):
    import importlib.util

    from flows.runner import dask_cluster
    from marsad.errors import MarsadError

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "prefect_dask" else real(name, *a))
    with pytest.raises(MarsadError, match="pip install"):
        with dask_cluster(Settings.load({"task_runner": "dask"}, environ={})):
            pass


def test_serve_data_dir_is_where_the_deployments_runs_write(tmp_path):
    import yaml

    from conftest import ROOT
    from marsad.serve import Service

    service = Service("127.0.0.1", 4200, tmp_path / "home", ROOT, data_dir=str(tmp_path / "srv"))
    assert service.env()["MARSAD_DATA_DIR"] == str(tmp_path / "srv")
    spec = yaml.safe_load((ROOT / "deployments" / "prefect.yaml").read_text(encoding="utf-8"))
    assert all("data_dir" not in d.get("parameters", {}) for d in spec["deployments"])   # the worker's env decides


@pytest.mark.parametrize("params, shown", [
    ({"settings": Settings.load({"data_dir": "/srv/news"}, environ={})}, "/srv/news"),
    ({"settings": {"data_dir": "/srv/dict"}}, "/srv/dict"),       # as a deployment's JSON parameters
    ({"data_dir": "/srv/given"}, "/srv/given"),
    ({"data_dir": None}, "(MARSAD_DATA_DIR or ./data)"),        # the flow loads its settings once, not the name
])
def test_a_run_is_named_by_the_data_dir_its_parameters_give(params, shown, monkeypatch):
    from flows.runner import named_data_dir
    monkeypatch.setattr(Settings, "load", lambda *a, **k: pytest.fail("settings loaded for a run name"))
    assert named_data_dir(params) == shown
