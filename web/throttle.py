"""Login throttling per client address: after a few failed logins from one address, the next
attempt from it must wait, longer each time.

The account's own count of failures in a row lives in the registry (``identity.authenticate``
refuses a login within the wait it earned, whoever tries); this one slows a guesser who tries
one password on many logins from the same computer. Why refuse instead of sleeping: a
sleeping request holds a worker thread, so a guesser with many connections would tie up the
server for everyone; a refusal costs nothing and tells the clerk how long to wait. The counts
live in the serving process (one ``muni serve`` per registry): a restart forgives them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

#: Failures allowed without delay; then the wait doubles from BASE_DELAY up to MAX_DELAY.
FREE_FAILURES = 3
BASE_DELAY_S = 2.0
MAX_DELAY_S = 15 * 60.0
#: A key with no failure for this long starts again from zero.
FORGET_AFTER_S = 60 * 60.0


def delay_after(failures: int) -> float:
    """Seconds a login must wait after ``failures`` consecutive failures."""
    if failures < FREE_FAILURES:
        return 0.0
    return min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failures - FREE_FAILURES))


@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0


@dataclass
class LoginThrottle:
    """Counts failed logins per key (``login:…``, ``addr:…``) with an injectable clock."""

    clock: Callable[[], float]
    _records: dict[str, _Record] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_s(self, *keys: str) -> float:
        """How many seconds until any of ``keys`` may try again (0: now)."""
        now = self.clock()
        with self._lock:
            waits = [0.0]
            for key in keys:
                rec = self._records.get(key)
                if rec is None:
                    continue
                if now - rec.last > FORGET_AFTER_S:
                    del self._records[key]
                    continue
                waits.append(rec.last + delay_after(rec.failures) - now)
            return max(waits)

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                rec = self._records.setdefault(key, _Record())
                if now - rec.last > FORGET_AFTER_S:
                    rec.failures = 0
                rec.failures += 1
                rec.last = now

