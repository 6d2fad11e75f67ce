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


# Methods that change the object they are called on (lists, sets, dicts, marsad's states).
MUTATORS = {"append", "extend", "insert", "add", "update", "merge", "pop", "popitem", "remove",
            "discard", "clear", "setdefault", "sort", "reverse", "add_raw", "forget"}


def _mutations(fn) -> list[str]:
    """Parameters a function changes in place: item or attribute assignment, a mutating method."""
    import ast

    params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
    found = []
    for node in ast.walk(fn):
        targets = node.targets if isinstance(node, ast.Assign) else \
            [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            if isinstance(target, (ast.Attribute, ast.Subscript)) and _base(target) in params:
                found.append(f"{_base(target)} assigned")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in MUTATORS and _base(node.func.value) in params:
            found.append(f"{_base(node.func.value)}.{node.func.attr}()")
    return found


def _base(node) -> str | None:
    """The name an attribute or item chain starts from (`state` in state.sources[k])."""
    import ast

    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _task_steps():
    """(name, function node) of every task and of the marsad function each task calls."""
    import ast

    core = {}
    for path in (ROOT / "marsad").rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                core[f"{module}.{node.name}"] = node
    for path in sorted((ROOT / "tasks").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.asname or alias.name: f"{node.module}.{alias.name}" for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.module for alias in node.names}
        for fn in (n for n in tree.body if isinstance(n, ast.FunctionDef) and n.decorator_list):
            yield f"tasks/{path.name}:{fn.name}", fn
            for call in (n for n in ast.walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)):
                name = f"{imported.get(getattr(call.func.value, 'id', ''), '')}.{call.func.attr}"
                if name in core:
                    yield name, core[name]


def test_no_task_changes_what_it_is_given():
    # A task may run on another process (Dask): a change to its input would be lost there, so
    # tasks and the core steps they call return what they add (e.g. a LakeDelta) instead.
    changed = {name: m for name, fn in _task_steps() if (m := _mutations(fn))}
    assert changed == {}


def test_the_mutation_check_sees_a_changed_parameter():
    import ast

    fn = ast.parse("def f(state, rows):\n    state.sources[1] = 2\n    rows.append(3)\n    x = []\n"
                   "    x.append(1)\n").body[0]
    assert _mutations(fn) == ["state assigned", "rows.append()"]
