# muni'нин эрежелери иш боюнча эмне дейт — кыргызча. Ар бир эреже — бир билдирүү (анын id'си,
# "." ордуна "-" менен: group.min_size → group-min_size); текшерүүнүн ар бир жыйынтыгы — анын
# атрибуту (.ok, .too_small …). { $size } — muni берген маани; ар бир билдирүүнүн үстүндөгү
# түшүндүрмө алардын тизмесин берет (en.ftl'де англисче толугураак).
#   DATE($d, form: "long" | "of" | "on" | "until" | "from") — дата сөз менен:
#       2026-жылдын 20-ноябры | …20-ноябрындагы | …20-ноябрында | …20-ноябрына чейин | …20-ноябрынан
#   NUM($n, case: "dat" | "abl" | "loc" | "gen" | "acc" | "poss") — сан жана анын мүчөсү: 6дан, 8ге
#   PCT($share, case: …) — үлүш пайыз менен: 30 %, 30 %дан
# Кыргыз тилинде сандан кийин зат атооч көптүк санда турбайт («8 мүчө»), ошондуктан бул жерде
# көбүнчө тандоо ({ $n -> … }) керек эмес.

## Тизмелер

list =
    .more = … жана дагы { $n }

## Профиль алып салган же шектүү эреже (engine/rules.py)

rule =
    .withdrawn = { $profile } профилинде бул эреже жок: { $why }
    .in_doubt = { $found } (эскертүү гана, баш тартуу эмес; шектүү: { $doubt })

## Айыл өкмөтүнүн кызматтары (реестрдеги ролдор)

office =
    .role = { $role ->
        [head] айыл өкмөт башчысы
        [deputy_head] башчынын орун басары
        [executive_secretary] жооптуу катчы
        [specialist] адис
        [staff] кызматкер
        [deputy] кеңештин депутаты
        [council_chair] кеңештин төрагасы
       *[other] { $role }
    }

## Кол койгон айыл өкмөт башчысы (order.signer_is_head, na.plan_signer_is_head)

head_on_record =
    .none = { DATE($on, form: "on") } реестрде айыл өкмөтүнүн башчысы жок; башчынын кызмат мөөнөтүн реестрге киргизиңиз (`officials` тизмеси, `head` ролу)
    .other = { $field } талаасында «{ $signer }» көрсөтүлгөн, бирок { DATE($on, form: "on") } реестрдеги айыл өкмөт башчысы — { $name } ({ $person })
    .ok = { $name } — { DATE($on, form: "on") } реестрде катталган айыл өкмөт башчысы

## Жумушчу топ жөнүндө тескеме (working_group)

order-not_before_initiative =
    .before = тескеменин датасы — { DATE($act) }, бул кеңештин { DATE($initiative, form: "of") } демилгесинен мурун
    .ok = { DATE($act, form: "of") } тескеме кеңештин { DATE($initiative, form: "of") } демилгесинен мурун эмес

order-in_effect =
    .future = тескеменин датасы — { DATE($act) }; топ ушул күндөн баштап иштей алат
    .ok = { DATE($act, form: "of") } тескеме { DATE($today, form: "on") } күчүндө

group-min_size =
    .too_small = топто { $size } мүчө бар; кеминде { $min } мүчө талап кылынат
    .ok = топто { $size } мүчө бар (кеминде { $min })

group-chair_is_staff =
    .none = төрага көрсөтүлгөн эмес (group.chair)
    .not_staff = төрага { $name } { DATE($on, form: "on") } айыл өкмөтүнүн кызматкери эмес (кызматтары: { $count ->
        [0] жок
       *[other] { $offices }
    })
    .ok = төрага { $name } — { $position }

group-secretary_named =
    .none = катчы көрсөтүлгөн эмес (group.secretary)
    .ok = катчы — { $name }

group-gender_balance =
    .empty = топто мүчөлөр жок
    .low = { $size } мүчөнүн ичинен { $women } аял жана { $men } эркек: { $sex ->
        [f] аялдар
       *[m] эркектер
    } { PCT($minority) } түзөт; азчылыктагы жыныс кеминде { PCT($share) } болушу керек ({ $size } мүчөнүн { NUM($needed, case: "poss") })
    .ok = { $size } мүчөнүн ичинен { $women } аял жана { $men } эркек: азчылыктагы жыныс { PCT($minority) } түзөт

group-composition =
    .missing = { $missing }
    .lacks = топто { $category ->
        [staff] айыл өкмөтүнүн кызматкерлери
        [deputy] кеңештин депутаттары
       *[community] жамааттын өкүлдөрү
    } жок
    .ok = { $counts }
    .count = { $n } { $category ->
        [staff] айыл өкмөтүнүн кызматкери
        [deputy] кеңештин депутаты
       *[community] жамааттын өкүлү
    }

## ЖМБА: бир нече эрежеге жалпы

event =
    .label = { $where } ({ $kind ->
        [session] сессия
        [focus_group] фокус-топ
        [planning_meeting] пландоо жолугушуусу
        [group] демилгелүү топ
       *[hearing] коомдук угуу
    }, { $village })
    .aged = { $where } ({ $kind ->
        [session] сессия
        [focus_group] фокус-топ
        [planning_meeting] пландоо жолугушуусу
        [group] демилгелүү топ
       *[hearing] коомдук угуу
    }, { $village }, { $age } жаш)

women_share =
    .none = эч бир { $kind ->
        [session] сессия
        [focus_group] фокус-топ
        [planning_meeting] пландоо жолугушуусу
        [group] демилгелүү топ
       *[hearing] угуу
    } азырынча катталган эмес
    .part = { $event }: { $total } катышуучунун { NUM($women, case: "poss") } аял ({ $pct } %)
    .low_item = { $event }: { $sex ->
        [f] аялдар
       *[m] эркектер
    } { $pct } %
    .low = азчылыктагы жыныстын үлүшү { PCT($share, case: "abl") } аз: { $items }
    .ok = { $items }

facilitators =
    .item = { $event }: { $n }
    .bad = алып баруучулар { NUM($min, case: "abl") } аз: { $items }
    .ok = { $events } иш-чаранын ар бирин кеминде { $min } алып баруучу өткөрдү

## ЖМБА: жумушчу топ жана план тескемеси (needs_assessment)

na-group_registered =
    .none = working_group_case: топту бекиткен тескемеси бар жумушчу топтун ишин (working_group) көрсөтүңүз
    .missing = working_group_case: № { $case } иш реестрде жок
    .foreign = working_group_case: № { $case } иш — «{ $municipality }» муниципалитетинин «{ $workflow }» иши, «{ $here }» муниципалитетинин жумушчу тобунун иши эмес
    .not_formed = working_group_case: № { $case } иш «{ $state }» абалында; адегенде анын тескемесине кол коюлуп, катталышы керек ({ $states })
    .ok = № { $case } жумушчу топтун иши «{ $state }» абалында ({ $n } мүчө)

na-plan_after_group_order =
    .unknown = жумушчу топтун тескемеси белгисиз (na.group_registered караңыз)
    .no_date = № { $case } иште тескеменин датасы жок
    .before = plan_order.date: { DATE($act) } — топту түзгөн тескемеден ({ DATE($group) }) мурун
    .ok = { DATE($act, form: "of") } план тескемеси топтун { DATE($group, form: "of") } тескемесинен мурун эмес

na-schedule_complete =
    .lacks = { $event }: { $missing ->
        [date] күнү көрсөтүлгөн эмес
        [place] өтүүчү жери көрсөтүлгөн эмес
       *[date_place] күнү да, өтүүчү жери да көрсөтүлгөн эмес
    }
    .few = { $event }: { $n } алып баруучу, кеминде { $min } керек
    .no_age = { $event }: сессиянын жаш курак тобу (age_group) көрсөтүлүшү керек
    .lacking = график: { $village } айылында { $groups } жаш курак тобу үчүн сессия пландалган эмес
    .none = график: бир да сессия пландалган эмес
    .bad = { $items }
    .ok = { $events } иш-чаранын ар биринин күнү, өтүүчү жери жана кеминде { $min } алып баруучусу бар

na-facilitators_in_group =
    .unknown = жумушчу топтун мүчөлөрү белгисиз (na.group_registered караңыз)
    .item = { $where }: { $name } ({ $person })
    .bad = жумушчу топтун мүчөсү эмес: { $items }
    .ok = { $events } иш-чаранын бардык алып баруучулары — жумушчу топтун мүчөлөрү

na-readiness =
    .item = { $n }. { $field } — «{ $question_ky }»
    .bad = 8 жооптун { NUM($no, case: "poss") } «жок»: { $items }
    .ok = 8 жооптун баары «ооба»

## ЖМБА: ар бир жаш курак тобу менен сессиялар

na-sessions_per_village =
    .none = `sessions`: азырынча бир да сессия катталган эмес (`muni case update` менен кошуңуз)
    .village = { $village }: { $n } сессия ({ NUM($min, case: "abl") } { NUM($max, case: "dat") } чейин талап кылынат)
    .bad = { $items }
    .count = { $village } { $n }
    .ok = айылдар боюнча сессиялар: { $counts }

na-age_groups_covered =
    .missing = { $village }: { $groups } жаш курак тобу үчүн сессия жок
    .extra = { $village }: { $groups } жаш курак тобу үчүн экиден ашык сессия
    .bad = { $items }
    .ok = ар бир айылда ар бир жаш курак тобу үчүн сессия бар (18–35, 36–55, 56+)

na-session_size =
    .item = { $event }: { $n } катышуучу
    .bad = катышуучулар { NUM($min, case: "abl") } аз: { $items }
    .ok = { $sessions } сессия, ар биринде { $low }–{ $high } катышуучу (кеминде { $min })

na-participant_ages =
    .item = { $where } ({ $age }): { $people }
    .bad = жашы сессиянын жаш курак тобуна туура келбейт: { $items }
    .ok = тизмедеги ар бир катышуучунун жашы сессиянын жаш курак тобуна туура келет

na-sessions_after_plan =
    .item = { $event } — { DATE($on) }
    .bad = { DATE($plan, form: "of") } план тескемесинен мурунку сессиялар: { $items }
    .ok = бардык сессиялар { DATE($plan, form: "of") } план тескемесинен мурун эмес өттү

na-typed_totals =
    .mismatch = { $field } талаасында { $typed } деп жазылган, бирок { $source ->
        [population] эркектер менен аялдардын саны
       *[list] катышуучулардын тизмеси
    } боюнча { $computed } (айырмасы { $difference })
    .mismatch_in = { $field } талаасында { $typed } деп жазылган, бирок катышуучулардын тизмеси боюнча ({ $category ->
        [deputy] АК депутаттары
        [staff] АӨ кызматкерлери
        [community] БӨУ/жамаат
       *[specialist] адистер
    }) { $computed } (айырмасы { $difference })
    .bad = { $items }
    .ok = жазылган бардык сандар тизмелерге дал келет

na-votes_plausible =
    .item = { $event }: { $total } катышуучудан { $votes } добуш (эң көп дегенде { $most })
    .bad = { $items }
    .ok = бир да сессияда добуштар ар бир катышуучуга { $per } стикер эсебинен ашпайт

## ЖМБА: сессиялар боюнча отчет

na-session_report_after_sessions =
    .no_date = session_report.date: милдеттүү (отчет түзүлгөн күн)
    .no_compiler = session_report.compiler: отчетту ким түзгөнүн көрсөтүңүз (адамдын идентификатору)
    .early = session_report.date: { DATE($date) } — акыркы сессиядан ({ DATE($last) }) мурун
    .ok = { DATE($date, form: "of") } отчет, акыркы сессиядан ({ DATE($last) }) кийин
    .ok_alone = { DATE($date, form: "of") } отчет

na-active_residents =
    .none = session_report.active_residents: фокус-топторго чакырыла турган жигердүү тургундарды тандаңыз
    .ok = фокус-топторго { $n } жигердүү тургун тандалды

## ЖМБА: фокус-топтор

na-focus_group_per_village =
    .item = { $village }: { $n } фокус-топ
    .stray = { $village }: сессиясыз фокус-топ
    .bad = ар бир айылда бир фокус-топ болушу керек: { $items }
    .ok = { $villages } айылдын ар биринде бирден фокус-топ

na-focus_group_not_late =
    .item = { $event }: { DATE($on) } — акыркы сессиядан ({ DATE($last) }) { $days } күн кийин
    .bad = сессиялардан кийин { $max } күндүн ичинде өтүшү керек: { $items }
    .gap = { $village }: сессиялардан { $days } күн кийин
    .ok = { $items }
    .none = фокус-топ катталган эмес
    .due = { $village } айылындагы фокус-топ (акыркы сессиядан ({ DATE($last) }) { $min }–{ $max } күн кийин)

na-focus_group_not_early =
    .item = { $event }: акыркы сессиядан ({ DATE($last) }) { $days } күн гана өттү
    .bad = { $items }
    .ok = ар бир фокус-топ өз айылынын сессияларынан кеминде { $min } күн кийин өттү

na-focus_group_max_size =
    .item = { $event }: { $n }
    .bad = катышуучулар { NUM($max, case: "abl") } ашык: { $items }
    .ok = бир да фокус-топто катышуучулар { NUM($max, case: "abl") } ашпайт

na-focus_group_min_size =
    .item = { $event }: { $n }
    .bad = катышуучулар { NUM($min, case: "abl") } аз: { $items }
    .ok = ар бир фокус-топто кеминде { $min } катышуучу

na-focus_group_problems =
    .none_analysed = { $village }: бир да көйгөй талданган эмес
    .stray = { $village }: «{ $problems }» айылдын артыкчылыктуу көйгөйлөрүнүн ({ $top }) ичинде жок
    .bad = { $items }
    .village = { $village }: { $n } артыкчылыктуу көйгөй талданды
    .ok = { $items }
    .none = фокус-топ катталган эмес

## ЖМБА: пландоо жолугушуусу

na-planning_within_week =
    .none = planning_meeting: азырынча катталган эмес
    .no_focus = бир да фокус-топ катталган эмес: пландоо жолугушуусу алардан кийин өтөт
    .bad = planning_meeting.date: { DATE($date) } — акыркы фокус-топтон ({ DATE($last) }) { $days } күн кийин; ал { $max } күндүн ичинде, { DATE($by, form: "until") } өтүшү керек
    .ok = акыркы фокус-топтон ({ DATE($last) }) { $days } күн кийин өттү
    .due = пландоо жолугушуусу (акыркы фокус-топтон ({ DATE($last) }) кийин { $max } күндүн ичинде)

na-planning_size =
    .none = пландоо жолугушуусу катталган эмес
    .big = { $n } катышуучу; адатта { NUM($max, case: "dat") } чейин
    .ok = { $n } катышуучу (адатта { NUM($max, case: "dat") } чейин)

## ЖМБА: демилгелүү топтор

na-initiative_groups_formed =
    .no_date = initiative_order.date: милдеттүү (топторду түзгөн башчынын тескемеси)
    .none = initiative_groups: бир да топ көрсөтүлгөн эмес
    .before = initiative_order.date: { DATE($date) } — пландоо жолугушуусунан ({ DATE($planning) }) мурун
    .empty = { $where } «{ $name }»: мүчөлөрү жок
    .not_priority = { $where } «{ $name }»: «{ $problem }» айылдын артыкчылыктуу көйгөйү эмес
    .bad = { $items }
    .group = «{ $name }» { $n }
    .ok = { $groups }

## ЖМБА: биргелешкен аракеттер планы (БАП)

na-action_plan_content =
    .none = action_plan: азырынча катталган эмес
    .not_priority = { $where }.problem: «{ $problem }» айылдын артыкчылыктуу көйгөйү эмес
    .no_tasks = { $where }.tasks: милдеттүү (B-2)
    .early_deadline = { $where }.deadline: { DATE($deadline) } — пландын датасынан ({ DATE($date) }) мурун
    .before_planning = action_plan.date: { DATE($date) } — пландоо жолугушуусунан ({ DATE($planning) }) мурун
    .bad = { $items }
    .ok = { $goals } максат, { $activities } иш-чара, ар биринде бардык милдеттүү талаалар толтурулган

na-action_plan_duration =
    .nothing = салыштыра турган эч нерсе жок
    .bad = пландоо жолугушуусунан { $days } күн кийин иштелип чыкты; адатта { $min }–{ $max } күн
    .ok = пландоо жолугушуусунан { $days } күн кийин иштелип чыкты
    .due = БАП иштелип чыгат (пландоо жолугушуусунан { $min }–{ $max } күн кийин)

na-hearing_held =
    .none = `hearing`: азырынча катталган эмес (БАП боюнча элеттик чогулуш же коомдук угуу)
    .before = hearing.date: { DATE($date) } — { DATE($plan, form: "of") } БАПтан мурун
    .women = hearing.women ({ $women }) hearing.participants_total ({ $total }) санынан ашат
    .votes = hearing.votes: { $cast } добуш берилди (макул — { $for_ }, каршы — { $against }, калыс — { $abstained }), бирок катышуучулар { $total } гана
    .bad = { $items }
    .ok = { DATE($date, form: "on") } { $total } катышуучу менен өттү

na-handover_ready =
    .no_date = handover.date: милдеттүү (БАП жергиликтүү кеңешке берилген күн)
    .no_hearing = БАП жамаат менен талкууланган эмес (`hearing`)
    .before = handover.date: { DATE($date) } — угуудан ({ DATE($hearing) }) мурун
    .no_document = бул иште катталган БАП документи жок (draft_action_plan кадамы)
    .ok = БАП жана угуунун протоколу { DATE($date, form: "on") } кеңешке берилет
