"""Shared fixtures: paths, the seed and its gold reading, settings in a temp dir, file makers."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from marsad import prefect_env
from marsad.settings import Settings

# Before any test imports Prefect: marsad's loggers reach flow-run logs, as with the CLI.
os.environ.update({k: v for k, v in prefect_env.RUN_LOGS.items() if k not in os.environ})

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "seeds" / "000_41b2fde5789d507b.txt"
GOLD_DIR = Path(__file__).resolve().parent / "gold"
ARTICLES_DIR = Path(__file__).resolve().parent / "data" / "articles"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "saudinewsnet" / "saudinewsnet_all_31030.jsonl.gz"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The bundled seed article as text."""
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold() -> dict:
    """The gold reading of the seed (a copy of ../shared/gold kept in the repo)."""
    return yaml.safe_load((GOLD_DIR / f"{SEED.stem}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings writing under a fresh temp data dir."""
    return Settings.load({"data_dir": tmp_path / "data"}, environ={})


@pytest.fixture
def articles(tmp_path: Path):
    """A folder and a function writing an article (text or bytes) and an optional sidecar."""
    folder = tmp_path / "articles"
    folder.mkdir()

    def write(name: str, content: str | bytes, meta: dict | None = None) -> Path:
        path = folder / name
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        if meta is not None:
            sidecar = path.with_name(path.name.removesuffix(path.suffix) + ".meta.json")
            sidecar.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        return path

    write.folder = folder
    return write


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> Settings:
    """Settings of a warehouse built once a session from the seed and the test articles."""
    from marsad.extract import run_extract
    from marsad.ingest import run_ingest
    from marsad.warehouse import build

    settings = Settings.load({"data_dir": tmp_path_factory.mktemp("built") / "data"}, environ={})
    run_ingest([SEED, ARTICLES_DIR], settings)
    run_extract(settings)
    build(settings)
    return settings


@pytest.fixture(scope="session")
def corpus_path() -> Path:
    """The saudinewsnet corpus in ../shared, or a skip when this clone has no ../shared."""
    if not CORPUS.exists():
        pytest.skip(f"needs the corpus at {CORPUS} (../shared is absent on a user's clone)")
    return CORPUS


@pytest.fixture(scope="session")
def prefect_harness():
    """A Prefect test harness (temporary server with its own database) for the session."""
    from marsad import prefect_env

    prefect_env.configure()
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
