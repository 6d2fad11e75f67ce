"""Architecture rules that keep marsad's core usable without Prefect."""

import importlib
import pkgutil
import subprocess
import sys

import pytest
import yaml

import marsad
from conftest import ROOT


def test_core_package_does_not_import_prefect():
    names = [m.name for m in pkgutil.walk_packages(marsad.__path__, "marsad.")]
    code = ("import sys, importlib\n"
            f"for n in {names!r}: importlib.import_module(n)\n"
            "print('prefect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def entrypoints():
    spec = yaml.safe_load((ROOT / "deployments" / "prefect.yaml").read_text(encoding="utf-8"))
    return [d["entrypoint"] for d in spec["deployments"]]


@pytest.mark.parametrize("entrypoint", entrypoints())
def test_every_deployment_entrypoint_is_a_flow(entrypoint):
    from prefect import Flow

    path, name = entrypoint.split(":")
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    assert isinstance(getattr(module, name), Flow)


@pytest.mark.parametrize("module", ["tasks.ingest", "tasks.warehouse"])
def test_tasks_are_thin(module):
    source = (ROOT / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
    bodies = source.split("@task")[1:]
    assert bodies and all(body.count("\n") < 12 for body in bodies)
