"""The ЖМБА procedure's plans (seed 002): the order approving the working group's plan and
schedule (forms 2–4), the programmes of the sessions and focus groups (form 5), the order on the
initiative groups, the joint action plan (БАП) and the protocol of its public hearing.

Where the seed lost a form (3 and 4: the plan and schedule tables) or has none (the order on
initiative groups, the БАП, the hearing's protocol) the layout follows forms 1–2 and 7–10.
Every table grows with the data (``{%tr for %}`` rows) and every number comes from the context
builder (``engine/contexts/needs_assessment.py``); nothing here counts or sums.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import blocks
from .blocks import (
    JMBA_PREAMBLE,
    KY,
    RU,
    date_expr,
    order_annex_header,
    order_header,
    page_break_between,
    pick,
)

# --- form 2 with annexes №1 (plan, form 3) and №2 (schedule, form 4) --------------------------

def build_na_plan_order(lang: str) -> Any:
    """2-тиркеме (seed 002 L2096–2140): the head's order approving the group's work plan
    (annex №1) and schedule (annex №2). The seed lost the tables of forms 3 and 4; their columns
    follow the notes §3.3–3.4 (activity, deadline, responsible, result; event, village, group,
    date and time, place, facilitators, planned participants)."""
    ky = lang == KY
    title = (["ЖМБА-иш-чаралар комплексин өткөрүү", "боюнча жумушчу топтун иш",
              "планын жана графигин бекитүү тууралуу"] if ky else
             ["об утверждении плана и графика работы", "рабочей группы по проведению",
              "комплекса мероприятий СИНС"])
    doc_type = "ТЕСКЕМЕ" if ky else "РАСПОРЯЖЕНИЕ"
    doc = blocks.new_document(lang, title=" ".join([doc_type, *title]))
    order_header(doc, lang, "order")
    blocks.title(doc, title, doc_type, doc_type_first=not ky, spaced=True)
    blocks.body(doc, JMBA_PREAMBLE[lang])
    blocks.clauses(doc, [
        "- ЖМБА-иш-чаралар комплексин өткөрүү боюнча жумушчу топтун иш планы бекитилсин "
        "(№1 тиркеме);",
        "- ЖМБА-иш-чаралар комплексин өткөрүү боюнча жумушчу топтун иш графиги бекитилсин "
        "(№2 тиркеме);",
        "- адис {{ responsible.name }} жумушчу топтун ишин уюштуруу жана ЖМБА-иш-чаралар "
        "комплексин өткөрүү боюнча иш планын жана графигин ишке ашыруу үчүн зарыл чаралардын "
        "аткарылышын камсыздасын.",
        "- ушул тескеменин аткарылышына контролду өзүмө калтырам.",
    ] if ky else [
        "- утвердить план работы рабочей группы по проведению комплекса мероприятий СИНС "
        "(приложение №1);",
        "- утвердить график работы рабочей группы по проведению комплекса мероприятий СИНС "
        "(приложение №2);",
        "- ответственный специалист — {{ responsible.name }}: обеспечить выполнение мер, "
        "необходимых для организации работы рабочей группы и реализации плана и графика "
        "проведения комплекса мероприятий СИНС;",
        "- контроль за исполнением настоящего распоряжения оставляю за собой.",
    ])
    blocks.signature(doc, blocks.HEAD_POSITION[lang], "{{ head.name }}")

    order_annex_header(doc, lang, "order", 1)
    blocks.title(doc, [pick(lang, "ЖМБА-иш-чаралар комплексин өткөрүү боюнча жумушчу топтун",
                            "работы рабочей группы по проведению комплекса мероприятий СИНС")],
                 pick(lang, "ИШ ПЛАНЫ", "ПЛАН"), doc_type_first=not ky, before=6)
    plan = blocks.ListTable(doc, ["№", pick(lang, "Иш-чара", "Мероприятие"),
                                  pick(lang, "Мөөнөтү", "Срок"),
                                  pick(lang, "Жооптуу", "Ответственный"),
                                  pick(lang, "Күтүлгөн натыйжа", "Ожидаемый результат")],
                            [1.0, 6.0, 2.9, 3.3, 3.3], size=11)
    plan.loop("{%tr for r in plan %}", ["{{ r.n }}", "{{ r.activity }}", date_expr(lang, "r.due"),
                                       "{{ r.responsible }}", "{{ r.result }}"])
    blocks.signature(doc, blocks.HEAD_POSITION[lang], "{{ head.name }}")

    blocks.landscape_section(doc)  # the schedule's seven columns need the width
    order_annex_header(doc, lang, "order", 2, page_break=False)
    blocks.title(doc, [pick(lang, "ЖМБА-иш-чараларынын", "мероприятий СИНС")],
                 pick(lang, "ИШ ГРАФИГИ", "ГРАФИК"), doc_type_first=not ky, before=6)
    sched = blocks.ListTable(doc, ["№", pick(lang, "Иш-чара", "Мероприятие"),
                                   pick(lang, "Айыл", "Село"),
                                   pick(lang, "Күнү, убактысы", "Дата, время"),
                                   pick(lang, "Өтчү жери", "Место"),
                                   pick(lang, "Алып баруучулар", "Ведущие"),
                                   pick(lang, "Саны (план)", "Число (план)")],
                             [1.0, 6.0, 2.6, 4.2, 5.0, 4.4, 2.5], size=11)
    sched.loop("{%tr for e in schedule %}", [
        "{{ e.n }}", f"{{{{ e.kind.{lang} }}}}{{% if e.group.{lang} %}}, "
                     f"{{{{ e.group.{lang} }}}}{{% endif %}}",
        "{{ e.village }}", date_expr(lang, "e.date") + " {{ e.time }}", "{{ e.place }}",
        "{{ e.facilitators }}", "{{ e.planned }}"])
    blocks.signature(doc, blocks.HEAD_POSITION[lang], "{{ head.name }}")
    return doc


# --- form 5: programmes ---------------------------------------------------------------------

SESSION_AGENDA = {
    KY: [("10.00-10.15", "Саламдашуу. Таанышуу", ""),
         ("10.15-10.20", "Жолугушуунун максаттары жана тапшырмалары", ""),
         ("10.20-11.20", "Айылдын ресурстары жана кызмат көрсөтүүлөрдүн деңгээли тууралуу жалпы "
                         "маалымат алуу", "Ресурстук карта; Венн диаграммасы"),
         ("11.20-12.10", "Калктын бюджеттик процесске катышуу деңгээлин баалоо", "«Токоч»"),
         ("12.10-12.30", "Калктын жергиликтүү маанидеги иштерге жана бюджеттик процесске "
                         "катышуусуна таасирин тийгизген көйгөйлөрдү аныктоо",
          "Көйгөйлөр галереясы")],
    RU: [("10.00-10.15", "Приветствие. Знакомство", ""),
         ("10.15-10.20", "Цели и задачи встречи", ""),
         ("10.20-11.20", "Общие сведения о ресурсах села и уровне услуг",
          "Ресурсная карта; диаграмма Венна"),
         ("11.20-12.10", "Оценка уровня участия населения в бюджетном процессе", "«Токоч»"),
         ("12.10-12.30", "Выявление проблем, влияющих на участие населения в делах местного "
                         "значения и бюджетном процессе", "Галерея проблем")],
}
FOCUS_AGENDA = {
    KY: [("10.00-10.15", "Саламдашуу. Таанышуу", ""),
         ("10.15-10.45", "Жергиликтүү маанидеги маселелер жана бюджеттик процесске байланышкан "
                         "артыкчылыктуу көйгөйлөрдүн себептерин аныктоо",
          "Көйгөйлөрдүн себеп-натыйжалык талдоосу"),
         ("10.45-11.15", "Артыкчылыктуу көйгөйлөрдүн натыйжаларын аныктоо",
          "Көйгөйлөрдүн себеп-натыйжалык талдоосу"),
         ("11.15-12.15", "Жергиликтүү маанидеги маселелер жана бюджеттик процесске байланышкан "
                         "артыкчылыктуу көйгөйлөрдү чечүү боюнча сунуштар жана кеңештерди топтоо. "
                         "Тараптардын салымын аныктоо (АӨнүн, жергиликтүү кеңештин, жамааттардын "
                         "ж.б.)", "Көйгөйлөрдүн себеп-натыйжалык талдоосу"),
         ("12.15-12.30", "Критерийлерди иштеп чыгуу жана демилгелүү топтордун курамына "
                         "өкүлдөрдү тандоо", "Мээ чабуулу"),
         ("12.30-12.50", "Жыйынтыктоо", "")],
    RU: [("10.00-10.15", "Приветствие. Знакомство", ""),
         ("10.15-10.45", "Выявление причин приоритетных проблем, связанных с вопросами "
                         "местного значения и бюджетным процессом",
          "Причинно-следственный анализ проблем"),
         ("10.45-11.15", "Выявление последствий приоритетных проблем",
          "Причинно-следственный анализ проблем"),
         ("11.15-12.15", "Сбор предложений и рекомендаций по решению приоритетных проблем. "
                         "Определение вклада сторон (айыл окмоту, местного кенеша, сообществ и "
                         "др.)", "Причинно-следственный анализ проблем"),
         ("12.15-12.30", "Выработка критериев и отбор представителей в инициативные группы",
          "Мозговой штурм"),
         ("12.30-12.50", "Подведение итогов", "")],
}


def _agenda(doc: Any, lang: str, rows: list[tuple[str, str, str]]) -> None:
    table = blocks.ListTable(doc, [pick(lang, "Убактысы", "Время"),
                                   pick(lang, "Мазмуну", "Содержание"),
                                   pick(lang, "Усулдар", "Методы")], [2.6, 9.4, 4.5], size=11)
    for row in rows:
        table.record(list(row))


def build_na_programmes(lang: str) -> Any:
    """5-тиркеме (seed 002 L2153–2215): the session programme and the focus-group programme of
    each village; dates, slots and facilitators from the approved schedule."""
    ky = lang == KY
    doc = blocks.new_document(lang, title=pick(lang, "ЖМБА-сессиясынын жана ЖМБА-фокус-тобунун "
                                                     "программалары",
                                               "Программы сессии и фокус-группы СИНС"))
    blocks.draft_banner(doc, lang)
    blocks.control_paragraph(doc, "{%p for g in programmes %}")
    page_break_between(doc)
    blocks.title(doc, [pick(lang, "ЖМБА-СЕССИЯСЫНЫН ПРОГРАММАСЫ", "ПРОГРАММА СЕССИИ СИНС")],
                 before=0)
    blocks.para(doc, pick(lang, "Күнү: ", "Дата: ") + date_expr(lang, "g.date"))
    blocks.para(doc, pick(lang, "Убактысы: {% for s in g.slots %}{{ s.time }} ({{ s.groups }} топ)"
                                "{% if not loop.last %} жана {% endif %}{% endfor %}",
                          "Время: {% for s in g.slots %}{{ s.time }} ({{ s.groups }} гр.)"
                          "{% if not loop.last %} и {% endif %}{% endfor %}"))
    blocks.para(doc, pick(lang, "Жолугушуунун катышуучулары: {{ g.village }} айылы",
                          "Участники встречи: жители села {{ g.village }}"))
    # form 5: the planned number of each group and its men/women split (seed L2162)
    blocks.para(doc, pick(lang, "Саны:", "Количество:"))
    blocks.control_paragraph(doc, "{%p for s in g.groups %}")
    blocks.para(doc, pick(lang, "- {{ s.label.ky }}: {{ s.planned }} киши, алардын ичинде "
                                "{{ s.men }} эркек жана {{ s.women }} аял"
                                "{% if loop.last %}.{% else %};{% endif %}",
                          "- {{ s.label.ru }}: участников — {{ s.planned }}, из них мужчин — "
                          "{{ s.men }}, женщин — {{ s.women }}"
                          "{% if loop.last %}.{% else %};{% endif %}"), left_indent=0.6)
    blocks.control_paragraph(doc, "{%p endfor %}")
    blocks.para(doc, pick(lang, "Алып баруучулар: {{ g.facilitators }}",
                          "Ведущие: {{ g.facilitators }}"))
    blocks.para(doc, pick(lang, "Жолугушуунун максаты: жергиликтүү маанидеги маселелерди чечүүдө "
                                "жана бюджеттик процессте жергиликтүү жамааттын катышуу деңгээлин "
                                "баалоо, айылдагы өзгөчө артыкчылыктуу көйгөйдү аныктоо.",
                          "Цель встречи: оценить уровень участия местного сообщества в решении "
                          "вопросов местного значения и в бюджетном процессе, определить наиболее "
                          "приоритетную проблему села."), align="justify", after=6)
    _agenda(doc, lang, SESSION_AGENDA[lang])
    blocks.title(doc, [pick(lang, "ЖМБА-ФОКУС-ТОБУНУН ПРОГРАММАСЫ", "ПРОГРАММА ФОКУС-ГРУППЫ СИНС")])
    blocks.para(doc, pick(lang, "Күнү: ", "Дата: ") + date_expr(lang, "g.focus.date"))
    blocks.para(doc, pick(lang, "Убактысы: {{ g.focus.time }}", "Время: {{ g.focus.time }}"))
    blocks.para(doc, pick(lang, "Өтчү жери: {{ g.focus.place }}", "Место: {{ g.focus.place }}"))
    blocks.para(doc, pick(lang, "Жолугушуунун катышуучулары: {{ g.village }} айылындагы "
                                "ЖМБА-сессияларынын лидерлери жана активдүү катышуучулары",
                          "Участники встречи: лидеры и активные участники сессий СИНС села "
                          "{{ g.village }}"))
    blocks.para(doc, pick(lang, "Алып баруучулар: {{ g.focus.facilitators }}",
                          "Ведущие: {{ g.focus.facilitators }}"))
    blocks.para(doc, pick(lang, "Жолугушуунун максаты: Жергиликтүү маанидеги маселелер жана "
                                "бюджеттик процесске байланышкан артыкчылыктуу көйгөйлөрдүн "
                                "себептерин жана аларды чечүү жолдорун аныктоо.",
                          "Цель встречи: определить причины приоритетных проблем, связанных с "
                          "вопросами местного значения и бюджетным процессом, и пути их решения."),
                align="justify", after=6)
    _agenda(doc, lang, FOCUS_AGENDA[lang])
    blocks.control_paragraph(doc, "{%p endfor %}")
    del ky
    return doc


# --- the head's order on the initiative groups ----------------------------------------------

def build_na_initiative_groups_order(lang: str) -> Any:
    """The head's order forming the initiative groups (seed 002 L1877–1918: «Демилгелүү топтун
    курамы … айыл өкмөт башчынын буйругу менен расмий бекитилген»). The seed has no form; this
    follows forms 1–2: letterhead, preamble, clauses, signature, annex with the composition."""
    ky = lang == KY
    title = (["ЖМБА-иш-чараларынын жыйынтыгы боюнча", "демилгелүү топторду түзүү тууралуу"]
             if ky else ["о создании инициативных групп", "по итогам мероприятий СИНС"])
    doc_type = "ТЕСКЕМЕ" if ky else "РАСПОРЯЖЕНИЕ"
    doc = blocks.new_document(lang, title=" ".join([doc_type, *title]))
    order_header(doc, lang, "initiative_order")
    blocks.title(doc, title, doc_type, doc_type_first=not ky, spaced=True)
    blocks.body(doc, pick(lang, "ЖМБА-иш-чараларынын жыйынтыгында аныкталган "
                                "{{ municipality.aimak_ky }} айылдык аймагынын артыкчылыктуу "
                                "көйгөйлөрүн чечүүгө жана Биргелешкен аракеттер планын иштеп "
                                "чыгууга жергиликтүү жамааттын катышуусун камсыздоо максатында "
                                "төмөнкүлөрдү тапшырам:",
                          "В целях обеспечения участия местного сообщества в решении приоритетных "
                          "проблем {{ municipality.aimak_ru }} айылного аймака, выявленных по "
                          "итогам мероприятий СИНС, и в разработке плана совместных действий "
                          "поручаю:"))
    blocks.clauses(doc, [
        "- {{ initiative_groups|length|ky_count }} демилгелүү топ түзүлсүн жана алардын курамы "
        "бекитилсин (№1 тиркеме);",
        "- демилгелүү топтор жумушчу топ менен биргеликте Биргелешкен аракеттер планын иштеп "
        "чыгууга катышсын;",
        "- адис {{ responsible.name }} демилгелүү топторду иш орду жана чыгымдалуучу "
        "материалдар менен камсыздасын;",
        "- ушул тескеменин аткарылышына контролду өзүмө калтырам.",
    ] if ky else [
        "- создать {{ initiative_groups|length|ru_count('f', 'acc') }} "
        "{{ initiative_groups|length|ru_plural('инициативную группу', 'инициативные группы', "
        "'инициативных групп') }} и утвердить их состав (приложение №1);",
        "- инициативным группам совместно с рабочей группой участвовать в разработке плана "
        "совместных действий;",
        "- ответственный специалист — {{ responsible.name }}: обеспечить инициативные группы "
        "рабочим местом и расходными материалами;",
        "- контроль за исполнением настоящего распоряжения оставляю за собой.",
    ])
    blocks.signature(doc, blocks.HEAD_POSITION[lang], "{{ head.name }}")
    order_annex_header(doc, lang, "initiative_order", 1)
    blocks.title(doc, [pick(lang, "Демилгелүү топтордун", "инициативных групп")],
                 pick(lang, "КУРАМЫ", "СОСТАВ"), doc_type_first=not ky, before=6)
    roster = blocks.ListTable(doc, ["№", pick(lang, "Аты-жөнү", "Ф.И.О."),
                                    pick(lang, "Кызматы же алектенген иши", "Род занятий"),
                                    pick(lang, "Байланыш үчүн маалыматтар", "Контактные данные")],
                              [1.0, 5.5, 4.5, 5.5], size=11)
    roster.control("{%tr for g in initiative_groups %}")
    roster.section(pick(lang, "{{ g.n }}. «{{ g.name }}» демилгелүү тобу — {{ g.problem }} "
                              "({{ g.total }} киши, алардын ичинде {{ g.women }} аял, "
                              "{{ g.women_share }} %)",
                        "{{ g.n }}. Инициативная группа «{{ g.name }}» — {{ g.problem }} "
                        "(всего {{ g.total }}, из них женщин — {{ g.women }}, "
                        "{{ g.women_share }} %)"))
    roster.loop("{%tr for m in g.members %}", ["{{ m.n }}", "{{ m.name }}", "{{ m.occupation }}",
                                               "{{ m.contacts }}"])
    roster.control("{%tr endfor %}")
    blocks.signature(doc, blocks.HEAD_POSITION[lang], "{{ head.name }}")
    return doc


# --- the joint action plan (БАП) ------------------------------------------------------------

def build_na_action_plan(lang: str) -> Any:
    """The БАП (seed 002 L1926–1941): per priority problem its goal and tasks, then activities
    with indicator, deadline, responsible, beneficiaries and funding by source; the sums by
    source and the total (in words) are computed by the context builder."""
    ky = lang == KY
    doc = blocks.new_document(lang, title=pick(lang, "Биргелешкен аракеттер планы",
                                               "План совместных действий"), landscape=True)
    blocks.draft_banner(doc, lang)
    # approved by the council's decision, whose date and number are written in when known
    blocks.approval_block(doc, [
        "БЕКИТИЛДИ", "{{ municipality.aimak_ky }} айылдык кеңешинин",
        "20___-жылдын «___» ______________", "№ _____ токтому менен"] if ky else [
        "УТВЕРЖДЕН", "постановлением айылного кенеша",
        "{{ municipality.aimak_ru }} айылного аймака",
        "от «___» ______________ 20___ г. № _____"])
    blocks.title(doc, [f"{{{{ action_plan.title.{lang} }}}}"],
                 pick(lang, "БИРГЕЛЕШКЕН АРАКЕТТЕР ПЛАНЫ (БАП)",
                      "ПЛАН СОВМЕСТНЫХ ДЕЙСТВИЙ (ПСД)"), doc_type_first=True, before=12)
    blocks.para(doc, pick(lang, "Даярдалган күнү: ", "Дата подготовки: ")
                + date_expr(lang, "action_plan.date"), align="right", after=6)
    table = blocks.ListTable(doc, ["№", pick(lang, "Иш-чара", "Мероприятие"),
                                   pick(lang, "Көрсөткүч", "Индикатор"),
                                   pick(lang, "Мөөнөтү", "Срок"),
                                   pick(lang, "Жооптуу аткаруучу", "Ответственный"),
                                   pick(lang, "Пайда алуучулар", "Благополучатели"),
                                   pick(lang, "Салымдар жана каржылоо булактары, сом",
                                        "Вклады и источники финансирования, сом"),
                                   pick(lang, "Бардыгы, сом", "Всего, сом")],
                             [1.0, 4.4, 3.8, 3.2, 3.3, 3.3, 4.2, 2.5], size=10)
    table.control("{%tr for g in action_plan.goals %}")
    table.section(pick(lang, "{{ g.n }}. Көйгөй: {{ g.problem }}. Максат: {{ g.goal }}. "
                             "Милдеттер: {{ g.tasks|join('; ') }}.",
                       "{{ g.n }}. Проблема: {{ g.problem }}. Цель: {{ g.goal }}. "
                       "Задачи: {{ g.tasks|join('; ') }}."))
    table.loop("{%tr for a in g.activities %}", [
        "{{ a.n }}", "{{ a.activity }}", "{{ a.indicator }}", date_expr(lang, "a.deadline"),
        "{{ a.responsible }}", "{{ a.beneficiaries }}",
        f"{{% for f in a.funding %}}{{{{ f.source.{lang} }}}}: {{{{ f.text }}}}"
        "{% if not loop.last %}; {% endif %}{% endfor %}",
        "{{ a.total_text }}"])
    table.control("{%tr endfor %}")
    table.record(["", pick(lang, "Бардыгы", "Итого"), "", "", "", "", "",
                  "{{ action_plan.total_text }}"], bold=True)
    blocks.para(doc, pick(lang, "Каржылоо булактары боюнча", "По источникам финансирования"),
                bold=True, before=12, after=6, keep_next=True)
    sources = blocks.ListTable(doc, [pick(lang, "Булак", "Источник"), pick(lang, "Сумма", "Сумма"),
                                     pick(lang, "Үлүшү, %", "Доля, %")], [7.0, 15.7, 3.0], size=11)
    amount = "ky_amount" if ky else "ru_amount"
    sources.loop("{%tr for s in action_plan.sources %}", [
        f"{{{{ s.source.{lang} }}}}", f"{{{{ s.amount|{amount} }}}}", "{{ s.share }}"])
    sources.record([pick(lang, "Бардыгы", "Итого"), f"{{{{ action_plan.total|{amount} }}}}", ""],
                   bold=True)
    return doc


# --- the assembly's / public hearing's protocol ---------------------------------------------

def build_na_hearing_protocol(lang: str) -> Any:
    """Protocol of the village assembly or public hearing on the БАП (seed 002 L628–629,
    L1942–1944; no form in the seed — modelled on form 10): attendance with the women's share,
    speakers, proposals and whether each was accepted, the vote and the outcome."""
    ky = lang == KY
    doc = blocks.new_document(lang, title=pick(lang, "БАПты талкуулоонун протоколу",
                                               "Протокол обсуждения ПСД"))
    blocks.draft_banner(doc, lang)
    blocks.title(doc, [pick(lang, "{{ municipality.aimak_ky }} айылдык аймагынын "
                                  "{{ hearing.kind.ky_of }}",
                            "{{ hearing.kind.ru_of }} {{ municipality.aimak_ru }} айылного "
                            "аймака")],
                 pick(lang, "ПРОТОКОЛУ", "ПРОТОКОЛ"), doc_type_first=not ky, before=0)
    blocks.para(doc, pick(lang, "Күнү: ", "Дата: ") + date_expr(lang, "hearing.date")
                + pick(lang, ".", ""))  # a Russian date ends in «г.» already
    blocks.para(doc, pick(lang, "Өткөн жери: {{ hearing.place }}.", "Место: {{ hearing.place }}."))
    blocks.para(doc, pick(lang, "Катышкандар: {{ hearing.total }} киши, алардын ичинде "
                                "{{ hearing.women }} аял ({{ hearing.women_share }} %).",
                          "Присутствовали: всего {{ hearing.total }}, из них женщин — "
                          "{{ hearing.women }} ({{ hearing.women_share }} %)."))
    blocks.para(doc, pick(lang, "Төрагалык кылган: {{ hearing.chair.name }}, "
                                "{{ hearing.chair.position|apposition }}.",
                          "Председательствовал(а): {{ hearing.chair.name }}, "
                          "{{ hearing.chair.position|apposition }}."))
    blocks.para(doc, pick(lang, "Катчы: {{ hearing.secretary.name }}, "
                                "{{ hearing.secretary.position|apposition }}.",
                          "Секретарь: {{ hearing.secretary.name }}, "
                          "{{ hearing.secretary.position|apposition }}."))
    blocks.para(doc, pick(lang, "Күн тартиби", "Повестка дня"), align="center", bold=True, before=6)
    blocks.body(doc, pick(lang, "«{{ action_plan.title.ky }}» долбоорун талкуулоо.",
                          "Обсуждение проекта «{{ action_plan.title.ru }}»."))
    blocks.para(doc, pick(lang, "Сөз сүйлөгөндөр:", "Выступили:"), bold=True, before=6)
    blocks.control_paragraph(doc, "{%p for s in hearing.speakers %}")
    blocks.para(doc, "- {{ s.name }}: {{ s.summary }}.", left_indent=0.6)
    blocks.control_paragraph(doc, "{%p endfor %}")
    blocks.para(doc, pick(lang, "Түшкөн сунуштар:", "Поступившие предложения:"), bold=True,
                before=6, after=6)
    props = blocks.ListTable(doc, ["№", pick(lang, "Сунуш", "Предложение"),
                                   pick(lang, "Кабыл алынды", "Принято")], [1.0, 12.5, 3.0],
                             size=11)
    props.loop("{%tr for p in hearing.proposals %}", [
        "{{ p.n }}", "{{ p.text }}",
        pick(lang, "{% if p.accepted %}ооба{% else %}жок{% endif %}",
             "{% if p.accepted %}да{% else %}нет{% endif %}")])
    blocks.para(doc, pick(lang, "Добуш берүүнүн жыйынтыгы: «макул» — {{ hearing.votes.for }}, "
                                "«каршы» — {{ hearing.votes.against }}, «калыс» — "
                                "{{ hearing.votes.abstained }} (бардыгы "
                                "{{ hearing.votes.total }}).",
                          "Итоги голосования: «за» — {{ hearing.votes.for }}, «против» — "
                          "{{ hearing.votes.against }}, «воздержались» — "
                          "{{ hearing.votes.abstained }} (всего "
                          "{{ hearing.votes.total }})."), before=6)
    blocks.para(doc, pick(lang, "ЧЕЧИМ:", "РЕШИЛИ:"), bold=True, before=6)
    blocks.body(doc, pick(lang, "{% if hearing.supported %}БАПтын долбоору кабыл алынган сунуштар "
                                "менен колдоого алынсын жана жергиликтүү кеңешке бекитүүгө "
                                "сунушталсын.{% else %}БАПтын долбоору колдоого алынган жок; "
                                "жумушчу топ аны сунуштарды эске алып кайра иштеп "
                                "чыксын.{% endif %}",
                          "{% if hearing.supported %}Одобрить проект ПСД с принятыми предложениями "
                          "и рекомендовать его местному кенешу для утверждения.{% else %}Проект "
                          "ПСД не поддержан; рабочей группе доработать его с учётом "
                          "предложений.{% endif %}"))
    blocks.signatures(doc, [(pick(lang, "Төрага", "Председатель"), "{{ hearing.chair.short }}",
                             30),
                            (pick(lang, "Катчы", "Секретарь"), "{{ hearing.secretary.short }}",
                             18)])
    return doc


FORMS: dict[str, Callable[[str], Any]] = {
    "na_plan_order": build_na_plan_order,
    "na_programmes": build_na_programmes,
    "na_initiative_groups_order": build_na_initiative_groups_order,
    "na_action_plan": build_na_action_plan,
    "na_hearing_protocol": build_na_hearing_protocol,
}
