# Что говорят правила muni о деле — по-русски. Каждое правило — одно сообщение (его id, с "-"
# вместо ".": group.min_size → group-min_size); каждый исход проверки — атрибут (.ok,
# .too_small …). { $size } — значение, которое подставляет muni; их список — в комментариях
# en.ftl.
#   DATE($d, form: "long" | "of" | "on" | "until" | "from") — дата словами:
#       20 ноября 2026 г. | от 20 ноября 2026 года | 20 ноября 2026 года | до … | с …
#   NUM($n) — число; PCT($share) — доля в процентах: 30 %
# Существительное после числа согласуется выбором по категории множественного числа:
#   { $n -> [one] член [few] члена *[many] членов }  (1, 21 — one; 2–4, 22 — few; 5–20 — many)

## Списки

list =
    .more = … и ещё { $n }

## Правило, которого нет в профиле или которое под сомнением (engine/rules.py)

rule =
    .withdrawn = в профиле { $profile } этого правила нет: { $why }
    .in_doubt = { $found } (предупреждение, а не отказ; под сомнением: { $doubt })

## Должности в муниципалитете (роли реестра)

office =
    .role = { $role ->
        [head] глава айыл окмоту
        [deputy_head] заместитель главы
        [executive_secretary] ответственный секретарь
        [specialist] специалист
        [staff] сотрудник
        [deputy] депутат кенеша
        [council_chair] председатель кенеша
       *[other] { $role }
    }

## Подписывающий глава айыл окмоту (order.signer_is_head, na.plan_signer_is_head)

head_on_record =
    .none = на { DATE($on) } в реестре нет главы айыл окмоту; внесите в реестр срок его полномочий (список `officials`, роль `head`)
    .other = в поле { $field } указан «{ $signer }», но главой айыл окмоту на { DATE($on) } по реестру значится { $name } ({ $person })
    .ok = { $name } — глава айыл окмоту по реестру на { DATE($on) }

## Распоряжение о рабочей группе (working_group)

order-not_before_initiative =
    .before = распоряжение датировано { DATE($act) }, то есть раньше инициативы кенеша { DATE($initiative, form: "of") }
    .ok = распоряжение { DATE($act, form: "of") } издано не раньше инициативы кенеша { DATE($initiative, form: "of") }

order-in_effect =
    .future = распоряжение датировано { DATE($act) }; группа может начать работу с этого дня
    .ok = распоряжение { DATE($act, form: "of") } действует на { DATE($today) }

group-min_size =
    .too_small = в группе { $size } { $size ->
        [one] член
        [few] члена
       *[many] членов
    }; требуется не менее { $min }
    .ok = в группе { $size } { $size ->
        [one] член
        [few] члена
       *[many] членов
    } (не менее { $min })

group-chair_is_staff =
    .none = председатель не назначен (group.chair)
    .not_staff = председатель { $name } на { DATE($on) } не состоит в штате айыл окмоту (должности: { $count ->
        [0] нет
       *[other] { $offices }
    })
    .ok = председатель { $name } — { $position }

group-secretary_named =
    .none = секретарь не назначен (group.secretary)
    .ok = секретарь — { $name }

group-gender_balance =
    .empty = в группе нет членов
    .low = из { $size } { $size ->
        [one] члена
       *[many] членов
    } группы { $women } { $women ->
        [one] женщина
        [few] женщины
       *[many] женщин
    } и { $men } { $men ->
        [one] мужчина
        [few] мужчины
       *[many] мужчин
    }: доля { $sex ->
        [f] женщин
       *[m] мужчин
    } — { PCT($minority) }; доля менее представленного пола должна быть не менее { PCT($share) } ({ $needed } из { $size })
    .ok = из { $size } { $size ->
        [one] члена
       *[many] членов
    } группы { $women } { $women ->
        [one] женщина
        [few] женщины
       *[many] женщин
    } и { $men } { $men ->
        [one] мужчина
        [few] мужчины
       *[many] мужчин
    }: доля менее представленного пола — { PCT($minority) }

group-composition =
    .missing = { $missing }
    .lacks = в группе нет { $category ->
        [staff] сотрудников айыл окмоту
        [deputy] депутатов кенеша
       *[community] представителей сообщества
    }
    .ok = { $counts }
    .count = { $n } { $category ->
        [staff] { $n ->
            [one] сотрудник
            [few] сотрудника
           *[many] сотрудников
        } айыл окмоту
        [deputy] { $n ->
            [one] депутат
            [few] депутата
           *[many] депутатов
        } кенеша
       *[community] { $n ->
            [one] представитель
            [few] представителя
           *[many] представителей
        } сообщества
    }

## СИНС: общее для нескольких правил

event =
    .label = { $where } ({ $kind ->
        [session] сессия
        [focus_group] фокус-группа
        [planning_meeting] планировочная встреча
        [group] инициативная группа
       *[hearing] слушания
    }, { $village })
    .aged = { $where } ({ $kind ->
        [session] сессия
        [focus_group] фокус-группа
        [planning_meeting] планировочная встреча
        [group] инициативная группа
       *[hearing] слушания
    }, { $village }, { $age } лет)

women_share =
    .none = { $kind ->
        [session] ещё не записано ни одной сессии
        [focus_group] ещё не записано ни одной фокус-группы
        [planning_meeting] планировочная встреча ещё не записана
        [group] ещё не записано ни одной инициативной группы
       *[hearing] слушания ещё не записаны
    }
    .part = { $event }: { $women } { $women ->
        [one] женщина
        [few] женщины
       *[many] женщин
    } из { $total } ({ $pct } %)
    .low_item = { $event }: { $sex ->
        [f] женщин
       *[m] мужчин
    } { $pct } %
    .low = доля менее представленного пола ниже { PCT($share) }: { $items }
    .ok = { $items }

facilitators =
    .item = { $event }: { $n }
    .bad = менее { $min } { $min ->
        [one] ведущего
       *[other] ведущих
    }: { $items }
    .ok = каждое из { $events } { $events ->
        [one] мероприятия
       *[other] мероприятий
    } вели не менее { $min } { $min ->
        [one] ведущего
       *[other] ведущих
    }

## СИНС: рабочая группа и распоряжение о плане (needs_assessment)

na-group_registered =
    .none = working_group_case: укажите дело рабочей группы (working_group), распоряжением по которому утверждена группа
    .missing = working_group_case: дела № { $case } в реестре нет
    .foreign = working_group_case: дело № { $case } — дело «{ $workflow }» муниципалитета «{ $municipality }», а не дело рабочей группы муниципалитета «{ $here }»
    .not_formed = working_group_case: дело № { $case } в состоянии «{ $state }»; сначала его распоряжение должно быть подписано и зарегистрировано ({ $states })
    .ok = дело рабочей группы № { $case } в состоянии «{ $state }» ({ $n } { $n ->
        [one] член
        [few] члена
       *[many] членов
    })

na-plan_after_group_order =
    .unknown = распоряжение о рабочей группе неизвестно (см. na.group_registered)
    .no_date = в деле № { $case } нет даты распоряжения
    .before = plan_order.date: { DATE($act) } — раньше распоряжения о создании группы ({ DATE($group) })
    .ok = распоряжение о плане { DATE($act, form: "of") } издано не раньше распоряжения о группе { DATE($group, form: "of") }

na-schedule_complete =
    .lacks = { $event }: { $missing ->
        [date] не указана дата
        [place] не указано место
       *[date_place] не указаны дата и место
    }
    .few = { $event }: { $n } { $n ->
        [one] ведущий
       *[other] ведущих
    }, нужно не менее { $min }
    .no_age = { $event }: для сессии нужна возрастная группа (age_group)
    .lacking = график: в селе { $village } не запланирована сессия для возрастных групп { $groups }
    .none = график: не запланировано ни одной сессии
    .bad = { $items }
    .ok = у каждого из { $events } { $events ->
        [one] мероприятия
       *[other] мероприятий
    } есть дата, место и не менее { $min } ведущих

na-facilitators_in_group =
    .unknown = члены рабочей группы неизвестны (см. na.group_registered)
    .item = { $where }: { $name } ({ $person })
    .bad = не члены рабочей группы: { $items }
    .ok = все ведущие { $events } { $events ->
        [one] мероприятия
       *[other] мероприятий
    } — члены рабочей группы

na-readiness =
    .item = { $n }. { $field } — «{ $question_ru }»
    .bad = { $no } из 8 ответов — «нет»: { $items }
    .ok = на все 8 вопросов ответ «да»

## СИНС: сессии с каждой возрастной группой

na-sessions_per_village =
    .none = `sessions`: ещё не записано ни одной сессии (добавьте их через `muni case update`)
    .village = { $village }: { $n } { $n ->
        [one] сессия
        [few] сессии
       *[many] сессий
    } (требуется от { $min } до { $max })
    .bad = { $items }
    .count = { $village } { $n }
    .ok = сессий по сёлам: { $counts }

na-age_groups_covered =
    .missing = { $village }: нет сессии для возрастных групп { $groups }
    .extra = { $village }: больше двух сессий для возрастных групп { $groups }
    .bad = { $items }
    .ok = в каждом селе есть сессия для каждой возрастной группы (18–35, 36–55, 56+)

na-session_size =
    .item = { $event }: { $n } { $n ->
        [one] участник
        [few] участника
       *[many] участников
    }
    .bad = менее { $min } участников: { $items }
    .ok = { $sessions } { $sessions ->
        [one] сессия
        [few] сессии
       *[many] сессий
    }, в каждой от { $low } до { $high } участников (не менее { $min })

na-participant_ages =
    .item = { $where } ({ $age }): { $people }
    .bad = возраст вне возрастной группы сессии: { $items }
    .ok = возраст каждого участника в списке соответствует возрастной группе сессии

na-sessions_after_plan =
    .item = { $event } — { DATE($on) }
    .bad = сессии раньше распоряжения о плане { DATE($plan, form: "of") }: { $items }
    .ok = все сессии проведены не раньше распоряжения о плане { DATE($plan, form: "of") }

na-typed_totals =
    .mismatch = в поле { $field } указано { $typed }, а по { $source ->
        [population] сумме мужчин и женщин
       *[list] списку участников
    } выходит { $computed } (разница { $difference })
    .mismatch_in = в поле { $field } указано { $typed }, а по списку участников ({ $category ->
        [deputy] депутаты АК
        [staff] сотрудники АО
        [community] НКО/сообщество
       *[specialist] специалисты
    }) выходит { $computed } (разница { $difference })
    .bad = { $items }
    .ok = все указанные числа совпадают со списками

na-votes_plausible =
    .item = { $event }: { $votes } { $votes ->
        [one] голос
        [few] голоса
       *[many] голосов
    } от { $total } { $total ->
        [one] участника
       *[other] участников
    } (не более { $most })
    .bad = { $items }
    .ok = ни в одной сессии голосов не больше, чем по { $per } { $per ->
        [one] стикеру
        [few] стикера
       *[many] стикеров
    } на участника

## СИНС: отчёт о сессиях

na-session_report_after_sessions =
    .no_date = session_report.date: обязательно (день составления отчёта)
    .no_compiler = session_report.compiler: укажите составителя отчёта (идентификатор человека)
    .early = session_report.date: { DATE($date) } — раньше последней сессии ({ DATE($last) })
    .ok = отчёт { DATE($date, form: "of") }, после последней сессии ({ DATE($last) })
    .ok_alone = отчёт { DATE($date, form: "of") }

na-active_residents =
    .none = session_report.active_residents: выберите активных жителей для приглашения в фокус-группы
    .ok = для фокус-групп отобрано активных жителей: { $n }

## СИНС: фокус-группы

na-focus_group_per_village =
    .item = { $village }: { $n } { $n ->
        [one] фокус-группа
        [few] фокус-группы
       *[many] фокус-групп
    }
    .stray = { $village }: фокус-группа без сессий
    .bad = в каждом селе требуется одна фокус-группа: { $items }
    .ok = по одной фокус-группе в каждом из { $villages } { $villages ->
        [one] села
       *[other] сёл
    }

na-focus_group_not_late =
    .item = { $event }: { DATE($on) } — через { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } после последней сессии ({ DATE($last) })
    .bad = должна пройти в течение { $max } { $max ->
        [one] дня
       *[other] дней
    } после сессий: { $items }
    .gap = { $village }: через { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } после сессий
    .ok = { $items }
    .none = фокус-групп не записано
    .due = фокус-группа в селе { $village } (через { $min }–{ $max } дней после последней сессии, { DATE($last) })

na-focus_group_not_early =
    .item = { $event }: лишь { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } после последней сессии ({ DATE($last) })
    .bad = { $items }
    .ok = каждая фокус-группа проведена не раньше чем через { $min } { $min ->
        [one] день
        [few] дня
       *[many] дней
    } после сессий своего села

na-focus_group_max_size =
    .item = { $event }: { $n }
    .bad = более { $max } участников: { $items }
    .ok = ни в одной фокус-группе нет более { $max } участников

na-focus_group_min_size =
    .item = { $event }: { $n }
    .bad = менее { $min } участников: { $items }
    .ok = в каждой фокус-группе не менее { $min } участников

na-focus_group_problems =
    .none_analysed = { $village }: не разобрано ни одной проблемы
    .stray = { $village }: «{ $problems }» нет среди приоритетов села ({ $top })
    .bad = { $items }
    .village = { $village }: разобрано приоритетных проблем: { $n }
    .ok = { $items }
    .none = фокус-групп не записано

## СИНС: планировочная встреча

na-planning_within_week =
    .none = planning_meeting: ещё не записана
    .no_focus = не записано ни одной фокус-группы: планировочная встреча проводится после них
    .bad = planning_meeting.date: { DATE($date) } — через { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } после последней фокус-группы ({ DATE($last) }); её нужно провести в течение { $max } { $max ->
        [one] дня
       *[other] дней
    }, { DATE($by, form: "until") }
    .ok = проведена через { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } после последней фокус-группы ({ DATE($last) })
    .due = планировочная встреча (в течение { $max } { $max ->
        [one] дня
       *[other] дней
    } после последней фокус-группы, { DATE($last) })

na-planning_size =
    .none = планировочная встреча не записана
    .big = участников: { $n }; обычно до { $max }
    .ok = участников: { $n } (обычно до { $max })

## СИНС: инициативные группы

na-initiative_groups_formed =
    .no_date = initiative_order.date: обязательно (распоряжение главы о создании групп)
    .none = initiative_groups: не указано ни одной группы
    .before = initiative_order.date: { DATE($date) } — раньше планировочной встречи ({ DATE($planning) })
    .empty = { $where } «{ $name }»: нет членов
    .not_priority = { $where } «{ $name }»: «{ $problem }» — не приоритет села
    .bad = { $items }
    .group = «{ $name }» { $n }
    .ok = { $groups }

## СИНС: план совместных действий (ПСД)

na-action_plan_content =
    .none = action_plan: ещё не записан
    .not_priority = { $where }.problem: «{ $problem }» — не приоритет села
    .no_tasks = { $where }.tasks: обязательно (B-2)
    .early_deadline = { $where }.deadline: { DATE($deadline) } — раньше даты плана ({ DATE($date) })
    .before_planning = action_plan.date: { DATE($date) } — раньше планировочной встречи ({ DATE($planning) })
    .bad = { $items }
    .ok = { $goals } { $goals ->
        [one] цель
        [few] цели
       *[many] целей
    }, { $activities } { $activities ->
        [one] мероприятие
        [few] мероприятия
       *[many] мероприятий
    }, у каждого заполнены все обязательные поля

na-action_plan_duration =
    .nothing = сравнивать не с чем
    .bad = разработан через { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } после планировочной встречи; обычно через { $min }–{ $max } дней
    .ok = разработан через { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } после планировочной встречи
    .due = разработка ПСД (через { $min }–{ $max } дней после планировочной встречи)

na-hearing_held =
    .none = `hearing`: ещё не записаны (сход граждан или публичные слушания по ПСД)
    .before = hearing.date: { DATE($date) } — раньше ПСД { DATE($plan, form: "of") }
    .women = hearing.women ({ $women }) больше, чем hearing.participants_total ({ $total })
    .votes = hearing.votes: подано голосов — { $cast } (за — { $for_ }, против — { $against }, воздержались — { $abstained }), но участников только { $total }
    .bad = { $items }
    .ok = проведены { DATE($date) }, участников: { $total }

na-handover_ready =
    .no_date = handover.date: обязательно (день передачи ПСД кенешу)
    .no_hearing = ПСД не обсуждён с сообществом (`hearing`)
    .before = handover.date: { DATE($date) } — раньше слушаний ({ DATE($hearing) })
    .no_document = в деле нет зарегистрированного документа ПСД (шаг draft_action_plan)
    .ok = ПСД и протокол слушаний передаются кенешу { DATE($date) }
