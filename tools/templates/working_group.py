"""Form 1 of the ЖМБА procedure: the head's order creating the working group (seed 002,
L2039–L2095), with its composition as annex №1."""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document

from . import blocks
from .blocks import JMBA_PREAMBLE, order_annex_header, order_header


def person_cells(expr: str, number: str) -> list[str]:
    """№ | name | position | contacts for a person object expression."""
    return [number, f"{{{{ {expr}.name }}}}", f"{{{{ {expr}.position }}}}",
            f"{{{{ {expr}.contacts }}}}"]


WG_TEXT = {
    "ky": {
        "title": ["ЖМБА-иш-чаралар комплексин өткөрүү", "боюнча жумушчу топту түзүү тууралуу"],
        "doc_type": "ТЕСКЕМЕ",
        "clauses": [
            "- курамы {{ group.size|ky_count }} кишиден турган ЖМБА-иш-чаралар комплексин "
            "өткөрүү боюнча жумушчу топ түзүлсүн (тизмеси №1 тиркемеде);",
            "- адис {{ responsible.name }} ЖМБА-иш-чаралар комплексин өткөрүү боюнча жумушчу "
            "топтун ишин уюштуруу үчүн зарыл чаралардын аткарылышын камсыздасын;",
            "- ушул тескеменин аткарылышына контролду өзүмө калтырам.",
        ],
        "annex_title": ["ЖМБА-иш-чаралар комплексин өткөрүү боюнча жумушчу топтун"],
        "annex_type": "КУРАМЫ",
        "columns": ["№", "Аты-жөнү", "Кызматы", "Байланыш үчүн маалыматтар"],
        "chair": "Жумушчу топтун төрагасы:",
        "secretary": "Жумушчу топтун катчысы:",
        "members": "Жумушчу топтун мүчөлөрү:",
    },
    "ru": {
        "title": ["о создании рабочей группы по проведению", "комплекса мероприятий СИНС"],
        "doc_type": "РАСПОРЯЖЕНИЕ",
        "clauses": [
            # Names and counts arrive in the nominative: the wording keeps them there
            # («численностью восемь человек», «ответственный специалист — …»).
            "- создать рабочую группу по проведению комплекса мероприятий СИНС численностью "
            "{{ group.size|ru_count }} человек (список в приложении №1);",
            "- ответственный специалист — {{ responsible.name }}: обеспечить выполнение мер, "
            "необходимых для организации работы рабочей группы по проведению комплекса "
            "мероприятий СИНС;",
            "- контроль за исполнением настоящего распоряжения оставляю за собой.",
        ],
        "annex_title": ["рабочей группы по проведению комплекса мероприятий СИНС"],
        "annex_type": "СОСТАВ",
        "columns": ["№", "Ф.И.О.", "Должность", "Контактные данные"],
        "chair": "Председатель рабочей группы:",
        "secretary": "Секретарь рабочей группы:",
        "members": "Члены рабочей группы:",
    },
}


def build_working_group_order(lang: str) -> Document:
    """1-тиркеме (seed 002, L2039–L2095): the head's order (тескеме) creating the ЖМБА working
    group, with annex №1, the group's composition."""
    t = WG_TEXT[lang]
    ru = lang == "ru"
    doc = blocks.new_document(lang, title=" ".join([t["doc_type"], *t["title"]]))
    order_header(doc, lang)
    blocks.title(doc, t["title"], t["doc_type"], doc_type_first=ru, spaced=True)
    blocks.body(doc, JMBA_PREAMBLE[lang])
    blocks.clauses(doc, t["clauses"])
    blocks.signature(doc, blocks.HEAD_POSITION[lang], "{{ head.name }}")

    order_annex_header(doc, lang, "order", 1)
    blocks.title(doc, t["annex_title"], t["annex_type"], doc_type_first=ru, before=6)
    roster = blocks.ListTable(doc, t["columns"], [1.0, 5.0, 5.0, 5.5])
    roster.section(t["chair"])
    roster.record(person_cells("group.chair", "1"))
    roster.section(t["secretary"])
    roster.record(person_cells("group.secretary", "2"))
    roster.section(t["members"])
    roster.loop("{%tr for m in group.members %}", person_cells("m", "{{ loop.index + 2 }}"))
    blocks.signature(doc, blocks.HEAD_POSITION[lang], "{{ head.name }}")
    return doc


FORMS: dict[str, Callable[[str], Document]] = {
    "working_group_order": build_working_group_order,
}
