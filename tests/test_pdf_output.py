"""Every document the demo writes, in Kyrgyz and Russian, through LibreOffice to PDF.

One ``soffice`` call converts every demo document of the session (a session fixture); each
PDF is then checked as an official would look at it:

* the text survived: every word of the .docx is in the PDF, and the template's expected
  phrases (letterhead, title, date line, clauses, names) are there — ``EXPECTED`` below,
  one entry per template and language;
* A4 pages, only Liberation Serif / Times New Roman embedded (no fallback font: the Kyrgyz
  letters Ө Ү Ң need ``fonts-liberation2``), page numbers from page 2 on, a draft mark on
  drafts only;
* page 1 looks as it did: compared at low resolution with ``tests/baselines/<name>.png``.
  After an intended change of layout, regenerate with
  ``MUNI_UPDATE_BASELINES=1 .venv/bin/pytest tests/test_pdf_output.py`` and look at the
  new PNGs before committing them.

A new procedure whose documents the demo writes fails here until its templates have an
``EXPECTED`` entry and a baseline: that is on purpose.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from muni.engine import pdf, scenario
from muni.engine.render import LANGS
from muni.engine.spec import all_workflows

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler is not installed (apt packages libreoffice-writer-nogui, "
           "poppler-utils, fonts-liberation2: run scripts/bootstrap as root)")

BASELINES = Path(__file__).resolve().parent / "baselines"
UPDATE = os.environ.get("MUNI_UPDATE_BASELINES") == "1"
ON = dt.date(2026, 11, 21)  # the demo's "today"; the order itself is dated 2026-11-20

#: Fonts a PDF may embed: Times New Roman where installed, else its metric twin.
ALLOWED_FONTS = {"TimesNewRomanPSMT", "TimesNewRomanPS-BoldMT", "TimesNewRomanPS-ItalicMT",
                 "TimesNewRomanPS-BoldItalicMT", "LiberationSerif", "LiberationSerif-Bold",
                 "LiberationSerif-Italic", "LiberationSerif-BoldItalic"}
#: Shown on every draft and on nothing else.
DRAFT_MARK = {"ky": "ДОЛБООР — кол коюлган эмес", "ru": "ПРОЕКТ — не подписан"}
#: The bilingual letterhead of the sample municipality (both columns on every language).
LETTERHEAD = ["КЫРГЫЗ РЕСПУБЛИКАСЫ", "ЫСЫК-КӨЛ ОБЛУСУ", "ТҮП РАЙОНУ",
              "ЛИПЕНКА АЙЫЛДЫК АЙМАГЫНЫН", "АЙЫЛ ӨКМӨТҮ",
              "КЫРГЫЗСКАЯ РЕСПУБЛИКА", "ИССЫК-КУЛЬСКАЯ ОБЛАСТЬ", "ТЮПСКИЙ РАЙОН",
              "АЙЫЛ ОКМОТУ", "ЛИПЕНСКОГО АЙЫЛНОГО АЙМАКА"]

#: (template, lang) → phrases the PDF text must contain (whitespace-insensitive).
#: Names inside table cells may wrap, so tables are checked by surname.
EXPECTED: dict[tuple[str, str], list[str]] = {
    ("working_group_order", "ky"): [
        *LETTERHEAD,
        "2026-жылдын 20-ноябры №", "Липенка айылы",
        "ЖМБА-иш-чаралар комплексин өткөрүү боюнча жумушчу топту түзүү тууралуу", "ТЕСКЕМЕ",
        "Липенка айылдык аймагынын калкынын керектөөлөрүн аныктоо максатында",
        "курамы 8 (сегиз) кишиден турган", "адис Н. А. Жумабеков",
        "ушул тескеменин аткарылышына контролду өзүмө калтырам", "Башчы", "Б. К. Асанов",
        "тескемесине №1 тиркеме", "КУРАМЫ", "Жумушчу топтун төрагасы:", "Осмонова",
        "Айыл өкмөт", "Жумушчу топтун катчысы:", "Мамбетова", "Жумушчу топтун мүчөлөрү:",
        "Турдубаев", "Токтосунов", "Сыдыкова", "Сагынбаев", "Керимова", "Айпери",
        "Мектеп мугалими",
    ],
    ("working_group_order", "ru"): [
        *LETTERHEAD,
        "20 ноября 2026 г. №", "с. Липенка",
        "РАСПОРЯЖЕНИЕ", "о создании рабочей группы по проведению комплекса мероприятий СИНС",
        "определения потребностей населения Липенского айылного аймака поручаю:",
        "численностью 8 (восемь) человек", "ответственный специалист — Н. А. Жумабеков",
        "контроль за исполнением настоящего распоряжения оставляю за собой",
        "Глава айыл окмоту", "Б. К. Асанов",
        "Приложение №1", "к распоряжению главы айыл окмоту", "от 20 ноября 2026 г. №",
        "СОСТАВ", "Председатель рабочей группы:", "Осмонова", "Заместитель главы",
        "Секретарь рабочей группы:", "Мамбетова", "Члены рабочей группы:", "Турдубаев",
        "Учитель школы", "Депутат айылного", "Староста села Липенка", "Айпери",
    ],
    # --- the ЖМБА needs assessment (workflow needs_assessment, tests/test_needs_assessment.py)
    ("na_plan_order", "ky"): [
        *LETTERHEAD, "2026-жылдын 23-ноябры №", "планын жана графигин бекитүү тууралуу",
        "ТЕСКЕМЕ", "иш планы бекитилсин (№1 тиркеме)", "иш графиги бекитилсин (№2",
        "тескемесине №1 тиркеме", "ИШ ПЛАНЫ", "тескемесине №2 тиркеме", "ИШ ГРАФИГИ",
        "Б. К. Асанов",
    ],
    ("na_plan_order", "ru"): [
        *LETTERHEAD, "23 ноября 2026 г. №", "РАСПОРЯЖЕНИЕ", "об утверждении плана и графика",
        "утвердить план работы рабочей группы", "Приложение №1", "ПЛАН", "Приложение №2",
        "ГРАФИК", "Глава айыл окмоту",
    ],
    ("na_programmes", "ky"): [
        "ЖМБА-СЕССИЯСЫНЫН ПРОГРАММАСЫ", "Күнү: 2026-жылдын 1-декабры",
        "10.00 (2 топ) жана 14.00 (1 топ)", "Ресурстук карта", "Көйгөйлөр галереясы",
        "ЖМБА-ФОКУС-ТОБУНУН ПРОГРАММАСЫ", "Мээ чабуулу", "Жыйынтыктоо",
    ],
    ("na_programmes", "ru"): [
        "ПРОГРАММА СЕССИИ СИНС", "Дата: 1 декабря 2026 г.", "ПРОГРАММА ФОКУС-ГРУППЫ СИНС",
        "Галерея проблем", "Мозговой штурм", "Подведение итогов",
    ],
    ("na_participant_lists_blank", "ky"): [
        "ЖМБА-сессия катышуучуларынын тизмеси", "Иш-чаранын аталышы: ЖМБА-сессия №1",
        "Иш-чара өтчү күн жана жер: 2026-жылдын 1-декабры, 10.00", "Кол тамгасы",
        "Катышуучулардын саны: ________, алардын ичинде аялдар: ________.",
    ],
    ("na_participant_lists_blank", "ru"): [
        "Список участников сессии СИНС", "Название мероприятия: сессия СИНС №1",
        "Дата и место проведения: 1 декабря 2026 г., 10.00", "Подпись",
        "Всего участников: ________, из них женщин: ________.",
    ],
    ("na_focus_group_sheets_blank", "ky"): [
        "ЖМБА-фокус-тобунун катышуучуларынын каттоо баракчасы",
        "Иш-чаранын аталышы: ЖМБА-фокус-тобу (Липенка айылы)", "Кол тамгасы",
    ],
    ("na_focus_group_sheets_blank", "ru"): [
        "Регистрационный лист участников фокус-группы СИНС",
        "Название мероприятия: фокус-группа СИНС (село Липенка)", "Подпись",
    ],
    ("na_participant_lists", "ky"): [
        "ЖМБА-сессия катышуучуларынын тизмеси", "Иш-чаранын аталышы: ЖМБА-сессия №1",
        "Иш-чара өтчү күн жана жер: 2026-жылдын 1-декабры", "Кол тамгасы",
        "Катышуучулардын саны: 23, алардын ичинде аялдар: 11 (48 %).",
    ],
    ("na_participant_lists", "ru"): [
        "Список участников сессии СИНС", "Название мероприятия: сессия СИНС №1",
        "Дата и место проведения: 1 декабря 2026 г.", "Подпись",
        "Всего участников: 23, из них женщин: 11 (48 %).",
    ],
    ("na_session_protocols", "ky"): [
        "Липенка айылдык аймагынын Липенка айылындагы ЖМБА-сессиясынын", "№1 ПРОТОКОЛУ",
        "Күнү: 2026-жылдын 1-декабры.", "Фасилитаторлор (алып баруучулар):", "Күн тартиби",
        "Биринчи маселе боюнча", "Экинчи маселе боюнча", "Үчүнчү маселе боюнча",
        "Ички жолдордун начар абалы", "Кол тамгасы", "Тиркеме: катышуучулардын тизмеси",
    ],
    ("na_session_protocols", "ru"): [
        "ПРОТОКОЛ №1", "сессии СИНС в селе Липенка", "Дата: 1 декабря 2026 г.",
        "Фасилитаторы (ведущие):", "Повестка дня", "По первому вопросу",
        "По третьему вопросу", "Подпись", "Приложение: список участников",
    ],
    ("na_session_report", "ky"): [
        "ЖМБА-сессияларын өткөрүү тууралуу", "ОТЧЕТ", "Отчетту түзгөн: Мамбетова",
        "Жергиликтүү жамаат жөнүндө жалпы маалымат:", "18 – 35 жаштагылардын тобу",
        "Айылда ЖМБА-сессияларына катышкандардын саны: 66",
        "Айылдагы көйгөйлөрдүн ичинен артыкчылыктуусун тандап алуу",
        "Ичүүчү суунун жетишсиздиги", "жигердүү өкүлдөрүн тандап алуу",
    ],
    ("na_session_report", "ru"): [
        "ОТЧЁТ", "о проведении сессий СИНС", "Общие сведения о местном сообществе:",
        "группа 18–35 лет", "Число участников сессий СИНС в селе: 66",
        "Выбор приоритетных проблем села", "Отбор активных представителей",
        "наименование АА: Липенский айылный аймак;",
    ],
    ("na_focus_group_report", "ky"): [
        "ЖМБА-фокус-топтору тууралуу", "ОТЧЕТ", "Фокус-топ тууралуу жалпы маалымат",
        "- катышуучулардын саны: 22:", "алардын ичинен АК депутаттары",
        "Себептер", "Кесепеттери", "Чечүү жолдору", "Көйгөйдү чечүү үчүн АӨнүн",
    ],
    ("na_focus_group_report", "ru"): [
        "ОТЧЁТ", "о фокус-группах СИНС", "Общие сведения о фокус-группе",
        "- число участников: 22:", "из них депутатов АК", "Причины", "Последствия",
        "Пути решения",
    ],
    ("na_focus_group_sheets", "ky"): [
        "ЖМБА-фокус-тобунун катышуучуларынын каттоо баракчасы",
        "Иш-чаранын аталышы: ЖМБА-фокус-тобу (Липенка айылы)",
        "Иш-чара өтчү күн жана жер: 2026-жылдын 9-декабры, 10:00", "Категориясы",
        "Кол тамгасы", "Качкынбаева", "Катышуучулардын саны: 22, алардын ичинде аялдар: 10 (45 %)",
        "АК депутаттары: 3", "БӨУ жана жамааттар: 16.",
    ],
    ("na_focus_group_sheets", "ru"): [
        "Регистрационный лист участников фокус-группы СИНС",
        "Название мероприятия: фокус-группа СИНС (село Липенка)",
        "Дата и место проведения: 9 декабря 2026 г., 10:00", "Категория", "Подпись",
        "Всего участников: 22, из них женщин: 10 (45 %)", "депутатов АК: 3",
    ],
    ("na_focus_group_protocols", "ky"): [
        "Липенка айылдык аймагынын Липенка айылындагы ЖМБА-фокус-тобунун", "№1 ПРОТОКОЛУ",
        "Күнү: 2026-жылдын 9-декабры.", "22 киши, алардын ичинде 10 аял (45 %)",
        "АК депутаттары — 3", "Фасилитаторлор (алып баруучулар):", "Күн тартиби",
        "Биринчи маселе боюнча", "Экинчи маселе боюнча", "Үчүнчү маселе боюнча",
        "Ичүүчү суунун жетишсиздиги", "Төртүнчү маселе боюнча", "Кол тамгасы",
        "Тиркеме: катышуучулардын каттоо баракчасы",
    ],
    ("na_focus_group_protocols", "ru"): [
        "ПРОТОКОЛ №1", "фокус-группы СИНС в селе Липенка", "Дата: 9 декабря 2026 г.",
        "из них женщин — 10 (45 %)", "Фасилитаторы (ведущие):", "Повестка дня",
        "По первому вопросу", "По третьему вопросу", "По четвёртому вопросу", "Подпись",
        "Приложение: регистрационный лист участников",
    ],
    ("na_planning_report", "ky"): [
        "Пландалган жолугушуу тууралуу", "ОТЧЕТ", "Пландоо жолугушуусу тууралуу жалпы маалымат",
        "- катышуучулардын саны: 41:", "Артыкчылыктуу көйгөйлөр боюнча толукталган таблица",
        "Катышуучулардын сунуштары",
    ],
    ("na_planning_report", "ru"): [
        "ОТЧЁТ", "о планировочной встрече", "Общие сведения о планировочной встрече",
        "- число участников: 41:", "Дополненная таблица по приоритетным проблемам",
        "Предложения участников",
    ],
    ("na_initiative_groups_order", "ky"): [
        *LETTERHEAD, "2026-жылдын 17-декабры №", "демилгелүү топторду түзүү тууралуу",
        "ТЕСКЕМЕ", "2 (эки) демилгелүү топ түзүлсүн", "тескемесине №1 тиркеме", "КУРАМЫ",
        "«Таза суу» демилгелүү тобу", "Б. К. Асанов",
    ],
    ("na_initiative_groups_order", "ru"): [
        *LETTERHEAD, "17 декабря 2026 г. №", "РАСПОРЯЖЕНИЕ", "о создании инициативных групп",
        "создать 2 (две) инициативные группы и утвердить их состав", "Приложение №1",
        "СОСТАВ", "Инициативная группа «Чистая вода»", "Глава айыл окмоту",
    ],
    ("na_action_plan", "ky"): [
        "БЕКИТИЛДИ", "Липенка айылдык кеңешинин", "токтому менен",
        "БИРГЕЛЕШКЕН АРАКЕТТЕР ПЛАНЫ (БАП)", "Даярдалган күнү: 2026-жылдын 29-декабры",
        "Көйгөй: Ичүүчү суунун жетишсиздиги", "Каржылоо булактары боюнча",
        "4 750 000,00 (төрт миллион жети жүз элүү миң) сом 00 тыйын",
    ],
    ("na_action_plan", "ru"): [
        "УТВЕРЖДЕН", "постановлением айылного кенеша",
        "ПЛАН СОВМЕСТНЫХ ДЕЙСТВИЙ (ПСД)", "Дата подготовки: 29 декабря 2026 г.",
        "Проблема: Нехватка питьевой воды", "По источникам финансирования",
        "4 750 000,00 (четыре миллиона семьсот пятьдесят тысяч) сомов 00 тыйынов",
    ],
    ("na_hearing_protocol", "ky"): [
        "Липенка айылдык аймагынын коомдук угуунун", "ПРОТОКОЛУ",
        "Күнү: 2026-жылдын 30-декабры.", "Катышкандар: 74 киши, алардын ичинде 35 аял (47 %).",
        "Сөз сүйлөгөндөр:", "Түшкөн сунуштар:", "«макул» — 68", "ЧЕЧИМ:", "Төрага", "Катчы",
    ],
    ("na_hearing_protocol", "ru"): [
        "ПРОТОКОЛ", "публичных слушаний Липенского айылного аймака",
        "Дата: 30 декабря 2026 г.", "Присутствовали: всего 74", "Выступили:",
        "Поступившие предложения:", "«за» — 68", "РЕШИЛИ:", "Председатель", "Секретарь",
    ],
}
# --- the local council (workflows council_session, council_decision; tests/test_council*.py)
KENESH_KY = ["КЫРГЫЗ РЕСПУБЛИКАСЫ", "ЫСЫК-КӨЛ ОБЛУСУ", "ТҮП РАЙОНУ", "ЛИПЕНКА АЙЫЛДЫК КЕҢЕШИ",
             "КЫРГЫЗСКАЯ РЕСПУБЛИКА", "ИССЫК-КУЛЬСКАЯ ОБЛАСТЬ", "ТЮПСКИЙ РАЙОН",
             "АЙЫЛНЫЙ КЕНЕШ", "ЛИПЕНСКОГО АЙЫЛНОГО АЙМАКА"]
EXPECTED.update({
    ("council_decision", "ky"): [
        *KENESH_KY, "ЛИПЕНКА АЙЫЛДЫК КЕҢЕШИНИН ТОКТОМУ", "чакырылышынын",
        "Липенка айылы", "айылдык кеңеши токтом кылат:", "жүктөлсүн.", "күчүнө",
        "Айылдык кеңештин төрагасы", "М. А. Абдылдаев",
    ],
    ("council_decision", "ru"): [
        *KENESH_KY, "ПОСТАНОВЛЕНИЕ АЙЫЛНОГО КЕНЕША ЛИПЕНСКОГО АЙЫЛНОГО АЙМАКА",
        "сессия", "с. Липенка", "ПОСТАНОВЛЯЕТ:",
        "Контроль за исполнением настоящего постановления возложить на",
        "вступает в силу", "Председатель айылного кенеша", "М. А. Абдылдаев",
    ],
    ("council_session_notice", "ky"): [
        *KENESH_KY, "айылдык кеңешинин депутаттарына", "Сессияны чакыруу жөнүндө",
        "КАБАРЛАНДЫРУУ", "саат 10:00", "өтөт.", "Өтүүчү жери:", "Сессиянын күн тартиби:",
        "Маселе",
        "Баяндамачы", "Асанов", "Айылдык кеңештин төрагасы", "М. А. Абдылдаев",
    ],
    ("council_session_notice", "ru"): [
        *KENESH_KY, "Депутатам айылного кенеша", "ИЗВЕЩЕНИЕ", "о созыве сессии", "состоится",
        "в 10:00", "Место проведения:", "Повестка дня сессии:", "Вопрос", "Докладчик",
        "Асанов",
        "Председатель айылного кенеша", "М. А. Абдылдаев",
    ],
    ("council_session_protocol", "ky"): [
        *KENESH_KY, "ПРОТОКОЛУ №", "Шайланган депутаттардын саны — 15, катышты — 12",
        "Кворум: депутаттардын жалпы санынын жарымынан кем эмеси — 8 («Жергиликтүү өз алдынча "
        "башкаруу жөнүндө» Кыргыз Республикасынын 2011-жылдын 15-июлундагы № 101 Мыйзамынын "
        "28-беренесинин 2-бөлүгү",
        "Сессия укуктуу.", "Катышкан депутаттар:", "Абдылдаев", "КҮН ТАРТИБИ:", "УГУЛДУ:",
        "Баяндамачы — Б. К. Асанов.", "ДОБУШ БЕРҮҮНҮН ЖЫЙЫНТЫГЫ: «макул» —",
        "Талап кылынат: депутаттардын жалпы санынын көпчүлүгү — 8 (",
        "2021-жылдын 20-октябрындагы № 123 Мыйзам боюнча текшерилген эмес",
        "ЧЕЧИМ: токтом кабыл алынды.", "Сессияда төрагалык кылган", "Сессиянын катчысы",
        "Г. М. Сыдыкова",
    ],
    ("council_session_protocol", "ru"): [
        *KENESH_KY, "ПРОТОКОЛ №", "ОЧЕРЕДНОЙ СЕССИИ АЙЫЛНОГО КЕНЕША",
        "Число избранных депутатов — 15, присутствовали — 12",
        "Кворум: не менее половины от общего числа депутатов — 8 (часть 2 статьи 28 Закона "
        "Кыргызской Республики «О местном самоуправлении» от 15 июля 2011 года № 101",
        "Сессия правомочна.", "Присутствовали депутаты:", "ПОВЕСТКА ДНЯ:", "СЛУШАЛИ:",
        "ИТОГИ ГОЛОСОВАНИЯ: «за» —", "Требуется: большинство от общего числа депутатов — 8 (",
        "не проверено по Закону от 20 октября 2021 года № 123",
        "РЕШИЛИ: постановление принято.", "Председательствующий", "Секретарь сессии",
    ],
    ("council_protocol_extract", "ky"): [
        *KENESH_KY, "ПРОТОКОЛУНАН КӨЧҮРМӨ", "Кворум:", "УГУЛДУ:", "ДОБУШ БЕРҮҮНҮН ЖЫЙЫНТЫГЫ:",
        "ЧЕЧИМ: токтом кабыл алынды (№", "Көчүрмө туура:", "Сессиянын катчысы",
    ],
    ("council_protocol_extract", "ru"): [
        *KENESH_KY, "ВЫПИСКА ИЗ ПРОТОКОЛА", "ОЧЕРЕДНОЙ СЕССИИ", "Кворум:",
        "СЛУШАЛИ:", "ИТОГИ ГОЛОСОВАНИЯ:",
        "РЕШИЛИ: постановление принято (№", "Выписка верна:", "Секретарь сессии",
    ],
    ("act_register_letter", "ky"): [
        *KENESH_KY, "Кыргыз Республикасынын Юстиция министрлигинин аймактык бөлүмүнө",
        "күбөлөндүрүлгөн көчүрмөсүн", "Расмий жарыяланышы", "гезити",
        "Ченемдик укуктук актыны Мамлекеттик реестрге киргизүү жөнүндө",
        "Мамлекеттик реестрине киргизүү үчүн жөнөтөт:", "Актынын аталышы", "эрежелерин",
        "Тиркемелер:", "Протоколдон көчүрмө", "Айылдык кеңештин төрагасы", "М. А. Абдылдаев",
    ],
    ("act_register_letter", "ru"): [
        *KENESH_KY, "Территориальному подразделению Министерства юстиции Кыргызской "
        "Республики", "заверенную копию", "опубликование", "газета",
        "О включении нормативного правового акта в Государственный реестр",
        "направляет для включения в Государственный реестр", "Наименование акта",
        "Приложения:", "Выписка из протокола", "Председатель айылного кенеша",
        "М. А. Абдылдаев",
    ],
})
#: Phrases that must NOT appear: Kyrgyz registry wording leaking into Russian documents.
FORBIDDEN: dict[tuple[str, str], list[str]] = {
    ("working_group_order", "ru"): ["орун басары", "Жооптуу катчы", "депутаты", "мугалими",
                                    "старостасы"],
}


@dataclass
class Rendered:
    """One demo document and its PDF."""

    template: str
    lang: str
    draft: bool
    docx: Path
    pdf: Path

    @property
    def name(self) -> str:
        """Stable, unique name for the baseline: ``case-1-sign_order-working_group_order.ky``
        (the demo's case, the step's trigger; no step or journal number)."""
        stem = re.sub(r"^\d+-", "", self.docx.name.removesuffix(".docx"))
        return f"{self.docx.parent.name}-{re.sub(r'-no[0-9]+', '', stem)}"

    def text(self, first: int | None = None, last: int | None = None,
             layout: bool = False) -> str:
        argv = ["pdftotext", "-enc", "UTF-8"]
        argv += ["-layout"] if layout else []
        argv += ["-f", str(first)] if first else []
        argv += ["-l", str(last)] if last else []
        return subprocess.run([*argv, str(self.pdf), "-"], capture_output=True, text=True,
                              check=True).stdout

    def info(self) -> str:
        return subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(self.pdf)],
                              capture_output=True, text=True, check=True).stdout

    def pages(self) -> int:
        return int(re.search(r"^Pages:\s+(\d+)", self.info(), re.M).group(1))


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> list[Rendered]:
    """The demo in every language, all its documents converted in ONE soffice call."""
    root = tmp_path_factory.mktemp("pdf-demo")
    docs: list[Rendered] = []
    for lang in LANGS:
        result = scenario.run_demo(root / lang, lang=lang, today=ON)
        with sqlite3.connect(result["db"]) as conn:
            rows = conn.execute("SELECT template, lang, draft, path FROM documents ORDER BY id")
            docs += [Rendered(t, lg, bool(d), Path(p), Path(p).with_suffix(".pdf"))
                     for t, lg, d, p in rows]
    converted = pdf.convert([d.docx for d in docs], workers=1)
    assert [c.pdf for c in converted] == [d.pdf for d in docs]
    return docs


def normalise(text: str) -> str:
    return " ".join(text.split())


def squashed(text: str) -> str:
    """Only the letters and digits: a word of the .docx must occur in this, whatever line
    breaks and hyphens («2027-» / «жылдын», joined or not by pdftotext) the PDF put in it."""
    return re.sub(r"[\W_]+", "", text)


def docx_words(path: Path) -> Counter:
    """Words of a .docx in body, tables, headers and footers (tabs and breaks split words)."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    found: Counter = Counter()
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                continue
            root = etree.fromstring(zf.read(name))
            parts = []
            for el in root.iter(f"{w}t", f"{w}tab", f"{w}br", f"{w}p", f"{w}instrText",
                                f"{w}noBreakHyphen"):
                if el.tag == f"{w}t":
                    parts.append(el.text or "")
                elif el.tag == f"{w}noBreakHyphen":
                    parts.append("-")
                elif el.tag != f"{w}instrText":
                    parts.append(" ")
            if "footer" in name:
                continue  # the PAGE field's cached "1" is not what LibreOffice prints
            found.update(re.findall(r"[^\W_]+", "".join(parts)))
    return found


def approving(template: str, lang: str, flat: str) -> list[str]:
    """A decision titled «… бекитүү жөнүндө» / «Об утверждении …» approves by the formula
    and carries its annex (a decision on the head's report only takes note)."""
    if template != "council_decision":
        return []
    if lang == "ky" and "бекитүү жөнүндө" in flat:
        return ["бекитилсин.", "тапшырылсын.", "токтомуна 1-тиркеме"]
    if lang == "ru" and "Об утверждении" in flat:
        return ["Утвердить", "согласно приложению 1.", "Поручить", "Приложение 1",
                "к постановлению айылного кенеша"]
    return []


def test_the_demo_covers_every_template_in_both_languages(rendered):
    """So that the checks below see every form: each template of each workflow, ky and ru."""
    wanted = {(t, lang) for wf in all_workflows().values() for t in wf.templates
              for lang in LANGS}
    seen = {(d.template, d.lang) for d in rendered}
    assert wanted - seen == set(), "templates the demo never renders (add them to the demo)"


def test_every_document_converts_with_its_text(rendered):
    problems = []
    for doc in rendered:
        key = (doc.template, doc.lang)
        text = doc.text()
        flat = normalise(text)
        if key not in EXPECTED:  # the generic checks below still run
            problems.append(f"{doc.name}: no EXPECTED entry for {key} in {__file__}")
        for phrase in EXPECTED.get(key, []) + approving(doc.template, doc.lang, flat):
            if normalise(phrase) not in flat:
                problems.append(f"{doc.name}: missing {phrase!r}")
        if any(word in flat for word in ("vote.", "kg-20")):
            problems.append(f"{doc.name}: prints a rule id or profile id")
        for phrase in FORBIDDEN.get(key, []):
            if phrase in flat:
                problems.append(f"{doc.name}: has {phrase!r} (wrong language)")
        pdf_letters = squashed(text)
        lost = sorted(w for w in docx_words(doc.docx) if w not in pdf_letters)
        if lost:
            problems.append(f"{doc.name}: words of the .docx missing from the PDF (cut off, or "
                            f"broken inside the word in a narrow column?): {lost[:20]}")
        has_mark = normalise(DRAFT_MARK[doc.lang]) in flat
        if has_mark != doc.draft:
            problems.append(f"{doc.name}: draft mark {'missing' if doc.draft else 'shown'}")
        if not doc.draft and "№ ________" in flat:
            problems.append(f"{doc.name}: a registered document without its number")
        if "г.." in flat:
            problems.append(f"{doc.name}: «г..», a full stop after a date that has one")
        if re.search(r"айыл аймаг", flat, re.I):
            problems.append(f"{doc.name}: «айыл аймагы»; the documents say «айылдык аймак»")
    assert not problems, "\n".join(problems)


def test_pages_are_a4_pdf_a_with_serif_fonts_embedded_and_numbered_from_page_2(rendered):
    problems = []
    for doc in rendered:
        info = doc.info()
        sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
        if not sizes or any(abs(short - 595.3) > 1 or abs(long - 841.9) > 1
                            for short, long in (sorted(map(float, s)) for s in sizes)):
            problems.append(f"{doc.name}: not A4 (portrait or landscape): {sizes}")
        fonts = subprocess.run(["pdffonts", str(doc.pdf)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        for line in fonts:
            name = line.split()[0].split("+")[-1]
            if name not in ALLOWED_FONTS:
                problems.append(f"{doc.name}: font {name} embedded (a fallback: is "
                                "fonts-liberation2 installed?)")
            if line.split()[-5] != "yes":  # columns end: emb sub uni object-id generation
                problems.append(f"{doc.name}: font {name} not embedded")
        xmp = subprocess.run(["pdfinfo", "-meta", str(doc.pdf)], capture_output=True,
                             text=True, check=True).stdout
        if ("<pdfaid:part>2</pdfaid:part>" not in xmp
                or "<pdfaid:conformance>B</pdfaid:conformance>" not in xmp):
            problems.append(f"{doc.name}: not PDF/A-2b (XMP pdfaid part 2, conformance B)")
        pages = doc.pages()
        for page in range(1, pages + 1):
            lines = [x.strip() for x in doc.text(page, page, layout=True).splitlines()
                     if x.strip()]
            last = lines[-1] if lines else ""
            if page == 1 and last == "1":
                problems.append(f"{doc.name}: page 1 is numbered (numbers start on page 2)")
            if page > 1 and last != str(page):
                problems.append(f"{doc.name}: page {page} ends with {last!r}, not its number")
    assert not problems, "\n".join(problems)


def pdf_lines(doc: Rendered) -> list[list[str]]:
    """The PDF's text blocks (a paragraph, a table cell), each as its printed lines: where
    LibreOffice broke the lines, which ``-layout`` hides inside table rows."""
    from lxml import etree

    xhtml = subprocess.run(["pdftotext", "-bbox-layout", str(doc.pdf), "-"],
                           capture_output=True, check=True).stdout
    root = etree.fromstring(xhtml, etree.XMLParser(recover=True))
    blocks = []
    for block in root.iter("{*}block"):
        blocks.append([" ".join(w.text or "" for w in line.iter("{*}word"))
                       for line in block.iter("{*}line")])
    return blocks


def test_no_line_breaks_inside_a_date_number_or_sum(rendered):
    """Issue 13 §8: no printed line ends in a digit and a hyphen («2026- / жылдын», «1- /
    тиркеме»), and no number is split from its thousands, «%» or «г.» («150 / 000,00»)."""
    problems = []
    for doc in rendered:
        for lines in pdf_lines(doc):
            for line, following in zip(lines, [*lines[1:], ""], strict=True):
                if re.search(r"\d[-\u2011]$", line):
                    problems.append(f"{doc.name}: a line ends in {line[-25:]!r}")
                elif re.search(r"\d$", line) and re.match(r"(\d{3}\b|%|гг?\.)", following):
                    problems.append(f"{doc.name}: {line[-15:]!r} / {following[:15]!r}")
    assert not problems, "\n".join(problems)


def _page1_png(doc: Rendered, out: Path) -> Path:
    prefix = out / doc.name
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", "-f", "1", "-l", "1",
                    "-singlefile", str(doc.pdf), str(prefix)], check=True)
    return prefix.with_name(prefix.name + ".png")


#: Share of pixels (after halving the 40 dpi page) that may differ from the baseline: room for
#: anti-aliasing noise of another poppler/freetype, not for a moved block or another font.
TOLERANCE = 0.005


#: A line one signs on: a signature rule, or «Кол тамгасы» / «Подпись» at a line's end (not a
#: table's header row, which starts with «№»).
SIGNATURE_LINE = re.compile(r"_{8,}|(Кол тамгасы|Подпись)\s*$")


def test_no_page_opens_with_a_signature(rendered):
    """Signatures keep with the text they sign (keep-with-next): no page after the first
    starts with a signature line, which would leave the signed text on another page."""
    problems = []
    for doc in rendered:
        for page in range(2, doc.pages() + 1):
            lines = [line.strip() for line in doc.text(page, page, layout=True).splitlines()
                     if line.strip() and not re.fullmatch(r"\d+", line.strip())
                     and not re.search(r"ДОЛБООР|ПРОЕКТ", line)]
            if lines and not lines[0].startswith("№") and SIGNATURE_LINE.search(lines[0]):
                problems.append(f"{doc.name} page {page}: {lines[0]!r}")
    assert not problems, "\n".join(problems)


def test_page_one_looks_like_its_baseline(rendered, tmp_path):
    Image = pytest.importorskip("PIL.Image", reason="Pillow is needed (pip install '.[test]')")
    ImageChops = pytest.importorskip("PIL.ImageChops")
    problems = []
    for doc in rendered:
        png = _page1_png(doc, tmp_path)
        baseline = BASELINES / png.name
        if UPDATE:
            BASELINES.mkdir(exist_ok=True)
            shutil.copyfile(png, baseline)
            continue
        if not baseline.exists():
            problems.append(f"{doc.name}: no baseline {baseline.name}; create it with "
                            "MUNI_UPDATE_BASELINES=1 and look at it")
            continue
        new, old = Image.open(png).convert("L"), Image.open(baseline).convert("L")
        if new.size != old.size:
            problems.append(f"{doc.name}: page size {new.size} px, baseline {old.size} px")
            continue
        half = (new.width // 2, new.height // 2)
        diff = ImageChops.difference(new.resize(half, Image.Resampling.BOX),
                                     old.resize(half, Image.Resampling.BOX))
        changed = sum(diff.histogram()[65:]) / (half[0] * half[1])  # grey levels > 64
        if changed > TOLERANCE:
            keep = tmp_path / f"{doc.name}.diff.png"
            diff.point(lambda v: 255 - v).save(keep)
            problems.append(f"{doc.name}: {changed:.2%} of page 1 differs from the baseline "
                            f"(tolerance {TOLERANCE:.1%}); new page: {png}, difference: {keep}")
    assert not problems, "\n".join(problems)
