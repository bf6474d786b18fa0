"""The command line's own words in the reader's language: with ``--lang ky`` or ``--lang ru``,
the labels and headings around the rules (state, rule profile, ALLOWED/REFUSED, basis,
deadlines and their status, overdue days, the status table, a preview's heading, a history's
actors and profiles) come from the same catalogs as the rules' messages; ``--json`` carries
none of them.

"No English" is checked on everything these commands print, except what a reader types or
looks up as it is, and the test names exactly that: words between backticks (a command to
type), tokens with a digit (dates, times, numbers, hashes, profile ids such as kg-2021, field
paths such as sessions[2]), tokens with "_", "/" or an inner "." (rule ids, state and step ids
such as working_group, file paths), and the ids the same command's ``--json`` names — the
municipality's code, the workflow's states and steps, the actors' logins.
"""

from __future__ import annotations

import json
import re

import pytest
from test_needs_assessment import sample
from test_reader_language import group_data, waiting_for_planning

LATIN = re.compile(r"[A-Za-z]")
LABELS = {
    "ky": {"explain": ["Иш {case} · working_group · lipenka",
                       "Абалы: initiative_recorded — Кеңештин демилгеси катталды",
                       "Эрежелер профили: kg-2021 (2021-жылдын 21-октябрынан тартып күчүндө)",
                       "draft_order → order_drafted: МҮМКҮН ЭМЕС", "      негизи: "],
           "preview": "Иш {case}: «draft_order» кадамынын долбоору (анын эрежелеринин баары "
                      "азырынча аткарыла элек — `muni explain` караңыз)",
           "at": [": абалы «initiative_recorded» (1-аудит жазуусунан кийин).", "\nАзыр:\n"],
           "before": "2000-жылдын 1-январында иште катталган кадам али жок эле.",
           "history": ["clerk (аты гана жазылган, кирүүсүз): open ∅ → initiative_recorded",
                       "[kg-2021 профили]"],
           "deadline": "  [күтүлүүдө] пландоо жолугушуусу (акыркы фокус-топтон (2026-жылдын "
                       "10-декабры) кийин 7 күндүн ичинде): 2026-жылдын 17-декабрына чейин (",
           "status": "   иш  жол-жобо         айыл аймагы    абалы                өзгөртүлдү",
           "overdue": "иш {case} (focus_groups_held): пландоо жолугушуусу (акыркы фокус-топтон "
                      "(2026-жылдын 10-декабры) кийин 7 күндүн ичинде) — мөөнөтү 2026-жылдын "
                      "17-декабры, 24 күн кечиктирилди [na.planning_within_week]"},
    "ru": {"explain": ["Дело {case} · working_group · lipenka",
                       "Состояние: initiative_recorded — ",
                       "Профиль правил: kg-2021 (действует с 21 октября 2021 года)",
                       "draft_order → order_drafted: НЕЛЬЗЯ", "      основание: "],
           "preview": "Дело {case}: проект шага «draft_order» (не все его правила пока "
                      "соблюдены — см. `muni explain`)",
           "at": [": состояние «initiative_recorded» (после записи журнала № 1).",
                  "\nСейчас:\n"],
           "before": "На 1 января 2000 г. у дела ещё не было записанных шагов.",
           "history": ["clerk (имя указано без входа): open ∅ → initiative_recorded",
                       "[профиль kg-2021]"],
           "deadline": "  [ожидается] планировочная встреча (в течение 7 дней после последней "
                       "фокус-группы, 10 декабря 2026 г.): до 17 декабря 2026 года (",
           "status": " дело  процедура        айылный аймак  состояние            изменено",
           "overdue": "дело {case} (focus_groups_held): планировочная встреча (в течение 7 "
                      "дней после последней фокус-группы, 10 декабря 2026 г.) — срок 17 декабря "
                      "2026 г., просрочено на 24 дня [na.planning_within_week]"},
}


def foreign_words(text: str, ids: set[str]) -> list[str]:
    """Latin-letter words of ``text`` that are not what the module docstring exempts."""
    text = re.sub(r"`[^`]*`", " ", text)
    found = []
    for token in re.split(r"[\s,;:()«»\"'“”—–…]+", text):
        token = token.strip("[]").rstrip(".")
        if (not LATIN.search(token) or re.search(r"\d", token) or "_" in token
                or "/" in token or "." in token or token in ids):
            continue
        found.append(token)
    return found


def ids_in(payload: object) -> set[str]:
    """The ids a command's JSON names: municipality, workflow, states, steps, actors."""
    out: set[str] = set()
    if isinstance(payload, dict):
        for key, value in payload.items():
            if key in ("municipality", "workflow", "state", "name", "trigger", "to", "from",
                       "from_state", "to_state", "actor", "login", "action") \
                    and isinstance(value, str):
                out.add(value)
            out |= ids_in(value)
    elif isinstance(payload, list):
        for item in payload:
            out |= ids_in(item)
    return out


@pytest.fixture
def cases(sample_muni):
    """A working group refused for its size (explain, preview, history) and a needs
    assessment waiting for its planning meeting (deadlines; overdue a month later)."""
    muni = sample_muni
    small = muni.write("small.json", json.dumps(group_data(1), ensure_ascii=False))
    group = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", small)["case"]
    return muni, group, waiting_for_planning(muni, sample())


def shown(muni, lang: str, *args: str) -> tuple[str, set[str]]:
    """The text a command prints in ``lang`` and the ids its --json names."""
    text = muni(*args, "--lang", lang).stdout
    return text, ids_in(muni.json(*args, "--lang", lang))


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_label_is_in_the_readers_language(cases, lang, monkeypatch):
    muni, group, assessment = cases
    said = LABELS[lang]
    outputs = {}

    text, ids = shown(muni, lang, "explain", group)
    for label in said["explain"]:
        assert label.format(case=group) in text
    outputs["explain"] = (text, ids)

    # explain --at: the steps recorded until then (the records bear the clock's date)
    text = muni("explain", group, "--at", "2099-01-01", "--lang", lang).stdout
    for label in said["at"]:  # (the actor as --json's "who" names it: left as recorded)
        assert label in text
    text = muni("explain", group, "--at", "2000-01-01", "--lang", lang).stdout
    assert text.startswith(said["before"] + "\n\n")

    text = muni("preview", group, "--lang", lang).stdout
    assert text.splitlines()[0] == said["preview"].format(case=group)
    outputs["preview"] = (text, set())

    text, ids = shown(muni, lang, "history", group)
    for label in said["history"][:1]:
        assert label in text
    outputs["history"] = (text, ids)

    text, ids = shown(muni, lang, "status", "--deadlines")
    assert said["status"] in text.splitlines()
    assert said["deadline"] in text
    outputs["status --deadlines"] = (text, ids)

    monkeypatch.setenv("MUNI_TODAY", "2027-01-10")
    text, ids = shown(muni, lang, "status", "--overdue")
    assert said["overdue"].format(case=assessment) in text.splitlines()
    outputs["status --overdue"] = (text, ids)
    text, ids = shown(muni, lang, "history", assessment)
    assert said["history"][1] in text
    outputs["history of a stepped case"] = (text, ids)

    for command, (text, ids) in outputs.items():
        for line in text.splitlines():
            assert foreign_words(line, ids) == [], f"{command} --lang {lang}: {line}"


def test_english_stays_the_default_and_reads_as_before(cases):
    muni, group, _ = cases
    text = muni("explain", group).stdout
    assert f"Case {group} · working_group · lipenka\nState: initiative_recorded — " in text
    assert "Rule profile: kg-2021 (in force from 2021-10-21) — Law No. 123" in text
    assert "draft_order → order_drafted: REFUSED" in text and "\n      basis: " in text
    assert "  [pending] planning meeting" in muni("status", "--deadlines").stdout
    assert muni("preview", group).stdout.startswith(
        f"Case {group}: draft of 'draft_order' (its rules do not all hold yet — see "
        "`muni explain`)\n")


#: What the engine words in the language asked for (the rules' messages, titles, bases and
#: deadlines): the only values of --json that may differ between languages.
WORDED = {"message", "title", "basis", "basis_lang", "what", "lang"}


def masked(payload: object) -> object:
    if isinstance(payload, dict):
        return {k: "…" if k in WORDED else masked(v) for k, v in payload.items()}
    if isinstance(payload, list):
        return [masked(v) for v in payload]
    return payload


@pytest.mark.parametrize("command", [("explain", "{group}"), ("history", "{group}"),
                                     ("status", "--deadlines"), ("status", "--overdue")])
def test_json_carries_no_label_and_differs_only_in_the_worded_rules(cases, command):
    muni, group, _ = cases
    args = [a.format(group=group) for a in command]
    out = {lang: muni(*args, "--json", "--lang", lang).stdout for lang in ("en", "ky", "ru")}
    parsed = {lang: json.loads(text) for lang, text in out.items()}
    assert masked(parsed["ky"]) == masked(parsed["en"]) == masked(parsed["ru"])
    for lang, text in out.items():
        for label in ("basis:", "негизи", "основание:", "ALLOWED", "REFUSED", "МҮМКҮН",
                      "НЕЛЬЗЯ", "Абалы", "Состояние", "Deadlines", "Мөөнөттөр", "Сроки:"):
            assert label not in text, (lang, label)


def test_status_json_is_byte_identical_across_languages(cases):
    muni, _, _ = cases
    texts = {muni("status", "--json", "--lang", lang).stdout for lang in ("en", "ky", "ru")}
    assert len(texts) == 1
