"""Each document of a step is rendered from a context of its own (``advance._numbered_context``):
its ``draft`` and journal number never reach the step's context or another document, and a
template that may change what it is given changes only its own whole copy."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

from conftest import docx_text
from hypothesis import given, settings
from hypothesis import strategies as st
from test_advance_atomic import new_case
from tools_helpers import write_template

from muni.engine import advance as adv
from muni.engine import plan as planning
from muni.engine.actor import Actor
from muni.engine.contexts.common import BLANK
from muni.engine.data import set_dotted
from muni.engine.render import TemplateStore

TODAY = dt.date(2026, 11, 21)


def drafted_case(db, store, out) -> int:
    case = new_case(db)
    adv.advance(db, case, actor=Actor("clerk"), out_dir=out, store=store, today=TODAY)
    return case


def recorded_context(db, audit_id: int) -> dict:
    data = db.execute("SELECT data FROM audit WHERE id = ?", [audit_id]).fetchone()[0]
    [context] = json.loads(data)["documents"]
    return context


def test_a_template_that_only_reads_shares_the_steps_context_but_not_its_number(
        db, store, tmp_path):
    out = tmp_path / "docs"
    case = drafted_case(db, store, out)
    plan_ = planning.plan(db, case, "sign_order", today=TODAY, actor=Actor("head"))
    assert store.get("working_group_order", "ky", "lipenka").reads_only
    [doc] = adv.prerender(plan_, store)
    step = plan_.prepared.context
    assert doc.context["group"] is step["group"]        # read, never copied
    assert doc.context["order"] is not step["order"]    # the number's own mapping
    assert doc.context["draft"] is False

    result = adv.commit_plan(db, plan_, actor=Actor("head"), out_dir=out, store=store,
                             rendered=[doc])
    assert result.documents[0]["number"] == 12
    assert step["order"]["number"] == BLANK             # the step's context kept its blank
    assert recorded_context(db, result.audit_id)["order"]["number"] == "12"
    assert "№ 12" in docx_text(result.documents[0]["path"])


def test_a_template_that_may_change_its_context_changes_only_its_own_copy(
        db, tmp_path):
    """A template that calls something (here ``list.append``, which the sandbox allows) is
    not ``reads_only``: it renders from a whole copy, so the step's context and the audit
    record hold the members as the case has them, not as the template left them — and the
    document rendered again from its record is the same document."""
    overrides = tmp_path / "overrides"
    write_template(overrides / "lipenka" / "ky" / "working_group_order.docx",
                   "{{ group.members.append({'name': 'Added by the template'}) or '' }}"
                   "{{ group.members | length }} members")
    store = TemplateStore(overrides=overrides)
    out = tmp_path / "docs"
    case = new_case(db)
    plan_ = planning.plan(db, case, "draft_order", today=TODAY, actor=Actor("clerk"))
    assert not store.get("working_group_order", "ky", "lipenka").reads_only
    members = len(plan_.prepared.context["group"]["members"])

    result = adv.commit_plan(db, plan_, actor=Actor("clerk"), out_dir=out, store=store)
    assert f"{members + 1} members" in docx_text(result.documents[0]["path"])
    assert len(plan_.prepared.context["group"]["members"]) == members
    recorded = recorded_context(db, result.audit_id)["group"]["members"]
    assert len(recorded) == members
    assert all(m["name"] != "Added by the template" for m in recorded)
    again = store.render("working_group_order", "ky", "lipenka",
                         recorded_context(db, result.audit_id))
    assert again == Path(result.documents[0]["path"]).read_bytes()


_KEYS = st.sampled_from(["order", "number", "a", "b"])
_LEAVES = st.one_of(st.none(), st.integers(), st.text(max_size=3))
_CONTEXTS = st.recursive(_LEAVES, lambda inner: st.dictionaries(_KEYS, inner, max_size=3),
                         max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(context=st.dictionaries(_KEYS, _CONTEXTS, max_size=3),
       path=st.lists(_KEYS, min_size=1, max_size=3).map(".".join))
def test_a_shared_context_takes_its_number_as_a_whole_copy_would(context, path):
    """``_copied_along`` then ``set_dotted`` gives what a whole copy then ``set_dotted``
    gives — the same mapping, or the same error where the path runs into a value that is
    not a mapping — and never changes the context it shares."""
    before = copy.deepcopy(context)
    whole = copy.deepcopy(context)
    shared = adv._copied_along(context, path)
    outcomes = []
    for target in (whole, shared):
        try:
            set_dotted(target, path, "12")
            outcomes.append(target)
        except Exception as exc:  # noqa: BLE001 — the same kind of error either way
            outcomes.append(type(exc))
    assert outcomes[0] == outcomes[1]
    assert context == before
