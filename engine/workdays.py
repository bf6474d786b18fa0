"""Working days and calendar months, from the dated calendar of Kyrgyz public holidays.

Law No. 241 art. 28(1) gives the State Register 7 *working* days from a normative act's
official publication; art. 23 gives a public discussion "not less than one month". Neither can
be counted without knowing which days are off, and Kyrgyz days off are not a fixed list: the
Muftiate announces Orozo Ait and Kurman Ait each year, and the Cabinet moves days off by decree.
So the days off are data (``workflows/calendar/kg_holidays.yaml``), each with its source, and a
year the file does not hold is *unknown*: :func:`working_day_term` then says so instead of
counting weekdays — a wrong deadline shown as certain is worse than none.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SpecError
from .spec import WORKFLOWS_DIR

CALENDAR_FILE = WORKFLOWS_DIR / "calendar" / "kg_holidays.yaml"


@dataclass(frozen=True)
class Day:
    """A day the calendar names: off (a holiday, a day moved off) or a Saturday made working."""

    date: dt.date
    name: dict[str, str]
    source: str


@dataclass(frozen=True)
class UnknownSpan:
    start: dt.date
    end: dt.date
    why: str


@dataclass(frozen=True)
class Year:
    year: int
    regime: str
    non_working: dict[dt.date, Day]
    working: dict[dt.date, Day]
    unknown: tuple[UnknownSpan, ...]
    sources: dict[str, str]


@dataclass(frozen=True)
class Calendar:
    years: dict[int, Year]
    regimes: dict[str, dict]
    path: Path

    def unknown_reason(self, day: dt.date) -> str | None:
        """Why ``day`` cannot be classified, or None when the calendar knows it."""
        year = self.years.get(day.year)
        if year is None:
            held = ", ".join(str(y) for y in sorted(self.years)) or "none"
            return (f"the public holidays of {day.year} are not in the calendar "
                    f"({self.path.name}; years held: {held})")
        for span in year.unknown:
            if span.start <= day <= span.end:
                return f"{day.isoformat()} is not known: {' '.join(span.why.split())}"
        return None

    def is_working_day(self, day: dt.date) -> bool:
        """Monday–Friday and not off, or a Saturday a decree made working.

        Raises :class:`UnknownDay` when the calendar cannot tell (see :meth:`unknown_reason`).
        """
        why = self.unknown_reason(day)
        if why is not None:
            raise UnknownDay(why)
        year = self.years[day.year]
        if day in year.working:
            return True
        return day.weekday() < 5 and day not in year.non_working

    def day_off(self, day: dt.date) -> Day | None:
        """The holiday (or day moved off) falling on ``day``, if the calendar names one."""
        year = self.years.get(day.year)
        return year.non_working.get(day) if year else None


class UnknownDay(Exception):
    """The calendar cannot tell whether a day is a working day."""


@dataclass(frozen=True)
class Term:
    """A term of working days counted from a day (that day not included)."""

    start: dt.date
    working_days: int
    due: dt.date | None                # None: unknown
    unknown: str | None = None         # why the due date cannot be computed
    skipped: tuple[Day, ...] = field(default=())   # weekday holidays inside the term

    def words(self) -> str:
        """"due 2025-05-16 (7 working days after 2025-04-28; skips 1 May Labour Day, …)"."""
        if self.due is None:
            return (f"{self.working_days} working days after {self.start.isoformat()}: due date "
                    f"unknown — {self.unknown}")
        text = f"due {self.due.isoformat()} ({self.working_days} working days after " \
               f"{self.start.isoformat()}"
        if self.skipped:
            text += "; skips " + ", ".join(
                f"{d.date.isoformat()} {d.name.get('en', '')}".rstrip() for d in self.skipped)
        return text + ")"


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise SpecError(f"{where}: expected a date (YYYY-MM-DD), got {value!r}") from None


def _days(entries: list | None, year: int, known_sources: set[str], where: str
          ) -> dict[dt.date, Day]:
    out: dict[dt.date, Day] = {}
    for i, e in enumerate(entries or []):
        here = f"{where}[{i}]"
        day = _date(e.get("date"), f"{here}.date")
        if day.year != year:
            raise SpecError(f"{here}: {day} is not in {year}")
        if e.get("source") not in known_sources:
            raise SpecError(f"{here}: source '{e.get('source')}' is not a source of {year} "
                            "or a regime")
        if day in out:
            raise SpecError(f"{here}: {day} is listed twice")
        out[day] = Day(date=day, name=dict(e.get("name") or {}), source=str(e["source"]))
    return out


def parse(path: Path) -> Calendar:
    """Read a calendar file; a malformed one is a :class:`SpecError` naming the entry."""
    # imported here: YAML's parser is ~20 ms of a command's start, and a parsed calendar
    # usually comes from the cache (engine/cache.py)
    import muni.engine.inputs as inputs

    doc = inputs.parse(inputs.read_text(path, error=SpecError), path.name,
                       error=SpecError) or {}
    regimes = dict(doc.get("regimes") or {})
    years = {}
    for key, y in (doc.get("years") or {}).items():
        year = int(key)
        where = f"{path.name}: years.{year}"
        if y.get("regime") not in regimes:
            raise SpecError(f"{where}.regime: unknown regime '{y.get('regime')}'")
        sources = {str(k): " ".join(str(v).split()) for k, v in (y.get("sources") or {}).items()}
        known = set(sources) | set(regimes)
        non_working = _days(y.get("non_working"), year, known, f"{where}.non_working")
        working = _days(y.get("working"), year, known, f"{where}.working")
        both = set(non_working) & set(working)
        if both:
            raise SpecError(f"{where}: {min(both)} is both a working and a non-working day")
        unknown = []
        for i, u in enumerate(y.get("unknown") or []):
            start = _date(u.get("from"), f"{where}.unknown[{i}].from")
            end = _date(u.get("to"), f"{where}.unknown[{i}].to")
            if end < start or start.year != year or end.year != year:
                raise SpecError(f"{where}.unknown[{i}]: {start}–{end} is not a span of {year}")
            unknown.append(UnknownSpan(start, end, str(u.get("why") or "not established")))
        years[year] = Year(year=year, regime=str(y["regime"]), non_working=non_working,
                           working=working, unknown=tuple(unknown), sources=sources)
    return Calendar(years=years, regimes=regimes, path=path)


@functools.cache
def load(path: Path = CALENDAR_FILE) -> Calendar:
    return parse(path)


def working_day_term(start: dt.date, working_days: int, cal: Calendar | None = None) -> Term:
    """The ``working_days``-th working day after ``start``, or why it cannot be known.

    "Within 7 working days of the day of publication": the day of publication does not count;
    the term ends on the 7th working day after it. Weekday holidays inside the term are listed
    so ``explain`` can show that they were skipped.
    """
    if working_days < 1:
        raise ValueError("a term has at least one working day")
    cal = cal or load()
    day, counted, skipped = start, 0, []
    while counted < working_days:
        day += dt.timedelta(days=1)
        try:
            working = cal.is_working_day(day)
        except UnknownDay as exc:
            return Term(start, working_days, None, str(exc), tuple(skipped))
        if working:
            counted += 1
        elif day.weekday() < 5 and (off := cal.day_off(day)) is not None:
            skipped.append(off)
    return Term(start, working_days, day, None, tuple(skipped))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later; the month's last day when it is shorter
    (31 January + 1 month → 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, _stdlib_calendar.monthrange(year, month)[1]))


def month_term_end(published: dt.date, months: int = 1) -> dt.date:
    """The last day of a term of ``months`` calendar months counted from the day after
    ``published`` (Law No. 241 art. 23(2)): published 10 March → the month runs 11 March –
    10 April, so a discussion may close on 10 April at the earliest."""
    return add_months(published, months)
