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

## Все процедуры: шаг не записывается раньше даты его документа (engine/guards/dates.py)

act-date_reached =
    .future = документ датирован { DATE($act) }; его нельзя записать { DATE($today, form: "on") }, пока эта дата не наступила
    .ok = документ { DATE($act, form: "of") } записан { DATE($today, form: "on") }

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

## Местный кенеш (council_decision, council_session)

case =
    .state = { $case } ({ $state })

not_ahead =
    .date = { $what ->
        [discussion_published] публикация для обсуждения датирована
        [discussion_end] окончание обсуждения датировано
        [package] документ { $field } датирован
        [commission] заключение комиссии датировано
        [notice] уведомление датировано
        [publication] опубликование датировано
        [register_letter] письмо в Государственный реестр датировано
        [inclusion] включение в реестр датировано
        [refusal] отказ датирован
        [withdrawal] отзыв датирован
        [protest] акт прокурора датирован
        [court_application] заявление в суд датировано
       *[court_decision] решение суда датировано
    } { DATE($on) } — эта дата ещё не наступила (сегодня { DATE($today) })

term =
    .due = срок — { DATE($due) } ({ $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[many] рабочих дней
    } после { DATE($start) }{ $count ->
        [0] {""}
       *[other] ; без праздничных дней: { $skipped }
    })
    .holiday = { DATE($date) } { $name }
    .unknown = { $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[many] рабочих дней
    } после { DATE($start) }: срок вычислить нельзя — { $why }

draft-source_case_ready =
    .own = проект не происходит из другой процедуры
    .missing = draft.source_case: дела № { $case } в реестре нет
    .foreign = draft.source_case: дело № { $case } принадлежит муниципалитету «{ $municipality }», а не «{ $here }»
    .not_handed = draft.source_case: дело № { $case } ({ $workflow }) в состоянии «{ $state }», а не «{ $states }»
    .plan = { $items }
    .annex_title = приложение 1 озаглавлено «{ $title }», а план, переданный делом № { $case }, — «{ $plan }» ({ $field })
    .title_period = название решения «{ $title }» не указывает период плана «{ $period }» ({ $field })
    .clause_period = утверждающий пункт «{ $clause }» не указывает период плана «{ $period }»
    .clause_plan = в утверждающем пункте названо «{ $clause }», а не план «{ $plan }» (draft.clauses[].approve.ky)
    .handed_plan = дело № { $case } ({ $workflow }) передано кенешу со своим планом «{ $plan }»
    .handed = дело № { $case } ({ $workflow }) передано кенешу

draft-annex_text =
    .annex = приложение { $n } «{ $title }» ({ $field })
    .empty = приложение должно содержать утверждаемый текст: запишите его разделы и пункты или передайте дело, чей это план (draft.source_case); пусто: { $items }
    .ok = приложений: { $n }, у каждого есть текст
    .none = в решении нет приложений

act-public_discussion_started =
    .not_normative = проект не является нормативным правовым актом; общественное обсуждение не требуется
    .unpublished = запишите опубликование проекта для обсуждения (discussion.published, discussion.where)
    .before_registered = проект опубликован для обсуждения { DATE($published, form: "on") }, раньше его регистрации { DATE($registered, form: "on") }
    .no_where = запишите, где опубликован проект (discussion.where)
    .ok = опубликован для обсуждения { DATE($published, form: "on") }; месяц отсчитывается { DATE($start, form: "from") }

act-public_discussion =
    .not_normative = не нормативный правовой акт: общественное обсуждение не требуется
    .unrecorded = нормативный проект сначала выносится на общественное обсуждение не менее чем на { $months } { $months ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    }: запишите discussion.published и discussion.end
    .short = обсуждение закрыто { DATE($end, form: "on") }; проект опубликован { DATE($published, form: "on") }, обсуждение длится не менее { $months } календарного месяца со следующего дня, { DATE($earliest, form: "until") }
    .no_comments = запишите, сколько поступило предложений (discussion.comments)
    .ok = обсуждался с { DATE($published, form: "on") } по { DATE($end, form: "on") } (не менее { $months } мес.: { DATE($earliest, form: "until") }), предложений: { $comments }

draft-package =
    .not_normative = не нормативный правовой акт: пакет документов не требуется
    .missing_part = { $part ->
        [cover_letter] сопроводительное письмо
       *[justification] справка-обоснование
    }
    .missing_table = сравнительная таблица (проект изменяет { $amends })
    .missing = нормативный проект вносится в кенеш с пакетом документов; не хватает: { $items } (`package`); без него проект возвращается без рассмотрения
    .early = документ { $field } датирован { DATE($on) }, раньше окончания обсуждения { DATE($end) }: справка-обоснование содержит его результаты
    .part = { $part ->
        [cover_letter] сопроводительное письмо
        [justification] справка-обоснование
       *[comparison_table] сравнительная таблица
    }
    .ok = пакет документов записан: { $items }

draft-commission_examined =
    .none = заключение постоянной комиссии не записано (`commission`)
    .before_registered = заключение комиссии датировано { DATE($on) }, раньше регистрации проекта { DATE($registered) }
    .before_submitted = заключение комиссии датировано { DATE($on) }, раньше внесения проекта с пакетом документов { DATE($submitted) }
    .stale = заключение комиссии датировано { DATE($on) }; после сессии { DATE($last, form: "of") } проект нужно рассмотреть заново (commission.date)
    .not_recommended = комиссия не рекомендует проект (commission.conclusion)
    .ok = рассмотрен { DATE($on, form: "on") }: { $conclusion ->
        [recommend] рекомендовать
        [recommend_with_changes] рекомендовать с изменениями
       *[other] { $conclusion }
    }

draft-on_convened_session =
    .none = ни одна созванная сессия не включила этот проект в повестку; внесите его в повестку сессии и созовите сессию
    .ok = в повестке сессии № { $number } ({ $convocation } созыв) { DATE($date, form: "of") }, вопрос { $item }

draft-session_held =
    .not_held = сессия, в повестке которой этот проект, ещё не проведена (одобрение комиссии — не принятие)
    .no_vote = на сессии № { $number } голосование по этому проекту не записано
    .ok = сессия № { $number } { DATE($date, form: "of") } проведена, голосование записано

session-numbered =
    .taken = сессия № { $number } { $convocation } созыва уже записана как дело № { $case }
    .ok = сессия № { $number } { $convocation } созыва

session-agenda_ready =
    .empty = повестка пуста (`agenda`)
    .bad = { $items }
    .ok = проектов: { $n }, каждый готов к сессии
    .not_draft = вопрос { $index } повестки: дело № { $case } не является проектом решения кенеша «{ $municipality }»
    .listed = вопрос { $index } повестки: проект № { $draft } уже в повестке сессии (дело № { $session })
    .on_agenda = проект № { $draft } в повестке этой сессии
    .not_ready = вопрос { $index } повестки: проект № { $draft } в состоянии «{ $state }»; проект готов после рассмотрения постоянной комиссией (нормативный — после общественного обсуждения, с пакетом документов)
    .discussion_open = вопрос { $index } повестки: общественное обсуждение проекта № { $draft } заканчивается { DATE($end, form: "on") }, не раньше сессии
    .ready = проект № { $draft } в состоянии «{ $state }»

session-notice_in_time =
    .none = дата уведомления депутатов и населения не записана (notice.date)
    .not_before = уведомление датировано { DATE($notice) }, не раньше сессии { DATE($date, form: "of") }: население извещается заранее
    .short = уведомили за { $gap } { $gap ->
        [one] день
        [few] дня
       *[many] дней
    } до { $kind ->
        [ordinary] очередной
       *[extraordinary] внеочередной
    } сессии; регламент кенеша требует не менее { $days }
    .ok = уведомили за { $gap } { $gap ->
        [one] день
        [few] дня
       *[many] дней
    } до { $kind ->
        [ordinary] очередной
       *[extraordinary] внеочередной
    } сессии (не менее { $days })

# Периодические обязанности кенеша: так `status --overdue` называет период без их исполнения (engine/acts.py).
session-quarterly =
    .missed = { DATE($start, form: "from") } по { DATE($end, form: "on") } не проведено ни одной очередной сессии

session-head_report =
    .missed = { DATE($start, form: "from") } по { DATE($end, form: "on") } глава айыл окмоту не отчитался перед кенешем

session-extraordinary_demand =
    .ordinary = очередная сессия: требование не нужно
    .none = внеочередная сессия созывается по требованию депутатов: запишите дату требования и депутатов, его внёсших (demand.date, demand.deputies)
    .strangers = не числятся депутатами на { DATE($date) }: { $ids } (список `officials`, роль `deputy`)
    .twice = депутат указан в требовании дважды
    .too_few = созыва сессии потребовали депутатов: { $n }; нужно { $needed } ({ $words } от общего числа депутатов: { $elected })
    .notice_first = уведомление { DATE($notice, form: "of") } раньше требования { DATE($date, form: "of") }
    .ok = потребовали { DATE($date, form: "on") } депутатов: { $n } (нужно { $needed }: { $words } от { $elected }): { $names }

session-votes_recorded =
    .no_attendance = присутствие не записано (attendance.present или attendance.count)
    .missing = не записано голосование по вопросам повестки: { $items }
    .ok = голосование записано по всем вопросам ({ $n })

vote-attendance =
    .none = присутствие не записано
    .too_many = присутствуют { $present }, но в кенеше избрано { $elected } депутатов
    .count = присутствуют депутатов: { $present } (записано числом)
    .twice = отмечены присутствующими больше одного раза: { $ids }
    .strangers = не числятся депутатами на { DATE($date) }: { $ids } (список `officials`, роль `deputy`)
    .ok = присутствуют депутатов: { $present }, каждый числится на { DATE($date) }

vote-quorum =
    .none = присутствие не записано
    .no = присутствуют { $present } из { $elected } депутатов; для кворума нужно { $needed } ({ $words })
    .ok = присутствуют { $present } из { $elected } депутатов; кворум — { $needed } ({ $words })

vote-tally =
    .no_session = нет записи о сессии
    .no_vote = голосование не записано
    .negative = «{ $name ->
        [for] за
        [against] против
       *[abstained] воздержались
    }» — { $value }; число не может быть отрицательным
    .over_elected = присутствуют { $present }, но в кенеше избрано только { $elected } депутатов
    .over_present = подано голосов: { $voted } (за — { $for_ }, против — { $against }, воздержались — { $abstained }), но присутствуют только { $present }
    .twice = депутат «{ $deputy }» проголосовал больше одного раза
    .unknown_choice = депутат «{ $deputy }»: неизвестный вариант «{ $choice }» (используйте { $choices })
    .absent = депутат «{ $deputy }» проголосовал, но не отмечен присутствующим
    .item = вопрос { $item }: { $problems }
    .bad = { $items }
    .ok = итоги голосования ({ $n }) согласуются с числом присутствующих ({ $present })

vote-threshold =
    .no_vote = голосование по этому проекту не записано
    .not_required = не требуется для решения вида «{ $kind }»
    .count = { $measure ->
        [participants] участвовали в голосовании: { $got }
       *[for] «за»: { $got }
    }; требуется { $needed } ({ $words }: { $base })

vote-not_adopted =
    .no_vote = голосование по этому проекту не записано
    .requirement = { $words } — { $needed }
    .adopted = проект принят («за»: { $votes }; { $required }); запишите вместо этого принятие
    .no_quorum = нет кворума (присутствуют { $present }, нужно { $needed })
    .failed = «за»: { $votes }; не достигнуто: { $required }

decision-signer_is_chair =
    .no_session = ни одна сессия не приняла этот проект
    .account_not_chair = подписывает учётная запись лица «{ $signer }», но председателем кенеша на { DATE($date) } по реестру значится { $name }
    .account_not_presiding = подписывает учётная запись лица «{ $signer }», но на { DATE($date) } председателя кенеша в реестре нет; председательствующий депутат — { $name }
    .account_nobody = подписывает учётная запись лица «{ $signer }», но на { DATE($date) } председателя кенеша в реестре нет, а председательствующий депутат не указан
    .chair_in_office = председатель кенеша на { DATE($date) } по реестру — { $name }; «{ $presiding }» не может подписывать, пока председатель в должности
    .chair = { $name } — председатель кенеша по реестру на { DATE($date) }
    .nobody = на { DATE($date) } в реестре нет председателя кенеша и не указан председательствующий депутат (дело сессии: `presiding`)
    .not_deputy = председательствующий «{ $presiding }» не является депутатом на { DATE($date) }
    .presiding = на { DATE($date) } председателя в реестре нет: подписывает председательствующий депутат { $name }

act-is_normative =
    .no = в Государственный реестр направляются только нормативные правовые акты (draft.normative: `false`)
    .ok = нормативный правовой акт

act-publication_recorded =
    .none = опубликование не записано (publication.source, publication.date)
    .before = опубликован { DATE($on, form: "on") }, раньше подписания решения { DATE($signed, form: "on") }
    .ok = опубликован { DATE($on, form: "on") }: { $source }

act-register_after_publication =
    .none = нормативный правовой акт направляется в Государственный реестр после официального опубликования: сначала запишите опубликование (`publication`)
    .ok = опубликован { DATE($on, form: "on") }; теперь его можно направить в Государственный реестр

act-register_sent_recorded =
    .none = дата направления не записана (register.sent)
    .before = направлен { DATE($sent, form: "on") }, раньше опубликования { DATE($published, form: "of") }
    .no_pages = число страниц не записано (register.pages)
    .ok = направлен { DATE($sent, form: "on") }, страниц: { $pages }

act-register_term =
    .none = срока нет: это не опубликованный нормативный правовой акт
    .term = { $term }
    .late = включён { DATE($entered, form: "on") }, после срока: { $term }
    .passed = ещё не включён; срок истёк: { $term }
    .due = включение в Государственный реестр (Министерство юстиции)

act-register_number_unique =
    .none = запишите регистрационный номер и дату включения (register.number, .date)
    .taken = регистрационный номер { $number } уже записан в деле № { $case }
    .unsent = направление не записано (register.sent): сначала направьте акт
    .before = включён { DATE($on, form: "on") }, раньше его направления { DATE($sent, form: "on") }
    .ok = регистрационный номер { $number } { DATE($on, form: "of") }

act-refusal_recorded =
    .none = запишите дату и основания отказа (refusal.date, refusal.grounds)
    .before = отказано { DATE($on, form: "on") }, раньше направления акта { DATE($sent, form: "on") }
    .ok = отказано { DATE($on, form: "on") }: { $grounds }

act-conformity_decision =
    .none = нет подписанного решения кенеша, заменяющего этот акт (draft.replaces: { $case })
    .pending = нет подписанного решения кенеша, заменяющего этот акт (draft.replaces: { $case }); готовятся: { $pending }
    .ok = заменён решением (дело № { $case }, { $state })

act-withdrawal_recorded =
    .none = запишите дату и основание отзыва (withdrawal.date, .basis)
    .ok = отозван { DATE($on, form: "on") }

act-in_force_requires_register =
    .not_normative = не нормативный правовой акт
    .unpublished = нормативный правовой акт имеет силу только после официального опубликования
    .unregistered = ещё не включён в Государственный реестр: не включённый нормативный правовой акт не имеет юридической силы
    .ok = включён под номером { $number } { DATE($on, form: "on") }, опубликован { DATE($published, form: "on") }

act-in_force_date =
    .unpublished = ещё не опубликован: дату вступления в силу вычислить нельзя
    .business = акт, регулирующий предпринимательскую деятельность, вступает в силу не ранее чем через { $days } дней после опубликования ({ DATE($earliest) }); в нём указано { DATE($named) } (draft.in_force)
    .future = акт вступает в силу { DATE($on, form: "on") }
    .ok = действует { DATE($on, form: "from") }

act-repealing_act_in_force =
    .none = нет действующего акта, отменяющего этот (draft.repeals: [{ $case }])
    .ok = отменён решением (дело № { $case })

oversight-protest_recorded =
    .none = запишите акт прокурорского реагирования (oversight.protest: номер, дата, прокурор)
    .before = акт прокурора { DATE($on, form: "of") } раньше опубликования акта
    .ok = акт реагирования № { $number } { DATE($on, form: "of") } ({ $prosecutor })

oversight-answer =
    .no_protest = акт прокурорского реагирования не записан (oversight.protest)
    .none = нет подписанного решения кенеша, { $effect ->
        [suspend] приостанавливающего
        [cancel] отменяющего
        [amend] изменяющего
       *[reject] отклоняющего акт прокурора на
    } этот акт (дело council_decision с `draft.oversight: {"{"}act: { $case }, effect: { $effect }{"}"}`)
    .pending = нет подписанного решения кенеша, { $effect ->
        [suspend] приостанавливающего
        [cancel] отменяющего
        [amend] изменяющего
       *[reject] отклоняющего акт прокурора на
    } этот акт (дело council_decision с `draft.oversight: {"{"}act: { $case }, effect: { $effect }{"}"}`); готовятся: { $pending }
    .ok = решение (дело № { $case }) { $effect ->
        [suspend] приостанавливает
        [cancel] отменяет
        [amend] изменяет
       *[reject] отклоняет акт прокурора на
    } этот акт ({ $state })

oversight-court_application_recorded =
    .no_rejection = прокурор обращается в суд после того, как кенеш отклонил его акт; подписанное отклоняющее решение не записано
    .none = запишите заявление прокурора (oversight.court_application: дата, суд)
    .ok = обратился в суд { DATE($on, form: "on") }: { $court }

oversight-court =
    .none = запишите решение суда (oversight.court: дата, суд, документ, итог)
    .before = решение суда { DATE($on, form: "of") } раньше заявления { DATE($applied, form: "of") }
    .other = записанное решение суда: { $outcome ->
        [invalid] признан недействительным
        [upheld] оставлен в силе
       *[other] { $outcome }
    }, а требуется: { $wanted ->
        [invalid] признание недействительным
        [upheld] оставление в силе
       *[other] { $wanted }
    }
    .ok = { $outcome ->
        [invalid] признан недействительным
        [upheld] оставлен в силе
       *[other] { $outcome }
    }: { $court }, { DATE($on) } ({ $document })
    .ok_published = { $outcome ->
        [invalid] признан недействительным
        [upheld] оставлен в силе
       *[other] { $outcome }
    }: { $court }, { DATE($on) } ({ $document }), опубликовано { DATE($published, form: "on") }

## Значение правила относительно действующего закона (engine/verdicts.py)

rule_status =
    .words = { $parts }
    .design = правило самой программы (нормативного текста нет)
    .practice = практика: нормативный текст не найден
    .checked = проверено по { $texts }
    .not_checked = не проверено по { $texts }
    .unverified = основание не проверено
    .inherited = унаследовано из профиля { $profile }
    .doubt = под сомнением: { $why }
    .withdrawn = исключено в профиле { $profile }: { $why }

## Кто действовал, как записано в журнале (engine/identity.py): $how — как человек был узнан
## (password — пароль, session — веб-сеанс); $session — открытое имя веб-сеанса.

actor =
    .declared = { $name } (имя указано без входа)
    .by = { $login } ({ $name }; { $how ->
        [cli_session] через сеанс командной строки
        [session] через сеанс
       *[password] по паролю
    })
    .by_session = { $login } ({ $name }; { $how ->
        [cli_session] через сеанс командной строки
        [session] через сеанс
       *[password] по паролю
    }, сеанс { $session })

## Слова командной строки вокруг правил (cli.py): подписи и заголовки её текстового вывода,
## на языке --lang. В --json их нет. Идентификаторы (дела, состояния, шаги, правила, профили)
## печатаются как есть.

cli-case =
    .head = Дело { $case } · { $workflow } · { $municipality }

cli-explain =
    .state = Состояние: { $name } — { $title }
    .state_final = Состояние: { $name } — { $title } (конечное)
    .profile = Профиль правил: { $id } (действует { DATE($since, form: "from") })
    .allowed = МОЖНО
    .refused = НЕЛЬЗЯ
    .four_eyes = нужен второй человек: не { $who }
    .four_eyes_preparer = нужен второй человек: не тот, кто готовил
    .data = данные: { $problem }
    .deadlines = Сроки:

cli-verdict =
    .basis = основание: { $basis }
    .basis_in = основание ({ $basis_lang ->
        [ky] на кыргызском
        [ru] на русском
       *[en] на английском
    }): { $basis }

cli-deadline =
    .line = [{ $status ->
        [met] выполнено
        [missed] пропущено
        [overdue] просрочено
        [pending] ожидается
       *[unknown] неизвестно
    }] { $what }: { $window } ({ $basis })
    .by = { DATE($due, form: "until") }
    .window = { DATE($start) } … { DATE($due) }
    .by_unknown = срок неизвестен — { $why }
    .window_unknown = { DATE($start, form: "from") }; срок неизвестен — { $why }

cli-overdue =
    .none = Просроченного нет.
    .case = дело { $case } ({ $state })
    .line = { $who }: { $what } — срок { DATE($due) }, просрочено на { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } [{ $rule }]

cli-status =
    .none = Дел нет.
    .case = дело
    .workflow = процедура
    .municipality = айылный аймак
    .state = состояние
    .updated = изменено
    .newest = { $total } { $total ->
        [one] дело
        [few] дела
       *[many] дел
    }; последние изменённые — { $shown } (`--limit N`, 0 — все; `-w`/`-s`/`-m` — отбор):

cli-preview =
    .draft = Дело { $case }: проект шага «{ $trigger }»
    .draft_refused = Дело { $case }: проект шага «{ $trigger }» (не все его правила пока соблюдены — см. `muni explain`)

cli-history =
    .profile = [профиль { $id }]
    .tried = ✗ { $at } { $who } пытался выполнить { $action }: отказано ({ $by }) — { $message }

# explain --at: шаги, записанные до даты, как они записаны. $version: unrecorded (версия не
# записана), edited (изменён после), unchanged (не менялся); $status документа: ok, altered,
# missing, pending (engine/verify.py).
cli-as_of =
    .nothing = На { DATE($date) } у дела ещё не было записанных шагов.
    .still = На { DATE($date) }: состояние «{ $state }» (после записи журнала № { $audit }).
    .moved = На { DATE($date) }: состояние «{ $state }» (после записи журнала № { $audit }); с тех пор дело продвинулось.
    .step = #{ $audit } { DATE($on) } { $trigger }: { $from_state } → { $to }, выполнил { $who } (записано { $at })
    .four_eyes = «четыре глаза»: подготовил { $preparers }; подтвердил { $who }
    .profile = профиль правил тогда: { $id } (действует { DATE($since, form: "from") }), sha256 { $sha }… — { $version ->
        [edited] с тех пор ИЗМЕНЁН (сейчас { $now }…)
        [unchanged] с тех пор не менялся
       *[unrecorded] версия не записана
    }
    .profile_act = профиль правил тогда: { $id } (действует { DATE($since, form: "from") }, акт { DATE($act, form: "of") }), sha256 { $sha }… — { $version ->
        [edited] с тех пор ИЗМЕНЁН (сейчас { $now }…)
        [unchanged] с тех пор не менялся
       *[unrecorded] версия не записана
    }
    .document = документ{ $number }: { $path } [{ $status ->
        [ok] в порядке
        [altered] изменён
        [missing] отсутствует
       *[pending] ожидается
    }]
    .now = Сейчас:
