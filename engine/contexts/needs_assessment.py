"""ЖМБА needs assessment (seed 002, forms 2–10): from the approved plan to the joint action plan.

Everything a form states that can be computed is computed once, from the recorded lists:
participant counts and women's shares, protocol numbers, vote rankings per session, the
village priorities (similar problems merged, votes summed, top five — rule P-16), focus-group
counts by category, funding totals of the БАП. Typed totals in the case data are kept only as
cross-checks (``NeedsFacts.mismatches``), so a document can never state a number its own lists
contradict.

The builder calls the stages in the procedure's order — planning in ``needs_plan.py``,
listening in ``needs_listening.py`` — each adding its facts and context to one ``Build``
(``needs_facts.py``). It is tolerant of missing later stages (the case data grows step by
step): a section not yet recorded yields empty lists, and the rules of the step that needs it
say what is missing. It raises ``InputError`` only for references that cannot be resolved (an
unknown person id, a malformed date).
"""

from __future__ import annotations

import datetime as dt

import muni.engine.tags as tags
from muni.registry import cases, directory
from muni.registry.db import Registry

from ..data import dotted, parse_date
from ..spec import Workflow, load
from .common import BLANK, People, Prepared, case_municipality, municipality_context
from .needs_facts import Build, NeedsFacts, labels, optional_date
from .needs_listening import focus_groups, planning_meeting, sessions, village_priorities
from .needs_plan import action_plan, handover, hearing, initiative_groups, plan_and_schedule
from .wording import Wording, localize

#: The workflow whose order forms the group that runs the assessment.
GROUP_WORKFLOW = "working_group"


def _group_members(group_case: dict | None) -> set[str]:
    if group_case is None:
        return set()
    group = (group_case.get("data") or {}).get("group") or {}
    entries = [group.get("chair"), group.get("secretary"), *(group.get("members") or [])]
    ids = set()
    for e in entries:
        if isinstance(e, dict):
            e = e.get("person")
        if e:
            ids.add(str(e))
    return ids


def build_needs_assessment(db: Registry, case: dict, workflow: Workflow, *,
                           today: dt.date, lang: str = "ky",
                           act_date_path: str | None = None) -> Prepared:
    """ЖМБА needs assessment: facts for the rules and the context of forms 2–10 and the БАП.

    Both languages' fixed wording travels in the context (``label.ky`` / ``label.ru``) and the
    template picks its own; for ``lang`` ``ru`` the case's free text is swapped for its
    Russian wording (``wording.localize``), and the registry's positions are worded in it."""
    data = case["data"]
    code = case["municipality"]
    mun = case_municipality(db, case)
    # The plan order's date, or the step's own (the initiative-groups order, issued later).
    date_path = act_date_path or workflow.act_date
    act_date = parse_date(dotted(data, date_path), date_path)
    wording = Wording(data, lang, case.get("id"))
    for v in data.get("villages") or []:   # a village's Russian name is given with it
        if v.get("name_ru"):
            wording.glossary.setdefault(v["name"], v["name_ru"])
    people = People(db, code, act_date, lang, wording)
    b = Build(db=db, case=case, people=people, act_date=act_date, labels=labels())

    group_case_id = data.get("working_group_case")
    group_case = cases.get(db, int(group_case_id)) if group_case_id else None
    if group_case is not None and (group_case["workflow"] != GROUP_WORKFLOW
                                   or group_case["municipality"] != code):
        group_case = {**group_case, "foreign": True}
    own_group = bool(group_case and not group_case.get("foreign"))
    groups = load(GROUP_WORKFLOW)
    heads = directory.holders_on(db, code, "head", act_date.isoformat())
    head = heads[0] if heads else None

    for stage in (plan_and_schedule, sessions, village_priorities, focus_groups,
                  planning_meeting, initiative_groups, action_plan, hearing, handover):
        stage(b)

    report = data.get("session_report") or {}
    report_compiler = people.ctx(report.get("compiler"), "session_report.compiler")
    focus_report = data.get("focus_report") or {}
    facts = NeedsFacts(
        act_date=act_date, today=today, municipality=code,
        group_case_id=int(group_case_id) if group_case_id else None, group_case=group_case,
        group_members=_group_members(group_case) if own_group else set(),
        group_formed=own_group and groups.tagged(group_case["state"], tags.GROUP_FORMED),
        group_formed_states=groups.states_tagged(tags.GROUP_FORMED), head=head,
        signer=(data.get("plan_order") or {}).get("signer"), mismatches=b.mismatches,
        names=people.short_names, **b.facts,
    )
    context = {
        "draft": False,
        "municipality": municipality_context(mun),
        "order": {"number": BLANK, "date": act_date},
        "head": {"name": directory.short_name(head) if head else BLANK},
        **b.context,
        "session_report": {
            "date": optional_date(report.get("date"), "session_report.date") or BLANK,
            "compiler": report_compiler,
            "active": [{"n": i + 1, "name": a["name"],
                        "position": a.get("position") or a.get("occupation") or "",
                        "contacts": a.get("contacts", ""), "village": a.get("village", "")}
                       for i, a in enumerate(report.get("active_residents") or [])]},
        "focus_report": {
            "date": optional_date(focus_report.get("date"), "focus_report.date") or BLANK,
            "compiler": people.ctx(focus_report.get("compiler"), "focus_report.compiler")},
        "planning_report": {"compiler": people.ctx(
            (data.get("planning_meeting") or {}).get("compiler"), "planning_meeting.compiler")},
        "responsible": {"name": people.ctx(data.get("responsible"), "responsible")["short"]},
    }
    if lang == "ru":
        context = localize(context, data, wording)
    warnings = [str(m.say()) for m in b.mismatches]
    return Prepared(act_date=act_date, facts=facts, context=context, warnings=warnings,
                    wording=wording)
