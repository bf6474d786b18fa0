"""What a council decision prints, read back out of the generated documents: the annex holds
the text it approves (the handed-over plan, or the act's own sections), a decision approving a
plan names that plan, a replacing decision repeals the refused one, the preamble cites the
competence article where its law was read, the letter to the Register sends a certified copy
under the article in force with the publication data; no internal identifier anywhere."""

from __future__ import annotations

import copy

import docx
import pytest
from council_helpers import NORMATIVE, PLAN, Council, council_registry, data

from muni.engine import intake
from muni.engine.errors import GuardFailed
from muni.engine.locale.typography import plain
from muni.engine.sample import EXAMPLES

NEEDS = EXAMPLES / "needs_assessment_case.yaml"
PLAN_KY = "Липенка айылдык аймагынын 2027-жылга карата биргелешкен аракеттер планы"
PUBLICATION = {"source": {"ky": "«Липенка жаңылыктары» гезити",
                          "ru": "газета «Липенка жаңылыктары»"}, "issue": "№ 23"}


@pytest.fixture
def council(tmp_path):
    db = council_registry(tmp_path / "muni.db")
    yield Council(db, tmp_path / "docs")
    db.close()


def text_of(path: str) -> str:
    """Every paragraph and table cell of a .docx, in order enough for a search, as a reader
    reads it (no-break hyphens and spaces as ordinary ones)."""
    doc = docx.Document(path)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return plain("\n".join([p.text for p in doc.paragraphs] + cells))


def paragraphs(path: str) -> list[str]:
    return [plain(p.text) for p in docx.Document(path).paragraphs]


def handed_needs_case(c: Council) -> int:
    """A needs-assessment case holding the example's БАП, in the state that hands it to the
    council (its own procedure is tested with the needs-assessment workflow and the demo)."""
    case = c.open("needs_assessment", copy.deepcopy(intake.read_data_file(NEEDS)))
    c.db.execute("UPDATE cases SET state = 'handed_to_council' WHERE id = ?", [case])
    return case


def plan_decision(c: Council, source: int, **draft) -> int:
    payload = data(PLAN)
    payload["draft"]["annexes"][0].pop("text")       # the plan comes from the source case
    payload["draft"].update(source_case=source, **draft)
    return c.open("council_decision", payload)


def signed(c: Council, case: int, lang: str | None = None) -> str:
    c.adopted(case)
    c.step(case, "adopt", "2026-12-10")
    return c.step(case, "sign", "2026-12-11", actor="chair", lang=lang).documents[0]["path"]


def test_the_annex_is_the_handed_over_plan_named_as_that_case_names_it(council):
    c = council
    needs = handed_needs_case(c)
    wrong = plan_decision(c, needs, title={
        "ky": "Липенка айылдык аймагынын 2027-2028-жылдарга биргелешкен аракеттер планын "
              "бекитүү жөнүндө",
        "ru": "Об утверждении Плана совместных действий Липенского айылного аймака на "
              "2027-2028 годы"})
    with pytest.raises(GuardFailed) as refused:
        c.step(wrong, "examine", "2026-11-28")
    assert refused.value.details[0].startswith(
        "draft.source_case_ready: the decision's title «Липенка айылдык аймагынын "
        "2027-2028-жылдарга биргелешкен аракеттер планын бекитүү жөнүндө» does not state the "
        "plan's period «2027-жылга карата» (draft.title.ky)")
    renamed = plan_decision(c, needs)
    c.update(renamed, {"draft": {"annexes": [{"title": {"ky": "Биргелешкен аракеттер планы",
                                                        "ru": "План"}}]}})
    with pytest.raises(GuardFailed) as annex:
        c.step(renamed, "examine", "2026-11-28")
    assert (f"annex 1 is titled «Биргелешкен аракеттер планы», but the plan handed over by "
            f"case {needs} is «{PLAN_KY}» (draft.annexes[0].title.ky)") in annex.value.details[0]

    good = plan_decision(c, needs)
    c.step(good, "examine", "2026-11-28")
    decision = text_of(signed(c, good))
    annex_part = decision[decision.index("токтомуна 1-тиркеме"):]
    assert PLAN_KY in annex_part
    for activity in ("Долбоордук-сметалык документацияны даярдоо",
                     "3 км суу түтүгүн алмаштыруу"):
        assert activity in annex_part
    assert "Бардыгы:" in annex_part
    assert "31-беренесинин 2-бөлүгүнүн 3-пунктуна" not in decision  # Law 123: no article


def test_an_annex_without_its_text_is_refused_naming_it(council):
    c = council
    payload = data(PLAN)
    payload["draft"]["annexes"][0].pop("text")
    case = c.open("council_decision", payload)
    with pytest.raises(GuardFailed) as refused:
        c.step(case, "examine", "2026-11-28")
    assert refused.value.details[0].startswith(
        "draft.annex_text: an annex must carry the text it approves: record its sections and "
        "items, or hand over the case whose plan it is (draft.source_case); empty: annex 1 "
        f"«{PLAN_KY}» (draft.annexes[0].text)")


def _normative_in_force_chain(c: Council, *, year: int = 2026, **draft) -> int:
    """A normative draft through discussion and commission in ``year`` (before its session)."""
    payload = data(NORMATIVE)
    payload["draft"].update(registered=f"{year}-10-01", **draft)
    payload["discussion"].update(published=f"{year}-10-05", end=f"{year}-11-06")
    payload["package"]["cover_letter"]["date"] = f"{year}-11-09"
    payload["package"]["justification"]["date"] = f"{year}-11-09"
    payload["commission"]["date"] = f"{year}-11-12"
    case = c.open("council_decision", payload)
    c.step(case, "open_discussion", f"{year}-10-05")
    c.step(case, "close_discussion", f"{year}-11-07")
    c.step(case, "examine", f"{year}-11-12")
    return case


def test_normative_act_annex_text_repeal_clause_and_letter_2015(council):
    """kg-2015: the preamble cites Law 101 art. 31(2) item 1; the annex prints the rules' own
    sections; a replacing decision repeals the refused one; the letter sends a certified copy
    under art. 28(1) of Law No. 241 to the territorial division, with the publication."""
    c = council
    c.db.execute("UPDATE officials SET start_date = '2016-01-01' WHERE role IN "
                 "('council_chair', 'deputy', 'head')")
    first = _normative_in_force_chain(c, year=2016)
    c.adopted(first, date="2016-12-10", notice="2016-11-30")
    c.step(first, "adopt", "2016-12-10")
    c.step(first, "sign", "2016-12-11", actor="chair")
    c.update(first, {"publication": {**PUBLICATION, "date": "2016-12-14"}})
    c.step(first, "publish", "2016-12-14")
    c.update(first, {"register": {"sent": "2016-12-15", "pages": 7}})
    letter = c.step(first, "send_to_register", "2016-12-15").documents[0]["path"]
    body = next(p for p in paragraphs(letter) if "күбөлөндүрүлгөн көчүрмөсүн" in p)
    assert body.startswith(
        "«Кыргыз Республикасынын ченемдик укуктук актылары жөнүндө» Кыргыз Республикасынын "
        "2009-жылдын 20-июлундагы № 241 Мыйзамынын 28-беренесинин 1-бөлүгүнө ылайык Липенка "
        "айылдык кеңеши расмий жарыяланган төмөнкү ченемдик укуктук актынын "
        "күбөлөндүрүлгөн көчүрмөсүн")
    assert "Кыргыз Республикасынын Юстиция министрлигинин аймактык бөлүмүнө" in paragraphs(letter)
    assert "«Липенка жаңылыктары» гезити, № 23, 2016-жылдын 14-декабры" in text_of(letter)
    c.update(first, {"refusal": {"date": "2016-12-20", "grounds": {"ky": "айып пул",
                                                                  "ru": "штраф"}}})
    c.step(first, "refuse", "2016-12-20")

    second = _normative_in_force_chain(c, year=2017, replaces=first)
    c.adopted(second, number=8, date="2017-12-08", notice="2017-11-28")
    c.step(second, "adopt", "2017-12-08")
    decision = paragraphs(c.step(second, "sign", "2017-12-08",
                                 actor="chair").documents[0]["path"])
    assert ("Айылдык аймактын аймагында тазалыкты жана тартипти камсыздоо максатында, "
            "«Жергиликтүү өз алдынча башкаруу жөнүндө» Кыргыз Республикасынын 2011-жылдын "
            "15-июлундагы № 101 Мыйзамынын 31-беренесинин 2-бөлүгүнүн 1-пунктуна, «Кыргыз "
            "Республикасынын ченемдик укуктук актылары жөнүндө» Кыргыз Республикасынын "
            "2009-жылдын 20-июлундагы № 241 Мыйзамына ылайык, Липенка айылдык кеңеши токтом "
            "кылат:") in decision
    assert ("3. Липенка айылдык кеңешинин 2016-жылдын 10-декабрындагы № 1 «Липенка айылдык "
            "аймагынын аймагын тазалоо жана көрктөндүрүү эрежелерин бекитүү жөнүндө» токтому "
            "күчүн жоготту деп таанылсын.") in decision
    annex = decision[decision.index("токтомуна 1-тиркеме"):]
    assert annex[2:5] == [
        "1. Жалпы жоболор",
        "1. Бул Эрежелер айылдык аймактын аймагын тазалоонун жана көрктөндүрүүнүн тартибин "
        "белгилейт жана аймакта жашаган жана иш алып барган бардык жеке жана юридикалык "
        "жактар үчүн милдеттүү.",
        "2. Эрежелердин аткарылышын айыл өкмөтү камсыз кылат."]
    assert annex[6].startswith("3. Үй кожолуктары")   # numbered on through the chapters


def test_no_internal_identifier_in_any_council_document(council):
    c = council
    case = _normative_in_force_chain(c)
    c.adopted(case)
    c.step(case, "adopt", "2026-12-10")
    c.step(case, "sign", "2026-12-11", actor="chair")
    paths = [r[0] for r in c.db.execute("SELECT path FROM documents")]
    assert len(paths) >= 4
    for path in paths:
        content = text_of(path)
        assert "vote." not in content and "kg-20" not in content, path
        assert "act." not in content and "draft." not in content, path
