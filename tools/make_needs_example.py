"""Write ``examples/needs_assessment_case.yaml``: the sample ЖМБА case for the demo and checks.

Why a generator: a session needs 20+ named participants with ages in its age group, and the
focus groups and planning meeting need their own lists; typing ~200 rows by hand invites the
very disagreements (a count that does not match its list) the engine is built to refuse. The
lists are drawn from a fixed seed, so re-running gives a byte-identical file. The hand-written
parts (plan, schedule, votes, analyses, the БАП) live below as plain data.

    python tools/make_needs_example.py            # rewrite the example
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples" / "needs_assessment_case.yaml"

MEN = ["Бакыт", "Нурлан", "Азамат", "Эрмек", "Улан", "Медер", "Талант", "Алмаз", "Бекзат",
       "Жыргалбек", "Мирлан", "Султан", "Кубаныч", "Темирлан", "Айбек", "Эмил", "Нурбек",
       "Орозбек", "Токтогул", "Асан", "Замир", "Чыңгыз", "Жоомарт", "Бейшен"]
WOMEN = ["Айгүл", "Гүлнара", "Динара", "Жылдыз", "Нургүл", "Салтанат", "Бермет", "Айпери",
         "Чолпон", "Назгүл", "Мээрим", "Асель", "Калыйча", "Бүбүсара", "Гүлмира", "Эльвира",
         "Сабира", "Жаңыл", "Айнура", "Толгонай", "Венера", "Мирайым", "Зуура", "Динара"]
SURNAMES = ["Асанов", "Токтосунов", "Сыдыков", "Касымов", "Сагынбаев", "Керимов", "Турдубаев",
            "Абдылдаев", "Жумабеков", "Осмонов", "Мамбетов", "Бообеков", "Исаков", "Эсенгулов",
            "Каримов", "Усенов", "Алыбаев", "Бектемиров", "Жолдошев", "Тынымсеитов",
            "Шаршеев", "Дүйшөнбеков", "Качкынбаев", "Орозалиев"]
OCCUPATIONS = ["дыйкан", "мугалим", "үй кожойкеси", "пенсионер", "студент", "айдоочу",
               "медайым", "ишкер", "малчы", "куруучу", "сатуучу", "жумушсуз"]
AGE_BOUNDS = {"18-35": (18, 35), "36-55": (36, 55), "56+": (56, 82)}


def person(rng: random.Random, sex: str, age: int) -> dict[str, Any]:
    """One resident in the seeds' style: «Surname Name» (feminine surname in -а)."""
    surname = rng.choice(SURNAMES)
    name = rng.choice(WOMEN if sex == "f" else MEN)
    full = f"{surname}а {name}" if sex == "f" else f"{surname} {name}"
    occupation = "пенсионер" if age >= 63 else rng.choice(OCCUPATIONS[:-1] if age > 25 else
                                                          OCCUPATIONS)
    phone = f"+996 {rng.choice(['555', '700', '772'])} {rng.randint(10, 99)} " \
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}"
    return {"name": full, "sex": sex, "age": age, "occupation": occupation, "contacts": phone}


def participants(rng: random.Random, count: int, women: int, group: str) -> list[dict]:
    low, high = AGE_BOUNDS[group]
    sexes = ["f"] * women + ["m"] * (count - women)
    rng.shuffle(sexes)
    return [person(rng, s, rng.randint(low, high)) for s in sexes]


def focus_participants(rng: random.Random, count: int, women: int) -> list[dict]:
    """Focus-group / meeting list: each with a category for the report's counts (form 8)."""
    out = participants(rng, count, women, rng.choice(["18-35", "36-55"]))
    for i, p in enumerate(out):
        p["age"] = rng.randint(22, 66)
        p["category"] = ("deputy" if i % 9 == 0 else "staff" if i % 7 == 1 else "community")
    return out


#: A focus-group participant's occupation on the registration sheet, by category (F-5).
FOCUS_OCCUPATION = {"deputy": "АК депутаты", "staff": "АӨ адиси"}
#: The protocol's fourth item (form 5 B: criteria, representatives for the initiative groups).
CRITERIA = ("Демилгелүү топтордун курамына өкүлдөрдү тандоонун критерийлери иштелип чыкты: "
            "активдүүлүк, көйгөйдү билүү, жынысы жана курагы боюнча тең салмактуулук. "
            "{village} айылынан ар бир артыкчылыктуу көйгөй боюнча экиден өкүл сунушталды.")
CRITERIA_RU = ("Выработаны критерии отбора представителей в инициативные группы: активность, "
               "знание проблемы, баланс по полу и возрасту. От села {village} предложено по "
               "два представителя по каждой приоритетной проблеме.")
#: The sessions' social map, as the protocol records it.
RESOURCES = ("Катышуучулар {village} айылынын картасын чийишти: негизги жана экинчи "
             "даражадагы жолдорду, суу түтүктөрүн, мектепти, клубду, ФАПты белгилешти.")
RESOURCES_RU = ("Участники нарисовали карту села {village}: отметили основные и второстепенные "
                "дороги, водопровод, школу, клуб, ФАП.")


SESSION_PLAN = [
    # village, group, date, time, place, facilitators, count, women, votes
    ("Липенка", "18-35", "2026-12-01", "10.00", "Липенка айылы, клубдун имараты",
     ["lip-002", "lip-022"], 23, 11,
     [("Ички жолдордун начар абалы", 14), ("Ичүүчү суунун жетишсиздиги", 12),
      ("Жаштар үчүн шарттардын жетишсиздиги", 11), ("Бала бакчанын жоктугу", 9),
      ("Көчөлөрдө жарыктын жоктугу", 7), ("Интернетке жеткиликтүүлүктүн жоктугу", 5)]),
    ("Липенка", "36-55", "2026-12-01", "10.00", "Липенка айылы, мектептин имараты",
     ["lip-003", "lip-011"], 22, 12,
     [("Ичүүчү суунун жетишсиздиги", 16), ("Сугат суунун жетишсиздиги", 13),
      ("Ички жолдордун начар абалы", 10), ("Бала бакчанын жоктугу", 8),
      ("Клубдун чатырынын начар абалы", 6)]),
    ("Липенка", "56+", "2026-12-01", "14.00", "Липенка айылы, клубдун имараты",
     ["lip-002", "lip-012"], 21, 12,
     [("Ичүүчү суунун жетишсиздиги", 15), ("ФАПтын начар абалы", 12),
      ("Ички жолдордун начар абалы", 9), ("Сугат суунун жетишсиздиги", 8),
      ("Көчөлөрдө жарыктын жоктугу", 6)]),
    ("Тасма", "18-35", "2026-12-02", "10.00", "Тасма айылы, мектептин имараты",
     ["lip-023", "lip-021"], 20, 10,
     [("Спорт аянтчасынын жоктугу", 13), ("Ички жолдордун начар абалы", 11),
      ("Ичүүчү суунун жетишсиздиги", 9), ("Интернетке жеткиликтүүлүктүн жоктугу", 8)]),
    ("Тасма", "36-55", "2026-12-02", "10.00", "Тасма айылы, клубдун имараты",
     ["lip-020", "lip-012"], 24, 13,
     [("Ичүүчү суунун жетишсиздиги", 17), ("Сугат суунун жетишсиздиги", 12),
      ("Бала бакчанын жоктугу", 10), ("Ички жолдордун начар абалы", 7)]),
    ("Тасма", "56+", "2026-12-02", "14.00", "Тасма айылы, мектептин имараты",
     ["lip-023", "lip-021"], 20, 11,
     [("Ичүүчү суунун жетишсиздиги", 14), ("ФАПтын начар абалы", 11),
      ("Сугат суунун жетишсиздиги", 9), ("Ички жолдордун начар абалы", 6)]),
]

ANALYSIS = {
    "Ичүүчү суунун жетишсиздиги": {
        "description": "Айылдын жогорку көчөлөрүнө суу жайында жетпейт, суу түтүктөрү 1970-жылдары "
                       "салынган жана эскирген.",
        "causes": ["Суу түтүктөрүнүн эскириши", "Суу сактагычтын көлөмү аз",
                   "ТСПАКБнын тарифи чыгымдарды жаппайт"],
        "consequences": ["Ичеги-карын ооруларынын көбөйүшү", "Аялдар жана балдар суу ташууга "
                         "убакыт коротот"],
        "solutions": ["Түтүктүн 3 км бөлүгүн алмаштыруу", "Суу сактагычты кеңейтүү"],
        "resources": {"okmotu": "Жергиликтүү бюджеттен кошумча каражат, долбоордук-сметалык "
                                "документация",
                      "council": "Бюджетке өзгөртүү киргизүү, тарифти кароо",
                      "community": "Жер казуу иштерине эмгек салымы",
                      "others": "Донорлор (АРИС), райондук мамлекеттик администрация"},
    },
    "Ички жолдордун начар абалы": {
        "description": "Ынтымак жана Тынчтык көчөлөрүндөгү жолдор күзүндө жана жазында өтүүгө "
                       "мүмкүн эмес.",
        "causes": ["Жолдор 15 жылдан бери оңдолгон эмес", "Суу агуучу арыктар жок"],
        "consequences": ["Мектеп автобусу жүрбөй калат", "Тез жардам кечигет"],
        "solutions": ["Шагыл төгүү", "Арыктарды казуу"],
        "resources": {"okmotu": "Техника (грейдер)", "council": "Бюджетте сапты каралоо",
                      "community": "Шагыл ташууга салым", "others": "Жеке ишкерлер"},
    },
    "Сугат суунун жетишсиздиги": {
        "description": "Сугат каналдары тазаланбайт, жайында суу жетпейт.",
        "causes": ["Каналдар тазаланбайт", "СПА алсыз"],
        "consequences": ["Түшүм азаят", "Жер тилкелери ээн калат"],
        "solutions": ["Каналдарды ашарга тазалоо", "СПАны күчөтүү"],
        "resources": {"okmotu": "Уюштуруу", "council": "СПА менен макулдашуу",
                      "community": "Ашар", "others": "СПА"},
    },
    "Спорт аянтчасынын жоктугу": {
        "description": "Тасма айылында жаштар үчүн бир да спорт аянтчасы жок.",
        "causes": ["Жер бөлүнгөн эмес", "Каражат жок"],
        "consequences": ["Жаштардын бош убактысы уюшулбайт"],
        "solutions": ["Мектептин жанынан аянтча куруу"],
        "resources": {"okmotu": "Жер тилкеси", "council": "Бюджеттен каражат",
                      "community": "Эмгек салымы", "others": "Демөөрчүлөр"},
    },
    "ФАПтын начар абалы": {
        "description": "ФАПтын имаратынын чатыры агат, жылытуу жок.",
        "causes": ["Имарат эскирген"], "consequences": ["Кышында кабыл алуу токтойт"],
        "solutions": ["Чатырды оңдоо"],
        "resources": {"okmotu": "Материалдар", "council": "Бюджеттен каражат",
                      "community": "Эмгек салымы", "others": "Райондук саламаттык сактоо"},
    },
}


#: The Russian wording of every free text above (the case's ``ru:`` glossary): a Russian
#: document prints these, and is refused naming the field where one is missing.
RU = {
    # the work plan (annex 1 of form 2)
    "Жумушчу топтун мүчөлөрүн ЖМБА усулдарына окутуу": "Обучение членов рабочей группы "
                                                        "методам СИНС",
    "Окуу өттү, ролдор бөлүштүрүлдү": "Обучение проведено, роли распределены",
    "Катышуучулардын тизмелерин түзүү жана чакыруу": "Составление списков участников и "
                                                     "приглашение",
    "Катышуучулардын тизмелери, чакыруулар": "Списки участников, приглашения",
    "Кеңсе товарларын сатып алуу жана бөлүштүрүү": "Закупка и распределение канцелярских "
                                                   "товаров",
    "Стикерлер, ватман": "Стикеры, ватман",
    "ЖМБА-сессияларын өткөрүү": "Проведение сессий СИНС",
    "Протоколдор, ЖМБА-сессиялары тууралуу отчет": "Протоколы, отчет о сессиях СИНС",
    "ЖМБА-фокус-топторун өткөрүү": "Проведение фокус-групп СИНС",
    "ЖМБА-фокус-топтору тууралуу отчет": "Отчет о фокус-группах СИНС",
    "Пландоо жолугушуусу, демилгелүү топторду түзүү": "Планировочная встреча, создание "
                                                      "инициативных групп",
    "Пландоо жолугушуусу тууралуу отчет, тескеме": "Отчет о планировочной встрече, "
                                                   "распоряжение",
    "Биргелешкен аракеттер планын иштеп чыгуу жана коомдук угууда талкуулоо":
        "Разработка плана совместных действий и его обсуждение на публичных слушаниях",
    "БАП, протокол": "ПСД, протокол",
    # places
    "Липенка айылы, клубдун имараты": "село Липенка, здание клуба",
    "Липенка айылы, мектептин имараты": "село Липенка, здание школы",
    "Тасма айылы, мектептин имараты": "село Тасма, здание школы",
    "Тасма айылы, клубдун имараты": "село Тасма, здание клуба",
    "Липенка айылы, айыл өкмөтүнүн жыйындар залы": "село Липенка, зал заседаний айыл "
                                                   "окмоту",
    "Липенка айылы, маданият үйү": "село Липенка, Дом культуры",
    # the sessions' tools: map, Venn diagram, the «токоч» (how the budget is shared)
    **{RESOURCES.format(village=v): RESOURCES_RU.format(village=v)
       for v in ("Липенка", "Тасма")},
    "Айыл өкмөтү": "Айыл окмоту", "Мектеп": "Школа", "ТСПАКБ": "СООПВ", "ФАП": "ФАП",
    "Аксакалдар соту": "Суд аксакалов", "Жаштар комитети": "Комитет молодежи", "СПА": "АВП",
    "АӨ аппаратын күтүүгө": "на содержание аппарата АО",
    "мектептерди күтүүгө": "на содержание школ", "клубду күтүүгө": "на содержание клуба",
    "жолдордун ремонтуна": "на ремонт дорог", "ичүүчү сууга": "на питьевую воду",
    "майрамдарга": "на праздники",
    # problems
    "Ички жолдордун начар абалы": "Плохое состояние внутренних дорог",
    "Ичүүчү суунун жетишсиздиги": "Нехватка питьевой воды",
    "Жаштар үчүн шарттардын жетишсиздиги": "Нехватка условий для молодежи",
    "Бала бакчанын жоктугу": "Отсутствие детского сада",
    "Көчөлөрдө жарыктын жоктугу": "Отсутствие уличного освещения",
    "Интернетке жеткиликтүүлүктүн жоктугу": "Отсутствие доступа к интернету",
    "Сугат суунун жетишсиздиги": "Нехватка поливной воды",
    "Клубдун чатырынын начар абалы": "Плохое состояние крыши клуба",
    "ФАПтын начар абалы": "Плохое состояние ФАПа",
    "Спорт аянтчасынын жоктугу": "Отсутствие спортивной площадки",
    # occupations
    "студент": "студент", "мугалим": "учитель", "куруучу": "строитель", "медайым": "медсестра",
    "ишкер": "предприниматель", "дыйкан": "фермер", "жумушсуз": "безработный",
    "сатуучу": "продавец", "пенсионер": "пенсионер", "айдоочу": "водитель",
    "үй кожойкеси": "домохозяйка", "малчы": "животновод", "АК депутаты": "депутат АК",
    "АӨ адиси": "специалист АО",
    # the problems' descriptions and analysis
    "Айылдын жогорку көчөлөрүнө суу жайында жетпейт, суу түтүктөрү 1970-жылдары салынган "
    "жана эскирген.": "Летом вода не доходит до верхних улиц села; водопровод проложен в "
                      "1970-х годах и изношен.",
    "Ынтымак жана Тынчтык көчөлөрүндөгү жолдор күзүндө жана жазында өтүүгө мүмкүн эмес.":
        "Дороги на улицах Ынтымак и Тынчтык осенью и весной непроезжие.",
    "Сугат каналдары тазаланбайт, жайында суу жетпейт.": "Оросительные каналы не очищаются, "
                                                         "летом воды не хватает.",
    "Тасма айылында жаштар үчүн бир да спорт аянтчасы жок.": "В селе Тасма нет ни одной "
                                                             "спортивной площадки для "
                                                             "молодежи.",
    "ФАПтын имаратынын чатыры агат, жылытуу жок.": "Крыша здания ФАПа протекает, отопления "
                                                  "нет.",
    "Суу түтүктөрүнүн эскириши": "Износ водопроводных труб",
    "Суу сактагычтын көлөмү аз": "Малый объем резервуара",
    "ТСПАКБнын тарифи чыгымдарды жаппайт": "Тариф СООПВ не покрывает расходов",
    "Ичеги-карын ооруларынын көбөйүшү": "Рост кишечных заболеваний",
    "Аялдар жана балдар суу ташууга убакыт коротот": "Женщины и дети тратят время на "
                                                     "доставку воды",
    "Түтүктүн 3 км бөлүгүн алмаштыруу": "Замена 3 км трубопровода",
    "Суу сактагычты кеңейтүү": "Расширение резервуара",
    "Жергиликтүү бюджеттен кошумча каражат, долбоордук-сметалык документация":
        "Дополнительные средства местного бюджета, проектно-сметная документация",
    "Бюджетке өзгөртүү киргизүү, тарифти кароо": "Внесение изменений в бюджет, пересмотр "
                                                 "тарифа",
    "Жер казуу иштерине эмгек салымы": "Трудовой вклад в земляные работы",
    "Донорлор (АРИС), райондук мамлекеттик администрация": "Доноры (АРИС), районная "
                                                           "государственная администрация",
    "Жолдор 15 жылдан бери оңдолгон эмес": "Дороги не ремонтировались 15 лет",
    "Суу агуучу арыктар жок": "Нет водоотводных арыков",
    "Мектеп автобусу жүрбөй калат": "Школьный автобус не может проехать",
    "Тез жардам кечигет": "Скорая помощь опаздывает",
    "Шагыл төгүү": "Отсыпка гравием", "Арыктарды казуу": "Рытье арыков",
    "Техника (грейдер)": "Техника (грейдер)",
    "Бюджетте сапты каралоо": "Предусмотреть статью в бюджете",
    "Шагыл ташууга салым": "Вклад в вывоз гравия", "Жеке ишкерлер": "Частные предприниматели",
    "Каналдар тазаланбайт": "Каналы не очищаются", "СПА алсыз": "АВП слабая",
    "Түшүм азаят": "Урожай снижается", "Жер тилкелери ээн калат": "Участки не обрабатываются",
    "Каналдарды ашарга тазалоо": "Очистка каналов методом ашара",
    "СПАны күчөтүү": "Укрепление АВП", "Уюштуруу": "Организация",
    "СПА менен макулдашуу": "Согласование с АВП", "Ашар": "Ашар",
    **{CRITERIA.format(village=v): CRITERIA_RU.format(village=v) for v in ("Липенка", "Тасма")},
    "Жер бөлүнгөн эмес": "Земля не выделена", "Каражат жок": "Нет средств",
    "Жаштардын бош убактысы уюшулбайт": "Досуг молодежи не организован",
    "Мектептин жанынан аянтча куруу": "Строительство площадки возле школы",
    "Жер тилкеси": "Земельный участок", "Бюджеттен каражат": "Средства бюджета",
    "Эмгек салымы": "Трудовой вклад", "Демөөрчүлөр": "Спонсоры",
    "Имарат эскирген": "Здание изношено", "Кышында кабыл алуу токтойт": "Зимой прием "
                                                                        "прекращается",
    "Чатырды оңдоо": "Ремонт крыши", "Материалдар": "Материалы",
    "Райондук саламаттык сактоо": "Районная служба здравоохранения",
    # the planning meeting, the initiative groups
    "Суу түтүгүн алмаштырууну 2027-жылдын бюджетине киргизүү": "Включить замену водопровода "
                                                               "в бюджет 2027 года",
    "Жолдорго шагыл төгүүнү ашар менен уюштуруу": "Организовать отсыпку дорог гравием "
                                                  "методом ашара",
    "Таза суу": "Чистая вода", "Жолдор жана жарык": "Дороги и свет",
    # the БАП
    "2027-жылдын аягына чейин Липенка айылынын 90 % үй кожолугу таза ичүүчү суу менен камсыз "
    "болот": "К концу 2027 года 90 % домохозяйств села Липенка обеспечены чистой питьевой "
             "водой",
    "Түтүктүн эскирген 3 км бөлүгүн алмаштыруу": "Замена изношенного участка трубопровода "
                                                 "длиной 3 км",
    "Долбоордук-сметалык документацияны даярдоо": "Подготовка проектно-сметной документации",
    "Документация бекитилди": "Документация утверждена",
    "Айыл өкмөтү, Жумабеков Н.": "Айыл окмоту, Жумабеков Н.",
    "Липенка айылынын 590 үй кожолугу": "590 домохозяйств села Липенка",
    "3 км суу түтүгүн алмаштыруу": "Замена 3 км водопровода",
    "3 км түтүк алмаштырылды": "Заменено 3 км трубопровода",
    "ТСПАКБ, «Таза суу» демилгелүү тобу": "СООПВ, инициативная группа «Чистая вода»",
    "2 440 тургун": "2 440 жителей",
    "Ынтымак жана Тынчтык көчөлөрү жыл бою өтүүгө жарамдуу болот": "Улицы Ынтымак и Тынчтык "
                                                                   "проезжие круглый год",
    "4 км жолго шагыл төгүү": "Отсыпка гравием 4 км дорог",
    "4 км жолго шагыл төгүү жана арык казуу": "Отсыпка гравием 4 км дорог и рытье арыков",
    "4 км жол оңдолду": "Отремонтировано 4 км дорог",
    "Айыл өкмөтү, «Жолдор жана жарык» демилгелүү тобу": "Айыл окмоту, инициативная группа "
                                                        "«Дороги и свет»",
    "Эки көчөнүн 210 үй кожолугу": "210 домохозяйств двух улиц",
    # the hearing
    "БАПтын долбоорун тааныштырды": "Представила проект ПСД",
    "Суу түтүгүнүн мөөнөтүн тездетүүнү сунуштады": "Предложила ускорить замену водопровода",
    "Суу түтүгүн алмаштыруунун мөөнөтүн 2027-жылдын 1-августуна жылдыруу": "Перенести срок "
        "замены водопровода на 1 августа 2027 года",
    "Жол иштерине жаштар кеңешин тартуу": "Привлечь молодежный совет к дорожным работам",
}


def build() -> list[tuple[str, Any]]:
    rng = random.Random(2026)
    sessions = []
    schedule = []
    for i, (village, group, date, time, place, facil, count, women, votes) in enumerate(
            SESSION_PLAN, 1):
        schedule.append({"event": f"S{i}", "kind": "session", "village": village,
                         "age_group": group, "date": date, "time": time, "place": place,
                         "facilitators": facil, "planned": 25, "planned_men": 12,
                         "planned_women": 13})
        sessions.append({
            "event": f"S{i}", "village": village, "age_group": group, "date": date,
            "place": place, "facilitators": facil,
            "participants_total": count,
            "discussion": {
                "resources": RESOURCES.format(village=village),
                "venn": ["Айыл өкмөтү", "Мектеп", "ТСПАКБ", "ФАП", "Аксакалдар соту",
                         "Жаштар комитети", "СПА"],
                "tokoch": [{"item": "АӨ аппаратын күтүүгө", "share": 30},
                           {"item": "мектептерди күтүүгө", "share": 25},
                           {"item": "клубду күтүүгө", "share": 15},
                           {"item": "жолдордун ремонтуна", "share": 10},
                           {"item": "ичүүчү сууга", "share": 10},
                           {"item": "майрамдарга", "share": 10}],
            },
            "problems": [{"problem": p, "votes": v} for p, v in votes],
            "participants": participants(rng, count, women, group),
        })
    for village, date, place, facil in (
            ("Липенка", "2026-12-09", "Липенка айылы, айыл өкмөтүнүн жыйындар залы",
             ["lip-002", "lip-003"]),
            ("Тасма", "2026-12-10", "Тасма айылы, мектептин имараты", ["lip-023", "lip-021"])):
        schedule.append({"event": f"F-{village}", "kind": "focus_group", "village": village,
                         "date": date, "time": "10:00", "place": place,
                         "facilitators": facil, "planned": 22})
    schedule.append({"event": "P1", "kind": "planning_meeting", "village": "Липенка",
                     "date": "2026-12-15", "time": "10:00",
                     "place": "Липенка айылы, айыл өкмөтүнүн жыйындар залы",
                     "facilitators": ["lip-002", "lip-003"], "planned": 40})

    focus_groups = []
    for village, date, place, facil, problems in (
            ("Липенка", "2026-12-09", "Липенка айылы, айыл өкмөтүнүн жыйындар залы",
             ["lip-002", "lip-003"],
             ["Ичүүчү суунун жетишсиздиги", "Ички жолдордун начар абалы",
              "Сугат суунун жетишсиздиги"]),
            ("Тасма", "2026-12-10", "Тасма айылы, мектептин имараты", ["lip-023", "lip-021"],
             ["Ичүүчү суунун жетишсиздиги", "Спорт аянтчасынын жоктугу",
              "ФАПтын начар абалы"])):
        people = focus_participants(rng, 22, 10)
        for p in people:  # the registration sheet: village, and the office behind a category
            p["occupation"] = FOCUS_OCCUPATION.get(p["category"], p["occupation"])
            p["village"] = village
        focus_groups.append({
            "village": village, "date": date, "time": "10:00", "place": place,
            "facilitators": facil,
            "participants": people,
            "problems": [{"problem": p, **ANALYSIS[p]} for p in problems],
            "criteria": CRITERIA.format(village=village),
        })
    active = []
    for s in sessions:
        for p in s["participants"][:2]:
            active.append({"name": p["name"], "position": p["occupation"],
                           "contacts": p["contacts"], "village": s["village"]})

    groups = [
        ("Таза суу", "Ичүүчү суунун жетишсиздиги", 9, 4),
        ("Жолдор жана жарык", "Ички жолдордун начар абалы", 7, 3),
    ]
    initiative = []
    for name, problem, n, w in groups:
        members = focus_participants(rng, n, w)
        initiative.append({"name": name, "problem": problem,
                           "members": [{"name": m["name"], "sex": m["sex"],
                                        "position": m["occupation"],
                                        "contacts": m["contacts"]} for m in members]})

    return [
        ("working_group_case", 1),
        ("plan_order", {"date": "2026-11-23"}),
        ("responsible", "lip-004"),
        ("villages", [
            {"name": "Липенка", "name_ru": "Липенка", "men": 1180, "women": 1260,
             "households": 590},
            {"name": "Тасма", "name_ru": "Тасма", "men": 940, "women": 985,
             "households": 470},
        ]),
        ("plan", [
            {"activity": "Жумушчу топтун мүчөлөрүн ЖМБА усулдарына окутуу",
             "due": "2026-11-27", "responsible": "lip-002",
             "result": "Окуу өттү, ролдор бөлүштүрүлдү"},
            {"activity": "Катышуучулардын тизмелерин түзүү жана чакыруу",
             "due": "2026-11-28", "responsible": "lip-003",
             "result": "Катышуучулардын тизмелери, чакыруулар"},
            {"activity": "Кеңсе товарларын сатып алуу жана бөлүштүрүү",
             "due": "2026-11-28", "responsible": "lip-004", "result": "Стикерлер, ватман"},
            {"activity": "ЖМБА-сессияларын өткөрүү", "due": "2026-12-02",
             "responsible": "lip-002", "result": "Протоколдор, ЖМБА-сессиялары тууралуу отчет"},
            {"activity": "ЖМБА-фокус-топторун өткөрүү", "due": "2026-12-10",
             "responsible": "lip-002", "result": "ЖМБА-фокус-топтору тууралуу отчет"},
            {"activity": "Пландоо жолугушуусу, демилгелүү топторду түзүү",
             "due": "2026-12-17", "responsible": "lip-003",
             "result": "Пландоо жолугушуусу тууралуу отчет, тескеме"},
            {"activity": "Биргелешкен аракеттер планын иштеп чыгуу жана коомдук угууда талкуулоо",
             "due": "2026-12-30", "responsible": "lip-002", "result": "БАП, протокол"},
        ]),
        ("schedule", schedule),
        ("readiness", {k: True for k in (
            "group_created", "training", "programmes", "stationery", "roles", "schedule",
            "invited", "venues")}),
        ("sessions", sessions),
        ("session_report", {"date": "2026-12-04", "compiler": "lip-003",
                            "merge": {"Жаштар үчүн шарттардын жетишсиздиги":
                                      "Спорт аянтчасынын жоктугу"},
                            "descriptions": {p: a["description"] for p, a in ANALYSIS.items()},
                            "active_residents": active}),
        ("focus_groups", focus_groups),
        ("focus_report", {"date": "2026-12-11", "compiler": "lip-003"}),
        ("planning_meeting", {
            "date": "2026-12-15", "place": "Липенка айылы, айыл өкмөтүнүн жыйындар залы",
            "compiler": "lip-003", "facilitators": ["lip-002", "lip-003"],
            "participants": focus_participants(rng, 41, 19),
            "problems": [{"problem": p, **ANALYSIS[p]} for p in
                         ("Ичүүчү суунун жетишсиздиги", "Ички жолдордун начар абалы")],
            "proposals": ["Суу түтүгүн алмаштырууну 2027-жылдын бюджетине киргизүү",
                          "Жолдорго шагыл төгүүнү ашар менен уюштуруу"],
        }),
        ("initiative_order", {"date": "2026-12-17"}),
        ("initiative_groups", initiative),
        ("action_plan", {
            "date": "2026-12-29",
            "title": {"ky": "Липенка айылдык аймагынын 2027-жылга карата биргелешкен аракеттер "
                            "планы",
                      "ru": "План совместных действий Липенского айылного аймака на 2027 год"},
            "goals": [
                {"problem": "Ичүүчү суунун жетишсиздиги",
                 "goal": "2027-жылдын аягына чейин Липенка айылынын 90 % үй кожолугу таза "
                         "ичүүчү суу менен камсыз болот",
                 "tasks": ["Түтүктүн эскирген 3 км бөлүгүн алмаштыруу",
                           "Суу сактагычты кеңейтүү"],
                 "activities": [
                     {"activity": "Долбоордук-сметалык документацияны даярдоо",
                      "indicator": "Документация бекитилди", "deadline": "2027-03-01",
                      "responsible": "Айыл өкмөтү, Жумабеков Н.",
                      "beneficiaries": "Липенка айылынын 590 үй кожолугу",
                      "funding": [{"source": "local_budget", "amount": "150000"}]},
                     {"activity": "3 км суу түтүгүн алмаштыруу",
                      "indicator": "3 км түтүк алмаштырылды", "deadline": "2027-09-01",
                      "responsible": "ТСПАКБ, «Таза суу» демилгелүү тобу",
                      "beneficiaries": "2 440 тургун",
                      "funding": [{"source": "local_budget", "amount": "1200000"},
                                  {"source": "community", "amount": "300000"},
                                  {"source": "donor", "amount": "2500000"}]}]},
                {"problem": "Ички жолдордун начар абалы",
                 "goal": "Ынтымак жана Тынчтык көчөлөрү жыл бою өтүүгө жарамдуу болот",
                 "tasks": ["4 км жолго шагыл төгүү"],
                 "activities": [
                     {"activity": "4 км жолго шагыл төгүү жана арык казуу",
                      "indicator": "4 км жол оңдолду", "deadline": "2027-06-30",
                      "responsible": "Айыл өкмөтү, «Жолдор жана жарык» демилгелүү тобу",
                      "beneficiaries": "Эки көчөнүн 210 үй кожолугу",
                      "funding": [{"source": "local_budget", "amount": "400000"},
                                  {"source": "community", "amount": "120000"},
                                  {"source": "business", "amount": "80000"}]}]},
            ],
        }),
        ("hearing", {
            "kind": "public_hearing", "date": "2026-12-30",
            "place": "Липенка айылы, маданият үйү", "participants_total": 74, "women": 35,
            "chair": "lip-002", "secretary": "lip-003",
            "speakers": [{"name": "Осмонова С.", "summary": "БАПтын долбоорун тааныштырды"},
                         {"name": "Сыдыкова Г.", "summary": "Суу түтүгүнүн мөөнөтүн "
                          "тездетүүнү сунуштады"}],
            "proposals": [{"text": "Суу түтүгүн алмаштыруунун мөөнөтүн 2027-жылдын 1-августуна "
                                   "жылдыруу", "accepted": False},
                          {"text": "Жол иштерине жаштар кеңешин тартуу", "accepted": True}],
            "votes": {"for": 68, "against": 2, "abstained": 4},
        }),
        ("handover", {"date": "2026-12-31"}),
        ("ru", RU),
    ]


HEADER = """\
# Sample ЖМБА case (seed 002): the needs_assessment workflow from the approved plan to the
# joint action plan handed to the council. `muni case new needs_assessment -m lipenka --data
# THIS_FILE` opens it; `muni case schema needs_assessment` prints every field.
# GENERATED by tools/make_needs_example.py (participants drawn from a fixed seed) — edit there.
#
# In real use the data grows step by step: open the case with the sections up to `readiness`,
# then add `sessions` (and the rest) with `muni case update CASE --data FILE` between steps.
# Totals, women's shares, vote rankings and amounts in the documents are COMPUTED from these
# lists; a typed total (e.g. `participants_total`) is only a cross-check and is refused when it
# disagrees with the list.
"""

COMMENTS = {
    "working_group_case": "the working_group case (same municipality) whose order is registered",
    "plan_order": "the head's order approving the plan and schedule (form 2); selects the rule "
                  "profile",
    "responsible": "clause 3 of form 2: the specialist who organises the work",
    "villages": "community data for the session report (form 7)",
    "plan": "annex №1 of form 2: the group's work plan (responsible = person id)",
    "schedule": "annex №2 of form 2: every event with date, time, place, ≥2 facilitators from "
                "the group",
    "readiness": "the 8-item checklist (seed L1217–1231); every item must be true",
    "sessions": "one entry per ЖМБА-session (form 10 protocol, form 6 list); votes are data",
    "session_report": "form 7: who compiled it; `merge` joins differently worded problems "
                      "(P-17); descriptions; active residents for the focus groups",
    "focus_groups": "one per village, 7–14 days after its last session (F-1); analysis per "
                    "priority problem",
    "focus_report": "form 8: compiler and date",
    "planning_meeting": "form 9: within 7 days of the last focus group (M-1)",
    "initiative_order": "the head's order (тескеме) forming the initiative groups",
    "initiative_groups": "members with sex: the less represented sex should be ≥ 30 %",
    "action_plan": "the БАП: goals, tasks, activities, indicators, deadlines, responsible, "
                   "beneficiaries and funding (amounts in som; totals computed)",
    "hearing": "the village assembly (assembly) or public hearing (public_hearing) on the БАП",
    "handover": "the date the БАП goes to the local council",
    "ru": "the Russian wording of every free text above (Kyrgyz text: Russian text), for the "
          "Russian documents;\n# a Russian document whose text has none is refused, naming "
          "the field",
}


class _Dumper(yaml.SafeDumper):
    pass


def _flow_leaves(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    flow = (all(not isinstance(v, (dict, list)) and len(str(v)) < 60 for v in data.values())
            and len(data) <= 7)
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow)


_Dumper.add_representer(dict, _flow_leaves)


def main() -> int:
    parts = [HEADER]
    for key, value in build():
        parts.append(f"\n# {COMMENTS[key]}\n")
        if not isinstance(value, (dict, list)):
            parts.append(f"{key}: {value}\n")
            continue
        parts.append(yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True,
                               sort_keys=False, width=1000))
    OUT.write_text("".join(parts), encoding="utf-8")
    print(OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
