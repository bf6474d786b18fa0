"""Forms of the ЖМБА procedure after the working group (seed 002, forms 2–10, and the БАП).

Built from the blocks of ``build_templates.py`` (passed in as ``bt``, so this module does not
import it back): the same page setup, letterhead, date line, titles, clauses, signatures,
annex headers and ``ListTable``s as form 1. Wording follows the seed's forms (§3 of the notes);
where the seed lost a form (3 and 4: the plan and schedule tables) or has none (the order on
initiative groups, the БАП, the hearing's protocol) the layout follows forms 1–2 and 7–10.

Every table grows with the data (``{%tr for %}`` rows) and every number comes from the context
builder (``engine/contexts/needs_assessment.py``); nothing here counts or sums.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from docx.enum.text import WD_BREAK

KY, RU = "ky", "ru"


def _t(lang: str, ky: str, ru: str) -> str:
    return ky if lang == KY else ru


def _page_break_between(bt: ModuleType, doc: Any) -> None:
    """Inside a ``{%p for %}`` loop: a page break before every iteration but the first."""
    bt.control_paragraph(doc, "{%p if not loop.first %}")
    p = bt.para(doc, before=0, after=0)
    p.add_run().add_break(WD_BREAK.PAGE)
    bt.control_paragraph(doc, "{%p endif %}")


def _date(lang: str, expr: str) -> str:
    return f"{{{{ {expr}|{'ky_date' if lang == KY else 'ru_date'} }}}}"


def _order_header(bt: ModuleType, doc: Any, lang: str, order: str) -> None:
    bt.draft_banner(doc, lang)
    bt.letterhead(doc)
    date = (f"{{{{ {order}.date|ky_date }}}} № {{{{ {order}.number }}}}" if lang == KY
            else f"{{{{ {order}.date|ru_date }}}} № {{{{ {order}.number }}}}")
    bt.date_line(doc, date, bt.SEAT[lang])


def _annex_header(bt: ModuleType, doc: Any, lang: str, order: str, n: int) -> None:
    if lang == KY:
        lines = ["{{ municipality.aimak_ky }} АӨ башчысынын",
                 f"{{{{ {order}.date|ky_date }}}} № {{{{ {order}.number }}}}",
                 f"тескемесине №{n} тиркеме"]
    else:
        lines = [f"Приложение №{n}", "к распоряжению главы айыл окмоту",
                 "{{ municipality.aimak_ru }} айылного аймака",
                 f"от {{{{ {order}.date|ru_date }}}} № {{{{ {order}.number }}}}"]
    bt.annex_header(doc, lines)


PREAMBLE = {
    KY: ("Жарандардын жергиликтүү маанидеги маселелерди чечүүгө катышуусун камсыздоо жана "
         "{{ municipality.aimak_ky }} айылдык аймагынын калкынын керектөөлөрүн аныктоо "
         "максатында төмөнкүлөрдү тапшырам:"),
    RU: ("В целях обеспечения участия граждан в решении вопросов местного значения и "
         "определения потребностей населения {{ municipality.aimak_ru }} айылного аймака "
         "поручаю:"),
}


# --- form 2 with annexes №1 (plan, form 3) and №2 (schedule, form 4) --------------------------

def build_na_plan_order(bt: ModuleType, lang: str) -> Any:
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
    doc = bt.new_document(lang, title=" ".join([doc_type, *title]))
    _order_header(bt, doc, lang, "order")
    bt.title(doc, title, doc_type, doc_type_first=not ky, spaced=True)
    bt.body(doc, PREAMBLE[lang])
    bt.clauses(doc, [
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
    bt.signature(doc, bt.HEAD_POSITION[lang], "{{ head.name }}")

    _annex_header(bt, doc, lang, "order", 1)
    bt.title(doc, [_t(lang, "ЖМБА-иш-чаралар комплексин өткөрүү боюнча жумушчу топтун",
                      "работы рабочей группы по проведению комплекса мероприятий СИНС")],
             _t(lang, "ИШ ПЛАНЫ", "ПЛАН"), doc_type_first=not ky, before=6)
    plan = bt.ListTable(doc, [_t(lang, "№", "№"), _t(lang, "Иш-чара", "Мероприятие"),
                              _t(lang, "Мөөнөтү", "Срок"), _t(lang, "Жооптуу", "Ответственный"),
                              _t(lang, "Күтүлгөн натыйжа", "Ожидаемый результат")],
                        [1.0, 6.5, 3.0, 2.8, 3.2], size=11)
    plan.loop("{%tr for r in plan %}", ["{{ r.n }}", "{{ r.activity }}", _date(lang, "r.due"),
                                       "{{ r.responsible }}", "{{ r.result }}"])
    bt.signature(doc, bt.HEAD_POSITION[lang], "{{ head.name }}")

    _annex_header(bt, doc, lang, "order", 2)
    bt.title(doc, [_t(lang, "ЖМБА-иш-чараларынын", "мероприятий СИНС")],
             _t(lang, "ИШ ГРАФИГИ", "ГРАФИК"), doc_type_first=not ky, before=6)
    sched = bt.ListTable(doc, ["№", _t(lang, "Иш-чара", "Мероприятие"),
                               _t(lang, "Айыл", "Село"),
                               _t(lang, "Күнү, убактысы", "Дата, время"),
                               _t(lang, "Өтчү жери", "Место"),
                               _t(lang, "Алып баруучулар", "Ведущие"),
                               _t(lang, "Саны (план)", "Число (план)")],
                         [0.8, 3.2, 2.0, 3.0, 3.3, 2.7, 1.5], size=10)
    sched.loop("{%tr for e in schedule %}", [
        "{{ e.n }}", f"{{{{ e.kind.{lang} }}}}{{% if e.group.{lang} %}}, "
                     f"{{{{ e.group.{lang} }}}}{{% endif %}}",
        "{{ e.village }}", _date(lang, "e.date") + " {{ e.time }}", "{{ e.place }}",
        "{{ e.facilitators }}", "{{ e.planned }}"])
    bt.signature(doc, bt.HEAD_POSITION[lang], "{{ head.name }}")
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


def _agenda(bt: ModuleType, doc: Any, lang: str, rows: list[tuple[str, str, str]]) -> None:
    table = bt.ListTable(doc, [_t(lang, "Убактысы", "Время"), _t(lang, "Мазмуну", "Содержание"),
                               _t(lang, "Усулдар", "Методы")], [2.6, 9.4, 4.5], size=11)
    for row in rows:
        table.record(list(row))


def build_na_programmes(bt: ModuleType, lang: str) -> Any:
    """5-тиркеме (seed 002 L2153–2215): the session programme and the focus-group programme of
    each village; dates, slots and facilitators from the approved schedule."""
    ky = lang == KY
    doc = bt.new_document(lang, title=_t(lang, "ЖМБА-сессиясынын жана ЖМБА-фокус-тобунун "
                                              "программалары", "Программы сессии и фокус-группы "
                                                               "СИНС"))
    bt.draft_banner(doc, lang)
    bt.control_paragraph(doc, "{%p for g in programmes %}")
    _page_break_between(bt, doc)
    bt.title(doc, [_t(lang, "ЖМБА-СЕССИЯСЫНЫН ПРОГРАММАСЫ", "ПРОГРАММА СЕССИИ СИНС")],
             before=0)
    bt.para(doc, _t(lang, "Күнү: ", "Дата: ") + _date(lang, "g.date"))
    bt.para(doc, _t(lang, "Убактысы: {% for s in g.slots %}{{ s.time }} ({{ s.groups }} топ)"
                          "{% if not loop.last %} жана {% endif %}{% endfor %}",
                    "Время: {% for s in g.slots %}{{ s.time }} ({{ s.groups }} гр.)"
                    "{% if not loop.last %} и {% endif %}{% endfor %}"))
    bt.para(doc, _t(lang, "Жолугушуунун катышуучулары: {{ g.village }} айылы",
                    "Участники встречи: жители села {{ g.village }}"))
    bt.para(doc, _t(lang, "Саны: ар бир топто {{ g.planned }} киши, аялдар жана эркектер",
                    "Количество: в каждой группе до {{ g.planned }} участников, женщины и мужчины"))
    bt.para(doc, _t(lang, "Алып баруучулар: {{ g.facilitators }}",
                    "Ведущие: {{ g.facilitators }}"))
    bt.body(doc, _t(lang, "Жолугушуунун максаты: жергиликтүү маанидеги маселелерди чечүүдө жана "
                          "бюджеттик процессте жергиликтүү жамааттын катышуу деңгээлин баалоо, "
                          "айылдагы өзгөчө артыкчылыктуу көйгөйдү аныктоо.",
                    "Цель встречи: оценить уровень участия местного сообщества в решении "
                    "вопросов местного значения и в бюджетном процессе, определить наиболее "
                    "приоритетную проблему села."))
    _agenda(bt, doc, lang, SESSION_AGENDA[lang])
    bt.title(doc, [_t(lang, "ЖМБА-ФОКУС-ТОБУНУН ПРОГРАММАСЫ", "ПРОГРАММА ФОКУС-ГРУППЫ СИНС")])
    bt.para(doc, _t(lang, "Күнү: ", "Дата: ") + _date(lang, "g.focus.date"))
    bt.para(doc, _t(lang, "Убактысы: {{ g.focus.time }}", "Время: {{ g.focus.time }}"))
    bt.para(doc, _t(lang, "Өтчү жери: {{ g.focus.place }}", "Место: {{ g.focus.place }}"))
    bt.para(doc, _t(lang, "Жолугушуунун катышуучулары: {{ g.village }} айылындагы "
                          "ЖМБА-сессияларынын лидерлери жана активдүү катышуучулары",
                    "Участники встречи: лидеры и активные участники сессий СИНС села "
                    "{{ g.village }}"))
    bt.para(doc, _t(lang, "Алып баруучулар: {{ g.focus.facilitators }}",
                    "Ведущие: {{ g.focus.facilitators }}"))
    bt.body(doc, _t(lang, "Жолугушуунун максаты: Жергиликтүү маанидеги маселелер жана бюджеттик "
                          "процесске байланышкан артыкчылыктуу көйгөйлөрдүн себептерин жана "
                          "аларды чечүү жолдорун аныктоо.",
                    "Цель встречи: определить причины приоритетных проблем, связанных с "
                    "вопросами местного значения и бюджетным процессом, и пути их решения."))
    _agenda(bt, doc, lang, FOCUS_AGENDA[lang])
    bt.control_paragraph(doc, "{%p endfor %}")
    del ky
    return doc


# --- form 6: participants' lists ------------------------------------------------------------

def build_na_participant_lists(bt: ModuleType, lang: str) -> Any:
    """6-тиркеме (seed 002 L2217–2230): one registration sheet per session, with a signature
    column. The seed's form has no sex column; the women's count under the table is computed
    from the recorded sex of each participant."""
    doc = bt.new_document(lang, title=_t(lang, "ЖМБА-сессия катышуучуларынын тизмеси",
                                         "Список участников сессии СИНС"))
    bt.draft_banner(doc, lang)
    bt.control_paragraph(doc, "{%p for s in sessions %}")
    _page_break_between(bt, doc)
    bt.title(doc, [_t(lang, "ЖМБА-сессия катышуучуларынын тизмеси",
                      "Список участников сессии СИНС")], before=0)
    bt.para(doc, _t(lang, "Иш-чаранын аталышы: ЖМБА-сессия №{{ s.number }}, {{ s.group.ky }} "
                          "({{ s.village }} айылы)",
                    "Название мероприятия: сессия СИНС №{{ s.number }}, {{ s.group.ru }} "
                    "(село {{ s.village }})"))
    bt.para(doc, _t(lang, "Иш-чара өтчү күн жана жер: ", "Дата и место проведения: ")
            + _date(lang, "s.date") + ", {{ s.place }}", after=6)
    table = bt.ListTable(doc, ["№", _t(lang, "Аты-жөнү", "Ф.И.О."),
                               _t(lang, "Жаш курагы", "Возраст"),
                               _t(lang, "Кызматы же алектенген иши (дыйкан, АК депутаты ж.б.)",
                                  "Должность или род занятий (фермер, депутат АК и др.)"),
                               _t(lang, "Байланыш үчүн маалыматтар", "Контактные данные"),
                               _t(lang, "Кол тамгасы", "Подпись")],
                         [0.9, 4.6, 1.6, 3.6, 3.3, 2.5], size=10)
    table.loop("{%tr for p in s.participants %}", ["{{ p.n }}", "{{ p.name }}", "{{ p.age }}",
                                                   "{{ p.occupation }}", "{{ p.contacts }}", ""])
    bt.para(doc, _t(lang, "Катышуучулардын саны: {{ s.total }}, алардын ичинде аялдар: "
                          "{{ s.women }} ({{ s.women_share }} %).",
                    "Всего участников: {{ s.total }}, из них женщин: {{ s.women }} "
                    "({{ s.women_share }} %)."), before=6)
    bt.control_paragraph(doc, "{%p endfor %}")
    return doc


def _facilitators(bt: ModuleType, doc: Any, lang: str, event: str) -> None:
    """The protocols' list of facilitators (form 10): position, «member of the group», name."""
    bt.para(doc, _t(lang, "Фасилитаторлор (алып баруучулар):", "Фасилитаторы (ведущие):"))
    bt.control_paragraph(doc, f"{{%p for f in {event}.facilitators %}}")
    bt.para(doc, _t(lang, "{{ f.position }}, жумушчу топтун мүчөсү {{ f.short }}"
                          "{% if not loop.last %},{% else %}.{% endif %}",
                    "{{ f.position }}, член рабочей группы {{ f.short }}"
                    "{% if not loop.last %},{% else %}.{% endif %}"), left_indent=1.25)
    bt.control_paragraph(doc, "{%p endfor %}")


def _facilitator_signatures(bt: ModuleType, doc: Any, lang: str, event: str) -> None:
    """One signature line per facilitator at the end of a protocol."""
    bt.control_paragraph(doc, f"{{%p for f in {event}.facilitators %}}")
    bt.para(doc, _t(lang, "{{ f.short }}, {{ f.position }}\t\tКол тамгасы",
                    "{{ f.short }}, {{ f.position }}\t\tПодпись"), before=12)
    bt.control_paragraph(doc, "{%p endfor %}")


# --- form 10: session protocols -------------------------------------------------------------

def build_na_session_protocols(bt: ModuleType, lang: str) -> Any:
    """10-тиркеме (seed 002 L2385–2581): one protocol per session — number, date, place,
    participants, facilitators, agenda, the discussion under each item, the problem gallery's
    votes (ranked by the context builder), the facilitators' signatures and the annex list."""
    ky = lang == KY
    doc = bt.new_document(lang, title=_t(lang, "ЖМБА-сессиясынын протоколу",
                                         "Протокол сессии СИНС"))
    bt.draft_banner(doc, lang)
    bt.control_paragraph(doc, "{%p for s in sessions %}")
    _page_break_between(bt, doc)
    bt.title(doc, [_t(lang, "{{ municipality.aimak_ky }} айылдык аймагынын {{ s.village }} "
                            "айылындагы ЖМБА-сессиясынын",
                      "сессии СИНС в селе {{ s.village }} {{ municipality.aimak_ru }} айылного "
                      "аймака")],
             _t(lang, "№{{ s.number }} ПРОТОКОЛУ", "ПРОТОКОЛ №{{ s.number }}"),
             doc_type_first=not ky, before=0)
    bt.para(doc, _t(lang, "Күнү: ", "Дата: ") + _date(lang, "s.date") + ".")
    bt.para(doc, _t(lang, "Өткөн жери: {{ s.place }}.", "Место проведения: {{ s.place }}."))
    bt.para(doc, _t(lang, "Катышуучулар: {{ s.village }} айылынын {{ s.group.ky_of }} калкы — "
                          "{{ s.total }} киши, алардын ичинде {{ s.women }} аял "
                          "({{ s.women_share }} %).",
                    "Участники: жители села {{ s.village }} {{ s.group.ru_of }}; всего "
                    "{{ s.total }}, из них женщин — {{ s.women }} ({{ s.women_share }} %)."))
    _facilitators(bt, doc, lang, "s")
    bt.para(doc, _t(lang, "Күн тартиби", "Повестка дня"), align="center", bold=True, before=6)
    agenda = ([
        "- Айылдын ресурстары жана кызмат көрсөтүүлөрдүн деңгээли тууралуу жалпы маалымат алуу.",
        "- Калктын бюджеттик процесске катышуу деңгээлин баалоо.",
        "- Калктын жергиликтүү маанидеги иштерге жана бюджеттик процесске катышуусуна таасирин "
        "тийгизген көйгөйлөрдү аныктоо.",
    ] if ky else [
        "- Получение общих сведений о ресурсах села и уровне услуг.",
        "- Оценка уровня участия населения в бюджетном процессе.",
        "- Выявление проблем, влияющих на участие населения в делах местного значения и "
        "бюджетном процессе.",
    ])
    bt.clauses(doc, agenda, after=0)
    bt.para(doc, _t(lang, "Биринчи маселе боюнча", "По первому вопросу"), bold=True, before=6)
    bt.body(doc, "{{ s.resources }}")
    bt.control_paragraph(doc, "{%p if s.venn %}")
    bt.body(doc, _t(lang, "ЖМБА-сессиясы өткөрүлүп жаткан маалда катышуучулар АА аймагында өз "
                          "ишмердигин жүргүзгөн төмөнкүдөй уюмдарды жана кемүү тартибинде алардын "
                          "маанисин белгилешти:",
                    "В ходе сессии участники назвали следующие организации, действующие на "
                    "территории АА, в порядке убывания их значимости:"), after=0)
    bt.control_paragraph(doc, "{%p for o in s.venn %}")
    bt.para(doc, "{{ loop.index }}. {{ o }}", left_indent=1.25)
    bt.control_paragraph(doc, "{%p endfor %}")
    bt.control_paragraph(doc, "{%p endif %}")
    bt.para(doc, _t(lang, "Экинчи маселе боюнча", "По второму вопросу"), bold=True, before=6)
    bt.body(doc, _t(lang, "Катышуучулар «Токоч» көнүгүүсүн аткарышты. Катышуучулардын баамында, "
                          "жергиликтүү бюджеттин чыгашаларынын тизмеси мындайча болот:",
                    "Участники выполнили упражнение «Токоч». По оценке участников, расходы "
                    "местного бюджета распределяются так:"), after=0)
    bt.control_paragraph(doc, "{%p for t in s.tokoch %}")
    bt.para(doc, "- {{ t.item }} – {{ t.share }}%{% if not loop.last %};{% else %}.{% endif %}",
            left_indent=1.25)
    bt.control_paragraph(doc, "{%p endfor %}")
    bt.para(doc, _t(lang, "Бардыгы: {{ s.tokoch_total }}%.", "Итого: {{ s.tokoch_total }}%."),
            left_indent=1.25)
    bt.para(doc, _t(lang, "Үчүнчү маселе боюнча", "По третьему вопросу"), bold=True, before=6)
    bt.body(doc, _t(lang, "Ар бир катышуучуга бештен стикер берилип, ар бир стикерге айылдын "
                          "өзгөчө маанилүү бирден көйгөйдү жазуу сунушталды. Окшош көйгөйлөр "
                          "бириктирилип, добуштар эсептелди:",
                    "Каждому участнику выдали по пять стикеров, чтобы на каждом написать одну "
                    "особо важную проблему села. Сходные проблемы объединены, голоса "
                    "подсчитаны:"))
    votes = bt.ListTable(doc, ["№", _t(lang, "Көйгөй", "Проблема"),
                               _t(lang, "Добуштардын саны", "Число голосов")],
                         [1.0, 12.0, 3.5], size=11)
    votes.loop("{%tr for p in s.problems %}", ["{{ p.rank }}", "{{ p.problem }}",
                                               "{{ p.votes }}"])
    votes.record(["", _t(lang, "Бардыгы", "Всего"), "{{ s.votes }}"])
    _facilitator_signatures(bt, doc, lang, "s")
    bt.para(doc, _t(lang, "Тиркеме: катышуучулардын тизмеси, иш-чара маалында тартылган "
                          "сүрөттөр.",
                    "Приложение: список участников, фотографии, сделанные во время "
                    "мероприятия."), before=12)
    bt.control_paragraph(doc, "{%p endfor %}")
    return doc


# --- form 7: session report -----------------------------------------------------------------

def _compiler_line(bt: ModuleType, doc: Any, lang: str, who: str, date: str) -> None:
    bt.para(doc, _t(lang, f"Отчетту түзгөн: {{{{ {who}.name }}}}, {{{{ {who}.position }}}}   "
                          "Күнү: ",
                    f"Отчёт составил(а): {{{{ {who}.name }}}}, {{{{ {who}.position }}}}   Дата: ")
            + _date(lang, date), after=6)


def build_na_session_report(bt: ModuleType, lang: str) -> Any:
    """7-тиркеме (seed 002 L2231–2316, the session-report form): per village the community
    data, the sessions by age group with their votes, the merged ranking with the five
    priorities (P-16) and their description; the aimak-wide ranking; the active residents."""
    doc = bt.new_document(lang, title=_t(lang, "ЖМБА-сессиялары тууралуу отчет",
                                         "Отчёт о проведении сессий СИНС"))
    bt.draft_banner(doc, lang)
    bt.title(doc, [_t(lang, "ЖМБА-сессияларын өткөрүү тууралуу", "о проведении сессий СИНС")],
             _t(lang, "ОТЧЕТ", "ОТЧЁТ"), doc_type_first=lang == RU, before=0)
    _compiler_line(bt, doc, lang, "session_report.compiler", "session_report.date")
    bt.control_paragraph(doc, "{%p for v in villages %}")
    bt.para(doc, _t(lang, "Жергиликтүү жамаат жөнүндө жалпы маалымат:",
                    "Общие сведения о местном сообществе:"), bold=True, before=12)
    for line in ([
        "ААнын аталышы: {{ municipality.aimak_ky }} айылдык аймагы;",
        "айылдын аталышы: {{ v.name }};",
        "жашоочулардын саны: {{ v.population }}, алардын ичинде {{ v.men }} эркек жана "
        "{{ v.women }} аял;",
        "үй кожолуктарынын саны: {{ v.households }}.",
    ] if lang == KY else [
        "наименование АА: {{ municipality.aimak_ru }} айылный аймак;",
        "наименование села: {{ v.name_ru }};",
        "число жителей: {{ v.population }}, из них {{ v.men }} мужчин и {{ v.women }} женщин;",
        "число домохозяйств: {{ v.households }}.",
    ]):
        bt.para(doc, line, left_indent=1.25)
    bt.para(doc, _t(lang, "Айылда ЖМБА-сессияларына катышкандардын саны: "
                          "{{ v.participants.total }}",
                    "Число участников сессий СИНС в селе: {{ v.participants.total }}"), before=6)
    bt.para(doc, _t(lang, "Алардын ичинен аялдар: {{ v.participants.women }} "
                          "({{ v.participants.women_share }} %)",
                    "Из них женщин: {{ v.participants.women }} "
                    "({{ v.participants.women_share }} %)"))
    bt.para(doc, _t(lang, "ЖМБА-сессиялар жөнүндө маалымат", "Сведения о сессиях СИНС"),
            align="center", bold=True, before=6, after=6)
    bt.control_paragraph(doc, "{%p for g in v.groups %}")
    bt.para(doc, f"{{{{ g.label.{lang} }}}}", bold=True, before=6, keep_next=True)
    table = bt.ListTable(doc, [_t(lang, "Өткөрүлгөн ЖМБА-сессиянын №, күнү, өткөн жери",
                                  "№, дата, место сессии СИНС"),
                               _t(lang, "Катышуучулардын саны", "Число участников"),
                               _t(lang, "Алардын ичинде аялдар", "Из них женщин"),
                               _t(lang, "Артыкчылыктуу көйгөйлөрдүн тизмеси",
                                  "Перечень приоритетных проблем"),
                               _t(lang, "Добуштардын саны", "Число голосов")],
                         [4.2, 2.0, 2.0, 6.3, 2.0], size=10)
    table.control("{%tr for s in g.sessions %}")
    table.loop("{%tr for p in s.problems %}", [
        "{% if loop.first %}№{{ s.number }}, " + _date(lang, "s.date")
        + ", {{ s.place }}{% endif %}",
        "{% if loop.first %}{{ s.total }}{% endif %}",
        "{% if loop.first %}{{ s.women }}{% endif %}", "{{ p.problem }}", "{{ p.votes }}"])
    table.control("{%tr endfor %}")
    bt.control_paragraph(doc, "{%p endfor %}")
    bt.para(doc, _t(lang, "Айылдагы көйгөйлөрдүн ичинен артыкчылыктуусун тандап алуу",
                    "Выбор приоритетных проблем села"), align="center", bold=True, before=12)
    bt.body(doc, _t(lang, "Окшош көйгөйлөр бириктирилип, алардын добуштары кошулду; эң көп "
                          "добуш алган алгачкы беш көйгөй айыл боюнча артыкчылыктуу деп "
                          "эсептелет.",
                    "Сходные проблемы объединены, их голоса сложены; пять проблем, набравших "
                    "больше всего голосов, считаются приоритетными для села."))
    ranking = bt.ListTable(doc, ["№", _t(lang, "Артыкчылыктуу көйгөйлөрдүн аталышы",
                                         "Наименование проблемы"),
                                 _t(lang, "Добуштардын саны", "Число голосов"),
                                 _t(lang, "Артыкчылыктуу", "Приоритетная")],
                           [1.0, 10.0, 2.8, 2.7], size=11)
    ranking.loop("{%tr for r in v.ranking %}", [
        "{{ r.rank }}", "{{ r.problem }}", "{{ r.votes }}",
        _t(lang, "{% if r.priority %}ооба{% endif %}", "{% if r.priority %}да{% endif %}")])
    bt.para(doc, _t(lang, "Айылдагы артыкчылыктуу көйгөйлөр тууралуу жалпы маалымат",
                    "Общие сведения о приоритетных проблемах села"),
            align="center", bold=True, before=12)
    bt.control_paragraph(doc, "{%p for p in v.priorities %}")
    bt.body(doc, _t(lang, "{{ p.rank }}. «{{ p.problem }}» ({{ p.votes }} добуш). "
                          "{{ p.description }}",
                    "{{ p.rank }}. «{{ p.problem }}» (голосов: {{ p.votes }}). "
                    "{{ p.description }}"))
    bt.control_paragraph(doc, "{%p endfor %}")
    bt.control_paragraph(doc, "{%p endfor %}")

    bt.para(doc, _t(lang, "Айылдык аймак боюнча көйгөйлөрдүн жалпы тизмеси",
                    "Сводный перечень проблем по айылному аймаку"),
            align="center", bold=True, before=12)
    bt.para(doc, _t(lang, "ЖМБА-сессияларынын жалпы саны: {{ totals.sessions }}; "
                          "катышуучулар: {{ totals.total }}, алардын ичинде аялдар: "
                          "{{ totals.women }} ({{ totals.women_share }} %).",
                    "Всего сессий СИНС: {{ totals.sessions }}; участников: {{ totals.total }}, "
                    "из них женщин: {{ totals.women }} ({{ totals.women_share }} %)."), after=6)
    aa = bt.ListTable(doc, ["№", _t(lang, "Көйгөй", "Проблема"),
                            _t(lang, "Добуштардын саны", "Число голосов")],
                      [1.0, 12.0, 3.5], size=11)
    aa.loop("{%tr for r in aa_ranking %}", ["{{ r.rank }}", "{{ r.problem }}", "{{ r.votes }}"])

    bt.para(doc, _t(lang, "ЖМБА-сессия маалында жергиликтүү жамааттын жигердүү өкүлдөрүн "
                          "тандап алуу", "Отбор активных представителей местного сообщества "
                                         "в ходе сессий СИНС"),
            align="center", bold=True, before=12)
    bt.clauses(doc, [
        "- Себеп-натыйжа байланышын аныктоо боюнча ЖМБА-фокус-топторуна катышуу үчүн.",
        "- Артыкчылыктуу көйгөйдү чечүү боюнча демилгелүү топтун ишине катышуу үчүн.",
        "- Биргелешкен аракеттер планынын ишке ашырылышына мониторинг жүргүзүүгө катышуу үчүн.",
    ] if lang == KY else [
        "- Для участия в фокус-группах СИНС по выявлению причинно-следственных связей.",
        "- Для участия в работе инициативной группы по решению приоритетной проблемы.",
        "- Для участия в мониторинге реализации плана совместных действий.",
    ], after=0)
    active = bt.ListTable(doc, ["№", _t(lang, "Аты-жөнү", "Ф.И.О."),
                                _t(lang, "Кызматы", "Должность"),
                                _t(lang, "Айылы", "Село"),
                                _t(lang, "Байланышуу үчүн маалымат", "Контактные данные")],
                          [1.0, 5.0, 3.5, 2.5, 4.5], size=11)
    active.loop("{%tr for a in session_report.active %}", [
        "{{ a.n }}", "{{ a.name }}", "{{ a.position }}", "{{ a.village }}", "{{ a.contacts }}"])
    return doc


# --- forms 8 and 9: focus-group and planning-meeting reports -----------------------------------

PROBLEM_ROWS = {
    KY: [("Көйгөйдүн сүрөттөлүшү", "{{ a.description }}"),
         ("Себептер", "{{ a.causes|join('; ') }}"),
         ("Кесепеттери", "{{ a.consequences|join('; ') }}"),
         ("Чечүү жолдору", "{{ a.solutions|join('; ') }}"),
         ("Көйгөйдү чечүү үчүн АӨнүн кандай ресурстары бар?", "{{ a.resources.okmotu }}"),
         ("Көйгөйдү чечүү үчүн айылдык кеңештин кандай ресурстары бар?",
          "{{ a.resources.council }}"),
         ("Көйгөйдү чечүү үчүн жергиликтүү жамааттын кандай ресурстары бар?",
          "{{ a.resources.community }}"),
         ("Башка кызыкдар жактар барбы жана көйгөйдү чечүү үчүн аларда кандай ресурстар бар "
          "(демөөрчүлөр, донорлор, мамлекет ж.б.)?", "{{ a.resources.others }}")],
    RU: [("Описание проблемы", "{{ a.description }}"),
         ("Причины", "{{ a.causes|join('; ') }}"),
         ("Последствия", "{{ a.consequences|join('; ') }}"),
         ("Пути решения", "{{ a.solutions|join('; ') }}"),
         ("Какие ресурсы для решения проблемы есть у айыл окмоту?", "{{ a.resources.okmotu }}"),
         ("Какие ресурсы есть у айылного кенеша?", "{{ a.resources.council }}"),
         ("Какие ресурсы есть у местного сообщества?", "{{ a.resources.community }}"),
         ("Есть ли другие заинтересованные стороны и какие у них ресурсы (спонсоры, доноры, "
          "государство и др.)?", "{{ a.resources.others }}")],
}


def _counts(bt: ModuleType, doc: Any, lang: str, ev: str) -> None:
    lines = ([
        f"- катышуучулардын саны: {{{{ {ev}.total }}}}:",
        f"   алардын ичинен аялдар {{{{ {ev}.women }}}} ({{{{ {ev}.women_share }}}} %);",
        f"   алардын ичинен АК депутаттары {{{{ {ev}.counts.deputy }}}};",
        f"   алардын ичинен АӨ кызматкерлери {{{{ {ev}.counts.staff }}}};",
        f"   алардын ичинен адистер {{{{ {ev}.counts.specialist }}}};",
        f"   алардын ичинен БӨУ жана жамааттар {{{{ {ev}.counts.community }}}}.",
    ] if lang == KY else [
        f"- число участников: {{{{ {ev}.total }}}}:",
        f"   из них женщин {{{{ {ev}.women }}}} ({{{{ {ev}.women_share }}}} %);",
        f"   из них депутатов АК {{{{ {ev}.counts.deputy }}}};",
        f"   из них сотрудников АО {{{{ {ev}.counts.staff }}}};",
        f"   из них специалистов {{{{ {ev}.counts.specialist }}}};",
        f"   из них НКО и сообществ {{{{ {ev}.counts.community }}}}.",
    ])
    for line in lines:
        bt.para(doc, line, left_indent=0.6)


def _problem_tables(bt: ModuleType, doc: Any, lang: str, problems: str) -> None:
    bt.control_paragraph(doc, f"{{%p for a in {problems} %}}")
    table = bt.ListTable(doc, [_t(lang, "Көйгөй", "Проблема"), "{{ a.problem }}"], [6.0, 10.5],
                         size=11)
    for label, value in PROBLEM_ROWS[lang]:
        table.record([label, value], number_align="left")
    bt.para(doc, "", after=6)
    bt.control_paragraph(doc, "{%p endfor %}")


def build_na_focus_group_report(bt: ModuleType, lang: str) -> Any:
    """8-тиркеме (seed 002 L2317–2350): per focus group the date and place, the participants by
    category (counted from the list; «адистер» added as the text asks, L1786) and, for each
    priority problem, causes, consequences, solutions and the parties' resources."""
    doc = bt.new_document(lang, title=_t(lang, "ЖМБА-фокус-топтору тууралуу отчет",
                                         "Отчёт о фокус-группах СИНС"))
    bt.draft_banner(doc, lang)
    bt.title(doc, [_t(lang, "ЖМБА-фокус-топтору тууралуу", "о фокус-группах СИНС")],
             _t(lang, "ОТЧЕТ", "ОТЧЁТ"), doc_type_first=lang == RU, before=0)
    _compiler_line(bt, doc, lang, "focus_report.compiler", "focus_report.date")
    bt.control_paragraph(doc, "{%p for fg in focus_groups %}")
    bt.para(doc, _t(lang, "{{ fg.number }}. Фокус-топ тууралуу жалпы маалымат ({{ fg.village }} "
                          "айылы)",
                    "{{ fg.number }}. Общие сведения о фокус-группе (село {{ fg.village }})"),
            bold=True, before=12)
    bt.para(doc, _t(lang, "- иш-чара өткөн күн жана жери: ", "- дата и место проведения: ")
            + _date(lang, "fg.date") + ", {{ fg.place }};", left_indent=0.6)
    bt.para(doc, _t(lang, "- алып баруучулар: ", "- ведущие: ")
            + "{% for f in fg.facilitators %}{{ f.short }}{% if not loop.last %}, {% endif %}"
              "{% endfor %};", left_indent=0.6)
    _counts(bt, doc, lang, "fg")
    bt.para(doc, _t(lang, "Артыкчылыктуу көйгөйдү сүрөттөө үчүн таблица (ар бир артыкчылыктуу "
                          "көйгөй үчүн кайталанып турат)",
                    "Таблица описания приоритетной проблемы (повторяется для каждой "
                    "проблемы)"), bold=True, before=6, after=6)
    _problem_tables(bt, doc, lang, "fg.problems")
    bt.control_paragraph(doc, "{%p endfor %}")
    return doc


# --- focus groups: registration sheets (form 6 adapted) and protocols (form 10 adapted) --------

def build_na_focus_group_sheets(bt: ModuleType, lang: str) -> Any:
    """The focus groups' registration sheets («каттоо баракчасы», seed 002 L1830): form 6's
    layout (L2217–2230) with the sex and the category of each participant added, since form 8
    counts women, deputies, okmotu staff, specialists and NGOs/community from this list. One
    sheet per focus group; the counts under the table are computed from the rows."""
    doc = bt.new_document(lang, title=_t(lang, "ЖМБА-фокус-тобунун катышуучуларынын каттоо "
                                              "баракчасы",
                                         "Регистрационный лист участников фокус-группы СИНС"))
    bt.draft_banner(doc, lang)
    bt.control_paragraph(doc, "{%p for fg in focus_groups %}")
    _page_break_between(bt, doc)
    bt.title(doc, [_t(lang, "ЖМБА-фокус-тобунун катышуучуларынын каттоо баракчасы",
                      "Регистрационный лист участников фокус-группы СИНС")], before=0)
    bt.para(doc, _t(lang, "Иш-чаранын аталышы: ЖМБА-фокус-тобу ({{ fg.village }} айылы)",
                    "Название мероприятия: фокус-группа СИНС (село {{ fg.village }})"))
    bt.para(doc, _t(lang, "Иш-чара өтчү күн жана жер: ", "Дата и место проведения: ")
            + _date(lang, "fg.date") + "{% if fg.time %}, {{ fg.time }}{% endif %}, "
                                       "{{ fg.place }}", after=6)
    table = bt.ListTable(doc, ["№", _t(lang, "Аты-жөнү", "Ф.И.О."),
                               _t(lang, "Жынысы", "Пол"),
                               _t(lang, "Жаш курагы", "Возраст"),
                               _t(lang, "Кызматы же алектенген иши", "Должность или род занятий"),
                               _t(lang, "Категориясы", "Категория"),
                               _t(lang, "Байланыш үчүн маалыматтар", "Контактные данные"),
                               _t(lang, "Кол тамгасы", "Подпись")],
                         [0.8, 3.0, 1.8, 1.6, 2.3, 2.5, 2.6, 1.9], size=9)
    table.loop("{%tr for p in fg.participants %}",
               ["{{ p.n }}", "{{ p.name }}", f"{{{{ p.sex_label.{lang} }}}}", "{{ p.age }}",
                "{{ p.occupation }}", f"{{{{ p.category_label.{lang} }}}}", "{{ p.contacts }}",
                ""])
    bt.para(doc, _t(lang, "Катышуучулардын саны: {{ fg.total }}, алардын ичинде аялдар: "
                          "{{ fg.women }} ({{ fg.women_share }} %), АК депутаттары: "
                          "{{ fg.counts.deputy }}, АӨ кызматкерлери: {{ fg.counts.staff }}, "
                          "адистер: {{ fg.counts.specialist }}, БӨУ жана жамааттар: "
                          "{{ fg.counts.community }}.",
                    "Всего участников: {{ fg.total }}, из них женщин: {{ fg.women }} "
                    "({{ fg.women_share }} %), депутатов АК: {{ fg.counts.deputy }}, "
                    "сотрудников АО: {{ fg.counts.staff }}, специалистов: "
                    "{{ fg.counts.specialist }}, НКО и сообществ: {{ fg.counts.community }}."),
            before=6)
    bt.control_paragraph(doc, "{%p endfor %}")
    return doc


def build_na_focus_group_protocols(bt: ModuleType, lang: str) -> Any:
    """Form 10 (seed 002 L2385–2581) for a focus group — «ар бири үчүн өзүнчө» (L1599, L1797,
    L1831–1833), one protocol per focus group with a page break between: number (per village,
    as the sessions'), date, place, participants by category (computed), facilitators, the
    agenda of the focus-group programme (form 5 B, its method rows), under each item what was
    said about each priority problem, the facilitators' signatures and the annex list."""
    ky = lang == KY
    doc = bt.new_document(lang, title=_t(lang, "ЖМБА-фокус-тобунун протоколу",
                                         "Протокол фокус-группы СИНС"))
    bt.draft_banner(doc, lang)
    bt.control_paragraph(doc, "{%p for fg in focus_groups %}")
    _page_break_between(bt, doc)
    bt.title(doc, [_t(lang, "{{ municipality.aimak_ky }} айылдык аймагынын {{ fg.village }} "
                            "айылындагы ЖМБА-фокус-тобунун",
                      "фокус-группы СИНС в селе {{ fg.village }} {{ municipality.aimak_ru }} "
                      "айылного аймака")],
             _t(lang, "№{{ fg.protocol_number }} ПРОТОКОЛУ", "ПРОТОКОЛ №{{ fg.protocol_number }}"),
             doc_type_first=not ky, before=0)
    bt.para(doc, _t(lang, "Күнү: ", "Дата: ") + _date(lang, "fg.date") + ".")
    bt.para(doc, _t(lang, "Өткөн жери: {{ fg.place }}.", "Место проведения: {{ fg.place }}."))
    bt.para(doc, _t(lang, "Катышуучулар: {{ fg.village }} айылындагы ЖМБА-сессияларынын "
                          "лидерлери жана активдүү катышуучулары — {{ fg.total }} киши, алардын "
                          "ичинде {{ fg.women }} аял ({{ fg.women_share }} %), АК депутаттары — "
                          "{{ fg.counts.deputy }}, АӨ кызматкерлери — {{ fg.counts.staff }}, "
                          "адистер — {{ fg.counts.specialist }}, БӨУ жана жамааттар — "
                          "{{ fg.counts.community }}.",
                    "Участники: лидеры и активные участники сессий СИНС села {{ fg.village }}; "
                    "всего {{ fg.total }}, из них женщин — {{ fg.women }} "
                    "({{ fg.women_share }} %), депутатов АК — {{ fg.counts.deputy }}, "
                    "сотрудников АО — {{ fg.counts.staff }}, специалистов — "
                    "{{ fg.counts.specialist }}, НКО и сообществ — {{ fg.counts.community }}."))
    _facilitators(bt, doc, lang, "fg")
    bt.para(doc, _t(lang, "Күн тартиби", "Повестка дня"), align="center", bold=True, before=6)
    items = [content for _, content, method in FOCUS_AGENDA[lang] if method]
    bt.clauses(doc, [f"- {item}." for item in items], after=0)
    ordinals = (["Биринчи", "Экинчи", "Үчүнчү", "Төртүнчү"] if ky else
                ["первому", "второму", "третьему", "четвёртому"])

    def item(n: int) -> None:
        bt.para(doc, _t(lang, f"{ordinals[n]} маселе боюнча", f"По {ordinals[n]} вопросу"),
                bold=True, before=6, keep_next=True)

    def per_problem(intro: str, line: str) -> None:
        bt.body(doc, intro, after=0, keep_next=True)
        bt.control_paragraph(doc, "{%p for a in fg.problems %}")
        bt.para(doc, line, left_indent=1.25)
        bt.control_paragraph(doc, "{%p endfor %}")

    item(0)
    per_problem(_t(lang, "Катышуучулар артыкчылыктуу көйгөйлөрдүн себептерин талдашты:",
                   "Участники проанализировали причины приоритетных проблем:"),
                "{{ loop.index }}. {{ a.problem }}: {{ a.causes|join('; ') }}.")
    item(1)
    per_problem(_t(lang, "Артыкчылыктуу көйгөйлөрдүн кесепеттери катары төмөнкүлөр аталды:",
                   "Последствиями приоритетных проблем названы:"),
                "{{ loop.index }}. {{ a.problem }}: {{ a.consequences|join('; ') }}.")
    item(2)
    per_problem(_t(lang, "Көйгөйлөрдү чечүү жолдору жана тараптардын салымы боюнча "
                         "сунуштар:",
                   "Предложения о путях решения проблем и вкладе сторон:"),
                _t(lang, "{{ loop.index }}. {{ a.problem }}: {{ a.solutions|join('; ') }}. "
                         "Ресурстар: АӨ — {{ a.resources.okmotu }}; айылдык кеңеш — "
                         "{{ a.resources.council }}; жергиликтүү жамаат — "
                         "{{ a.resources.community }}; башка кызыкдар жактар — "
                         "{{ a.resources.others }}.",
                   "{{ loop.index }}. {{ a.problem }}: {{ a.solutions|join('; ') }}. "
                   "Ресурсы: айыл окмоту — {{ a.resources.okmotu }}; айылный кенеш — "
                   "{{ a.resources.council }}; местное сообщество — "
                   "{{ a.resources.community }}; другие заинтересованные стороны — "
                   "{{ a.resources.others }}."))
    item(3)
    bt.body(doc, "{% if fg.criteria %}{{ fg.criteria }}{% else %}"
            + _t(lang, "Талкуунун жыйынтыгы протоколго жазылган эмес.",
                 "Итоги обсуждения в протокол не внесены.") + "{% endif %}")
    _facilitator_signatures(bt, doc, lang, "fg")
    bt.para(doc, _t(lang, "Тиркеме: катышуучулардын каттоо баракчасы, иш-чара маалында "
                          "тартылган сүрөттөр.",
                    "Приложение: регистрационный лист участников, фотографии, сделанные во "
                    "время мероприятия."), before=12)
    bt.control_paragraph(doc, "{%p endfor %}")
    return doc


def build_na_planning_report(bt: ModuleType, lang: str) -> Any:
    """9-тиркеме (seed 002 L2351–2384): the planning meeting — general information (the seed's
    copied heading «Фокус-топтор…» is corrected), counts by category, the completed problem
    table and the participants' proposals (agenda item 3, L1861–1864)."""
    doc = bt.new_document(lang, title=_t(lang, "Пландалган жолугушуу тууралуу отчет",
                                         "Отчёт о планировочной встрече"))
    bt.draft_banner(doc, lang)
    bt.title(doc, [_t(lang, "Пландалган жолугушуу тууралуу", "о планировочной встрече")],
             _t(lang, "ОТЧЕТ", "ОТЧЁТ"), doc_type_first=lang == RU, before=0)
    _compiler_line(bt, doc, lang, "planning_report.compiler", "planning.date")
    bt.para(doc, _t(lang, "Пландоо жолугушуусу тууралуу жалпы маалымат",
                    "Общие сведения о планировочной встрече"), bold=True, before=6)
    bt.para(doc, _t(lang, "- иш-чара өткөн күн жана жери: ", "- дата и место проведения: ")
            + _date(lang, "planning.date") + ", {{ planning.place }};", left_indent=0.6)
    _counts(bt, doc, lang, "planning")
    bt.para(doc, _t(lang, "Артыкчылыктуу көйгөйлөр боюнча толукталган таблица",
                    "Дополненная таблица по приоритетным проблемам"), bold=True, before=6,
            after=6)
    _problem_tables(bt, doc, lang, "planning.problems")
    bt.para(doc, _t(lang, "Катышуучулардын сунуштары", "Предложения участников"), bold=True,
            before=6)
    bt.control_paragraph(doc, "{%p for x in planning.proposals %}")
    bt.para(doc, "{{ loop.index }}. {{ x }}", left_indent=0.6)
    bt.control_paragraph(doc, "{%p endfor %}")
    return doc


# --- the head's order on the initiative groups ----------------------------------------------

def build_na_initiative_groups_order(bt: ModuleType, lang: str) -> Any:
    """The head's order forming the initiative groups (seed 002 L1877–1918: «Демилгелүү топтун
    курамы … айыл өкмөт башчынын буйругу менен расмий бекитилген»). The seed has no form; this
    follows forms 1–2: letterhead, preamble, clauses, signature, annex with the composition."""
    ky = lang == KY
    title = (["ЖМБА-иш-чараларынын жыйынтыгы боюнча", "демилгелүү топторду түзүү тууралуу"]
             if ky else ["о создании инициативных групп", "по итогам мероприятий СИНС"])
    doc_type = "ТЕСКЕМЕ" if ky else "РАСПОРЯЖЕНИЕ"
    doc = bt.new_document(lang, title=" ".join([doc_type, *title]))
    _order_header(bt, doc, lang, "initiative_order")
    bt.title(doc, title, doc_type, doc_type_first=not ky, spaced=True)
    bt.body(doc, _t(lang, "ЖМБА-иш-чараларынын жыйынтыгында аныкталган {{ municipality.aimak_ky }}"
                          " айылдык аймагынын артыкчылыктуу көйгөйлөрүн чечүүгө жана Биргелешкен "
                          "аракеттер планын иштеп чыгууга жергиликтүү жамааттын катышуусун "
                          "камсыздоо максатында төмөнкүлөрдү тапшырам:",
                    "В целях обеспечения участия местного сообщества в решении приоритетных "
                    "проблем {{ municipality.aimak_ru }} айылного аймака, выявленных по итогам "
                    "мероприятий СИНС, и в разработке плана совместных действий поручаю:"))
    bt.clauses(doc, [
        "- {{ initiative_groups|length|ky_count }} демилгелүү топ түзүлсүн жана алардын курамы "
        "бекитилсин (№1 тиркеме);",
        "- демилгелүү топтор жумушчу топ менен биргеликте Биргелешкен аракеттер планын иштеп "
        "чыгууга катышсын;",
        "- адис {{ responsible.name }} демилгелүү топторду иш орду жана чыгымдалуучу "
        "материалдар менен камсыздасын;",
        "- ушул тескеменин аткарылышына контролду өзүмө калтырам.",
    ] if ky else [
        "- создать инициативные группы ({{ initiative_groups|length|ru_count }}) и утвердить "
        "их состав (приложение №1);",
        "- инициативным группам совместно с рабочей группой участвовать в разработке плана "
        "совместных действий;",
        "- ответственный специалист — {{ responsible.name }}: обеспечить инициативные группы "
        "рабочим местом и расходными материалами;",
        "- контроль за исполнением настоящего распоряжения оставляю за собой.",
    ])
    bt.signature(doc, bt.HEAD_POSITION[lang], "{{ head.name }}")
    _annex_header(bt, doc, lang, "initiative_order", 1)
    bt.title(doc, [_t(lang, "Демилгелүү топтордун", "инициативных групп")],
             _t(lang, "КУРАМЫ", "СОСТАВ"), doc_type_first=not ky, before=6)
    roster = bt.ListTable(doc, ["№", _t(lang, "Аты-жөнү", "Ф.И.О."),
                                _t(lang, "Кызматы же алектенген иши", "Род занятий"),
                                _t(lang, "Байланыш үчүн маалыматтар", "Контактные данные")],
                          [1.0, 5.5, 4.5, 5.5], size=11)
    roster.control("{%tr for g in initiative_groups %}")
    roster.section(_t(lang, "{{ g.n }}. «{{ g.name }}» демилгелүү тобу — {{ g.problem }} "
                            "({{ g.total }} киши, алардын ичинде {{ g.women }} аял, "
                            "{{ g.women_share }} %)",
                      "{{ g.n }}. Инициативная группа «{{ g.name }}» — {{ g.problem }} "
                      "(всего {{ g.total }}, из них женщин — {{ g.women }}, "
                      "{{ g.women_share }} %)"))
    roster.loop("{%tr for m in g.members %}", ["{{ m.n }}", "{{ m.name }}", "{{ m.occupation }}",
                                               "{{ m.contacts }}"])
    roster.control("{%tr endfor %}")
    bt.signature(doc, bt.HEAD_POSITION[lang], "{{ head.name }}")
    return doc


# --- the joint action plan (БАП) ------------------------------------------------------------

def build_na_action_plan(bt: ModuleType, lang: str) -> Any:
    """The БАП (seed 002 L1926–1941): per priority problem its goal and tasks, then activities
    with indicator, deadline, responsible, beneficiaries and funding by source; the sums by
    source and the total (in words) are computed by the context builder."""
    ky = lang == KY
    doc = bt.new_document(lang, title=_t(lang, "Биргелешкен аракеттер планы",
                                         "План совместных действий"))
    bt.draft_banner(doc, lang)
    bt.title(doc, [f"{{{{ action_plan.title.{lang} }}}}"],
             _t(lang, "БИРГЕЛЕШКЕН АРАКЕТТЕР ПЛАНЫ (БАП)", "ПЛАН СОВМЕСТНЫХ ДЕЙСТВИЙ"),
             doc_type_first=True, before=0)
    bt.para(doc, _t(lang, "Даярдалган күнү: ", "Дата подготовки: ")
            + _date(lang, "action_plan.date"), align="right", after=6)
    table = bt.ListTable(doc, ["№", _t(lang, "Иш-чара", "Мероприятие"),
                               _t(lang, "Көрсөткүч", "Индикатор"),
                               _t(lang, "Мөөнөтү", "Срок"),
                               _t(lang, "Жооптуу аткаруучу", "Ответственный"),
                               _t(lang, "Пайда алуучулар", "Благополучатели"),
                               _t(lang, "Салымдар жана каржылоо булактары, сом",
                                  "Вклады и источники финансирования, сом"),
                               _t(lang, "Бардыгы, сом", "Всего, сом")],
                         [0.8, 2.7, 2.8, 1.9, 2.1, 1.9, 2.5, 1.8], size=9)
    table.control("{%tr for g in action_plan.goals %}")
    table.section(_t(lang, "{{ g.n }}. Көйгөй: {{ g.problem }}. Максат: {{ g.goal }}. "
                           "Милдеттер: {{ g.tasks|join('; ') }}.",
                     "{{ g.n }}. Проблема: {{ g.problem }}. Цель: {{ g.goal }}. "
                     "Задачи: {{ g.tasks|join('; ') }}."))
    table.loop("{%tr for a in g.activities %}", [
        "{{ a.n }}", "{{ a.activity }}", "{{ a.indicator }}", _date(lang, "a.deadline"),
        "{{ a.responsible }}", "{{ a.beneficiaries }}",
        f"{{% for f in a.funding %}}{{{{ f.source.{lang} }}}}: {{{{ f.text }}}}"
        "{% if not loop.last %}; {% endif %}{% endfor %}",
        "{{ a.total_text }}"])
    table.control("{%tr endfor %}")
    table.record(["", _t(lang, "Бардыгы", "Итого"), "", "", "", "", "",
                  "{{ action_plan.total_text }}"])
    bt.para(doc, _t(lang, "Каржылоо булактары боюнча", "По источникам финансирования"),
            bold=True, before=12, after=6, keep_next=True)
    sources = bt.ListTable(doc, [_t(lang, "Булак", "Источник"), _t(lang, "Сумма", "Сумма"),
                                 _t(lang, "Үлүшү, %", "Доля, %")], [5.0, 9.5, 2.0], size=11)
    sources.loop("{%tr for s in action_plan.sources %}", [
        f"{{{{ s.source.{lang} }}}}", "{{ s.amount|" + ("ky_amount" if ky else "ru_amount") + " }}",
        "{{ s.share }}"])
    bt.para(doc, _t(lang, "Бардыгы: {{ action_plan.total|ky_amount }}.",
                    "Итого: {{ action_plan.total|ru_amount }}."), bold=True, before=6)
    return doc


# --- the assembly's / public hearing's protocol ---------------------------------------------

def build_na_hearing_protocol(bt: ModuleType, lang: str) -> Any:
    """Protocol of the village assembly or public hearing on the БАП (seed 002 L628–629,
    L1942–1944; no form in the seed — modelled on form 10): attendance with the women's share,
    speakers, proposals and whether each was accepted, the vote and the outcome."""
    ky = lang == KY
    doc = bt.new_document(lang, title=_t(lang, "БАПты талкуулоонун протоколу",
                                         "Протокол обсуждения ПСД"))
    bt.draft_banner(doc, lang)
    bt.title(doc, [_t(lang, "{{ municipality.aimak_ky }} айылдык аймагынын "
                            "{{ hearing.kind.ky_of }}",
                      "{{ hearing.kind.ru_of }} {{ municipality.aimak_ru }} айылного аймака")],
             _t(lang, "ПРОТОКОЛУ", "ПРОТОКОЛ"), doc_type_first=not ky, before=0)
    bt.para(doc, _t(lang, "Күнү: ", "Дата: ") + _date(lang, "hearing.date") + ".")
    bt.para(doc, _t(lang, "Өткөн жери: {{ hearing.place }}.", "Место: {{ hearing.place }}."))
    bt.para(doc, _t(lang, "Катышкандар: {{ hearing.total }} киши, алардын ичинде "
                          "{{ hearing.women }} аял ({{ hearing.women_share }} %).",
                    "Присутствовали: всего {{ hearing.total }}, из них женщин — "
                    "{{ hearing.women }} ({{ hearing.women_share }} %)."))
    bt.para(doc, _t(lang, "Төрагалык кылган: {{ hearing.chair.name }}, "
                          "{{ hearing.chair.position }}.",
                    "Председательствовал(а): {{ hearing.chair.name }}, "
                    "{{ hearing.chair.position }}."))
    bt.para(doc, _t(lang, "Катчы: {{ hearing.secretary.name }}, {{ hearing.secretary.position }}.",
                    "Секретарь: {{ hearing.secretary.name }}, "
                    "{{ hearing.secretary.position }}."))
    bt.para(doc, _t(lang, "Күн тартиби", "Повестка дня"), align="center", bold=True, before=6)
    bt.body(doc, _t(lang, "«{{ action_plan.title.ky }}» долбоорун талкуулоо.",
                    "Обсуждение проекта «{{ action_plan.title.ru }}»."))
    bt.para(doc, _t(lang, "Сөз сүйлөгөндөр:", "Выступили:"), bold=True, before=6)
    bt.control_paragraph(doc, "{%p for s in hearing.speakers %}")
    bt.para(doc, "- {{ s.name }}: {{ s.summary }}.", left_indent=0.6)
    bt.control_paragraph(doc, "{%p endfor %}")
    bt.para(doc, _t(lang, "Түшкөн сунуштар:", "Поступившие предложения:"), bold=True, before=6,
            after=6)
    props = bt.ListTable(doc, ["№", _t(lang, "Сунуш", "Предложение"),
                               _t(lang, "Кабыл алынды", "Принято")], [1.0, 12.5, 3.0], size=11)
    props.loop("{%tr for p in hearing.proposals %}", [
        "{{ p.n }}", "{{ p.text }}",
        _t(lang, "{% if p.accepted %}ооба{% else %}жок{% endif %}",
           "{% if p.accepted %}да{% else %}нет{% endif %}")])
    bt.para(doc, _t(lang, "Добуш берүүнүн жыйынтыгы: «макул» — {{ hearing.votes.for }}, "
                          "«каршы» — {{ hearing.votes.against }}, «калыс» — "
                          "{{ hearing.votes.abstained }} (бардыгы {{ hearing.votes.total }}).",
                    "Итоги голосования: «за» — {{ hearing.votes.for }}, «против» — "
                    "{{ hearing.votes.against }}, «воздержались» — {{ hearing.votes.abstained }} "
                    "(всего {{ hearing.votes.total }})."), before=6)
    bt.para(doc, _t(lang, "ЧЕЧИМ:", "РЕШИЛИ:"), bold=True, before=6)
    bt.body(doc, _t(lang, "{% if hearing.supported %}БАПтын долбоору кабыл алынган сунуштар "
                          "менен колдоого алынсын жана жергиликтүү кеңешке бекитүүгө "
                          "сунушталсын.{% else %}БАПтын долбоору колдоого алынган жок; жумушчу "
                          "топ аны сунуштарды эске алып кайра иштеп чыксын.{% endif %}",
                    "{% if hearing.supported %}Одобрить проект ПСД с принятыми предложениями и "
                    "рекомендовать его местному кенешу для утверждения.{% else %}Проект ПСД не "
                    "поддержан; рабочей группе доработать его с учётом предложений."
                    "{% endif %}"))
    bt.signature(doc, _t(lang, "Төрага", "Председатель"), "{{ hearing.chair.short }}")
    bt.signature(doc, _t(lang, "Катчы", "Секретарь"), "{{ hearing.secretary.short }}", before=18)
    return doc


BUILDERS: dict[str, Callable[[ModuleType, str], Any]] = {
    "na_plan_order": build_na_plan_order,
    "na_programmes": build_na_programmes,
    "na_participant_lists": build_na_participant_lists,
    "na_session_protocols": build_na_session_protocols,
    "na_session_report": build_na_session_report,
    "na_focus_group_sheets": build_na_focus_group_sheets,
    "na_focus_group_protocols": build_na_focus_group_protocols,
    "na_focus_group_report": build_na_focus_group_report,
    "na_planning_report": build_na_planning_report,
    "na_initiative_groups_order": build_na_initiative_groups_order,
    "na_action_plan": build_na_action_plan,
    "na_hearing_protocol": build_na_hearing_protocol,
}


def forms(bt: ModuleType) -> dict[str, Callable[[str], Any]]:
    """``FORMS`` entries for ``build_templates.py``: each takes the language only."""
    return {name: (lambda lang, fn=fn: fn(bt, lang)) for name, fn in BUILDERS.items()}
