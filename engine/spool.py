"""A list that does not grow in memory: items past a few hundred wait in a temporary file.

Why: ``muni verify`` notes every four-eyes step that rested on declared names, one a case
in a registry without accounts — 100,000 notes for a country, which held in lists (and
handed from the worker processes to the parent, then encoded at once) were most of its
memory. A spool keeps at most ``keep`` items in memory and writes the rest as JSON lines
into ``folder``; it is read back in the order the items came, as often as needed.

Spools are joined (``extend``) without reading them: a worker process's spool is pickled
as the names of its files, and the parent's adopts them in order. The folder belongs to
whoever made it (``verify.verifying`` removes it at the end); a spool never deletes files.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Items held in memory before they are written out.
KEEP = 500


class Spool:
    """JSON-able items in order: at most ``keep`` in memory, the rest in files in ``folder``
    (no file at all while there are fewer; ``folder`` None: never written out)."""

    def __init__(self, folder: Path | None, keep: int | None = None) -> None:
        self.folder = folder
        self.keep = KEEP if keep is None else keep
        #: Files written (each with how many items it holds) and lists of items still in
        #: memory, in order.
        self.segments: list[tuple[Path, int] | list[Any]] = []
        self.count = 0

    def append(self, item: Any) -> None:
        if not self.segments or not isinstance(self.segments[-1], list):
            self.segments.append([])
        tail = self.segments[-1]
        assert isinstance(tail, list)
        tail.append(item)
        self.count += 1
        if len(tail) >= self.keep and self.folder is not None:
            self.segments[-1] = (self._write(tail), len(tail))

    def extend(self, items: Spool | list[Any]) -> None:
        """Add ``items`` after these; another spool's files are adopted, not read."""
        if isinstance(items, list):
            for item in items:
                self.append(item)
            return
        for segment in items.segments:
            if isinstance(segment, list):
                for item in segment:
                    self.append(item)
            else:
                self.segments.append(segment)
                self.count += segment[1]

    def _write(self, items: list[Any]) -> Path:
        assert self.folder is not None
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.folder,
                                         suffix=".jsonl", delete=False) as out:
            out.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
        return Path(out.name)

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __iter__(self) -> Iterator[Any]:
        for segment in list(self.segments):
            if isinstance(segment, list):
                yield from list(segment)
            else:
                with segment[0].open(encoding="utf-8") as lines:
                    for line in lines:
                        yield json.loads(line)
