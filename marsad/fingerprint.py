"""The extractor's fingerprint: a hash of every input of extraction, code and packaged data.

A document already read is read again when this changes, so it must cover every file whose
change can change the output: the modules extraction imports (followed statically from the
extraction steps) and every packaged data file (word lists, lexicons, grammars).
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

PACKAGE = Path(__file__).parent
# where extraction starts: the module that builds the rows and the steps it composes; the walk
# follows their imports inside marsad, but not extract.py's own I/O imports (lake, ingest)
ROOTS = ("actors/resolve.py", "actors/places.py", "actors/lexicon.py", "analysis.py",
         "claims/attribution.py", "claims/lexicon.py", "events/coder.py", "events/lexicon.py",
         "ids.py", "schema.py")
DATA_DIRS = ("lang", "lexicon")
NOT_INPUTS = {".md"}  # documentation beside the data: never read by extraction


def code_files(roots: tuple[str, ...] = ROOTS) -> list[Path]:
    """Every marsad module reachable by import from the extraction roots, plus extract.py."""
    seen: set[Path] = set()
    todo = [PACKAGE / r for r in roots] + [PACKAGE / "extract.py"]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file() or PACKAGE not in (path, *path.parents):
            continue
        seen.add(path)
        todo.append(path.parent / "__init__.py")  # a package's __init__ runs on every import from it
        if path.name != "extract.py":
            todo.extend(_imports(path))
    return sorted(seen)


# import statements, read with a regular expression: ast.parse of every module costs 0.5 s
FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.M)
PLAIN_IMPORT = re.compile(r"^[ \t]*import[ \t]+(marsad\.[\w.]+)", re.M)


def _imports(path: Path) -> list[Path]:
    """The marsad modules one source file imports (relative and absolute forms)."""
    source = path.read_text(encoding="utf-8")
    out = []
    for dots, module, names in FROM_IMPORT.findall(source):
        base = _base(path, len(dots), module)
        if base is not None:
            out.extend(_module_paths(base, re.findall(r"\b(\w+)\b(?:\s+as\s+\w+)?", names.strip("()"))))
    for module in PLAIN_IMPORT.findall(source):
        out.extend(_module_paths(PACKAGE.parent.joinpath(*module.split(".")), []))
    return out


def _base(path: Path, level: int, module: str) -> Path | None:
    """The folder an import-from statement starts in, or None outside marsad."""
    if level:
        base = path.parent
        for _ in range(level - 1):
            base = base.parent
    elif module.split(".")[0] == "marsad":
        base = PACKAGE.parent
    else:
        return None
    return base.joinpath(*module.split(".")) if module else base


def _module_paths(base: Path, names: list[str]) -> list[Path]:
    """Candidate files for `from base import names`: the module itself or its submodules."""
    out = [base.with_suffix(".py"), base / "__init__.py"]
    out += [base.joinpath(*n.split(".")).with_suffix(".py") for n in names]
    return out


def data_files() -> list[Path]:
    """Every packaged data file extraction may read."""
    files = [p for d in DATA_DIRS for p in (PACKAGE / d).rglob("*") if p.is_file()]
    return sorted(p for p in files if p.suffix not in NOT_INPUTS and "__pycache__" not in p.parts)


def extraction_fingerprint(*extra: str) -> str:
    """Hash of the code and data of extraction, and of any extra parts (a custom lexicon's own)."""
    digest = hashlib.sha256("\0".join(extra).encode())
    for path in code_files() + data_files():
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
