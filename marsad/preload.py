"""Imported by the workers' fork server (marsad/forkserver.py) before it forks any worker: loads
what the workers run (page parsing, extraction) and the extractor once, so the workers share its
lexicons. Importing it anywhere else loads them too."""

from __future__ import annotations

try:
    from . import ingest  # noqa: F401  (the page workers' code)
    from .extract import default_extractor

    default_extractor()     # lexicons loaded, then frozen out of the cyclic GC (see default_extractor)
except KeyboardInterrupt:   # Ctrl-C while the server loads: the run stops too; end quietly, no traceback
    raise SystemExit(130) from None
