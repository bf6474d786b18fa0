# What muni's rules say about a case, in English: the reading copy the audit log keeps beside
# each verdict's key and values, and the words of `muni explain --lang en`.
#
# How to read and edit this file (the same in ky.ftl and ru.ftl; Project Fluent syntax,
# https://projectfluent.org/fluent/guide/):
#   - one message per rule, named by the rule's id with "-" for "." (group.min_size →
#     group-min_size); each outcome of the rule's check is an attribute (.ok, .too_small …).
#   - { $size } is a value muni supplies; the comment above a message lists them.
#   - { $n -> [one] … *[other] … } chooses the words by a value: a number's plural category
#     (one, few, many, other), or a kind (staff, deputy …); the * marks the default.
#   - DATE($d, form: "of") writes a date, NUM($n, case: "abl") a number with its Kyrgyz case
#     suffix, PCT($share) a share as a percentage. English dates stay ISO (2026-11-20).
# Every key used by engine/guards must be here and in ky.ftl and ru.ftl (tests/test_messages.py).

## Lists

# A list shortened for a message: $n items left out.
list =
    .more = … and { $n } more

## A rule the profile withdraws or doubts (engine/rules.py)

# $profile: the profile's id; $why: why the rule does not carry over (the profile's words);
# $found: what the check found; $doubt: why the rule only warns (the profile's words).
rule =
    .withdrawn = not in profile { $profile }: { $why }
    .in_doubt = { $found } (a warning, not a refusal: in doubt { $doubt })

## The head of the ayil okmotu who signs (order.signer_is_head, na.plan_signer_is_head)

# $on: the act's date; $field: the data field naming the signer; $signer: the person id
# typed there; $name, $person: the head on record.
head_on_record =
    .none = no head of the ayil okmotu is on record on { DATE($on) }; import the head's term of office (officials, role 'head')
    .other = { $field } is '{ $signer }', but the head on record on { DATE($on) } is { $name } ({ $person })
    .ok = { $name } is the head on record on { DATE($on) }

## Offices in the municipality (the registry's roles)

# $role: the role's id in the registry.
office =
    .role = { $role ->
        [head] head of the ayil okmotu
        [deputy_head] deputy head
        [executive_secretary] executive secretary
        [specialist] specialist
        [staff] staff
        [deputy] deputy
        [council_chair] council chair
       *[other] { $role }
    }

## The working group's order (working_group)

# $act: the order's date; $initiative: the date of the council's initiative.
order-not_before_initiative =
    .before = the order is dated { DATE($act) }, before the council's initiative of { DATE($initiative) }
    .ok = order { DATE($act) } is on or after the initiative of { DATE($initiative) }

# $act: the order's date; $today: the day the rules are judged on.
order-in_effect =
    .future = the order is dated { DATE($act) }; the group can start work from that day
    .ok = the order of { DATE($act) } is in effect on { DATE($today) }

# $size: members; $min: the profile's minimum.
group-min_size =
    .too_small = the group has { $size } { $size ->
        [one] member
       *[other] members
    }; at least { $min } are required
    .ok = the group has { $size } { $size ->
        [one] member
       *[other] members
    } (at least { $min })

# $name: the chair; $on: the order's date; $offices: the offices the chair holds then
# ($count of them); $position: the chair's office as worded in the case.
group-chair_is_staff =
    .none = no chair is named (group.chair)
    .not_staff = the chair { $name } holds no ayil okmotu staff office on { DATE($on) } (offices: { $count ->
        [0] none
       *[other] { $offices }
    })
    .ok = the chair { $name } is { $position }

# $name: the secretary.
group-secretary_named =
    .none = no secretary is named (group.secretary)
    .ok = the secretary is { $name }

# $women, $men, $size: members by sex; $minority: the less represented sex's share (0–1);
# $sex: f or m, the less represented; $share: the profile's minimum share; $needed: members.
group-gender_balance =
    .empty = the group has no members
    .low = { $women } { $women ->
        [one] woman
       *[other] women
    } and { $men } { $men ->
        [one] man
       *[other] men
    } of { $size }: { $sex ->
        [f] women
       *[m] men
    } are { PCT($minority) }; the less represented sex must be at least { PCT($share) } ({ $needed } of { $size })
    .ok = { $women } { $women ->
        [one] woman
       *[other] women
    } and { $men } { $men ->
        [one] man
       *[other] men
    } of { $size }: the less represented sex is { PCT($minority) }

# $category: staff, deputy or community; $n: members of it; $missing, $counts: lists.
group-composition =
    .missing = { $missing }
    .lacks = the group has no { $category ->
        [staff] ayil okmotu staff
        [deputy] council deputies
       *[community] community representatives
    }
    .ok = { $counts }
    .count = { $n } { $category ->
        [staff] ayil okmotu staff
        [deputy] council deputies
       *[community] community representatives
    }

## ЖМБА needs assessment: what several rules share

# An event as a message names it: $where its field path, $kind session, focus_group,
# planning_meeting, group or hearing, $village, and $age the session's age group.
event =
    .label = { $where } ({ $kind } { $village })
    .aged = { $where } ({ $kind } { $village } { $age })

# The share of the less represented sex at each event ($kind as above). $event: the event;
# $women, $total: women and participants; $pct: women's share in percent; $sex: f or m;
# $share: the profile's minimum (0–1); $items: a list.
women_share =
    .none = no { $kind ->
        [session] session
        [focus_group] focus group
        [planning_meeting] planning meeting
        [group] initiative group
       *[hearing] hearing
    } recorded yet
    .part = { $event }: { $women } of { $total } women ({ $pct } %)
    .low_item = { $event }: { $sex ->
        [f] women
       *[m] men
    } { $pct } %
    .low = the less represented sex is below { PCT($share) }: { $items }
    .ok = { $items }

# Events run by too few facilitators: $event, $n facilitators; $min: the profile's minimum;
# $events: how many events.
facilitators =
    .item = { $event }: { $n }
    .bad = fewer than { $min } facilitators: { $items }
    .ok = { $events } events, each run by at least { $min } facilitators

## ЖМБА: the working group and the plan order (needs_assessment)

# $case: the working_group case; $workflow, $municipality: what that case is; $here: this
# case's municipality; $state: its state; $states: the states that count as formed; $n: members.
na-group_registered =
    .none = working_group_case: name the working_group case whose order approved the group
    .missing = working_group_case: there is no case { $case }
    .foreign = working_group_case: case { $case } is a '{ $workflow }' case of '{ $municipality }', not a working_group case of '{ $here }'
    .not_formed = working_group_case: case { $case } is in state '{ $state }'; its order must be signed and registered first ({ $states })
    .ok = working group case { $case } is '{ $state }' ({ $n } members)

# $case: the working group's case; $act: the plan order's date; $group: the group order's date.
na-plan_after_group_order =
    .unknown = the working group's order is unknown (see na.group_registered)
    .no_date = case { $case } has no order date
    .before = plan_order.date { DATE($act) } is before the order creating the group ({ DATE($group) })
    .ok = plan order { DATE($act) } is on or after the group's order of { DATE($group) }

# $event: a scheduled event; $missing: date, place or date_place; $n: its facilitators;
# $min: the profile's minimum; $village; $groups: age groups; $events: how many.
na-schedule_complete =
    .lacks = { $event }: { $missing ->
        [date] no date
        [place] no place
       *[date_place] no date and no place
    }
    .few = { $event }: { $n } facilitator(s), at least { $min } needed
    .no_age = { $event }: a session needs its age_group
    .lacking = schedule: no session planned in { $village } for the age group(s) { $groups }
    .none = schedule: no session is planned
    .bad = { $items }
    .ok = { $events } events, each with a date, a place and at least { $min } facilitators

# $where: the facilitators' field; $name, $person: who; $events: how many events.
na-facilitators_in_group =
    .unknown = the working group's members are unknown (see na.group_registered)
    .item = { $where }: { $name } ({ $person })
    .bad = not members of the working group: { $items }
    .ok = every facilitator of { $events } events is a member of the working group

# $n: the question's number; $field: its data field; $question_ky, $question_ru: the question
# as the form words it; $no: how many are answered «жок».
na-readiness =
    .item = { $n }. { $field } — «{ $question_ky }»
    .bad = { $no } of 8 answers are «жок»: { $items }
    .ok = all 8 answers are «ооба»

## ЖМБА: sessions with each age group

# $village; $n: sessions there; $min, $max: the profile's bounds.
na-sessions_per_village =
    .none = sessions: no session is recorded yet (add them with `muni case update`)
    .village = { $village }: { $n } sessions (between { $min } and { $max } required)
    .bad = { $items }
    .count = { $village } { $n }
    .ok = sessions per village: { $counts }

# $village; $groups: age groups.
na-age_groups_covered =
    .missing = { $village }: no session for { $groups }
    .extra = { $village }: more than two sessions for { $groups }
    .bad = { $items }
    .ok = every village has a session for each age group (18–35, 36–55, 56+)

# $event; $n: participants; $min: the profile's minimum; $sessions: how many sessions;
# $low, $high: the smallest and largest.
na-session_size =
    .item = { $event }: { $n } participants
    .bad = fewer than { $min } participants: { $items }
    .ok = { $sessions } sessions with { $low }–{ $high } participants (at least { $min })

# $where: the participants' field; $age: the session's age group; $people: "name (age)".
na-participant_ages =
    .item = { $where } ({ $age }): { $people }
    .bad = ages outside the session's group: { $items }
    .ok = every listed participant's age is within the session's age group

# $event; $on: its date; $plan: the plan order's date.
na-sessions_after_plan =
    .item = { $event } on { DATE($on) }
    .bad = sessions dated before the plan order of { DATE($plan) }: { $items }
    .ok = every session is on or after the plan order of { DATE($plan) }

# $field: the typed number's field; $typed, $computed: the typed and the counted number;
# $difference: typed − counted, signed; $source: what gives the counted number, the
# participants' list or (population) men + women; $category: deputy, staff, community or
# specialist, the participants counted.
na-typed_totals =
    .mismatch = { $field } says { $typed }, but { $source ->
        [population] men + women
       *[list] the participants' list
    } gives { $computed } (difference { $difference })
    .mismatch_in = { $field } says { $typed }, but the participants' list ({ $category }) gives { $computed } (difference { $difference })
    .bad = { $items }
    .ok = every typed total agrees with its list

# $event; $votes, $total: votes and participants; $most: stickers × participants; $per: stickers
# per participant.
na-votes_plausible =
    .item = { $event }: { $votes } votes from { $total } participants (at most { $most })
    .bad = { $items }
    .ok = no session has more votes than { $per } stickers per participant

## ЖМБА: the session report

# $date: the report's date; $last: the last session's date; $n: residents chosen.
na-session_report_after_sessions =
    .no_date = session_report.date: required (the day the report is compiled)
    .no_compiler = session_report.compiler: name who compiled the report (person id)
    .early = session_report.date { DATE($date) } is before the last session ({ DATE($last) })
    .ok = report of { DATE($date) }, after the last session ({ DATE($last) })
    .ok_alone = report of { DATE($date) }

na-active_residents =
    .none = session_report.active_residents: select the active residents to invite to the focus groups
    .ok = { $n } active residents selected for the focus groups

## ЖМБА: focus groups

# $village; $n: focus groups there; $villages: how many villages.
na-focus_group_per_village =
    .item = { $village }: { $n } focus groups
    .stray = { $village }: a focus group without sessions
    .bad = one focus group per village is required: { $items }
    .ok = one focus group in each of { $villages } villages

# $event; $on: its date; $days: days after the village's last session ($last); $max, $min:
# the profile's bounds; $village.
na-focus_group_not_late =
    .item = { $event }: { DATE($on) } is { $days } days after the last session ({ DATE($last) })
    .bad = must be within { $max } days after the sessions: { $items }
    .gap = { $village }: { $days } days after the sessions
    .ok = { $items }
    .none = no focus group recorded
    .due = focus group in { $village } ({ $min }–{ $max } days after its last session, { DATE($last) })

na-focus_group_not_early =
    .item = { $event }: only { $days } days after the last session ({ DATE($last) })
    .bad = { $items }
    .ok = every focus group is at least { $min } days after its village's sessions

# $event; $n: participants; $max, $min: the profile's bounds.
na-focus_group_max_size =
    .item = { $event }: { $n }
    .bad = more than { $max } participants: { $items }
    .ok = no focus group has more than { $max } participants

na-focus_group_min_size =
    .item = { $event }: { $n }
    .bad = fewer than { $min } participants: { $items }
    .ok = every focus group has at least { $min } participants

# $village; $problems: problems analysed that are not the village's priorities ($top); $n.
na-focus_group_problems =
    .none_analysed = { $village }: no problem analysed
    .stray = { $village }: «{ $problems }» is not among the village's priorities ({ $top })
    .bad = { $items }
    .village = { $village }: { $n } priority problems analysed
    .ok = { $items }
    .none = no focus group recorded

## ЖМБА: the planning meeting

# $date: the meeting's date; $days: days after the last focus group ($last); $max: the
# profile's days; $by: the last day allowed.
na-planning_within_week =
    .none = planning_meeting: not recorded yet
    .no_focus = no focus group is recorded: the planning meeting follows them
    .bad = planning_meeting.date { DATE($date) } is { $days } days after the last focus group ({ DATE($last) }); it must be held within { $max } days, by { DATE($by) }
    .ok = held { $days } days after the last focus group ({ DATE($last) })
    .due = planning meeting (within { $max } days of the last focus group, { DATE($last) })

# $n: participants; $max: the usual largest number.
na-planning_size =
    .none = no planning meeting recorded
    .big = { $n } participants; typically up to { $max }
    .ok = { $n } participants (typically up to { $max })

## ЖМБА: initiative groups

# $date: the order's date; $planning: the planning meeting's; $where: the group's field;
# $name: the group; $problem: its problem; $n: members.
na-initiative_groups_formed =
    .no_date = initiative_order.date: required (the head's order forming the groups)
    .none = initiative_groups: no group is listed
    .before = initiative_order.date { DATE($date) } is before the planning meeting ({ DATE($planning) })
    .empty = { $where } «{ $name }»: no members
    .not_priority = { $where } «{ $name }»: «{ $problem }» is not a village priority
    .bad = { $items }
    .group = «{ $name }» { $n }
    .ok = { $groups }

## ЖМБА: the joint action plan (БАП)

# $where: a field of the plan; $problem; $deadline, $date: an activity's deadline and the
# plan's date; $planning: the planning meeting's date; $goals, $activities: how many.
na-action_plan_content =
    .none = action_plan: not recorded yet
    .not_priority = { $where }.problem «{ $problem }» is not a village priority
    .no_tasks = { $where }.tasks: required (B-2)
    .early_deadline = { $where }.deadline { DATE($deadline) } is before the plan's date { DATE($date) }
    .before_planning = action_plan.date { DATE($date) } is before the planning meeting ({ DATE($planning) })
    .bad = { $items }
    .ok = { $goals } goals, { $activities } activities, each with every required field

# $days: days between the planning meeting and the plan; $min, $max: the usual bounds.
na-action_plan_duration =
    .nothing = nothing to compare
    .bad = drafted { $days } days after the planning meeting; typically { $min }–{ $max }
    .ok = drafted { $days } days after the planning meeting
    .due = joint action plan drafted ({ $min }–{ $max } days after the planning meeting)

# $date: the hearing's date; $plan: the БАП's date; $women, $total: women and participants;
# $cast, $for_, $against, $abstained: the votes.
na-hearing_held =
    .none = hearing: not recorded yet (assembly or public hearing on the БАП)
    .before = hearing.date { DATE($date) } is before the БАП of { DATE($plan) }
    .women = hearing.women { $women } exceeds hearing.participants_total { $total }
    .votes = hearing.votes: { $cast } votes cast (for { $for_ }, against { $against }, abstained { $abstained }) but only { $total } participants
    .bad = { $items }
    .ok = held on { DATE($date) } with { $total } participants

# $date: the hand-over's date; $hearing: the hearing's date.
na-handover_ready =
    .no_date = handover.date: required (the day the БАП goes to the council)
    .no_hearing = the БАП has not been discussed with the community (hearing)
    .before = handover.date { DATE($date) } is before the hearing ({ DATE($hearing) })
    .no_document = no registered БАП document in this case (step draft_action_plan)
    .ok = the БАП and the hearing's protocol go to the council on { DATE($date) }
