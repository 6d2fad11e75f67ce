"""Imported by the workers' fork server (marsad/forkserver.py) before it forks any worker: the code
the page workers run (marsad.ingest). Importing it anywhere else imports that code too."""

from __future__ import annotations

try:
    from . import ingest  # noqa: F401  (the page workers' code)
except KeyboardInterrupt:   # Ctrl-C while the server loads: the run stops too; end quietly, no traceback
    raise SystemExit(130) from None
