"""The ЖМБА procedure's listening stage (seed 002, forms 6–10): participant lists and protocols
of the sessions, the session report, the focus groups' registration sheets, protocols and
report, and the planning meeting's report.

Wording follows the seed's forms; every table grows with the data (``{%tr for %}`` rows) and
every number comes from the context builder (``engine/contexts/needs_assessment.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import blocks
from .blocks import KY, RU, date_expr, page_break_between, pick
from .needs_plan import FOCUS_AGENDA

#: After a date at the end of a line: Kyrgyz ends the sentence; a Russian date already ends
#: in «г.», so a second full stop would print «г..».
END = {KY: ".", RU: ""}
#: Height (cm) of a row a participant signs by hand.
SIGN_ROW = 0.75

# --- form 6: participants' lists ------------------------------------------------------------

def _session_sheets(lang: str, *, blank: bool) -> Any:
    """6-тиркеме (seed 002 L2217–2230): one registration sheet per session, with a signature
    column. ``blank``: printed at the step before the sessions, from the schedule (heading,
    date, time, place, one empty row per planned participant), for the participants to sign
    as they arrive; otherwise the list as recorded after the session, whose women's count
    under the table is computed from the recorded sex of each participant (the seed's form
    has no sex column)."""
    title = pick(lang, "ЖМБА-сессия катышуучуларынын тизмеси", "Список участников сессии СИНС")
    doc = blocks.new_document(lang, title=title)
    blocks.draft_banner(doc, lang)
    blocks.control_paragraph(doc, "{%p for s in session_sheets %}" if blank else
                             "{%p for s in sessions %}")
    page_break_between(doc)
    blocks.title(doc, [title], before=0)
    blocks.para(doc, pick(lang, "Иш-чаранын аталышы: ЖМБА-сессия №{{ s.number }}, {{ s.group.ky }} "
                                "({{ s.village }} айылы)",
                          "Название мероприятия: сессия СИНС №{{ s.number }}, {{ s.group.ru }} "
                          "(село {{ s.village }})"))
    blocks.para(doc, pick(lang, "Иш-чара өтчү күн жана жер: ", "Дата и место проведения: ")
                + date_expr(lang, "s.date")
                + ("{% if s.time %}, {{ s.time }}{% endif %}" if blank else "")
                + ", {{ s.place }}", after=6)
    table = blocks.ListTable(doc, ["№", pick(lang, "Аты-жөнү", "Ф.И.О."),
                                   pick(lang, "Жаш курагы", "Возраст"),
                                   pick(lang, "Кызматы же алектенген иши (дыйкан, АК депутаты "
                                              "ж.б.)",
                                        "Должность или род занятий (фермер, депутат АК и др.)"),
                                   pick(lang, "Байланыш үчүн маалыматтар", "Контактные данные"),
                                   pick(lang, "Кол тамгасы", "Подпись")],
                             [0.9, 4.3, 1.9, 3.6, 3.3, 2.5], size=10)
    if blank:
        table.loop("{%tr for n in s.rows %}", ["{{ n }}", "", "", "", "", ""],
                   min_height=SIGN_ROW)
        blocks.para(doc, pick(lang, "Катышуучулардын саны: ________, алардын ичинде аялдар: "
                                    "________.",
                              "Всего участников: ________, из них женщин: ________."),
                    before=6)
    else:
        table.loop("{%tr for p in s.participants %}",
                   ["{{ p.n }}", "{{ p.name }}", "{{ p.age }}", "{{ p.occupation }}",
                    "{{ p.contacts }}", ""], min_height=SIGN_ROW)
        blocks.para(doc, pick(lang, "Катышуучулардын саны: {{ s.total }}, алардын ичинде аялдар: "
                                    "{{ s.women }} ({{ s.women_share }} %).",
                              "Всего участников: {{ s.total }}, из них женщин: {{ s.women }} "
                              "({{ s.women_share }} %)."), before=6)
    blocks.control_paragraph(doc, "{%p endfor %}")
    return doc


def build_na_participant_lists(lang: str) -> Any:
    """Form 6 as recorded after the sessions (see ``_session_sheets``)."""
    return _session_sheets(lang, blank=False)


def build_na_participant_lists_blank(lang: str) -> Any:
    """Form 6 printed before the sessions, to be signed at them (see ``_session_sheets``)."""
    return _session_sheets(lang, blank=True)


def _facilitators(doc: Any, lang: str, event: str) -> None:
    """The protocols' list of facilitators (form 10): position, «member of the group», name."""
    blocks.para(doc, pick(lang, "Фасилитаторлор (алып баруучулар):", "Фасилитаторы (ведущие):"))
    blocks.control_paragraph(doc, f"{{%p for f in {event}.facilitators %}}")
    blocks.para(doc, pick(lang, "{{ f.position }}, жумушчу топтун мүчөсү {{ f.short }}"
                                "{% if not loop.last %},{% else %}.{% endif %}",
                          "{{ f.position }}, член рабочей группы {{ f.short }}"
                          "{% if not loop.last %},{% else %}.{% endif %}"), left_indent=1.25)
    blocks.control_paragraph(doc, "{%p endfor %}")


def _facilitator_signatures(doc: Any, lang: str, event: str) -> None:
    """One signature line per facilitator at the end of a protocol, kept with the text
    before them and with each other: no signature opens a page alone."""
    blocks.keep_with_previous(doc, whole_table=True)
    blocks.control_paragraph(doc, f"{{%p for f in {event}.facilitators %}}")
    line = blocks.para(doc, pick(lang, "{{ f.short }}, {{ f.position|apposition }}\tКол тамгасы",
                                 "{{ f.short }}, {{ f.position|apposition }}\tПодпись"),
                       before=12, keep_next=True)
    blocks.signature_tab(line)
    blocks.control_paragraph(doc, "{%p endfor %}")


# --- form 10: session protocols -------------------------------------------------------------

def build_na_session_protocols(lang: str) -> Any:
    """10-тиркеме (seed 002 L2385–2581): one protocol per session — number, date, place,
    participants, facilitators, agenda, the discussion under each item, the problem gallery's
    votes (ranked by the context builder), the facilitators' signatures and the annex list."""
    ky = lang == KY
    doc = blocks.new_document(lang, title=pick(lang, "ЖМБА-сессиясынын протоколу",
                                               "Протокол сессии СИНС"))
    blocks.draft_banner(doc, lang)
    blocks.control_paragraph(doc, "{%p for s in sessions %}")
    page_break_between(doc)
    blocks.title(doc, [pick(lang, "{{ municipality.aimak_ky }} айылдык аймагынын {{ s.village }} "
                                  "айылындагы ЖМБА-сессиясынын",
                            "сессии СИНС в селе {{ s.village }} {{ municipality.aimak_ru }} "
                            "айылного аймака")],
                 pick(lang, "№{{ s.number }} ПРОТОКОЛУ", "ПРОТОКОЛ №{{ s.number }}"),
                 doc_type_first=not ky, before=0)
    blocks.para(doc, pick(lang, "Күнү: ", "Дата: ") + date_expr(lang, "s.date") + END[lang])
    blocks.para(doc, pick(lang, "Өткөн жери: {{ s.place }}.", "Место проведения: {{ s.place }}."))
    blocks.para(doc, pick(lang, "Катышуучулар: {{ s.village }} айылынын {{ s.group.ky_of }} калкы "
                                "— {{ s.total }} киши, алардын ичинде {{ s.women }} аял "
                                "({{ s.women_share }} %).",
                          "Участники: жители села {{ s.village }} {{ s.group.ru_of }}; всего "
                          "{{ s.total }}, из них женщин — {{ s.women }} ({{ s.women_share }} %)."))
    _facilitators(doc, lang, "s")
    blocks.para(doc, pick(lang, "Күн тартиби", "Повестка дня"), align="center", bold=True, before=6)
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
    blocks.clauses(doc, agenda, after=0)
    blocks.para(doc, pick(lang, "Биринчи маселе боюнча", "По первому вопросу"), bold=True, before=6)
    blocks.body(doc, "{{ s.resources }}")
    blocks.control_paragraph(doc, "{%p if s.venn %}")
    blocks.body(doc, pick(lang, "ЖМБА-сессиясы өткөрүлүп жаткан маалда катышуучулар АА аймагында "
                                "өз ишмердигин жүргүзгөн төмөнкүдөй уюмдарды жана кемүү тартибинде "
                                "алардын маанисин белгилешти:",
                          "В ходе сессии участники назвали следующие организации, действующие на "
                          "территории АА, в порядке убывания их значимости:"), after=0)
    blocks.control_paragraph(doc, "{%p for o in s.venn %}")
    blocks.para(doc, "{{ loop.index }}. {{ o }}", left_indent=1.25)
    blocks.control_paragraph(doc, "{%p endfor %}")
    blocks.control_paragraph(doc, "{%p endif %}")
    blocks.para(doc, pick(lang, "Экинчи маселе боюнча", "По второму вопросу"), bold=True, before=6)
    blocks.body(doc, pick(lang, "Катышуучулар «Токоч» көнүгүүсүн аткарышты. Катышуучулардын "
                                "баамында, жергиликтүү бюджеттин чыгашаларынын тизмеси мындайча "
                                "болот:",
                          "Участники выполнили упражнение «Токоч». По оценке участников, расходы "
                          "местного бюджета распределяются так:"), after=0)
    blocks.control_paragraph(doc, "{%p for t in s.tokoch %}")
    blocks.para(doc, "- {{ t.item }} – {{ t.share }}%{% if not loop.last %};{% else %}.{% endif %}",
                left_indent=1.25)
    blocks.control_paragraph(doc, "{%p endfor %}")
    blocks.para(doc, pick(lang, "Бардыгы: {{ s.tokoch_total }}%.", "Итого: {{ s.tokoch_total }}%."),
                left_indent=1.25)
    blocks.para(doc, pick(lang, "Үчүнчү маселе боюнча", "По третьему вопросу"), bold=True, before=6)
    blocks.body(doc, pick(lang, "Ар бир катышуучуга бештен стикер берилип, ар бир стикерге айылдын "
                                "өзгөчө маанилүү бирден көйгөйдү жазуу сунушталды. Окшош көйгөйлөр "
                                "бириктирилип, добуштар эсептелди:",
                          "Каждому участнику выдали по пять стикеров, чтобы на каждом написать "
                          "одну особо важную проблему села. Сходные проблемы объединены, голоса "
                          "подсчитаны:"))
    votes = blocks.ListTable(doc, ["№", pick(lang, "Көйгөй", "Проблема"),
                                   pick(lang, "Добуштардын саны", "Число голосов")],
                             [1.0, 12.0, 3.5], size=11)
    votes.loop("{%tr for p in s.problems %}", ["{{ p.rank }}", "{{ p.problem }}",
                                               "{{ p.votes }}"])
    votes.record(["", pick(lang, "Бардыгы", "Всего"), "{{ s.votes }}"], bold=True)
    _facilitator_signatures(doc, lang, "s")
    blocks.para(doc, pick(lang, "Тиркеме: катышуучулардын тизмеси, иш-чара маалында тартылган "
                                "сүрөттөр.",
                          "Приложение: список участников, фотографии, сделанные во время "
                          "мероприятия."), before=12)
    blocks.control_paragraph(doc, "{%p endfor %}")
    return doc


# --- form 7: session report -----------------------------------------------------------------

def _compiler_line(doc: Any, lang: str, who: str, date: str) -> None:
    """Who compiled a report and when: «Отчетту түзгөн: <name>, <position>.» and the date
    on the next line (a position after a name in lower case)."""
    blocks.para(doc, pick(lang, f"Отчетту түзгөн: {{{{ {who}.name }}}}, "
                                f"{{{{ {who}.position|apposition }}}}.",
                          f"Отчёт составил(а): {{{{ {who}.name }}}}, "
                          f"{{{{ {who}.position|apposition }}}}."))
    blocks.para(doc, pick(lang, "Күнү: ", "Дата: ") + date_expr(lang, date), after=6)


def build_na_session_report(lang: str) -> Any:
    """7-тиркеме (seed 002 L2231–2316, the session-report form): per village the community
    data, the sessions by age group with their votes, the merged ranking with the five
    priorities (P-16) and their description; the aimak-wide ranking; the active residents."""
    doc = blocks.new_document(lang, title=pick(lang, "ЖМБА-сессиялары тууралуу отчет",
                                               "Отчёт о проведении сессий СИНС"))
    blocks.draft_banner(doc, lang)
    blocks.title(doc, [pick(lang, "ЖМБА-сессияларын өткөрүү тууралуу", "о проведении сессий СИНС")],
                 pick(lang, "ОТЧЕТ", "ОТЧЁТ"), doc_type_first=lang == RU, before=0)
    _compiler_line(doc, lang, "session_report.compiler", "session_report.date")
    blocks.control_paragraph(doc, "{%p for v in villages %}")
    blocks.para(doc, pick(lang, "Жергиликтүү жамаат жөнүндө жалпы маалымат:",
                          "Общие сведения о местном сообществе:"), bold=True, before=12)
    for line in ([
        "ААнын аталышы: {{ municipality.aimak_ky }} айылдык аймагы;",
        "айылдын аталышы: {{ v.name }};",
        "жашоочулардын саны: {{ v.population }}, алардын ичинде {{ v.men }} эркек жана "
        "{{ v.women }} аял;",
        "үй кожолуктарынын саны: {{ v.households }}.",
    ] if lang == KY else [
        "наименование АА: {{ municipality.aimak_ru|ru_adj_nom }} айылный аймак;",
        "наименование села: {{ v.name_ru }};",
        "число жителей: {{ v.population }}, из них {{ v.men }} мужчин и {{ v.women }} женщин;",
        "число домохозяйств: {{ v.households }}.",
    ]):
        blocks.para(doc, line, left_indent=1.25)
    blocks.para(doc, pick(lang, "Айылда ЖМБА-сессияларына катышкандардын саны: "
                                "{{ v.participants.total }}",
                          "Число участников сессий СИНС в селе: "
                          "{{ v.participants.total }}"), before=6)
    blocks.para(doc, pick(lang, "Алардын ичинен аялдар: {{ v.participants.women }} "
                                "({{ v.participants.women_share }} %)",
                          "Из них женщин: {{ v.participants.women }} "
                          "({{ v.participants.women_share }} %)"))
    blocks.para(doc, pick(lang, "ЖМБА-сессиялар жөнүндө маалымат", "Сведения о сессиях СИНС"),
                align="center", bold=True, before=6, after=6)
    blocks.control_paragraph(doc, "{%p for g in v.groups %}")
    blocks.para(doc, f"{{{{ g.label.{lang} }}}}", bold=True, before=6, keep_next=True)
    table = blocks.ListTable(doc, [pick(lang, "Өткөрүлгөн ЖМБА-сессиянын №, күнү, өткөн жери",
                                        "№, дата, место сессии СИНС"),
                                   pick(lang, "Катышуучулардын саны", "Число участников"),
                                   pick(lang, "Алардын ичинде аялдар", "Из них женщин"),
                                   pick(lang, "Артыкчылыктуу көйгөйлөрдүн тизмеси",
                                        "Перечень приоритетных проблем"),
                                   pick(lang, "Добуштардын саны", "Число голосов")],
                             [3.5, 3.7, 2.3, 4.2, 2.8], size=10)
    table.control("{%tr for s in g.sessions %}")
    table.loop("{%tr for p in s.problems %}", [
        "{% if loop.first %}№{{ s.number }}, " + date_expr(lang, "s.date")
        + ", {{ s.place }}{% endif %}",
        "{% if loop.first %}{{ s.total }}{% endif %}",
        "{% if loop.first %}{{ s.women }}{% endif %}", "{{ p.problem }}", "{{ p.votes }}"])
    table.control("{%tr endfor %}")
    blocks.control_paragraph(doc, "{%p endfor %}")
    blocks.para(doc, pick(lang, "Айылдагы көйгөйлөрдүн ичинен артыкчылыктуусун тандап алуу",
                          "Выбор приоритетных проблем села"), align="center", bold=True, before=12)
    blocks.body(doc, pick(lang, "Окшош көйгөйлөр бириктирилип, алардын добуштары кошулду; эң көп "
                                "добуш алган алгачкы беш көйгөй айыл боюнча артыкчылыктуу деп "
                                "эсептелет.",
                          "Сходные проблемы объединены, их голоса сложены; пять проблем, набравших "
                          "больше всего голосов, считаются приоритетными для села."))
    ranking = blocks.ListTable(doc, ["№", pick(lang, "Артыкчылыктуу көйгөйлөрдүн аталышы",
                                               "Наименование проблемы"),
                                     pick(lang, "Добуштардын саны", "Число голосов"),
                                     pick(lang, "Артыкчылыктуу", "Приоритетная")],
                               [1.0, 8.8, 3.1, 3.6], size=11)
    ranking.loop("{%tr for r in v.ranking %}", [
        "{{ r.rank }}", "{{ r.problem }}", "{{ r.votes }}",
        pick(lang, "{% if r.priority %}ооба{% endif %}", "{% if r.priority %}да{% endif %}")])
    blocks.para(doc, pick(lang, "Айылдагы артыкчылыктуу көйгөйлөр тууралуу жалпы маалымат",
                          "Общие сведения о приоритетных проблемах села"),
                align="center", bold=True, before=12)
    blocks.control_paragraph(doc, "{%p for p in v.priorities %}")
    blocks.body(doc, pick(lang, "{{ p.rank }}. «{{ p.problem }}» ({{ p.votes }} добуш). "
                                "{{ p.description }}",
                          "{{ p.rank }}. «{{ p.problem }}» (голосов: {{ p.votes }}). "
                          "{{ p.description }}"))
    blocks.control_paragraph(doc, "{%p endfor %}")
    blocks.control_paragraph(doc, "{%p endfor %}")

    blocks.para(doc, pick(lang, "Айылдык аймак боюнча көйгөйлөрдүн жалпы тизмеси",
                          "Сводный перечень проблем по айылному аймаку"),
                align="center", bold=True, before=12)
    blocks.para(doc, pick(lang, "ЖМБА-сессияларынын жалпы саны: {{ totals.sessions }}; "
                                "катышуучулар: {{ totals.total }}, алардын ичинде аялдар: "
                                "{{ totals.women }} ({{ totals.women_share }} %).",
                          "Всего сессий СИНС: {{ totals.sessions }}; участников: "
                          "{{ totals.total }}, из них женщин: {{ totals.women }} "
                          "({{ totals.women_share }} %)."), after=6)
    aa = blocks.ListTable(doc, ["№", pick(lang, "Көйгөй", "Проблема"),
                                pick(lang, "Добуштардын саны", "Число голосов")],
                          [1.0, 12.0, 3.5], size=11)
    aa.loop("{%tr for r in aa_ranking %}", ["{{ r.rank }}", "{{ r.problem }}", "{{ r.votes }}"])

    blocks.para(doc, pick(lang, "ЖМБА-сессия маалында жергиликтүү жамааттын жигердүү өкүлдөрүн "
                                "тандап алуу", "Отбор активных представителей местного сообщества "
                                               "в ходе сессий СИНС"),
                align="center", bold=True, before=12)
    blocks.clauses(doc, [
        "- Себеп-натыйжа байланышын аныктоо боюнча ЖМБА-фокус-топторуна катышуу үчүн.",
        "- Артыкчылыктуу көйгөйдү чечүү боюнча демилгелүү топтун ишине катышуу үчүн.",
        "- Биргелешкен аракеттер планынын ишке ашырылышына мониторинг жүргүзүүгө катышуу үчүн.",
    ] if lang == KY else [
        "- Для участия в фокус-группах СИНС по выявлению причинно-следственных связей.",
        "- Для участия в работе инициативной группы по решению приоритетной проблемы.",
        "- Для участия в мониторинге реализации плана совместных действий.",
    ], after=0)
    active = blocks.ListTable(doc, ["№", pick(lang, "Аты-жөнү", "Ф.И.О."),
                                    pick(lang, "Кызматы", "Должность"),
                                    pick(lang, "Айылы", "Село"),
                                    pick(lang, "Байланышуу үчүн маалымат", "Контактные данные")],
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


def _counts(doc: Any, lang: str, ev: str) -> None:
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
        blocks.para(doc, line, left_indent=0.6)


def _problem_tables(doc: Any, lang: str, problems: str) -> None:
    blocks.control_paragraph(doc, f"{{%p for a in {problems} %}}")
    table = blocks.ListTable(doc, [pick(lang, "Көйгөй", "Проблема"), "{{ a.problem }}"],
                             [6.0, 10.5], size=11)
    for label, value in PROBLEM_ROWS[lang]:
        table.record([label, value], number_align="left")
    blocks.para(doc, "", after=6)
    blocks.control_paragraph(doc, "{%p endfor %}")


def build_na_focus_group_report(lang: str) -> Any:
    """8-тиркеме (seed 002 L2317–2350): per focus group the date and place, the participants by
    category (counted from the list; «адистер» added as the text asks, L1786) and, for each
    priority problem, causes, consequences, solutions and the parties' resources."""
    doc = blocks.new_document(lang, title=pick(lang, "ЖМБА-фокус-топтору тууралуу отчет",
                                               "Отчёт о фокус-группах СИНС"))
    blocks.draft_banner(doc, lang)
    blocks.title(doc, [pick(lang, "ЖМБА-фокус-топтору тууралуу", "о фокус-группах СИНС")],
                 pick(lang, "ОТЧЕТ", "ОТЧЁТ"), doc_type_first=lang == RU, before=0)
    _compiler_line(doc, lang, "focus_report.compiler", "focus_report.date")
    blocks.control_paragraph(doc, "{%p for fg in focus_groups %}")
    blocks.para(doc, pick(lang, "{{ fg.number }}. Фокус-топ тууралуу жалпы маалымат "
                                "({{ fg.village }} айылы)",
                          "{{ fg.number }}. Общие сведения о фокус-группе (село {{ fg.village }})"),
                bold=True, before=12)
    blocks.para(doc, pick(lang, "- иш-чара өткөн күн жана жери: ", "- дата и место проведения: ")
                + date_expr(lang, "fg.date") + ", {{ fg.place }};", left_indent=0.6)
    blocks.para(doc, pick(lang, "- алып баруучулар: ", "- ведущие: ")
                + "{% for f in fg.facilitators %}{{ f.short }}{% if not loop.last %}, {% endif %}"
                  "{% endfor %};", left_indent=0.6)
    _counts(doc, lang, "fg")
    blocks.para(doc, pick(lang, "Артыкчылыктуу көйгөйдү сүрөттөө үчүн таблица (ар бир "
                                "артыкчылыктуу көйгөй үчүн кайталанып турат)",
                          "Таблица описания приоритетной проблемы (повторяется для каждой "
                          "проблемы)"), bold=True, before=6, after=6)
    _problem_tables(doc, lang, "fg.problems")
    blocks.control_paragraph(doc, "{%p endfor %}")
    return doc


# --- focus groups: registration sheets (form 6 adapted) and protocols (form 10 adapted) --------

def _focus_group_sheets(lang: str, *, blank: bool) -> Any:
    """The focus groups' registration sheets («каттоо баракчасы», seed 002 L1830): form 6's
    layout (L2217–2230) with the sex and the category of each participant added, since form 8
    counts women, deputies, okmotu staff, specialists and NGOs/community from this list. One
    sheet per focus group. ``blank``: printed before the focus groups, from the schedule, with
    one empty row per planned participant; otherwise as recorded, with the counts under the
    table computed from the rows."""
    title = pick(lang, "ЖМБА-фокус-тобунун катышуучуларынын каттоо баракчасы",
                 "Регистрационный лист участников фокус-группы СИНС")
    doc = blocks.new_document(lang, title=title,
                              landscape=True)  # eight columns, one of them for a signature
    blocks.draft_banner(doc, lang)
    blocks.control_paragraph(doc, "{%p for fg in focus_sheets %}" if blank else
                             "{%p for fg in focus_groups %}")
    page_break_between(doc)
    blocks.title(doc, [title], before=0)
    blocks.para(doc, pick(lang, "Иш-чаранын аталышы: ЖМБА-фокус-тобу ({{ fg.village }} айылы)",
                          "Название мероприятия: фокус-группа СИНС (село {{ fg.village }})"))
    blocks.para(doc, pick(lang, "Иш-чара өтчү күн жана жер: ", "Дата и место проведения: ")
                + date_expr(lang, "fg.date") + "{% if fg.time %}, {{ fg.time }}{% endif %}, "
                                               "{{ fg.place }}", after=6)
    table = blocks.ListTable(doc, ["№", pick(lang, "Аты-жөнү", "Ф.И.О."),
                                   pick(lang, "Жынысы", "Пол"),
                                   pick(lang, "Жаш курагы", "Возраст"),
                                   pick(lang, "Кызматы же алектенген иши",
                                        "Должность или род занятий"),
                                   pick(lang, "Категориясы", "Категория"),
                                   pick(lang, "Байланыш үчүн маалыматтар", "Контактные данные"),
                                   pick(lang, "Кол тамгасы", "Подпись")],
                             [1.0, 5.5, 2.2, 1.8, 4.0, 3.2, 4.0, 4.0], size=10)
    if blank:
        table.loop("{%tr for n in fg.rows %}", ["{{ n }}", "", "", "", "", "", "", ""],
                   min_height=SIGN_ROW)
        blocks.para(doc, pick(lang, "Катышуучулардын саны: ________, алардын ичинде аялдар: "
                                    "________, АК депутаттары: ________, АӨ кызматкерлери: "
                                    "________, адистер: ________, БӨУ жана жамааттар: "
                                    "________.",
                              "Всего участников: ________, из них женщин: ________, депутатов "
                              "АК: ________, сотрудников АО: ________, специалистов: "
                              "________, НКО и сообществ: ________."), before=6)
    else:
        table.loop("{%tr for p in fg.participants %}",
                   ["{{ p.n }}", "{{ p.name }}", f"{{{{ p.sex_label.{lang} }}}}", "{{ p.age }}",
                    "{{ p.occupation }}", f"{{{{ p.category_label.{lang} }}}}",
                    "{{ p.contacts }}", ""], min_height=SIGN_ROW)
        blocks.para(doc, pick(lang, "Катышуучулардын саны: {{ fg.total }}, алардын ичинде аялдар: "
                                    "{{ fg.women }} ({{ fg.women_share }} %), АК депутаттары: "
                                    "{{ fg.counts.deputy }}, АӨ кызматкерлери: "
                                    "{{ fg.counts.staff }}, адистер: {{ fg.counts.specialist }}, "
                                    "БӨУ жана жамааттар: {{ fg.counts.community }}.",
                              "Всего участников: {{ fg.total }}, из них женщин: {{ fg.women }} "
                              "({{ fg.women_share }} %), депутатов АК: {{ fg.counts.deputy }}, "
                              "сотрудников АО: {{ fg.counts.staff }}, специалистов: "
                              "{{ fg.counts.specialist }}, НКО и сообществ: "
                              "{{ fg.counts.community }}."),
                    before=6)
    blocks.control_paragraph(doc, "{%p endfor %}")
    return doc


def build_na_focus_group_sheets(lang: str) -> Any:
    """The focus groups' registration sheets as recorded (see ``_focus_group_sheets``)."""
    return _focus_group_sheets(lang, blank=False)


def build_na_focus_group_sheets_blank(lang: str) -> Any:
    """The registration sheets printed before the focus groups (see ``_focus_group_sheets``)."""
    return _focus_group_sheets(lang, blank=True)


def build_na_focus_group_protocols(lang: str) -> Any:
    """Form 10 (seed 002 L2385–2581) for a focus group — «ар бири үчүн өзүнчө» (L1599, L1797,
    L1831–1833), one protocol per focus group with a page break between: number (per village,
    as the sessions'), date, place, participants by category (computed), facilitators, the
    agenda of the focus-group programme (form 5 B, its method rows), under each item what was
    said about each priority problem, the facilitators' signatures and the annex list."""
    ky = lang == KY
    doc = blocks.new_document(lang, title=pick(lang, "ЖМБА-фокус-тобунун протоколу",
                                               "Протокол фокус-группы СИНС"))
    blocks.draft_banner(doc, lang)
    blocks.control_paragraph(doc, "{%p for fg in focus_groups %}")
    page_break_between(doc)
    blocks.title(doc, [pick(lang, "{{ municipality.aimak_ky }} айылдык аймагынын {{ fg.village }} "
                                  "айылындагы ЖМБА-фокус-тобунун",
                            "фокус-группы СИНС в селе {{ fg.village }} {{ municipality.aimak_ru }} "
                            "айылного аймака")],
                 pick(lang, "№{{ fg.protocol_number }} ПРОТОКОЛУ",
                      "ПРОТОКОЛ №{{ fg.protocol_number }}"),
                 doc_type_first=not ky, before=0)
    blocks.para(doc, pick(lang, "Күнү: ", "Дата: ") + date_expr(lang, "fg.date") + END[lang])
    blocks.para(doc, pick(lang, "Өткөн жери: {{ fg.place }}.", "Место проведения: {{ fg.place }}."))
    blocks.para(doc, pick(lang, "Катышуучулар: {{ fg.village }} айылындагы ЖМБА-сессияларынын "
                                "лидерлери жана активдүү катышуучулары — {{ fg.total }} киши, "
                                "алардын ичинде {{ fg.women }} аял ({{ fg.women_share }} %), АК "
                                "депутаттары — {{ fg.counts.deputy }}, АӨ кызматкерлери — "
                                "{{ fg.counts.staff }}, адистер — {{ fg.counts.specialist }}, БӨУ "
                                "жана жамааттар — {{ fg.counts.community }}.",
                          "Участники: лидеры и активные участники сессий СИНС села "
                          "{{ fg.village }}; всего {{ fg.total }}, из них женщин — {{ fg.women }} "
                          "({{ fg.women_share }} %), депутатов АК — {{ fg.counts.deputy }}, "
                          "сотрудников АО — {{ fg.counts.staff }}, специалистов — "
                          "{{ fg.counts.specialist }}, НКО и сообществ — "
                          "{{ fg.counts.community }}."))
    _facilitators(doc, lang, "fg")
    blocks.para(doc, pick(lang, "Күн тартиби", "Повестка дня"), align="center", bold=True, before=6)
    items = [content for _, content, method in FOCUS_AGENDA[lang] if method]
    blocks.clauses(doc, [f"- {item}." for item in items], after=0)
    ordinals = (["Биринчи", "Экинчи", "Үчүнчү", "Төртүнчү"] if ky else
                ["первому", "второму", "третьему", "четвёртому"])

    def item(n: int) -> None:
        blocks.para(doc, pick(lang, f"{ordinals[n]} маселе боюнча", f"По {ordinals[n]} вопросу"),
                    bold=True, before=6, keep_next=True)

    def per_problem(intro: str, line: str) -> None:
        blocks.body(doc, intro, after=0, keep_next=True)
        blocks.control_paragraph(doc, "{%p for a in fg.problems %}")
        blocks.para(doc, line, left_indent=1.25)
        blocks.control_paragraph(doc, "{%p endfor %}")

    item(0)
    per_problem(pick(lang, "Катышуучулар артыкчылыктуу көйгөйлөрдүн себептерин талдашты:",
                     "Участники проанализировали причины приоритетных проблем:"),
                "{{ loop.index }}. {{ a.problem }}: {{ a.causes|join('; ') }}.")
    item(1)
    per_problem(pick(lang, "Артыкчылыктуу көйгөйлөрдүн кесепеттери катары төмөнкүлөр аталды:",
                     "Последствиями приоритетных проблем названы:"),
                "{{ loop.index }}. {{ a.problem }}: {{ a.consequences|join('; ') }}.")
    item(2)
    per_problem(pick(lang, "Көйгөйлөрдү чечүү жолдору жана тараптардын салымы боюнча "
                           "сунуштар:",
                     "Предложения о путях решения проблем и вкладе сторон:"),
                pick(lang, "{{ loop.index }}. {{ a.problem }}: {{ a.solutions|join('; ') }}. "
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
    blocks.body(doc, "{% if fg.criteria %}{{ fg.criteria }}{% else %}"
                + pick(lang, "Талкуунун жыйынтыгы протоколго жазылган эмес.",
                       "Итоги обсуждения в протокол не внесены.") + "{% endif %}")
    _facilitator_signatures(doc, lang, "fg")
    blocks.para(doc, pick(lang, "Тиркеме: катышуучулардын каттоо баракчасы, иш-чара маалында "
                                "тартылган сүрөттөр.",
                          "Приложение: регистрационный лист участников, фотографии, сделанные во "
                          "время мероприятия."), before=12)
    blocks.control_paragraph(doc, "{%p endfor %}")
    return doc


def build_na_planning_report(lang: str) -> Any:
    """9-тиркеме (seed 002 L2351–2384): the planning meeting — general information (the seed's
    copied heading «Фокус-топтор…» is corrected), counts by category, the completed problem
    table and the participants' proposals (agenda item 3, L1861–1864)."""
    doc = blocks.new_document(lang, title=pick(lang, "Пландалган жолугушуу тууралуу отчет",
                                               "Отчёт о планировочной встрече"))
    blocks.draft_banner(doc, lang)
    blocks.title(doc, [pick(lang, "Пландалган жолугушуу тууралуу", "о планировочной встрече")],
                 pick(lang, "ОТЧЕТ", "ОТЧЁТ"), doc_type_first=lang == RU, before=0)
    _compiler_line(doc, lang, "planning_report.compiler", "planning.date")
    blocks.para(doc, pick(lang, "Пландоо жолугушуусу тууралуу жалпы маалымат",
                          "Общие сведения о планировочной встрече"), bold=True, before=6)
    blocks.para(doc, pick(lang, "- иш-чара өткөн күн жана жери: ", "- дата и место проведения: ")
                + date_expr(lang, "planning.date") + ", {{ planning.place }};", left_indent=0.6)
    _counts(doc, lang, "planning")
    blocks.para(doc, pick(lang, "Артыкчылыктуу көйгөйлөр боюнча толукталган таблица",
                          "Дополненная таблица по приоритетным проблемам"), bold=True, before=6,
                after=6)
    _problem_tables(doc, lang, "planning.problems")
    blocks.para(doc, pick(lang, "Катышуучулардын сунуштары", "Предложения участников"), bold=True,
                before=6)
    blocks.control_paragraph(doc, "{%p for x in planning.proposals %}")
    blocks.para(doc, "{{ loop.index }}. {{ x }}", left_indent=0.6)
    blocks.control_paragraph(doc, "{%p endfor %}")
    return doc


FORMS: dict[str, Callable[[str], Any]] = {
    "na_participant_lists_blank": build_na_participant_lists_blank,
    "na_participant_lists": build_na_participant_lists,
    "na_session_protocols": build_na_session_protocols,
    "na_session_report": build_na_session_report,
    "na_focus_group_sheets_blank": build_na_focus_group_sheets_blank,
    "na_focus_group_sheets": build_na_focus_group_sheets,
    "na_focus_group_protocols": build_na_focus_group_protocols,
    "na_focus_group_report": build_na_focus_group_report,
    "na_planning_report": build_na_planning_report,
}
