"""The local council's forms: decision (токтом), session notice, protocol, protocol extract,
and the cover letter sending a normative act to the State Register.

Built from the same blocks as every other form (``blocks``) so page setup, fonts, the
letterhead, signatures and annex headers stay identical across forms. The kenesh has its own
letterhead: the same bilingual block with the council's name where the ayil okmotu's forms name
the executive.

Wording follows seed 003 §2.1–2.3: the preamble ends «… айылдык кеңеши токтом кылат:»,
clauses are numbered «1.», «2.» …, and the annex header reads «… № N токтомуна 1-тиркеме». The
clause formulas («… N-тиркемеге ылайык бекитилсин», «… тапшырылсын», «… жүктөлсүн», the
repeal «… токтому күчүн жоготту деп таанылсын», the entry into force) are here, in the
template; the context gives each clause as data (``decision.clauses``), so a clerk types the
subject, never the formula. The annex prints the approved text: the normative act's sections
and items, or the plan a handed-over case carries.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document

from . import blocks

#: The ayil kenesh's letterhead (the council, not the ayil okmotu).
KENESH_KY = (
    "КЫРГЫЗ РЕСПУБЛИКАСЫ",
    "{{ municipality.oblast_ky|upper }} ОБЛУСУ",
    "{{ municipality.rayon_ky|upper }} РАЙОНУ",
    "{{ municipality.aimak_ky|upper }} АЙЫЛДЫК КЕҢЕШИ",
)
KENESH_RU = (
    "КЫРГЫЗСКАЯ РЕСПУБЛИКА",
    "{{ municipality.oblast_ru|upper }} ОБЛАСТЬ",
    "{{ municipality.rayon_ru|upper }} РАЙОН",
    "АЙЫЛНЫЙ КЕНЕШ",
    "{{ municipality.aimak_ru|upper }} АЙЫЛНОГО АЙМАКА",
)

SESSION_LINE = {
    "ky": "{{ municipality.aimak_ky }} айылдык кеңешинин {{ session.convocation_roman }} "
          "чакырылышынын {{ session.kind_ky }} {{ session.number_roman }} сессиясы",
    "ru": "{{ session.number_roman }} {{ session.kind_ru }} сессия айылного кенеша "
          "{{ municipality.aimak_ru }} айылного аймака {{ session.convocation_roman }} созыва",
}
CHAIR = {"ky": "{{ chair.position_ky }}", "ru": "{{ chair.position_ru }}"}


def kenesh_letterhead(doc) -> None:
    blocks.letterhead(doc, KENESH_KY, KENESH_RU)


# --- the decision (токтом) ----------------------------------------------------------------------

#: One clause of a decision, by its kind (``engine/contexts/council.py:clauses``).
CLAUSE = {
    "ky": "{% if c.kind == 'approve' %}{{ c.ky }}{% if c.annex %} {{ c.annex }}-тиркемеге "
          "ылайык{% endif %} бекитилсин."
          "{% elif c.kind == 'assign' %}{{ c.to.ky }} {{ c.task.ky }} тапшырылсын."
          "{% elif c.kind == 'repeal' %}{{ municipality.aimak_ky }} айылдык кеңешинин "
          "{{ c.date|ky_date_of }} № {{ c.number }} «{{ c.title.ky }}» токтому күчүн жоготту "
          "деп таанылсын."
          "{% elif c.kind == 'control' %}Бул токтомдун аткарылышын контролдоо {{ c.ky }} "
          "жүктөлсүн."
          "{% elif c.kind == 'in_force' %}Бул токтом {% if c.mode == 'date' %}"
          "{{ c.date|ky_date_on }}{% elif c.mode == 'days' %}расмий жарыяланган күндөн тартып "
          "{{ c.days }} күн өткөндөн кийин{% else %}расмий жарыяланган күндөн тартып{% endif %}"
          " күчүнө кирет."
          "{% else %}{{ c.ky }}{% endif %}",
    "ru": "{% if c.kind == 'approve' %}Утвердить {{ c.ru }}{% if c.annex %} согласно "
          "приложению {{ c.annex }}{% endif %}."
          "{% elif c.kind == 'assign' %}Поручить {{ c.to.ru }} {{ c.task.ru }}."
          "{% elif c.kind == 'repeal' %}Признать утратившим силу постановление айылного кенеша "
          "{{ municipality.aimak_ru }} айылного аймака {{ c.date|ru_date_of }} № {{ c.number }}"
          " «{{ c.title.ru }}»."
          "{% elif c.kind == 'control' %}Контроль за исполнением настоящего постановления "
          "возложить на {{ c.ru }}."
          "{% elif c.kind == 'in_force' %}Настоящее постановление вступает в силу "
          "{% if c.mode == 'date' %}{{ c.date|ru_date }}{% elif c.mode == 'days' %}по истечении "
          "{{ c.days }} дней со дня официального опубликования{% else %}со дня официального "
          "опубликования{% endif %}."
          "{% else %}{{ c.ru }}{% endif %}",
}

DECISION = {
    "ky": {
        "type": "{{ municipality.aimak_ky|upper }} АЙЫЛДЫК КЕҢЕШИНИН ТОКТОМУ",
        "date": "{{ session.date|ky_date }} № {{ decision.number }}",
        "subject": "{{ decision.title_ky }}",
        "preamble": "{{ decision.preamble_ky }} {{ municipality.aimak_ky }} айылдык кеңеши "
                    "токтом кылат:",
        "annex": ["{{ municipality.aimak_ky }} айылдык кеңешинин",
                  "{{ session.date|ky_date_of }} № {{ decision.number }}",
                  "токтомуна {{ a.n }}-тиркеме"],
        "annex_title": "{{ a.title_ky }}",
    },
    "ru": {
        "type": "ПОСТАНОВЛЕНИЕ АЙЫЛНОГО КЕНЕША {{ municipality.aimak_ru|upper }} АЙЫЛНОГО "
                "АЙМАКА",
        "date": "{{ session.date|ru_date }} № {{ decision.number }}",
        "subject": "{{ decision.title_ru }}",
        "preamble": "{{ decision.preamble_ru }}, айылный кенеш {{ municipality.aimak_ru }} "
                    "айылного аймака ПОСТАНОВЛЯЕТ:",
        "annex": ["Приложение {{ a.n }}",
                  "к постановлению айылного кенеша",
                  "{{ municipality.aimak_ru }} айылного аймака",
                  "{{ session.date|ru_date_of }} № {{ decision.number }}"],
        "annex_title": "{{ a.title_ru }}",
    },
}


def build_council_decision(lang: str) -> Document:
    """The council's decision (токтом): kenesh letterhead, «… АЙЫЛДЫК КЕҢЕШИНИН ТОКТОМУ»,
    session and convocation, date, number and place, subject, preamble ending «… токтом
    кылат:», numbered clauses (control and entry into force last), the chair's signature,
    and an annex header per annex (seed 003 §2.1, §2.3 style A)."""
    t = DECISION[lang]
    doc = blocks.new_document(lang, title="ТОКТОМ" if lang == "ky" else "ПОСТАНОВЛЕНИЕ")
    blocks.draft_banner(doc, lang)
    kenesh_letterhead(doc)
    blocks.title(doc, [t["type"]], before=12, after=0)
    blocks.para(doc, SESSION_LINE[lang], align="center", after=0)
    blocks.date_line(doc, t["date"], blocks.SEAT[lang])
    blocks.title(doc, [t["subject"]])
    blocks.body(doc, t["preamble"])
    blocks.control_paragraph(doc, "{%p for c in decision.clauses %}")
    blocks.body(doc, "{{ loop.index }}. " + CLAUSE[lang])
    blocks.control_paragraph(doc, "{%p endfor %}")
    blocks.signature(doc, CHAIR[lang], "{{ chair.name }}")
    blocks.control_paragraph(doc, "{%p for a in decision.annexes %}")
    blocks.annex_header(doc, t["annex"])
    blocks.title(doc, [t["annex_title"]], before=6)
    _annex_text(doc, lang)
    _annex_plan(doc, lang)
    blocks.control_paragraph(doc, "{%p endfor %}")
    return doc


def _annex_text(doc, lang: str) -> None:
    """The approved text recorded with the draft: its sections and their numbered items."""
    blocks.control_paragraph(doc, "{%p for s in a.sections %}")
    blocks.control_paragraph(doc, "{%p if s.title %}")
    blocks.para(doc, f"{{{{ s.title.{lang} }}}}", bold=True, align="center", before=6,
                after=3, keep_next=True)
    blocks.control_paragraph(doc, "{%p endif %}")
    blocks.control_paragraph(doc, "{%p for x in s.points %}")
    blocks.body(doc, f"{{{{ x.n }}}}. {{{{ x.{lang} }}}}", after=3)
    blocks.control_paragraph(doc, "{%p endfor %}")
    blocks.control_paragraph(doc, "{%p endfor %}")


def _annex_plan(doc, lang: str) -> None:
    """The plan a handed-over case carries (the ЖМБА's БАП), as that case's builder computes
    it: per problem its goal, then each activity with indicator, deadline, responsible, sum
    and funding sources, and the total in words."""
    blocks.control_paragraph(doc, "{%p if a.plan %}")
    table = blocks.ListTable(doc, ["№", blocks.pick(lang, "Иш-чара", "Мероприятие"),
                                   blocks.pick(lang, "Көрсөткүч", "Индикатор"),
                                   blocks.pick(lang, "Мөөнөтү", "Срок"),
                                   blocks.pick(lang, "Жооптуу аткаруучу", "Ответственный"),
                                   blocks.pick(lang, "Бардыгы жана булактары, сом",
                                               "Всего и источники, сом")],
                             [0.9, 4.3, 3.0, 2.3, 3.0, 3.0], size=9)
    table.control("{%tr for g in a.plan.goals %}")
    table.section(blocks.pick(lang, "{{ g.n }}. Көйгөй: {{ g.problem }}. Максат: {{ g.goal }}.",
                              "{{ g.n }}. Проблема: {{ g.problem }}. Цель: {{ g.goal }}."))
    table.loop("{%tr for x in g.activities %}", [
        "{{ x.n }}", "{{ x.activity }}", "{{ x.indicator }}", blocks.date_expr(lang, "x.deadline"),
        "{{ x.responsible }}",
        # the sum, then where it comes from (the plan's own funding sources)
        "{{ x.total_text }}{% if x.funding %} ({% for f in x.funding %}{{ f.source." + lang
        + " }}: {{ f.text }}{% if not loop.last %}; {% endif %}{% endfor %}){% endif %}"])
    table.control("{%tr endfor %}")
    blocks.para(doc, blocks.pick(lang, "Бардыгы: {{ a.plan.total|ky_amount }}.",
                                 "Итого: {{ a.plan.total|ru_amount }}."), bold=True, before=6)
    blocks.control_paragraph(doc, "{%p endif %}")


# --- the session notice and agenda --------------------------------------------------------------

NOTICE = {
    "ky": {
        "date": "{{ session.notice_date|ky_date }}",
        "to": "{{ municipality.aimak_ky }} айылдык кеңешинин депутаттарына",
        "title": ["Сессияны чакыруу жөнүндө"], "type": "КАБАРЛАНДЫРУУ",
        "text": SESSION_LINE["ky"] + " {{ session.date|ky_date_on }}"
                "{% if session.time %} саат {{ session.time }}{% endif %} өтөт.",
        # the place as the clerk names it (nominative), under its label: no case to guess
        "place": "Өтүүчү жери: {{ session.place_ky }}.",
        "agenda": "Сессиянын күн тартиби:",
        "columns": ["№", "Маселе", "Баяндамачы"],
        "item": "{{ i.title_ky }}",
        "chair": "Айылдык кеңештин төрагасы",
    },
    "ru": {
        "date": "{{ session.notice_date|ru_date }}",
        "to": "Депутатам айылного кенеша {{ municipality.aimak_ru }} айылного аймака",
        "title": ["о созыве сессии"], "type": "ИЗВЕЩЕНИЕ",
        "text": SESSION_LINE["ru"] + " состоится {{ session.date|ru_date }}"
                "{% if session.time %} в {{ session.time }}{% endif %}.",
        "place": "Место проведения: {{ session.place_ru }}.",
        "agenda": "Повестка дня сессии:",
        "columns": ["№", "Вопрос", "Докладчик"],
        "item": "{{ i.title_ru }}",
        "chair": "Председатель айылного кенеша",
    },
}


def build_council_session_notice(lang: str) -> Document:
    """Notice to the deputies convening the session, with its agenda (the drafts ready for
    it, each with its reporter)."""
    t = NOTICE[lang]
    doc = blocks.new_document(lang, title=t["type"])
    kenesh_letterhead(doc)
    blocks.date_line(doc, t["date"], blocks.SEAT[lang])
    blocks.para(doc, t["to"], align="right", before=12, bold=True)
    blocks.title(doc, t["title"], t["type"], doc_type_first=lang == "ru", spaced=True)
    blocks.body(doc, t["text"], after=3)
    blocks.body(doc, t["place"])
    blocks.para(doc, t["agenda"], bold=True, before=6, after=6)
    agenda = blocks.ListTable(doc, t["columns"], [1.0, 10.5, 5.0])
    agenda.loop("{%tr for i in session.agenda %}", ["{{ i.n }}", t["item"], "{{ i.speaker }}"])
    blocks.signature(doc, t["chair"], "{{ chair.name }}")
    return doc


# --- the protocol and its extract ---------------------------------------------------------------

PROTOCOL = {
    "ky": {
        "title": ["{{ municipality.aimak_ky|upper }} АЙЫЛДЫК КЕҢЕШИНИН "
                  "{{ session.convocation_roman }} ЧАКЫРЫЛЫШЫНЫН {{ session.kind_ky|upper }} "
                  "{{ session.number_roman }} СЕССИЯСЫНЫН"],
        "type": "ПРОТОКОЛУ № {{ session.number }}",
        "extract_type": "ПРОТОКОЛУНАН КӨЧҮРМӨ",
        "date": "{{ session.date|ky_date }}",
        "counts": "Шайланган депутаттардын саны — {{ session.elected }}, катышты — "
                  "{{ session.present }}, катышкан жок — {{ session.absent }}.",
        "quorum": "Кворум: {{ session.quorum_ky }}. {% if session.has_quorum %}Сессия "
                  "укуктуу.{% else %}Кворум жок: сессия чечим кабыл алууга укуксуз.{% endif %}",
        "officers": "Сессияда төрагалык кылган — {{ session.presiding }}; сессиянын катчысы — "
                    "{{ session.secretary }}.",
        "present": "Катышкан депутаттар:",
        "columns": ["№", "Аты-жөнү"],
        "agenda": "КҮН ТАРТИБИ:",
        "agenda_item": "{{ i.n }}. {{ i.title_ky }}",
        "heard": "{{ i.n }}. УГУЛДУ: {{ i.title_ky }}",
        "speakers": "Баяндамачы — {{ i.speaker }}.{% if i.speakers %} Сөз сүйлөгөндөр — "
                    "{{ i.speakers }}.{% endif %}",
        "vote": "ДОБУШ БЕРҮҮНҮН ЖЫЙЫНТЫГЫ: «макул» — {{ i.yes }}, «каршы» — {{ i.no }}, "
                "«калыс» — {{ i.abstained }}.",
        "rule": "Талап кылынат: {{ i.rule_ky }}.",
        "decided": "ЧЕЧИМ: {% if i.adopted %}токтом кабыл алынды"
                   "{% if i.number %} (№ {{ i.number }}){% endif %}."
                   "{% else %}токтом кабыл алынган жок.{% endif %}",
        "presiding": "Сессияда төрагалык кылган",
        "secretary": "Сессиянын катчысы",
        "true_copy": "Көчүрмө туура:",
    },
    "ru": {
        "title": ["{{ session.number_roman }} {{ session.kind_ru|ru_adj_gen|upper }} СЕССИИ "
                  "АЙЫЛНОГО КЕНЕША {{ municipality.aimak_ru|upper }} АЙЫЛНОГО АЙМАКА "
                  "{{ session.convocation_roman }} СОЗЫВА"],
        "type": "ПРОТОКОЛ № {{ session.number }}",
        "extract_type": "ВЫПИСКА ИЗ ПРОТОКОЛА",
        "date": "{{ session.date|ru_date }}",
        "counts": "Число избранных депутатов — {{ session.elected }}, присутствовали — "
                  "{{ session.present }}, отсутствовали — {{ session.absent }}.",
        "quorum": "Кворум: {{ session.quorum_ru }}. {% if session.has_quorum %}Сессия "
                  "правомочна.{% else %}Кворума нет: сессия неправомочна принимать решения."
                  "{% endif %}",
        "officers": "Председательствующий — {{ session.presiding }}; секретарь сессии — "
                    "{{ session.secretary }}.",
        "present": "Присутствовали депутаты:",
        "columns": ["№", "Ф.И.О."],
        "agenda": "ПОВЕСТКА ДНЯ:",
        "agenda_item": "{{ i.n }}. {{ i.title_ru }}",
        "heard": "{{ i.n }}. СЛУШАЛИ: {{ i.title_ru }}",
        "speakers": "Докладчик — {{ i.speaker }}.{% if i.speakers %} Выступили — "
                    "{{ i.speakers }}.{% endif %}",
        "vote": "ИТОГИ ГОЛОСОВАНИЯ: «за» — {{ i.yes }}, «против» — {{ i.no }}, "
                "«воздержались» — {{ i.abstained }}.",
        "rule": "Требуется: {{ i.rule_ru }}.",
        "decided": "РЕШИЛИ: {% if i.adopted %}постановление принято"
                   "{% if i.number %} (№ {{ i.number }}){% endif %}."
                   "{% else %}постановление не принято.{% endif %}",
        "presiding": "Председательствующий",
        "secretary": "Секретарь сессии",
        "true_copy": "Выписка верна:",
    },
}


def _item_block(doc, t: dict) -> None:
    blocks.para(doc, t["heard"], bold=True, before=6, after=3, align="justify")
    blocks.body(doc, t["speakers"], after=3)
    blocks.body(doc, t["vote"], after=3)
    blocks.body(doc, t["rule"], after=3)
    blocks.body(doc, t["decided"])


def _session_header(doc, t: dict, doc_type: str, lang: str) -> None:
    kenesh_letterhead(doc)
    blocks.title(doc, t["title"], doc_type, doc_type_first=lang == "ru", before=12)
    blocks.date_line(doc, t["date"], "{{ session.place_ky }}" if lang == "ky"
                     else "{{ session.place_ru }}", before=0)
    blocks.body(doc, t["counts"], after=3)
    blocks.body(doc, t["quorum"], after=3)
    blocks.body(doc, t["officers"])


def build_council_session_protocol(lang: str) -> Document:
    """The session's protocol, generated from the recorded attendance and votes: counts,
    quorum and the rule that sets it, who presided, the deputies present, the agenda, and per
    item the speakers, the vote, the majority required (rule and profile) and the outcome;
    signed by the presiding deputy and the secretary."""
    t = PROTOCOL[lang]
    doc = blocks.new_document(lang, title=t["type"])
    _session_header(doc, t, t["type"], lang)
    blocks.para(doc, t["present"], bold=True, before=6, after=3)
    roster = blocks.ListTable(doc, t["columns"], [1.0, 15.5])
    roster.loop("{%tr for n in session.present_names %}", ["{{ loop.index }}", "{{ n }}"])
    blocks.para(doc, t["agenda"], bold=True, before=12, after=3)
    blocks.control_paragraph(doc, "{%p for i in session.agenda %}")
    blocks.body(doc, t["agenda_item"], after=0)
    blocks.control_paragraph(doc, "{%p endfor %}")
    blocks.control_paragraph(doc, "{%p for i in session.agenda %}")
    _item_block(doc, t)
    blocks.control_paragraph(doc, "{%p endfor %}")
    blocks.signatures(doc, [(t["presiding"], "{{ session.presiding }}", 30),
                            (t["secretary"], "{{ session.secretary }}", 18)])
    return doc


def build_council_protocol_extract(lang: str) -> Document:
    """An extract from the protocol for one decision: the session, its quorum and the one
    agenda item with its vote and outcome, certified by the secretary."""
    t = PROTOCOL[lang]
    doc = blocks.new_document(lang, title=t["extract_type"])
    _session_header(doc, t, t["extract_type"], lang)
    blocks.control_paragraph(doc, "{%p with i = item %}")
    _item_block(doc, t)  # as the protocol reads: it was written before the decision's number
    blocks.control_paragraph(doc, "{%p endwith %}")
    blocks.para(doc, t["true_copy"], before=18)
    blocks.signature(doc, t["secretary"], "{{ session.secretary }}", before=6)
    return doc


# --- the cover letter to the State Register -----------------------------------------------------

LETTER = {
    "ky": {
        "date": "{{ letter.date|ky_date }} № {{ letter.number }}",
        "to": "{{ letter.addressee_ky }}",
        "title": ["Ченемдик укуктук актыны Мамлекеттик реестрге киргизүү жөнүндө"],
        "text": "{{ letter.basis_ky }} ылайык {{ municipality.aimak_ky }} айылдык кеңеши "
                "расмий жарыяланган төмөнкү ченемдик укуктук актынын күбөлөндүрүлгөн "
                "көчүрмөсүн Кыргыз Республикасынын ченемдик укуктук актыларынын Мамлекеттик "
                "реестрине киргизүү үчүн жөнөтөт:",
        "columns": ["№", "Актынын аталышы", "Кабыл алынган күнү жана номери",
                    "Расмий жарыяланышы", "Барак"],
        "act": ["1", "{{ decision.title_ky }}",
                "{{ session.date|ky_date_of }} № {{ decision.number }} "
                "({{ session.convocation_roman }} чакырылыштын {{ session.number_roman }} "
                "сессиясы)",
                "{{ decision.publication_ky }}{% if decision.issue %}, {{ decision.issue }}"
                "{% endif %}{% if decision.published %}, "
                "{{ decision.published|ky_date }}{% endif %}", "{{ decision.pages }}"],
        "attachments": "Тиркемелер:",
        "loop": "{%p for a in letter.attachments_ky %}",
        "chair": "Айылдык кеңештин төрагасы",
    },
    "ru": {
        "date": "{{ letter.date|ru_date }} № {{ letter.number }}",
        "to": "{{ letter.addressee_ru }}",
        "title": ["О включении нормативного правового акта в Государственный реестр"],
        "text": "В соответствии с {{ letter.basis_ru }} айылный кенеш "
                "{{ municipality.aimak_ru }} айылного аймака направляет для включения в "
                "Государственный реестр нормативных правовых актов Кыргызской Республики "
                "заверенную копию следующего официально опубликованного нормативного "
                "правового акта:",
        "columns": ["№", "Наименование акта", "Дата и номер принятия",
                    "Официальное опубликование", "Листов"],
        "act": ["1", "{{ decision.title_ru }}",
                "{{ session.date|ru_date_of }} № {{ decision.number }} "
                "({{ session.number_roman }} сессия {{ session.convocation_roman }} созыва)",
                "{{ decision.publication_ru }}{% if decision.issue %}, {{ decision.issue }}"
                "{% endif %}{% if decision.published %}, "
                "{{ decision.published|ru_date }}{% endif %}", "{{ decision.pages }}"],
        "attachments": "Приложения:",
        "loop": "{%p for a in letter.attachments_ru %}",
        "chair": "Председатель айылного кенеша",
    },
}


def build_act_register_letter(lang: str) -> Document:
    """Cover letter on the kenesh's letterhead sending a certified copy of a published
    normative act, under the article that says so, to the body the law names (the Ministry of
    Justice's territorial division) for the State Register: the act's requisites, its
    publication, pages, attachments."""
    t = LETTER[lang]
    doc = blocks.new_document(lang, title=t["title"][0])
    kenesh_letterhead(doc)
    blocks.date_line(doc, t["date"], blocks.SEAT[lang])
    # the addressee as a block on the right half, wrapped there (not one long right-aligned line)
    blocks.para(doc, t["to"], align="left", bold=True, left_indent=9.0, before=12)
    blocks.title(doc, t["title"])
    blocks.body(doc, t["text"])
    acts = blocks.ListTable(doc, t["columns"], [1.0, 5.0, 4.0, 4.5, 2.0])
    acts.record(t["act"])
    blocks.para(doc, t["attachments"], bold=True, before=12, after=3)
    blocks.control_paragraph(doc, t["loop"])
    blocks.body(doc, "{{ loop.index }}. {{ a }}", after=0)
    blocks.control_paragraph(doc, "{%p endfor %}")
    blocks.signature(doc, t["chair"], "{{ chair.name }}")
    return doc


FORMS: dict[str, Callable[[str], Document]] = {
    "council_decision": build_council_decision,
    "council_session_notice": build_council_session_notice,
    "council_session_protocol": build_council_session_protocol,
    "council_protocol_extract": build_council_protocol_extract,
    "act_register_letter": build_act_register_letter,
}

