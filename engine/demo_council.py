"""The council part of ``muni demo``: the ayil kenesh adopts the ЖМБА joint action plan, and
carries two normative acts through the State Register — one to "in force", one through a
refusal and its re-adoption by a conforming decision.

Every step goes through ``advance`` like a clerk's would; data is added with
``intake.update_case`` the way ``muni case update`` adds it. Step dates are fixed (a back-office
catch-up of January–May 2027), so the demo is the same whatever day it runs.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from muni.registry.db import Registry

from .actor import Actor
from .demo_runner import Runner
from .errors import MuniError
from .imports import import_files
from .intake import read_data_file
from .render import TemplateStore
from .sample import EXAMPLES
from .spec import load

CHAIR = Actor.declared("Абдылдаев М. (кеңештин төрагасы)")
COUNCIL_CLERK = Actor.declared("Сыдыкова Г. (кеңештин катчысы)")
DEPUTIES = EXAMPLES / "council_deputies.yaml"
NORMATIVE = EXAMPLES / "council_normative_case.yaml"
PRESENT = ["lip-010", "lip-011", "lip-012", "lip-013", "lip-030", "lip-031", "lip-032",
           "lip-033", "lip-034", "lip-035", "lip-036", "lip-037"]

LIVESTOCK_TITLE = {
    "ky": "Липенка айыл аймагында үй жаныбарларын кармоо эрежелерин бекитүү жөнүндө",
    "ru": "Об утверждении Правил содержания домашних животных на территории Липенского "
          "айылного аймака",
}
LIVESTOCK_RULES = {
    "ky": "Липенка айыл аймагында үй жаныбарларын кармоо эрежелери",
    "ru": "Правила содержания домашних животных на территории Липенского айылного аймака",
}


def _normative(title: dict, rules_title: dict, registered: str, start: str, end: str,
               **extra: Any) -> dict[str, Any]:
    data = read_data_file(NORMATIVE)
    data = copy.deepcopy(data)
    data["draft"].update(title=title, registered=registered, **extra)
    data["draft"]["clauses"][0]["approve"] = rules_title
    data["draft"]["annexes"][0]["title"] = rules_title
    data["commission"]["date"] = registered
    data["discussion"].update(start=start, end=end)
    return data


def _session(number: int, date: str, notice: str, drafts: list[int]) -> dict[str, Any]:
    data = read_data_file(load("council_session").example)
    data["session"].update(number=number, date=date)
    data["notice"] = {"date": notice}
    data["agenda"] = [{"draft": d, "speakers": ["lip-001"]} for d in drafts]
    return data


def _held(runner: Runner, session: int, votes: dict[int, dict[str, int]]) -> None:
    agenda = [{"draft": d, "speakers": ["lip-001", "lip-013"], "vote": v}
              for d, v in votes.items()]
    runner.update(session, {"attendance": {"present": PRESENT}, "agenda": agenda},
                  f"attendance ({len(PRESENT)} of 15) and votes")


def run(db: Registry, *, source_case: int | None, action_plan: str | None,
        docs_dir: Path, store: TemplateStore, lang: str, log: list[str],
        documents: list[str]) -> list[int]:
    """Run the council's procedures; returns the case ids opened."""
    import_files(db, [DEPUTIES])
    log.append("\nLocal council (ayil kenesh): 11 more deputies imported — 15 seats on record.")
    r = Runner(db, docs_dir, store, lang, log, documents, on=dt.date.today(),
               actor=COUNCIL_CLERK)

    plan = read_data_file(load("council_decision").example)
    plan["draft"]["registered"] = "2027-01-05"
    plan["commission"]["date"] = "2027-01-12"
    if source_case is not None:
        plan["draft"]["source_case"] = source_case
    if action_plan:
        plan["draft"]["annexes"][0]["file"] = action_plan
    bap = r.open("council_decision", plan, "draft decision approving the joint action plan"
                 + (f" handed over by case {source_case}" if source_case else ""))
    rules_a = r.open("council_decision", _normative(
        read_data_file(NORMATIVE)["draft"]["title"],
        read_data_file(NORMATIVE)["draft"]["clauses"][0]["approve"],
        "2026-11-20", "2026-11-25", "2026-12-26"), "draft normative act (landscaping rules)")
    rules_b = r.open("council_decision", _normative(
        LIVESTOCK_TITLE, LIVESTOCK_RULES, "2026-11-20", "2026-11-25", "2026-12-26"),
        "draft normative act (rules on keeping animals)")
    r.step(bap, "examine", "2027-01-12")
    for case_id in (rules_a, rules_b):
        r.step(case_id, "examine", "2026-11-24")
        r.step(case_id, "open_discussion", "2026-11-25")
        r.step(case_id, "close_discussion", "2026-12-27")

    s7 = r.open("council_session", _session(7, "2027-01-28", "2027-01-18",
                                            [bap, rules_a, rules_b]),
                "session 7 of convocation VII, agenda built from the three ready drafts")
    r.step(s7, "convene", "2027-01-18")
    for case_id in (bap, rules_a, rules_b):
        r.step(case_id, "schedule", "2027-01-18")
    try:
        r.step(bap, "adopt", "2027-01-20")
    except MuniError as exc:
        log.append(f"  case {bap} adopt before the session: refused — {exc.message}")
    _held(r, s7, {bap: {"for": 11, "against": 0, "abstained": 1},
                  rules_a: {"for": 10, "against": 1, "abstained": 1},
                  rules_b: {"for": 9, "against": 2, "abstained": 1}})
    r.step(s7, "hold", "2027-01-28")
    for case_id in (bap, rules_a, rules_b):
        r.step(case_id, "adopt", "2027-01-28")
        r.step(case_id, "sign", "2027-01-29", actor=CHAIR)

    r.update(bap, {"publication": {"source": {"ky": "айыл өкмөтүнүн маалымат тактасы",
                                              "ru": "информационный стенд айыл окмоту"},
                                   "date": "2027-02-01"}}, "publication")
    r.step(bap, "publish", "2027-02-01")
    r.step(bap, "enter_into_force", "2027-02-01")

    sent = {"sent": "2027-02-01", "pages": 7,
            "attachments": [{"ky": "Токтомдун түп нускасы (7 барак)",
                             "ru": "Подлинник постановления (7 листов)"},
                            {"ky": "Протоколдон көчүрмө", "ru": "Выписка из протокола"}]}
    for case_id in (rules_a, rules_b):
        r.update(case_id, {"register": sent}, "sending to the State Register")
        r.step(case_id, "send_to_register", "2027-02-01")
    r.update(rules_a, {"register": {**sent, "number": "LIP-2027-0012", "date": "2027-02-20"}},
             "inclusion in the State Register")
    r.step(rules_a, "include", "2027-02-20")
    r.update(rules_a, {"publication": {"source": {"ky": "«Липенка жаңылыктары» гезити",
                                                  "ru": "газета «Липенка жаңылыктары»"},
                                       "date": "2027-02-25", "issue": "№ 4"}}, "publication")
    r.step(rules_a, "publish", "2027-02-25")
    try:
        r.step(rules_a, "enter_into_force", "2027-03-01")
    except MuniError as exc:
        log.append(f"  case {rules_a} enter_into_force on 2027-03-01: refused — "
                   f"{exc.details[0] if exc.details else exc.message}")
    r.step(rules_a, "enter_into_force", "2027-03-07")

    r.update(rules_b, {"refusal": {"date": "2027-02-20", "grounds": {
        "ky": "2-пункттагы айып пулдар мыйзамда каралган эмес",
        "ru": "штрафы в пункте 2 не предусмотрены законом"}}}, "the refusal and its grounds")
    r.step(rules_b, "refuse", "2027-02-20")
    rules_b2 = r.open("council_decision", _normative(
        LIVESTOCK_TITLE, LIVESTOCK_RULES, "2027-02-22", "2027-02-23", "2027-03-25",
        replaces=rules_b), f"conforming draft replacing case {rules_b}")
    r.step(rules_b2, "examine", "2027-02-22")
    r.step(rules_b2, "open_discussion", "2027-02-23")
    r.step(rules_b2, "close_discussion", "2027-03-26")
    s8 = r.open("council_session", _session(8, "2027-04-08", "2027-03-30", [rules_b2]),
                "session 8 of convocation VII")
    r.step(s8, "convene", "2027-03-30")
    r.step(rules_b2, "schedule", "2027-03-30")
    _held(r, s8, {rules_b2: {"for": 12, "against": 0, "abstained": 0}})
    r.step(s8, "hold", "2027-04-08")
    r.step(rules_b2, "adopt", "2027-04-08")
    r.step(rules_b2, "sign", "2027-04-09", actor=CHAIR)
    r.step(rules_b, "bring_into_conformity", "2027-04-09")
    r.update(rules_b2, {"register": {**sent, "sent": "2027-04-12"}}, "sending")
    r.step(rules_b2, "send_to_register", "2027-04-12")
    r.update(rules_b2, {"register": {**sent, "sent": "2027-04-12", "number": "LIP-2027-0031",
                                     "date": "2027-04-30"}}, "inclusion")
    r.step(rules_b2, "include", "2027-04-30")
    r.update(rules_b2, {"publication": {"source": {"ky": "«Липенка жаңылыктары» гезити",
                                                   "ru": "газета «Липенка жаңылыктары»"},
                                        "date": "2027-05-05", "issue": "№ 9"}},
             "publication")
    r.step(rules_b2, "publish", "2027-05-05")
    r.step(rules_b2, "enter_into_force", "2027-05-15")  # 10 days after publication
    log.append(f"Acts: case {bap} (joint action plan) and case {rules_a} in force; case "
               f"{rules_b} refused and replaced by case {rules_b2}, now in force. "
               "See `muni registry acts` and `muni registry act CASE`.")
    return [bap, rules_a, rules_b, s7, rules_b2, s8]
