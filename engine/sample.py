"""The embedded sample municipality: one fixture for the demo, the examples and the checks."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from muni.registry import db as regdb
from muni.registry import importer

from .spec import PACKAGE_ROOT

EXAMPLES = PACKAGE_ROOT / "examples"
SAMPLE_MUNICIPALITY = EXAMPLES / "sample_municipality.yaml"
SAMPLE_CODE = "lipenka"


def registry(path: str | Path = ":memory:") -> sqlite_utils.Database:
    """A registry (in memory by default) holding the sample municipality."""
    db = regdb.connect(path, create=True)
    importer.load(db, [SAMPLE_MUNICIPALITY])
    return db
