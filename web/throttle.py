"""Login throttling: after a few failed logins, the next attempt must wait, longer each time.

Why refuse instead of sleeping: a sleeping request holds a worker thread, so a guesser with
many connections would tie up the server for everyone; a refusal costs nothing and tells the
clerk how long to wait. Failures count per login *and* per client address, so guessing many
passwords for one account and one password for many accounts are both slowed. The counts
live in the serving process (one ``muni serve`` per registry): a restart forgives them, which
is acceptable for an office server and keeps failed guesses from becoming registry writes.
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

    def succeeded(self, login_key: str) -> None:
        """A correct password clears the account's count (not the address's: an office
        shares one address, and one clerk's success must not reset a guesser's count)."""
        with self._lock:
            self._records.pop(login_key, None)
