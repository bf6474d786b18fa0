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

## Every workflow: no step before its document's date (engine/guards/dates.py)

# $act: the date the document states; $today: the day the step is recorded.
act-date_reached =
    .future = the document is dated { DATE($act) }; it cannot be recorded on { DATE($today) }, before that date has come
    .ok = dated { DATE($act) }; recorded on { DATE($today) }

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

## The local council (council_decision, council_session)

# Values several council messages share: a case and its state.
case =
    .state = { $case } ({ $state })

# A date recorded ahead of the day the step is recorded. $what names the date; $field the
# data field (for a document of the package); $on the date; $today the day of the step.
not_ahead =
    .date = { $what ->
        [discussion_published] the publication for discussion
        [discussion_end] the close of the discussion
        [package] { $field }
        [commission] the commission's conclusion
        [notice] the notice
        [publication] the publication
        [register_letter] the letter to the State Register
        [inclusion] the inclusion
        [refusal] the refusal
        [withdrawal] the withdrawal
        [protest] the prosecutor's act
        [court_application] the application
       *[court_decision] the court's decision
    } is dated { DATE($on) }, a date that has not come (today { DATE($today) })

# A term of working days: $days after $start, due $due, skipping $count holidays ($skipped:
# each $date and $name); or unknown, $why (the holiday calendar's words).
term =
    .due = due { DATE($due) } ({ $days } working days after { DATE($start) }{ $count ->
        [0] {""}
       *[other] ; skips { $skipped }
    })
    .holiday = { DATE($date) } { $name }
    .unknown = { $days } working days after { DATE($start) }: due date unknown — { $why }

# $case: the case named in draft.source_case; $municipality, $here: its municipality and this
# case's; $workflow, $state: what it is; $states: the states that hand a case to the council;
# $plan: the plan handed over; $title, $clause, $period, $field: the words that must name it.
draft-source_case_ready =
    .own = the draft does not come from another procedure
    .missing = draft.source_case: there is no case { $case }
    .foreign = draft.source_case: case { $case } belongs to '{ $municipality }', not '{ $here }'
    .not_handed = draft.source_case: case { $case } ({ $workflow }) is in state '{ $state }', not '{ $states }'
    .plan = { $items }
    .annex_title = annex 1 is titled «{ $title }», but the plan handed over by case { $case } is «{ $plan }» ({ $field })
    .title_period = the decision's title «{ $title }» does not state the plan's period «{ $period }» ({ $field })
    .clause_period = the approving clause «{ $clause }» does not state the plan's period «{ $period }»
    .clause_plan = the approving clause names «{ $clause }», not the plan «{ $plan }» (draft.clauses[].approve.ky)
    .handed_plan = case { $case } ({ $workflow }) was handed to the council with its plan «{ $plan }»
    .handed = case { $case } ({ $workflow }) was handed to the council

# $n: an annex's number or how many; $title; $field.
draft-annex_text =
    .annex = annex { $n } «{ $title }» ({ $field })
    .empty = an annex must carry the text it approves: record its sections and items, or hand over the case whose plan it is (draft.source_case); empty: { $items }
    .ok = { $n } annex(es), each with its text
    .none = the decision has no annexes

# $published: the draft's publication for discussion; $registered: the draft's registration;
# $start: the day the month runs from.
act-public_discussion_started =
    .not_normative = the draft is not a normative act; public discussion is not required
    .unpublished = record the draft's publication for discussion (discussion.published, discussion.where)
    .before_registered = the draft was published for discussion on { DATE($published) }, before it was registered on { DATE($registered) }
    .no_where = record where the draft was published (discussion.where)
    .ok = published for discussion on { DATE($published) }; the month runs from { DATE($start) }

# $months: the profile's months; $published, $end: the discussion; $earliest: the first day it
# may close; $comments: proposals received.
act-public_discussion =
    .not_normative = not a normative act: no public discussion required
    .unrecorded = a normative draft goes to public discussion for not less than { $months } month(s) first: record discussion.published and discussion.end
    .short = the discussion closed on { DATE($end) }; published on { DATE($published) }, it runs not less than { $months } calendar month(s) from the next day, until { DATE($earliest) }
    .no_comments = record how many proposals were received (discussion.comments)
    .ok = discussed { DATE($published) } – { DATE($end) } (not less than { $months } month(s): until { DATE($earliest) }), { $comments } proposals

# $part: cover_letter, justification or comparison_table; $amends: the acts the draft amends;
# $field, $on: a document of the package and its date; $end: the discussion's close.
draft-package =
    .not_normative = not a normative act: its package is not required
    .missing_part = { $part ->
        [cover_letter] the cover letter
       *[justification] the justification note
    }
    .missing_table = the comparison table (the draft amends { $amends })
    .missing = a normative draft reaches the kenesh with its package; missing: { $items } (package); without it the draft is returned unconsidered
    .early = { $field } is dated { DATE($on) }, before the discussion closed on { DATE($end) }: the justification note holds its results
    .part = { $part ->
        [cover_letter] cover letter
        [justification] justification
       *[comparison_table] comparison table
    }
    .ok = the package is recorded: { $items }

# $on: the conclusion's date; $registered, $submitted: the draft's registration and submission;
# $last: the last session; $conclusion: recommend, recommend_with_changes or not_recommend.
draft-commission_examined =
    .none = no standing commission's conclusion is recorded (commission)
    .before_registered = the commission's conclusion is dated { DATE($on) }, before the draft was registered on { DATE($registered) }
    .before_submitted = the commission's conclusion is dated { DATE($on) }, before the draft was submitted with its package on { DATE($submitted) }
    .stale = the commission's conclusion is dated { DATE($on) }; after the session of { DATE($last) } the draft needs a new examination (commission.date)
    .not_recommended = the commission does not recommend the draft (commission.conclusion)
    .ok = examined on { DATE($on) }: { $conclusion ->
        [recommend] recommend
        [recommend_with_changes] recommend with changes
       *[other] { $conclusion }
    }

# $number, $convocation, $date: the session; $item: the agenda item.
draft-on_convened_session =
    .none = no convened session lists this draft on its agenda; add it to a session's agenda and convene the session
    .ok = on the agenda of session № { $number } (convocation { $convocation }) of { DATE($date) }, item { $item }

draft-session_held =
    .not_held = the session that lists this draft has not been held (a commission's approval is not an adoption)
    .no_vote = session № { $number } recorded no vote on this draft
    .ok = session № { $number } of { DATE($date) } was held and voted

# $number, $convocation; $case: the session case with the same number.
session-numbered =
    .taken = session № { $number } of convocation { $convocation } is already case { $case }
    .ok = session № { $number } of convocation { $convocation }

# $index: an agenda item; $case, $draft: the draft's case; $municipality; $session: the other
# session case; $state: the draft's state; $end: the close of its discussion; $n: drafts.
session-agenda_ready =
    .empty = the agenda is empty (agenda)
    .bad = { $items }
    .ok = { $n } drafts, each ready for the session
    .not_draft = agenda item { $index }: case { $case } is not a council draft of '{ $municipality }'
    .listed = agenda item { $index }: draft { $draft } is already on the agenda of session case { $session }
    .on_agenda = draft { $draft } is on this session's agenda
    .not_ready = agenda item { $index }: draft { $draft } is in state '{ $state }'; a draft is ready once a standing commission examined it (a normative draft: after its public discussion, with its package)
    .discussion_open = agenda item { $index }: the public discussion of draft { $draft } ends { DATE($end) }, not before the session
    .ready = draft { $draft } is { $state }

# $notice, $date: the notice and the session; $gap: days between; $kind: ordinary or
# extraordinary; $days: the profile's minimum.
session-notice_in_time =
    .none = the date the deputies and the public were notified is not recorded (notice.date)
    .not_before = the notice is dated { DATE($notice) }, not before the session of { DATE($date) }: the public is informed in advance
    .short = notified { $gap } days before the { $kind } session; the kenesh's regulation asks at least { $days }
    .ok = notified { $gap } days before the { $kind } session (at least { $days })

# $date: the demand's date; $ids: persons not deputies then; $n: deputies who demanded;
# $needed, $words, $elected: the threshold; $notice; $names: the deputies.
session-extraordinary_demand =
    .ordinary = an ordinary session: no demand needed
    .none = an extraordinary session is held on the demand of deputies: record the demand's date and the deputies who made it (demand.date, demand.deputies)
    .strangers = not deputies on record on { DATE($date) }: { $ids } (officials, role 'deputy')
    .twice = a deputy is listed twice in the demand
    .too_few = { $n } deputies demanded the session; { $needed } are needed ({ $words } of the total number of deputies: { $elected })
    .notice_first = the notice of { DATE($notice) } precedes the demand of { DATE($date) }
    .ok = demanded on { DATE($date) } by { $n } deputies ({ $needed } needed: { $words } of { $elected }): { $names }

# The kenesh's periodic duties, as `status --overdue` lists a period without one (engine/acts.py).
session-quarterly =
    .missed = no ordinary session was held in { DATE($start) } – { DATE($end) }

session-head_report =
    .missed = the head of the ayil okmotu did not report to the kenesh in { DATE($start) } – { DATE($end) }

# $items: agenda items without a vote; $n: items.
session-votes_recorded =
    .no_attendance = the attendance is not recorded (attendance.present or attendance.count)
    .missing = no vote recorded for agenda item(s) { $items }
    .ok = votes recorded on all { $n } items

# $present, $elected: deputies present and elected; $ids; $date: the session's.
vote-attendance =
    .none = the attendance is not recorded
    .too_many = { $present } present, but the council has { $elected } elected deputies
    .count = { $present } deputies present (recorded as a count)
    .twice = listed as present more than once: { $ids }
    .strangers = not deputies on record on { DATE($date) }: { $ids } (officials, role 'deputy')
    .ok = { $present } deputies present, each on record on { DATE($date) }

# $needed: the quorum; $words: the law's words for it.
vote-quorum =
    .none = the attendance is not recorded
    .no = { $present } of { $elected } deputies present; a quorum needs { $needed } ({ $words })
    .ok = { $present } of { $elected } deputies present; quorum { $needed } ({ $words })

# A recorded vote that cannot be true: $name (for, against or abstained) and $value; $present,
# $elected; $voted, $for_, $against, $abstained; $deputy, $choice, $choices; $item: the
# agenda item; $n: tallies.
vote-tally =
    .no_session = no session record
    .no_vote = no vote is recorded
    .negative = '{ $name }' is { $value }; a count cannot be negative
    .over_elected = { $present } deputies present, but the council has only { $elected } elected deputies
    .over_present = { $voted } votes cast (for { $for_ }, against { $against }, abstained { $abstained }) but only { $present } deputies present
    .twice = deputy '{ $deputy }' voted more than once
    .unknown_choice = deputy '{ $deputy }': unknown vote '{ $choice }' (use { $choices })
    .absent = deputy '{ $deputy }' voted but is not recorded as present
    .item = item { $item }: { $problems }
    .bad = { $items }
    .ok = { $n } tally(ies) consistent with { $present } present

# One threshold of a decision's kind: $got counted of $measure (for: votes for; participants:
# deputies who voted), $needed required, $words the law's words, $base the number it is of;
# $kind: the decision's kind.
vote-threshold =
    .no_vote = no vote is recorded on this draft
    .not_required = not required for a decision of kind '{ $kind }'
    .count = { $got } { $measure ->
        [participants] deputies took part
       *[for] votes for
    }; { $needed } required ({ $words }: { $base })

# $votes: votes for; $required: each threshold ($words, $needed); $present, $needed: quorum.
vote-not_adopted =
    .no_vote = no vote is recorded on this draft
    .requirement = { $words } — { $needed }
    .adopted = the draft was adopted ({ $votes } for; { $required }); record the adoption instead
    .no_quorum = no quorum ({ $present } present, { $needed } needed)
    .failed = { $votes } for; not reached: { $required }

# $signer: the signing account's person; $date: the session's; $name: the chair or the
# presiding deputy; $presiding: the presiding deputy's id.
decision-signer_is_chair =
    .no_session = no session adopted this draft
    .account_not_chair = the signing account's person is '{ $signer }', but the council chair on record on { DATE($date) } is { $name }
    .account_not_presiding = the signing account's person is '{ $signer }', but no chair is on record on { DATE($date) }; the presiding deputy is { $name }
    .account_nobody = the signing account's person is '{ $signer }', but no chair is on record on { DATE($date) }; the presiding deputy is not named
    .chair_in_office = the council chair on record on { DATE($date) } is { $name }; '{ $presiding }' cannot sign while a chair is in office
    .chair = { $name } is the council chair on record on { DATE($date) }
    .nobody = no council chair is on record on { DATE($date) } and no presiding deputy is named (session case: presiding)
    .not_deputy = the presiding '{ $presiding }' is not a deputy on { DATE($date) }
    .presiding = no chair on record on { DATE($date) }: the presiding deputy { $name } signs

act-is_normative =
    .no = only normative acts go to the State Register (draft.normative is false)
    .ok = a normative act

# $on: the publication's date; $signed: the signature's; $source: where it was published.
act-publication_recorded =
    .none = the publication is not recorded (publication.source, publication.date)
    .before = published { DATE($on) }, before the decision was signed on { DATE($signed) }
    .ok = published { DATE($on) } in { $source }

act-register_after_publication =
    .none = a normative act goes to the State Register after its official publication: record the publication first (publication)
    .ok = published { DATE($on) }; it may now be sent to the State Register

# $sent, $published: the letter and the publication; $pages.
act-register_sent_recorded =
    .none = the date sent is not recorded (register.sent)
    .before = sent { DATE($sent) }, before the publication of { DATE($published) }
    .no_pages = the number of pages is not recorded (register.pages)
    .ok = sent { DATE($sent) }, { $pages } pages

# $term: the term of working days; $entered: the entry's date.
act-register_term =
    .none = no term: not a published normative act
    .term = { $term }
    .late = entered on { DATE($entered) }, after the term: { $term }
    .passed = not entered yet; the term has passed: { $term }
    .due = entry in the State Register (Ministry of Justice)

# $number, $on: the register number and the date of inclusion; $case: the case that has the
# number; $sent: the letter's date.
act-register_number_unique =
    .none = record the register number and date of inclusion (register.number, .date)
    .taken = register number { $number } is already recorded for case { $case }
    .unsent = the sending is not recorded (register.sent): send the act first
    .before = included { DATE($on) }, before it was sent on { DATE($sent) }
    .ok = register number { $number } of { DATE($on) }

# $on: the refusal's date; $sent; $grounds: the Ministry's grounds.
act-refusal_recorded =
    .none = record the refusal's date and grounds (refusal.date, refusal.grounds)
    .before = refused { DATE($on) }, before the act was sent on { DATE($sent) }
    .ok = refused { DATE($on) }: { $grounds }

# $case: this act's case, or the decision's; $pending: decisions not yet signed; $state.
act-conformity_decision =
    .none = no signed council decision replaces this act (draft.replaces: { $case })
    .pending = no signed council decision replaces this act (draft.replaces: { $case }); pending: { $pending }
    .ok = replaced by decision case { $case } ({ $state })

act-withdrawal_recorded =
    .none = record the withdrawal's date and basis (withdrawal.date, .basis)
    .ok = withdrawn { DATE($on) }

# $number, $on: the register number and date; $published.
act-in_force_requires_register =
    .not_normative = not a normative act
    .unpublished = a normative act has force only once officially published
    .unregistered = not entered in the State Register yet: a normative act not entered has no legal force
    .ok = entered as { $number } on { DATE($on) }, published { DATE($published) }

# $days: the profile's minimum for acts regulating business; $earliest; $named: the date the
# act names; $on: the date it enters into force.
act-in_force_date =
    .unpublished = not published yet: the entry-into-force date cannot be computed
    .business = an act regulating business enters into force not earlier than { $days } days after its publication ({ DATE($earliest) }); it names { DATE($named) } (draft.in_force)
    .future = the act enters into force on { DATE($on) }
    .ok = in force from { DATE($on) }

act-repealing_act_in_force =
    .none = no act in force repeals this one (draft.repeals: [{ $case }])
    .ok = repealed by decision case { $case }

# $number, $on, $prosecutor: the prosecutor's act of response.
oversight-protest_recorded =
    .none = record the prosecutor's act of response (oversight.protest: number, date, prosecutor)
    .before = the prosecutor's act of { DATE($on) } precedes the act's publication
    .ok = act of response № { $number } of { DATE($on) } ({ $prosecutor })

# The kenesh's answer to the prosecutor: $effect suspend, cancel, amend or reject; $case: this
# act's case, or the answering decision's; $pending; $state.
oversight-answer =
    .no_protest = no prosecutor's act of response is recorded (oversight.protest)
    .none = no signed decision of the kenesh { $effect ->
        [suspend] suspending
        [cancel] cancelling
        [amend] amending
       *[reject] rejecting the prosecutor's act on
    } this act (a council_decision with draft.oversight: {"{"}act: { $case }, effect: { $effect }{"}"})
    .pending = no signed decision of the kenesh { $effect ->
        [suspend] suspending
        [cancel] cancelling
        [amend] amending
       *[reject] rejecting the prosecutor's act on
    } this act (a council_decision with draft.oversight: {"{"}act: { $case }, effect: { $effect }{"}"}); pending: { $pending }
    .ok = decision case { $case } { $effect ->
        [suspend] suspending
        [cancel] cancelling
        [amend] amending
       *[reject] rejecting the prosecutor's act on
    } this act ({ $state })

# $court, $on: the court and the application's date.
oversight-court_application_recorded =
    .no_rejection = the prosecutor goes to court after the kenesh rejected the response; no signed rejecting decision is recorded
    .none = record the prosecutor's application (oversight.court_application: date, court)
    .ok = applied to { $court } on { DATE($on) }

# $on: the court's decision; $applied: the application; $outcome, $wanted: invalid or upheld;
# $court, $document, $published.
oversight-court =
    .none = record the court's decision (oversight.court: date, court, document, outcome)
    .before = the court's decision of { DATE($on) } precedes the application of { DATE($applied) }
    .other = the court's decision recorded is '{ $outcome }', not '{ $wanted }'
    .ok = { $outcome }: { $court }, { DATE($on) } ({ $document })
    .ok_published = { $outcome }: { $court }, { DATE($on) } ({ $document }), published { DATE($published) }

## Where a rule's value stands against the law in force (engine/verdicts.py; rules.RuleStatus)

# $texts: the texts (laws, methodology) named as the profile names them; $profile: a profile's
# id; $why: the profile's words; $parts: the parts, joined.
rule_status =
    .words = { $parts }
    .design = muni design rule (no legal text)
    .practice = practice: no legal text was found for it
    .checked = checked against { $texts }
    .not_checked = not checked against { $texts }
    .unverified = basis not verified
    .inherited = inherited from { $profile }
    .doubt = in doubt: { $why }
    .withdrawn = withdrawn in { $profile }: { $why }

## Who acted, as the audit records it (engine/identity.py): $how is how the person was known
## (password, session, cli_session); $session the public name of a web or `muni login` session.

actor =
    .declared = { $name } (declared)
    .by = { $login } ({ $name }; { $how })
    .by_session = { $login } ({ $name }; { $how ->
        [cli_session] command-line session
       *[other] { $how }, session
    } { $session })

## The command line's words around the rules (cli.py): the labels and headings of its text
## output, in the language of --lang. --json never carries them. Ids (cases, states, steps,
## rules, profiles) are printed as they are; dates come as ISO text.

cli-case =
    .head = Case { $case } · { $workflow } · { $municipality }

cli-explain =
    .state = State: { $name } — { $title }
    .state_final = State: { $name } — { $title } (final)
    .profile = Rule profile: { $id } (in force from { DATE($since) }) — { $title }
    .allowed = ALLOWED
    .refused = REFUSED
    .four_eyes = needs a second person: not { $who }
    .four_eyes_preparer = needs a second person: not the preparer
    .data = data: { $problem }
    .deadlines = Deadlines:

cli-verdict =
    .basis = basis: { $basis }
    .basis_in = basis ({ $basis_lang ->
        [ky] Kyrgyz
        [ru] Russian
       *[en] English
    }): { $basis }

# $status: met, missed, overdue, pending, unknown (engine/explain.py deadlines)
cli-deadline =
    .line = [{ $status ->
        [met] met
        [missed] missed
        [overdue] overdue
        [pending] pending
       *[unknown] unknown
    }] { $what }: { $window } ({ $basis })
    .by = by { DATE($due) }
    .window = { DATE($start) } … { DATE($due) }
    .by_unknown = by due date unknown — { $why }
    .window_unknown = { DATE($start) } … due date unknown — { $why }

cli-overdue =
    .none = Nothing overdue.
    .case = case { $case } ({ $state })
    .line = { $who }: { $what } — due { DATE($due) }, { $days } days overdue [{ $rule }]

cli-status =
    .none = No cases.
    .case = case
    .workflow = workflow
    .municipality = municipality
    .state = state
    .updated = updated
    .newest = { $total } cases; the { $shown } most recently changed (--limit N, or 0 for all; -w/-s/-m to narrow):

cli-preview =
    .draft = Case { $case }: draft of '{ $trigger }'
    .draft_refused = Case { $case }: draft of '{ $trigger }' (its rules do not all hold yet — see `muni explain`)

cli-history =
    .profile = [profile { $id }]
    .tried = ✗ { $at } { $who } tried { $action }: refused by { $by } — { $message }

# explain --at: the steps recorded until a date, as recorded. $version: unrecorded, edited,
# unchanged (the profile's text then against today's); $status of a document: ok, altered,
# missing, pending (engine/verify.py).
cli-as_of =
    .nothing = On { DATE($date) } the case had no recorded step yet.
    .still = As of { DATE($date) }: state '{ $state }' (after audit #{ $audit }).
    .moved = As of { DATE($date) }: state '{ $state }' (after audit #{ $audit }); the case has moved since.
    .step = #{ $audit } { DATE($on) } { $trigger }: { $from_state } → { $to } by { $who } (recorded { $at })
    .four_eyes = four eyes: prepared by { $preparers }; confirmed by { $who }
    .profile = rule profile then: { $id } (in force from { DATE($since) }), sha256 { $sha }… — { $version ->
        [edited] EDITED since (now { $now }…)
        [unchanged] unchanged since
       *[unrecorded] version not recorded
    }
    .profile_act = rule profile then: { $id } (in force from { DATE($since) }, act dated { DATE($act) }), sha256 { $sha }… — { $version ->
        [edited] EDITED since (now { $now }…)
        [unchanged] unchanged since
       *[unrecorded] version not recorded
    }
    .document = document{ $number }: { $path } [{ $status ->
        [ok] ok
        [altered] altered
        [missing] missing
       *[pending] pending
    }]
    .now = Now:
