"""Stable content-hash ids: the same content always gets the same id, on any machine."""

from __future__ import annotations

import hashlib
import json
from typing import Any

ID_HEX = 16  # 64 bits: a collision among a billion documents has odds of about 1 in 40


def content_id(*parts: Any) -> str:
    """Hex id of the canonical JSON of parts (order matters; None and lists allowed)."""
    payload = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:ID_HEX]
