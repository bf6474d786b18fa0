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

## Бардык иштер: документтин датасы келе элек кадам катталбайт (engine/guards/dates.py)

act-date_reached =
    .future = документтин датасы — { DATE($act) }; ал күн келе элек, ошондуктан { DATE($today, form: "on") } катталбайт
    .ok = { DATE($act, form: "of") } документ { DATE($today, form: "on") } катталды

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

## Жергиликтүү кеңеш (council_decision, council_session)

case =
    .state = { $case } ({ $state })

not_ahead =
    .date = { $what ->
        [discussion_published] талкуулоого жарыялоонун
        [discussion_end] талкуулоонун аякташынын
        [package] { $field } документинин
        [commission] комиссиянын корутундусунун
        [notice] кабарлоонун
        [publication] жарыялоонун
        [register_letter] Мамлекеттик реестрге жиберилген каттын
        [inclusion] реестрге киргизүүнүн
        [refusal] баш тартуунун
        [withdrawal] кайра чакырып алуунун
        [protest] прокурордун актысынын
        [court_application] сотко арыздын
       *[court_decision] соттун чечиминин
    } датасы — { DATE($on) }, ал күн келе элек (бүгүн { DATE($today) })

term =
    .due = мөөнөтү { DATE($due) } ({ DATE($start, form: "from") } кийин { $days } иш күнү{ $count ->
        [0] {""}
       *[other] ; майрам күндөрү эсептелген жок: { $skipped }
    })
    .holiday = { DATE($date) } { $name }
    .unknown = { DATE($start, form: "from") } кийин { $days } иш күнү: мөөнөтүн эсептөөгө болбойт — { $why }

draft-source_case_ready =
    .own = долбоор башка иштен келген эмес
    .missing = draft.source_case: № { $case } иш реестрде жок
    .foreign = draft.source_case: № { $case } иш «{ $municipality }» муниципалитетине таандык, «{ $here }» муниципалитетине эмес
    .not_handed = draft.source_case: № { $case } иш ({ $workflow }) «{ $state }» абалында, «{ $states }» абалында эмес
    .plan = { $items }
    .annex_title = 1-тиркеменин аталышы «{ $title }», бирок № { $case } иш берген план «{ $plan }» ({ $field })
    .title_period = токтомдун аталышы «{ $title }» пландын мезгилин «{ $period }» көрсөтпөйт ({ $field })
    .clause_period = бекитүүчү пункт «{ $clause }» пландын мезгилин «{ $period }» көрсөтпөйт
    .clause_plan = бекитүүчү пунктта «{ $clause }» аталган, «{ $plan }» планы эмес (draft.clauses[].approve.ky)
    .handed_plan = № { $case } иш ({ $workflow }) өзүнүн «{ $plan }» планы менен кеңешке берилди
    .handed = № { $case } иш ({ $workflow }) кеңешке берилди

draft-annex_text =
    .annex = { $n }-тиркеме «{ $title }» ({ $field })
    .empty = тиркеме өзү бекиткен текстти камтышы керек: анын бөлүмдөрүн жана пункттарын жазыңыз же планы ушул болгон ишти бериңиз (draft.source_case); бош: { $items }
    .ok = { $n } тиркеме, ар биринин тексти бар
    .none = токтомдо тиркеме жок

act-public_discussion_started =
    .not_normative = долбоор ченемдик укуктук акт эмес; коомдук талкуулоо талап кылынбайт
    .unpublished = долбоордун талкуулоого жарыяланганын жазыңыз (discussion.published, discussion.where)
    .before_registered = долбоор { DATE($published, form: "on") } талкуулоого жарыяланган, бул анын { DATE($registered, form: "on") } катталышынан мурун
    .no_where = долбоор кайда жарыяланганын жазыңыз (discussion.where)
    .ok = { DATE($published, form: "on") } талкуулоого жарыяланды; бир ай { DATE($start, form: "from") } баштап эсептелет

act-public_discussion =
    .not_normative = ченемдик укуктук акт эмес: коомдук талкуулоо талап кылынбайт
    .unrecorded = ченемдик укуктук актынын долбоору алгач кеминде { $months } айга коомдук талкуулоого коюлат: discussion.published жана discussion.end жазыңыз
    .short = талкуулоо { DATE($end, form: "on") } бүткөн; { DATE($published, form: "on") } жарыяланган долбоор кийинки күндөн баштап кеминде { $months } календардык ай, { DATE($earliest, form: "until") } талкууланат
    .no_comments = канча сунуш келип түшкөнүн жазыңыз (discussion.comments)
    .ok = { DATE($published) } – { DATE($end) } талкууланды (кеминде { $months } ай: { DATE($earliest, form: "until") }), { $comments } сунуш

draft-package =
    .not_normative = ченемдик укуктук акт эмес: документтер топтому талап кылынбайт
    .missing_part = { $part ->
        [cover_letter] коштомо кат
       *[justification] негиздеме-маалымкат
    }
    .missing_table = салыштырма таблица (долбоор { $amends } актыларына өзгөртүү киргизет)
    .missing = ченемдик укуктук актынын долбоору кеңешке документтер топтому менен келет; жетишпейт: { $items } (`package`); ансыз долбоор каралбай кайтарылат
    .early = { $field } документинин датасы — { DATE($on) }, бул талкуулоо бүткөн күндөн ({ DATE($end) }) мурун: негиздеме-маалымкат талкуулоонун жыйынтыгын камтыйт
    .part = { $part ->
        [cover_letter] коштомо кат
        [justification] негиздеме-маалымкат
       *[comparison_table] салыштырма таблица
    }
    .ok = документтер топтому катталды: { $items }

draft-commission_examined =
    .none = туруктуу комиссиянын корутундусу катталган эмес (`commission`)
    .before_registered = комиссиянын корутундусунун датасы — { DATE($on) }, бул долбоор катталган күндөн ({ DATE($registered) }) мурун
    .before_submitted = комиссиянын корутундусунун датасы — { DATE($on) }, бул долбоор документтер топтому менен киргизилген күндөн ({ DATE($submitted) }) мурун
    .stale = комиссиянын корутундусунун датасы — { DATE($on) }; { DATE($last, form: "of") } сессиядан кийин долбоор кайра каралышы керек (commission.date)
    .not_recommended = комиссия долбоорду сунуштабайт (commission.conclusion)
    .ok = { DATE($on, form: "on") } каралды: { $conclusion ->
        [recommend] сунушталат
        [recommend_with_changes] өзгөртүүлөр менен сунушталат
       *[other] { $conclusion }
    }

draft-on_convened_session =
    .none = бул долбоор бир да чакырылган сессиянын күн тартибинде жок; аны сессиянын күн тартибине киргизип, сессияны чакырыңыз
    .ok = { $convocation }-чакырылыштагы { DATE($date, form: "of") } № { $number } сессиянын күн тартибинде, { $item }-маселе

draft-session_held =
    .not_held = бул долбоор киргизилген сессия өтө элек (комиссиянын жактырышы токтом кабыл алуу эмес)
    .no_vote = № { $number } сессияда бул долбоор боюнча добуш берүү катталган эмес
    .ok = { DATE($date, form: "of") } № { $number } сессия өттү, добуш берилди

session-numbered =
    .taken = { $convocation }-чакырылыштагы № { $number } сессия № { $case } иш катары катталган
    .ok = { $convocation }-чакырылыштагы № { $number } сессия

session-agenda_ready =
    .empty = күн тартиби бош (`agenda`)
    .bad = { $items }
    .ok = { $n } долбоор, ар бири сессияга даяр
    .not_draft = күн тартибинин { $index }-маселеси: № { $case } иш «{ $municipality }» кеңешинин токтом долбоору эмес
    .listed = күн тартибинин { $index }-маселеси: № { $draft } долбоор № { $session } сессиянын күн тартибинде мурунтан эле бар
    .on_agenda = № { $draft } долбоор ушул сессиянын күн тартибинде
    .not_ready = күн тартибинин { $index }-маселеси: № { $draft } долбоор «{ $state }» абалында; долбоор туруктуу комиссия карагандан кийин даяр болот (ченемдик акттын долбоору — коомдук талкуулоодон кийин, документтер топтому менен)
    .discussion_open = күн тартибинин { $index }-маселеси: № { $draft } долбоордун коомдук талкуулоосу { DATE($end, form: "on") } бүтөт, сессиядан мурун эмес
    .ready = № { $draft } долбоор «{ $state }» абалында

session-notice_in_time =
    .none = депутаттар жана калк кабарланган күн катталган эмес (notice.date)
    .not_before = кабарлоонун датасы — { DATE($notice) }, бул { DATE($date, form: "of") } сессиядан мурун эмес: калк алдын ала кабарланат
    .short = { $kind ->
        [ordinary] кезектеги
       *[extraordinary] кезексиз
    } сессияга { $gap } күн калганда кабарланды; кеңештин регламенти кеминде { $days } күндү талап кылат
    .ok = { $kind ->
        [ordinary] кезектеги
       *[extraordinary] кезексиз
    } сессияга { $gap } күн калганда кабарланды (кеминде { $days })

# Кеңештин мезгилдүү милдеттери: `status --overdue` аткарылбаган мезгилди ушинтип көрсөтөт (engine/acts.py).
session-quarterly =
    .missed = { DATE($start, form: "from") } { DATE($end, form: "until") } кезектеги сессия өткөрүлгөн жок

session-head_report =
    .missed = { DATE($start, form: "from") } { DATE($end, form: "until") } айыл өкмөтүнүн башчысы кеңешке отчет берген жок

session-extraordinary_demand =
    .ordinary = кезектеги сессия: талап керек эмес
    .none = кезексиз сессия депутаттардын талабы боюнча чакырылат: талаптын датасын жана аны койгон депутаттарды жазыңыз (demand.date, demand.deputies)
    .strangers = { DATE($date, form: "on") } реестрде депутат катары жок: { $ids } (`officials` тизмеси, `deputy` ролу)
    .twice = талапта бир депутат эки жолу көрсөтүлгөн
    .too_few = сессияны { $n } депутат талап кылды; { $needed } керек (депутаттардын жалпы санынын ({ $elected }) { $words })
    .notice_first = { DATE($notice, form: "of") } кабарлоо { DATE($date, form: "of") } талаптан мурун
    .ok = { DATE($date, form: "on") } { $n } депутат талап кылды ({ $needed } керек: { $elected } депутаттын { $words }): { $names }

session-votes_recorded =
    .no_attendance = катышуу катталган эмес (attendance.present же attendance.count)
    .missing = күн тартибинин маселелери боюнча добуш берүү катталган эмес: { $items }
    .ok = бардык { $n } маселе боюнча добуш берүү катталды

vote-attendance =
    .none = катышуу катталган эмес
    .too_many = { $present } депутат катышты, бирок кеңеште { $elected } гана депутат шайланган
    .count = { $present } депутат катышты (сан менен катталган)
    .twice = катышкандардын тизмесинде бир нече жолу: { $ids }
    .strangers = { DATE($date, form: "on") } реестрде депутат катары жок: { $ids } (`officials` тизмеси, `deputy` ролу)
    .ok = { $present } депутат катышты, ар бири { DATE($date, form: "on") } реестрде катталган

vote-quorum =
    .none = катышуу катталган эмес
    .no = { $elected } депутаттын { NUM($present, case: "poss") } катышты; кворум үчүн { $needed } керек ({ $words })
    .ok = { $elected } депутаттын { NUM($present, case: "poss") } катышты; кворум — { $needed } ({ $words })

vote-tally =
    .no_session = сессиянын жазуусу жок
    .no_vote = добуш берүү катталган эмес
    .negative = «{ $name ->
        [for] макул
        [against] каршы
       *[abstained] калыс
    }» — { $value }; сан терс боло албайт
    .over_elected = { $present } депутат катышты, бирок кеңеште { $elected } гана депутат шайланган
    .over_present = { $voted } добуш берилди (макул — { $for_ }, каршы — { $against }, калыс — { $abstained }), бирок { $present } гана депутат катышты
    .twice = «{ $deputy }» депутаты бир нече жолу добуш берди
    .unknown_choice = «{ $deputy }» депутаты: белгисиз добуш «{ $choice }» ({ $choices } колдонуңуз)
    .absent = «{ $deputy }» депутаты добуш берди, бирок катышкандардын тизмесинде жок
    .item = { $item }-маселе: { $problems }
    .bad = { $items }
    .ok = { $n } добуш берүүнүн жыйынтыгы катышкан { $present } депутатка дал келет

vote-threshold =
    .no_vote = бул долбоор боюнча добуш берүү катталган эмес
    .not_required = «{ $kind }» түрүндөгү токтом үчүн талап кылынбайт
    .count = { $measure ->
        [participants] добуш берүүгө { $got } депутат катышты
       *[for] «макул» — { $got } добуш
    }; { $needed } талап кылынат ({ $words }: { $base })

vote-not_adopted =
    .no_vote = бул долбоор боюнча добуш берүү катталган эмес
    .requirement = { $words } — { $needed }
    .adopted = долбоор кабыл алынды («макул» — { $votes }; { $required }); анын ордуна кабыл алынганын жазыңыз
    .no_quorum = кворум жок ({ $present } катышты, { $needed } керек)
    .failed = «макул» — { $votes }; жетишилген жок: { $required }

decision-signer_is_chair =
    .no_session = бул долбоорду бир да сессия кабыл алган эмес
    .account_not_chair = кол коюп жаткан эсептин ээси — «{ $signer }», бирок { DATE($date, form: "on") } реестрдеги кеңештин төрагасы — { $name }
    .account_not_presiding = кол коюп жаткан эсептин ээси — «{ $signer }», бирок { DATE($date, form: "on") } реестрде кеңештин төрагасы жок; төрагалык кылган депутат — { $name }
    .account_nobody = кол коюп жаткан эсептин ээси — «{ $signer }», бирок { DATE($date, form: "on") } реестрде кеңештин төрагасы жок; төрагалык кылган депутат көрсөтүлгөн эмес
    .chair_in_office = { DATE($date, form: "on") } реестрдеги кеңештин төрагасы — { $name }; төрага кызматта турганда «{ $presiding }» кол кое албайт
    .chair = { $name } — { DATE($date, form: "on") } реестрдеги кеңештин төрагасы
    .nobody = { DATE($date, form: "on") } реестрде кеңештин төрагасы жок жана төрагалык кылган депутат көрсөтүлгөн эмес (сессиянын иши: `presiding`)
    .not_deputy = төрагалык кылган «{ $presiding }» { DATE($date, form: "on") } депутат эмес
    .presiding = { DATE($date, form: "on") } реестрде төрага жок: төрагалык кылган депутат { $name } кол коёт

act-is_normative =
    .no = Мамлекеттик реестрге ченемдик укуктук актылар гана жиберилет (draft.normative: `false`)
    .ok = ченемдик укуктук акт

act-publication_recorded =
    .none = жарыялоо катталган эмес (publication.source, publication.date)
    .before = { DATE($on, form: "on") } жарыяланган, бул токтомго { DATE($signed, form: "on") } кол коюлганга чейин
    .ok = { DATE($on, form: "on") } жарыяланды: { $source }

act-register_after_publication =
    .none = ченемдик укуктук акт Мамлекеттик реестрге расмий жарыялангандан кийин жиберилет: алгач жарыялоону жазыңыз (`publication`)
    .ok = { DATE($on, form: "on") } жарыяланды; эми Мамлекеттик реестрге жиберсе болот

act-register_sent_recorded =
    .none = жиберилген күн катталган эмес (register.sent)
    .before = { DATE($sent, form: "on") } жиберилген, бул { DATE($published, form: "of") } жарыялоодон мурун
    .no_pages = барактардын саны катталган эмес (register.pages)
    .ok = { DATE($sent, form: "on") } жиберилди, { $pages } барак

act-register_term =
    .none = мөөнөт жок: жарыяланган ченемдик укуктук акт эмес
    .term = { $term }
    .late = { DATE($entered, form: "on") } киргизилген, мөөнөттөн кийин: { $term }
    .passed = азырынча киргизиле элек; мөөнөт өттү: { $term }
    .due = Мамлекеттик реестрге киргизүү (Юстиция министрлиги)

act-register_number_unique =
    .none = реестрдик номерди жана киргизилген күндү жазыңыз (register.number, .date)
    .taken = { $number } реестрдик номери № { $case } иште мурунтан эле катталган
    .unsent = жиберилгени катталган эмес (register.sent): адегенде актыны жибериңиз
    .before = { DATE($on, form: "on") } киргизилген, бул { DATE($sent, form: "on") } жиберилгенге чейин
    .ok = { DATE($on, form: "of") } { $number } реестрдик номери

act-refusal_recorded =
    .none = баш тартуунун датасын жана негиздерин жазыңыз (refusal.date, refusal.grounds)
    .before = { DATE($on, form: "on") } баш тартылган, бул акт { DATE($sent, form: "on") } жиберилгенге чейин
    .ok = { DATE($on, form: "on") } баш тартылды: { $grounds }

act-conformity_decision =
    .none = бул актыны алмаштырган кол коюлган кеңештин токтому жок (draft.replaces: { $case })
    .pending = бул актыны алмаштырган кол коюлган кеңештин токтому жок (draft.replaces: { $case }); даярдалууда: { $pending }
    .ok = № { $case } токтом менен алмаштырылды ({ $state })

act-withdrawal_recorded =
    .none = кайра чакырып алуунун датасын жана негизин жазыңыз (withdrawal.date, .basis)
    .ok = { DATE($on, form: "on") } кайра чакырылып алынды

act-in_force_requires_register =
    .not_normative = ченемдик укуктук акт эмес
    .unpublished = ченемдик укуктук акт расмий жарыялангандан кийин гана күчкө ээ болот
    .unregistered = Мамлекеттик реестрге азырынча киргизиле элек: реестрге киргизилбеген ченемдик укуктук акт юридикалык күчкө ээ эмес
    .ok = { DATE($on, form: "on") } { $number } номери менен киргизилди, { DATE($published, form: "on") } жарыяланды

act-in_force_date =
    .unpublished = азырынча жарыялана элек: күчүнө кирүү күнүн эсептөөгө болбойт
    .business = ишкердикти жөнгө салган акт жарыялангандан кийин { $days } күндөн эрте эмес ({ DATE($earliest) }) күчүнө кирет; ал { DATE($named) } күнүн атайт (draft.in_force)
    .future = акт { DATE($on, form: "on") } күчүнө кирет
    .ok = { DATE($on, form: "from") } баштап күчүндө

act-repealing_act_in_force =
    .none = бул актыны жокко чыгарган күчүндөгү акт жок (draft.repeals: [{ $case }])
    .ok = № { $case } токтом менен жокко чыгарылды

oversight-protest_recorded =
    .none = прокурордун реагирлөө актысын жазыңыз (oversight.protest: номери, датасы, прокурор)
    .before = прокурордун { DATE($on, form: "of") } актысы акт жарыялангандан мурун
    .ok = { DATE($on, form: "of") } № { $number } реагирлөө актысы ({ $prosecutor })

oversight-answer =
    .no_protest = прокурордун реагирлөө актысы катталган эмес (oversight.protest)
    .none = бул актыны { $effect ->
        [suspend] токтото турган
        [cancel] жокко чыгарган
        [amend] өзгөрткөн
       *[reject] боюнча прокурордун актысын четке каккан
    } кеңештин кол коюлган токтому жок (`draft.oversight: {"{"}act: { $case }, effect: { $effect }{"}"}` болгон council_decision иши)
    .pending = бул актыны { $effect ->
        [suspend] токтото турган
        [cancel] жокко чыгарган
        [amend] өзгөрткөн
       *[reject] боюнча прокурордун актысын четке каккан
    } кеңештин кол коюлган токтому жок (`draft.oversight: {"{"}act: { $case }, effect: { $effect }{"}"}` болгон council_decision иши); даярдалууда: { $pending }
    .ok = № { $case } токтом бул актыны { $effect ->
        [suspend] токтото турду
        [cancel] жокко чыгарды
        [amend] өзгөрттү
       *[reject] боюнча прокурордун актысын четке какты
    } ({ $state })

oversight-court_application_recorded =
    .no_rejection = кеңеш реагирлөө актысын четке каккандан кийин прокурор сотко кайрылат; четке каккан кол коюлган токтом катталган эмес
    .none = прокурордун арызын жазыңыз (oversight.court_application: датасы, сот)
    .ok = { DATE($on, form: "on") } сотко кайрылды: { $court }

oversight-court =
    .none = соттун чечимин жазыңыз (oversight.court: датасы, сот, документ, жыйынтыгы)
    .before = соттун { DATE($on, form: "of") } чечими { DATE($applied, form: "of") } арыздан мурун
    .other = катталган соттун чечими: { $outcome ->
        [invalid] жараксыз деп табылды
        [upheld] күчүндө калтырылды
       *[other] { $outcome }
    }, ал эми талап кылынганы: { $wanted ->
        [invalid] жараксыз деп табуу
        [upheld] күчүндө калтыруу
       *[other] { $wanted }
    }
    .ok = { $outcome ->
        [invalid] жараксыз деп табылды
        [upheld] күчүндө калтырылды
       *[other] { $outcome }
    }: { $court }, { DATE($on) } ({ $document })
    .ok_published = { $outcome ->
        [invalid] жараксыз деп табылды
        [upheld] күчүндө калтырылды
       *[other] { $outcome }
    }: { $court }, { DATE($on) } ({ $document }), { DATE($published, form: "on") } жарыяланды

## Эреженин мааниси күчүндөгү мыйзамга карата (engine/verdicts.py)

rule_status =
    .words = { $parts }
    .design = программанын өз эрежеси (мыйзамдык тексти жок)
    .practice = практика: мыйзамдык тексти табылган жок
    .checked = { $texts } боюнча текшерилген
    .not_checked = { $texts } боюнча текшерилген эмес
    .unverified = негизи текшерилген эмес
    .inherited = { $profile } профилинен өткөн
    .doubt = шектүү: { $why }
    .withdrawn = { $profile } профилинде алынып салынган: { $why }

## Ким кылды, аудит жазгандай (engine/identity.py): $how — адам кантип таанылды (password —
## сырсөз, session — веб-сеанс); $session — веб-сеанстын ачык аты.

actor =
    .declared = { $name } (аты гана жазылган, кирүүсүз)
    .by = { $login } ({ $name }; { $how ->
        [cli_session] буйрук сабынын сеансы аркылуу
        [session] сеанс аркылуу
       *[password] сырсөз менен
    })
    .by_session = { $login } ({ $name }; { $how ->
        [cli_session] буйрук сабынын сеансы аркылуу
        [session] сеанс аркылуу
       *[password] сырсөз менен
    }, { $session } сеансы)

## Буйрук сабынын эрежелердин айланасындагы сөздөрү (cli.py): текст чыгарылышынын белгилери
## жана баш сөздөрү, --lang тилинде. --json аларды камтыбайт. Id'лер (иш, абал, кадам, эреже,
## профиль) өзгөрүүсүз басылат.

cli-case =
    .head = Иш { $case } · { $workflow } · { $municipality }

cli-explain =
    .state = Абалы: { $name } — { $title }
    .state_final = Абалы: { $name } — { $title } (акыркы)
    .profile = Эрежелер профили: { $id } ({ DATE($since, form: "from") } тартып күчүндө)
    .allowed = МҮМКҮН
    .refused = МҮМКҮН ЭМЕС
    .four_eyes = экинчи адам керек: { $who } эмес
    .four_eyes_preparer = экинчи адам керек: даярдаган адам эмес
    .data = маалымат: { $problem }
    .deadlines = Мөөнөттөр:

cli-verdict =
    .basis = негизи: { $basis }
    .basis_in = негизи ({ $basis_lang ->
        [ky] кыргызча
        [ru] орусча
       *[en] англисче
    }): { $basis }

cli-deadline =
    .line = [{ $status ->
        [met] аткарылды
        [missed] өткөрүлүп жиберилди
        [overdue] мөөнөтү өттү
        [pending] күтүлүүдө
       *[unknown] белгисиз
    }] { $what }: { $window } ({ $basis })
    .by = { DATE($due, form: "until") }
    .window = { DATE($start) } … { DATE($due) }
    .by_unknown = мөөнөтү белгисиз — { $why }
    .window_unknown = { DATE($start, form: "from") } тартып; мөөнөтү белгисиз — { $why }

cli-overdue =
    .none = Мөөнөтү өткөн эч нерсе жок.
    .case = иш { $case } ({ $state })
    .line = { $who }: { $what } — мөөнөтү { DATE($due) }, { $days } күн кечиктирилди [{ $rule }]

cli-status =
    .none = Иштер жок.
    .case = иш
    .workflow = жол-жобо
    .municipality = айыл аймагы
    .state = абалы
    .updated = өзгөртүлдү
    .newest = { $total } иш; акыркы өзгөртүлгөн { $shown } иш (`--limit N`, баары үчүн 0; тандоо үчүн `-w`/`-s`/`-m`):

cli-preview =
    .draft = Иш { $case }: «{ $trigger }» кадамынын долбоору
    .draft_refused = Иш { $case }: «{ $trigger }» кадамынын долбоору (анын эрежелеринин баары азырынча аткарыла элек — `muni explain` караңыз)

cli-history =
    .profile = [{ $id } профили]
    .tried = ✗ { $at } { $who } { $action } кадамын жасоого аракет кылды: { $by } четке какты — { $message }

# explain --at: белгиленген датага чейин катталган кадамдар, катталгандай. $version: unrecorded
# (версиясы катталган эмес), edited (кийин өзгөртүлгөн), unchanged (өзгөргөн эмес); документтин
# $status: ok, altered, missing, pending (engine/verify.py).
cli-as_of =
    .nothing = { DATE($date, form: "on") } иште катталган кадам али жок эле.
    .still = { DATE($date, form: "on") }: абалы «{ $state }» ({ $audit }-аудит жазуусунан кийин).
    .moved = { DATE($date, form: "on") }: абалы «{ $state }» ({ $audit }-аудит жазуусунан кийин); андан бери иш жылды.
    .step = #{ $audit } { DATE($on) } { $trigger }: { $from_state } → { $to }, жасаган { $who } ({ $at } катталган)
    .four_eyes = «төрт көз»: даярдаган { $preparers }; ырастаган { $who }
    .profile = ошондогу эрежелер профили: { $id } ({ DATE($since, form: "from") } тартып күчүндө), sha256 { $sha }… — { $version ->
        [edited] андан бери ӨЗГӨРТҮЛГӨН (азыр { $now }…)
        [unchanged] андан бери өзгөргөн жок
       *[unrecorded] версиясы катталган эмес
    }
    .profile_act = ошондогу эрежелер профили: { $id } ({ DATE($since, form: "from") } тартып күчүндө, документтин датасы { DATE($act) }), sha256 { $sha }… — { $version ->
        [edited] андан бери ӨЗГӨРТҮЛГӨН (азыр { $now }…)
        [unchanged] андан бери өзгөргөн жок
       *[unrecorded] версиясы катталган эмес
    }
    .document = документ{ $number }: { $path } [{ $status ->
        [ok] туура
        [altered] өзгөртүлгөн
        [missing] жок
       *[pending] күтүлүүдө
    }]
    .now = Азыр:
