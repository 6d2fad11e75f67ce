"""Architecture rules that keep marsad's core usable without Prefect."""

import importlib
import pkgutil
import subprocess
import sys

import pytest
import yaml

import marsad
from conftest import ROOT


def core_modules() -> list[str]:
    """Every module of the core package, sub-packages included."""
    return [m.name for m in pkgutil.walk_packages(marsad.__path__, "marsad.")]


def test_every_core_module_is_found():
    on_disk = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
               for p in (ROOT / "marsad").rglob("*.py")}
    assert on_disk - {"marsad"} <= set(core_modules())


def test_core_package_does_not_import_prefect():
    names = core_modules()
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


MAX_COMPLEXITY = 15


def _complexity(fn) -> int:
    """McCabe complexity of one function (nested functions counted with it)."""
    import ast

    n = 1
    for node in ast.walk(fn):
        if isinstance(node, (ast.If, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.IfExp,
                             ast.Assert, ast.match_case)):
            n += 1
        elif isinstance(node, ast.comprehension):
            n += 1 + len(node.ifs)
        elif isinstance(node, ast.BoolOp):
            n += len(node.values) - 1
    return n


def _functions():
    """(module path, function name, complexity) of every function of marsad, flows and tasks."""
    import ast

    for folder in ("marsad", "flows", "tasks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    yield f"{path.relative_to(ROOT)}:{node.name}", _complexity(node)


def test_no_function_is_too_complex():
    assert [f"{name} ({n})" for name, n in _functions() if n > MAX_COMPLEXITY] == []


@pytest.mark.parametrize("source, expected", [
    ("def f(x):\n    return x", 1),
    ("def f(x):\n    if x and x > 1 or x < -1:\n        return 1\n    return [y for y in x if y]", 6),
])
def test_complexity_counts_branches(source, expected):
    import ast

    assert _complexity(ast.parse(source).body[0]) == expected
