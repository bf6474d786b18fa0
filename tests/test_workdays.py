"""Working days from the dated holiday calendar: the State Register's 7-working-day term.

The calendar file is data with a source per day; these tests read it back and check the
arithmetic against a direct count, and that a year (or a span) the file does not hold is
"unknown" — never a silent count of weekdays.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muni.engine import workdays
from muni.engine.errors import SpecError

CAL = workdays.load()
KNOWN = st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 10))


def test_the_inclusion_term_skips_the_may_holidays():
    # Published Monday 28 April 2025: 29, 30 April, then 1–9 May are off (Labour Code 2025),
    # so the 7th working day is Friday 16 May, not Wednesday 7 May.
    term = workdays.working_day_term(dt.date(2025, 4, 28), 7)
    assert term.due == dt.date(2025, 5, 16)
    assert [d.date.day for d in term.skipped] == [1, 2, 5, 6, 7, 8, 9]
    assert "skips 2025-05-01 Labour Day" in term.words()


def test_a_saturday_made_working_by_decree_counts():
    # 8–9 January 2026 were moved off in exchange for Saturday 7 February 2026.
    assert CAL.is_working_day(dt.date(2026, 2, 7))
    assert not CAL.is_working_day(dt.date(2026, 1, 8))
    assert workdays.working_day_term(dt.date(2026, 2, 6), 1).due == dt.date(2026, 2, 7)


def test_a_year_missing_from_the_calendar_is_unknown():
    term = workdays.working_day_term(dt.date(2026, 12, 24), 7)
    assert term.due is None
    assert "the public holidays of 2027 are not in the calendar" in term.unknown
    assert "due date unknown" in term.words()
    with pytest.raises(workdays.UnknownDay, match="2027"):
        CAL.is_working_day(dt.date(2027, 1, 4))


def test_a_feast_whose_date_was_not_found_is_unknown():
    term = workdays.working_day_term(dt.date(2026, 5, 20), 7)
    assert term.due is None and "Kurman Ait 2026" in term.unknown
    # A term that ends before the unknown span is computed.
    assert workdays.working_day_term(dt.date(2026, 5, 18), 5).due == dt.date(2026, 5, 25)


def _count_working(start: dt.date, end: dt.date) -> int:
    days = (end - start).days
    return sum(1 for i in range(1, days + 1)
               if CAL.is_working_day(start + dt.timedelta(days=i)))


@given(KNOWN, st.integers(1, 12))
def test_the_due_day_is_the_nth_working_day_after_the_start(start, n):
    term = workdays.working_day_term(start, n)
    if term.due is None:
        assert term.unknown
        return
    assert term.due > start
    assert CAL.is_working_day(term.due)
    assert _count_working(start, term.due) == n
    off = [start + dt.timedelta(days=i) for i in range(1, (term.due - start).days)]
    assert {d.date for d in term.skipped} == {
        d for d in off if d.weekday() < 5 and CAL.day_off(d) is not None}


@given(KNOWN)
def test_a_weekday_is_working_unless_the_calendar_names_it(day):
    if CAL.unknown_reason(day):
        return
    year = CAL.years[day.year]
    expected = (day in year.working) or (day.weekday() < 5 and day not in year.non_working)
    assert CAL.is_working_day(day) == expected


@given(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)), st.integers(0, 24))
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months):
    later = workdays.add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or (later.day < day.day
                                    and (later + dt.timedelta(days=1)).day == 1)


def test_one_month_of_discussion_counts_from_the_day_after_publication():
    # Published 10 March: the month runs 11 March – 10 April (Law No. 241 art. 23(2)).
    assert workdays.month_term_end(dt.date(2027, 3, 10)) == dt.date(2027, 4, 10)
    assert workdays.month_term_end(dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)


def test_every_day_off_cites_a_source_of_its_year_or_its_regime():
    for year in CAL.years.values():
        for day in (*year.non_working.values(), *year.working.values()):
            assert day.source in year.sources or day.source in CAL.regimes
            assert day.name.get("ky") and day.name.get("ru") and day.name.get("en")


def test_a_malformed_calendar_names_the_entry(tmp_path):
    bad = tmp_path / "cal.yaml"
    bad.write_text("regimes: {r: {}}\nyears:\n  2025:\n    regime: r\n    non_working:\n"
                   "      - {date: 2026-01-01, name: {en: x}, source: r}\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"years.2025.non_working\[0\]: 2026-01-01 is not in 2025"):
        workdays.parse(bad)
    bad.write_text("regimes: {r: {}}\nyears:\n  2025:\n    regime: r\n    non_working:\n"
                   "      - {date: 2025-01-01, name: {en: x}, source: decree}\n",
                   encoding="utf-8")
    with pytest.raises(SpecError, match="source 'decree' is not a source of 2025"):
        workdays.parse(bad)
