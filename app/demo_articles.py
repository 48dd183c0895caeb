"""Demo knowledge-base articles for flask seed-demo: realistic EA/PA how-to guidance."""

ARTICLES = [
    # ------------------------------------------------------------------ Meetings and committees
    {
        "title": "Booking the Council Chamber",
        "summary": "How to book the Council Chamber at the Civic Centre for formal meetings, member briefings and large events, and what to arrange before the day.",
        "category": "Meetings and committees",
        "tags": ["room booking", "committees", "civic centre", "political neutrality"],
        "owner": "ea@staffroom.test",
        "body": """The Council Chamber on the ground floor of the Civic Centre is the council's main venue for full Council, Cabinet and the larger committees. The Democratic Services team manage the Chamber diary, and formal meetings always take priority over any other booking.

## Who can book the Chamber

- Meetings of full Council, Cabinet and formal committees (booked by Democratic Services)
- Member briefings and cross-party working groups
- Director-led events for more than 40 people, with the Chief Executive's office agreeing

Team meetings and training sessions should use the Committee Rooms on the first floor instead.

## How to book

1. Check the **Civic Centre - Council Chamber** resource calendar in Outlook to see whether the date is free.
2. Email the Democratic Services mailbox at least **15 working days** before the event, giving the date, times (including set-up and clear-down), expected numbers and the lead officer.
3. Wait for confirmation. Provisional holds show in the calendar as "Tentative"; confirmed bookings show as "Busy".
4. Add the booking reference (for example `CC-2291`) to the entry in your director's diary.

## Layout, AV and webcasting

| Layout | Capacity | Notes |
| --- | --- | --- |
| Committee (horseshoe) | 60 | Default layout; microphones at every seat |
| Theatre | 120 | Facilities move the desks; allow half a day |
| Cabaret | 70 | Round tables, booked through Facilities |

Public meetings are webcast. If your event is not a formal meeting, tell Democratic Services whether the cameras should be switched off.

### Before the day

- [ ] Confirm numbers and layout with Facilities (extension 4321)
- [ ] Book catering separately (see *Arranging catering for a meeting*)
- [ ] Give reception a list of external visitors
- [ ] Check the hearing loop if anyone has asked for it

> The Chamber is not available during the pre-election period for anything that could be seen as political. If in doubt, ask Democratic Services before you promise a date.
""",
        "history": [
            {
                "body": """The Council Chamber on the ground floor of the Civic Centre is used for full Council, Cabinet and the larger committees. The Democratic Services team manage the Chamber diary.

## Who can book the Chamber

- Meetings of full Council, Cabinet and formal committees (booked by Democratic Services)
- Member briefings and cross-party working groups

Team meetings and training sessions should use the Committee Rooms on the first floor instead.

## How to book

1. Email the Democratic Services mailbox at least **10 working days** before the event, giving the date, times, expected numbers and the lead officer.
2. Check the **Civic Centre - Council Chamber** resource calendar in Outlook to see whether the date is free.
3. Wait for confirmation from Democratic Services.
4. Add the booking to your director's diary.

## Before the day

- Confirm numbers and layout with Facilities (extension 4321)
- Book catering separately
- Give reception a list of external visitors

The Chamber seats 60 in the usual committee layout. Larger events need the theatre layout, which Facilities set up for you.
""",
                "note": "First version",
                "author": "ea@staffroom.test",
            },
        ],
        "change_note": "Notice period now 15 working days; added layouts table and pre-election note",
        "months_since_review": 3,
        "helpful": 9,
        "not_helpful": 1,
    },
    {
        "title": "Preparing Cabinet papers",
        "summary": "The timetable and checks for getting a director's Cabinet report from first draft to published agenda pack without missing a deadline.",
        "category": "Meetings and committees",
        "tags": ["committees", "democratic services", "deadlines", "confidential"],
        "owner": "pa.leader@staffroom.test",
        "body": """Cabinet meets every four weeks on a Wednesday evening in the Council Chamber. Every report has to pass through a fixed clearance route before Democratic Services will publish it, so the EA or PA supporting the report author needs to hold the timetable from the start.

## The clearance timetable

| Working days before Cabinet | What must happen |
| --- | --- |
| 25 | Draft report to the Cabinet Member for comment |
| 20 | Finance and Legal comments requested |
| 15 | Report to Corporate Leadership Team (CLT) |
| 10 | Final report, with all comments, to Democratic Services |
| 5 | Agenda published (see *Publishing agendas five clear working days before a meeting*) |

If a report will miss the 10-day deadline, the director must tell the Monitoring Officer in writing. Late reports need the Chair's agreement and a reason for urgency in the report itself.

## Using the report template

1. Start from the current Cabinet report template in the Democratic Services SharePoint library. Old templates are rejected.
2. Fill in the **key decision** box. Key decisions must have been on the Forward Plan for at least 28 days.
3. Complete the implications sections (finance, legal, equalities, climate). "None" is not acceptable without a sentence of explanation.
4. Save appendices as separate files named `Appendix A - title.docx` and so on.
5. Check for exempt information. Anything confidential goes in a separate Part 2 appendix, marked with the relevant paragraph of Schedule 12A.

## Final checks before sending

- [ ] Finance comments received and pasted in, with the officer's name
- [ ] Legal comments received and pasted in, with the officer's name
- [ ] Equality impact assessment attached or the reason it is not needed
- [ ] Cabinet Member has seen the final version
- [ ] Director has signed off by email (keep the email in the report folder)

Send the pack to Democratic Services in one email with the subject line `Cabinet [date] - [report title]`.
""",
        "history": [
            {
                "body": """Cabinet meets every four weeks on a Wednesday evening. Every report has to be cleared before Democratic Services will publish it.

## The clearance timetable

- Draft report to the Cabinet Member: 20 working days before
- Finance and Legal comments: 15 working days before
- Corporate Leadership Team: 12 working days before
- Final report to Democratic Services: 8 working days before

## Using the report template

1. Start from the Cabinet report template in the Democratic Services SharePoint library.
2. Fill in the key decision box.
3. Complete the implications sections (finance, legal, equalities).
4. Save appendices as separate files.

## Final checks before sending

- Finance and Legal comments received
- Cabinet Member has seen the final version
- Director has signed off

Send the pack to Democratic Services in one email.
""",
                "note": "First version",
                "author": "pa.director@staffroom.test",
            },
            {
                "body": """Cabinet meets every four weeks on a Wednesday evening. Every report has to pass through a fixed clearance route before Democratic Services will publish it, so the EA or PA supporting the report author needs to hold the timetable from the start.

## The clearance timetable

| Working days before Cabinet | What must happen |
| --- | --- |
| 20 | Draft report to the Cabinet Member for comment |
| 15 | Finance and Legal comments requested |
| 12 | Report to Corporate Leadership Team (CLT) |
| 8 | Final report, with all comments, to Democratic Services |

If a report will miss the deadline, the director must tell the Monitoring Officer.

## Using the report template

1. Start from the current Cabinet report template in the Democratic Services SharePoint library.
2. Fill in the **key decision** box. Key decisions must have been on the Forward Plan for at least 28 days.
3. Complete the implications sections (finance, legal, equalities).
4. Save appendices as separate files.

## Final checks before sending

- [ ] Finance and Legal comments received
- [ ] Cabinet Member has seen the final version
- [ ] Director has signed off by email

Send the pack to Democratic Services in one email.
""",
                "note": "Turned the timetable into a table and added the Forward Plan rule",
                "author": "pa.leader@staffroom.test",
            },
        ],
        "change_note": "New clearance deadlines from April; added climate implications and Part 2 appendices",
        "months_since_review": 2,
        "helpful": 11,
        "not_helpful": 0,
    },
    {
        "title": "Minuting a committee meeting",
        "summary": "How to take, draft and circulate minutes of a formal committee so that they record decisions accurately and can be signed by the Chair.",
        "category": "Meetings and committees",
        "tags": ["committees", "democratic services", "records"],
        "owner": "ea@staffroom.test",
        "body": """Formal committee minutes are a legal record of what the council decided. They are not a transcript: they record who was there, what was declared, what was decided and the reasons. Democratic Services officers minute most formal meetings, but EAs are often asked to cover sub-committees, panels and working groups.

## Before the meeting

1. Get the final agenda and reports from the agenda pack, and set up your minutes template with the item numbers already in.
2. Print the attendance sheet and the declarations of interest form.
3. Check with the Chair whether any item will be taken in private (Part 2).

## During the meeting

- Record apologies, substitutes and who arrived late or left early, with the item number.
- Write down **declarations of interest** word for word, including whether the councillor left the room.
- For each item, note the main points of debate in two or three sentences and the **exact wording of the resolution**. If the wording is unclear, ask the Chair to repeat it before moving on. That is normal and expected.
- Record votes only when a recorded vote is requested; otherwise "RESOLVED" is enough.

## Writing up

Use past tense and reported speech ("Members asked whether..."), and do not name officers or members in the debate summary unless they are moving a motion. Keep personal opinions and humour out.

Send the draft to the lead officer within **three working days**, then to the Chair. Do not circulate draft minutes more widely until the Chair has approved them.

> Minutes are "confirmed as a correct record" at the next meeting, and only then does the Chair sign them. Keep the signed copy for the archive (see *Archiving and retention of committee papers*).

### Common mistakes

- Recording a decision as "agreed" when the report recommendations were amended
- Leaving out the reason for an exempt item
- Forgetting to note the time the meeting closed
""",
        "history": [
            {
                "body": """Formal committee minutes are a legal record of what the council decided. They record who was there, what was declared and what was decided. Democratic Services officers minute most formal meetings, but EAs are often asked to cover sub-committees and panels.

## During the meeting

- Record apologies and substitutes.
- Write down declarations of interest.
- For each item, note the main points of debate and the wording of the resolution.
- Record votes only when a recorded vote is requested.

## Writing up

Use past tense and reported speech ("Members asked whether..."). Keep personal opinions out.

Send the draft to the lead officer within **five working days**, then to the Chair. Do not circulate draft minutes more widely until the Chair has approved them.

Minutes are confirmed as a correct record at the next meeting and signed by the Chair.
""",
                "note": "First version",
                "author": "ea@staffroom.test",
            },
        ],
        "change_note": "Added 'Before the meeting' and common mistakes; draft now due in three working days",
        "months_since_review": 5,
        "helpful": 7,
        "not_helpful": 2,
    },
    {
        "title": "Publishing agendas five clear working days before a meeting",
        "summary": "What the Access to Information rules require for publishing committee agendas, how to count clear days and what to do when a report is late.",
        "category": "Meetings and committees",
        "tags": ["committees", "democratic services", "deadlines"],
        "owner": "ea@staffroom.test",
        "body": """Under the Access to Information rules in the Local Government Act 1972, the agenda and reports for a public meeting must be available for inspection at least **five clear working days** before the meeting. If we publish late, the item may not be lawfully considered, so this deadline is not negotiable.

## Counting clear days

A clear day does not include the day the agenda is published or the day of the meeting. Weekends and bank holidays do not count either.

| Meeting day | Publish by the end of |
| --- | --- |
| Monday | The Friday of the week before last |
| Wednesday | The Tuesday of the week before |
| Thursday | The Wednesday of the week before |

### Worked example

For a meeting on **Thursday 14th**, the five clear days are Wednesday 13th back to Thursday 7th (skipping the weekend). The agenda must therefore be published by the end of **Wednesday 6th**.

When a bank holiday falls in the period, add one more working day. If you are unsure, count backwards on a calendar and ask Democratic Services to check.

## How publication works

1. Democratic Services upload the agenda pack to the committee management system.
2. The pack appears on the council's website and a printed copy is left at Civic Centre reception.
3. Members get an email notification; printed packs are posted only to members who have asked for them.

## When a report is late

- Tell Democratic Services straight away, with the reason.
- The Chair can accept a late item only if it is urgent, and the minutes must record the reason for urgency.
- Supplementary agendas still have to be published as soon as the report is ready.

> Exempt (Part 2) reports are not published, but the agenda must still list the item and the paragraph of Schedule 12A that applies.
""",
        "history": [],
        "change_note": "First version",
        "months_since_review": 4,
        "helpful": 8,
        "not_helpful": 1,
    },
    {
        "title": "Arranging catering for a meeting",
        "summary": "When catering is allowed, how to order it from the Civic Centre café or an approved supplier, and how to charge it to the right budget.",
        "category": "Meetings and committees",
        "tags": ["catering", "room booking", "budgets", "suppliers"],
        "owner": "admin@staffroom.test",
        "body": """Catering is paid for from public money, so it should be modest and only ordered when it is genuinely needed. This guide covers meetings at the Civic Centre and at the Depot on Riverside Road.

## When catering is allowed

- Meetings that run over a mealtime and last at least three hours
- Meetings with external partners or members of the public
- Interview panels lasting a full day
- Formal civic events agreed by the Mayor's office

Internal team meetings, one-to-ones and training delivered by our own staff should not have catering. Water jugs and glasses are available in every meeting room free of charge.

## How to order

1. Check the menu and prices on the Facilities intranet page. Tea, coffee and biscuits are currently £1.80 per person; a working lunch is £7.50 per person.
2. Order through the **Civic Centre café** by emailing the Facilities mailbox by **12 noon, two working days before** the meeting.
3. Give the room, the time you want it delivered, numbers, the cost code and any dietary requirements.
4. For numbers over 30 or for events outside the Civic Centre, use an approved supplier on the framework and raise a purchase order (see *Raising a purchase order*).

## Dietary requirements

Always ask attendees in the invitation. Label anything that contains the 14 major allergens and keep the supplier's allergen sheet with the food. Vegetarian options should make up at least a third of any order.

## After the meeting

- Let Facilities know if numbers dropped, so that they can adjust the recharge.
- Do not take leftover food home. Offer it to the staff kitchen on the same floor.
- Check the monthly recharge report and challenge anything that looks wrong within 10 working days.

**Tip:** if a meeting is cancelled less than 24 hours beforehand, we are still charged in full, so cancel as early as you can.
""",
        "history": [],
        "change_note": "First version",
        "months_since_review": 7,
        "helpful": 5,
        "not_helpful": 1,
    },
    {
        "title": "Archiving and retention of committee papers",
        "summary": "How long to keep agendas, reports, minutes and working papers for committee meetings, and how to send records to the Records Centre.",
        "category": "Meetings and committees",
        "tags": ["committees", "records", "information governance", "confidential"],
        "owner": "pa.leader@staffroom.test",
        "body": """Committee papers are part of the council's permanent public record. Signed minutes in particular must be kept for ever, while many working papers can be destroyed after a few years. This guide follows the council's corporate retention schedule.

## What to keep and for how long

| Record | Keep for | Then |
| --- | --- | --- |
| Signed minutes | Permanently | Transfer to the Records Centre after 2 years |
| Published agendas and reports | Permanently | Held electronically by Democratic Services |
| Exempt (Part 2) reports | Permanently | Stored securely, access restricted |
| Officers' handwritten notes of a meeting | Until the minutes are confirmed | Confidential shredding |
| Audio recordings used for minuting | 6 months after the meeting | Delete |
| Correspondence about arranging the meeting | 2 years | Delete |

## Sending records to the Records Centre

1. Put the signed minutes in the acid-free folders available from the Records Centre (extension 4410). Do not use plastic wallets, staples or paper clips.
2. Complete a transfer list, one line per meeting, with the committee name, date and the retention reference `COM-01`.
3. Book a collection through the Records Centre mailbox. Boxes are collected from Room 0.08 on Tuesdays.
4. Keep a copy of the transfer list in the team's SharePoint records folder.

## Electronic papers

The committee management system is the master copy of published papers. Do not keep your own copies in personal OneDrive folders. If you need a working copy, link to it rather than downloading it.

> When in doubt, don't destroy. Ask the Information Governance team first, because once a record is gone it cannot be recovered.
""",
        "history": [
            {
                "body": """Committee papers are part of the council's permanent public record. Signed minutes must be kept for ever, but many working papers can be destroyed after a few years.

## What to keep and for how long

- Signed minutes: permanently
- Published agendas and reports: permanently
- Officers' notes of a meeting: until the minutes are confirmed
- Audio recordings: 12 months
- Correspondence about arranging the meeting: 2 years

## Sending records to the Records Centre

1. Put the signed minutes in folders available from the Records Centre.
2. Complete a transfer list with the committee name and date.
3. Book a collection through the Records Centre mailbox.

When in doubt, ask the Information Governance team before destroying anything.
""",
                "note": "First version",
                "author": "pa.leader@staffroom.test",
            },
        ],
        "change_note": "Retention table added; audio recordings now kept for 6 months",
        "months_since_review": 20,
        "helpful": 3,
        "not_helpful": 2,
    },
    {
        "title": "Booking interpreters",
        "summary": "How to book a spoken-language or British Sign Language interpreter for a meeting, interview or home visit through the council's contracted provider.",
        "category": "Meetings and committees",
        "tags": ["accessibility", "suppliers", "room booking"],
        "owner": "admin@staffroom.test",
        "body": """The council has a contract with a single provider for spoken-language interpreting, telephone interpreting and British Sign Language (BSL). Using the contract keeps costs down and means every interpreter has been vetted. Do not ask family members or colleagues to interpret at formal meetings.

## Choosing the right service

| Service | Use for | Notice needed |
| --- | --- | --- |
| Telephone interpreting | Short calls, reception queries | None, available on demand |
| Video interpreting | Teams meetings, short appointments | 2 working days |
| Face-to-face interpreting | Formal meetings, interviews, hearings | 5 working days |
| BSL interpreter | Any meeting with a Deaf participant | 10 working days |

## How to book

1. Get the booking form from the Business Support forms library.
2. Fill in the language (and dialect if known), the date, start and finish times, the address and the name of the officer leading the meeting.
3. Add the cost code. Interpreting is charged to the service that asked for it, not to Business Support.
4. Email the form to the provider's booking mailbox and copy in the Business Support shared mailbox.
5. When the confirmation arrives, add the interpreter's name to the meeting invitation and tell reception.

## On the day

- Allow extra time: interpreted meetings usually take half as long again.
- Brief the interpreter for five minutes beforehand on the purpose of the meeting.
- For BSL, make sure the interpreter can stand or sit where the Deaf participant can see them and the speaker.

## Cancellations

Cancelling with less than 48 hours' notice costs the full booking fee. Cancel by email and keep the acknowledgement.
""",
        "history": [],
        "change_note": "First version",
        "months_since_review": 14,
        "helpful": 4,
        "not_helpful": 2,
    },
    # ------------------------------------------------------------------ Diary management
    {
        "title": "Managing a director's diary during leave",
        "summary": "How to protect a director's diary before, during and after annual leave, and what to decline, delegate or hold while they are away.",
        "category": "Diary management",
        "tags": ["leave cover", "handover", "directors", "delegate access"],
        "owner": "pa.director@staffroom.test",
        "body": """When a director is on leave, the diary does not stop: invitations keep arriving, meetings get moved and deadlines still fall due. Good preparation means the director comes back to a manageable week, not a wall of clashes.

## Two weeks before the leave

1. Block the leave in the diary as **Out of Office**, marked private, including travel days.
2. Agree with the director who deputises for them, and for what. Put the deputy's name in the diary entry.
3. Go through every recurring meeting in the leave period and decide: cancel, delegate to the deputy, or keep (for example Cabinet).
4. Block the first morning back as "Catch-up - do not book" until 11am.

## Setting the out-of-office message

Draft the message with the director and set it from their mailbox under delegate access. Keep it short:

> I am on leave until Monday 4 August. For urgent matters please contact Jo Marsh, Assistant Director (deputising), or my office on extension 4302.

Do not give the reason for the leave or where the director is going.

## While they are away

- **Decline** new invitations that can wait, with a polite note suggesting dates after their return.
- **Forward** anything needing a decision to the deputy, and keep a log.
- **Hold** anything the director must see personally in a "Back from leave" folder.
- Only contact the director on leave if they have asked you to, and only for genuine emergencies agreed in advance.

## The return briefing

Prepare a one-page note for the first morning back:

| Section | What to include |
| --- | --- |
| Decisions taken | What the deputy decided and anything needing sign-off |
| This week | Key meetings, with papers already attached to the diary entries |
| Deadlines | Anything due in the next ten working days |
| Parked | Emails held in the "Back from leave" folder |

Keep the log and briefing in the shared team folder, so that another PA could pick it up if you are off.
""",
        "history": [
            {
                "body": """When a director is on leave, the diary does not stop. Good preparation means the director comes back to a manageable week.

## Before the leave

1. Block the leave in the diary as **Out of Office**, marked private.
2. Agree with the director who deputises for them.
3. Cancel recurring meetings in the leave period.

## Setting the out-of-office message

Set the out-of-office message from the director's mailbox. Give the deputy's name and your extension.

## While they are away

- Decline new invitations that can wait.
- Forward anything needing a decision to the deputy.
- Keep everything else in a folder for their return.

## When they come back

Give the director a list of what happened while they were away.
""",
                "note": "First version",
                "author": "pa.director@staffroom.test",
            },
            {
                "body": """When a director is on leave, the diary does not stop: invitations keep arriving, meetings get moved and deadlines still fall due. Good preparation means the director comes back to a manageable week.

## Two weeks before the leave

1. Block the leave in the diary as **Out of Office**, marked private, including travel days.
2. Agree with the director who deputises for them, and for what.
3. Go through every recurring meeting in the leave period and decide: cancel, delegate to the deputy, or keep.

## Setting the out-of-office message

Draft the message with the director and set it from their mailbox under delegate access. Do not give the reason for the leave.

## While they are away

- **Decline** new invitations that can wait.
- **Forward** anything needing a decision to the deputy, and keep a log.
- **Hold** anything the director must see personally in a "Back from leave" folder.
- Contact the director on leave only for genuine emergencies.

## The return briefing

Prepare a one-page note for the first morning back covering decisions taken, the week ahead and anything held in the folder.
""",
                "note": "Added the return briefing and the two-week lead time",
                "author": "ea@staffroom.test",
            },
        ],
        "change_note": "Added a sample out-of-office message, the catch-up block and the briefing table",
        "months_since_review": 1,
        "helpful": 12,
        "not_helpful": 0,
    },
    {
        "title": "Using the corporate diary system in Outlook",
        "summary": "The council's conventions for managing a manager's Outlook calendar: delegate access, categories, private appointments and room resources.",
        "category": "Diary management",
        "tags": ["outlook", "delegate access", "room booking", "teams"],
        "owner": "ea@staffroom.test",
        "body": """Every officer's diary is kept in Outlook, and most directors and heads of service give their EA or PA delegate access. Using the same conventions across Business Support means anyone covering can read a diary at a glance.

## Getting delegate access

1. Ask the manager to add you in Outlook under **File > Account Settings > Delegate Access** with *Editor* permission on the calendar.
2. Tick "Delegate receives copies of meeting-related messages" only if the manager wants you to handle all invitations.
3. If the manager cannot do it themselves, raise a request through the IT Service Desk portal with their written approval.

## Colour categories

Use the standard Business Support categories so that colleagues covering know what each entry is:

| Category | Colour | Use for |
| --- | --- | --- |
| Member meeting | Purple | Anything with councillors |
| Formal meeting | Red | Cabinet, committees, CLT |
| External | Orange | Partners, suppliers, government departments |
| Internal | Blue | Team and one-to-one meetings |
| Travel | Grey | Journey time, always blocked separately |
| Personal | Green | Marked private as well |

## Private appointments

Mark medical, HR and personal entries as **Private** (the padlock icon). Delegates can still see them, so never write detail in the subject line: "Appointment" is enough.

## Booking rooms

Add the room as a *resource* in the invitation rather than typing it in the location box. Room 2.14 and the first-floor Committee Rooms accept bookings automatically; the Council Chamber needs Democratic Services approval (see *Booking the Council Chamber*).

## Good habits

- Put the Teams link **and** the room in every hybrid meeting.
- Attach papers to the diary entry, not just to an email.
- Leave 10 minutes between back-to-back meetings; Outlook can do this automatically under *Calendar options > Shorten appointments and meetings*.
""",
        "history": [
            {
                "body": """Every officer's diary is kept in Outlook, and most directors and heads of service give their EA or PA delegate access.

## Getting delegate access

1. Ask the manager to add you in Outlook under **File > Account Settings > Delegate Access** with *Editor* permission on the calendar.
2. If the manager cannot do it themselves, raise a request through the IT Service Desk portal.

## Colour categories

Use colour categories so that colleagues covering know what each entry is: purple for member meetings, red for formal meetings, blue for internal meetings and green for personal entries.

## Private appointments

Mark medical, HR and personal entries as **Private**. Never write detail in the subject line.

## Booking rooms

Add the room as a resource in the invitation rather than typing it in the location box.
""",
                "note": "First version",
                "author": "pa.leader@staffroom.test",
            },
        ],
        "change_note": "Added orange and grey categories as a table, plus the good habits section",
        "months_since_review": 6,
        "helpful": 10,
        "not_helpful": 2,
    },
    {
        "title": "Diary rules for councillor surgeries",
        "summary": "What officers can and cannot do when supporting councillors' ward surgeries, including room bookings, publicity and the pre-election period.",
        "category": "Diary management",
        "tags": ["councillors", "political neutrality", "room booking"],
        "owner": "pa.leader@staffroom.test",
        "body": """Ward councillors hold regular surgeries where residents can raise problems with them in person. The Leader's office and the Member Services team help councillors book venues and keep their diaries, but officers must stay politically neutral at all times.

## What officers can do

- Book council-owned rooms for a surgery (libraries, community centres, the Civic Centre ground-floor interview rooms)
- Add surgeries to the councillor's diary and to the published **Councillor surgeries** list
- Pass casework raised at a surgery to the right service through the Member Enquiries system

## What officers cannot do

- Attend surgeries run jointly with a political party or candidate
- Book rooms for party meetings, campaigning or canvassing
- Design or distribute leaflets that include party logos or political content
- Put party-political events into a councillor's council diary. Councillors should keep these in a personal calendar.

## Booking a surgery venue

1. Check the venue calendar and book for the surgery plus 15 minutes either side.
2. Record the booking as *Ward surgery - [ward name]* and never under the party's name.
3. Send the confirmation to the councillor and add the surgery to the public list, which Member Services update every Friday.

## During the pre-election period

From the notice of election until polling day, extra rules apply:

> No new surgeries may be publicised by the council for councillors who are standing for re-election, and existing listings are removed from the website.

Surgeries already booked in council buildings can still go ahead if the councillor pays the room hire personally. Check every case with Democratic Services, because the rules are applied strictly and breaches can be reported in the press.

### Quick check

If you would be uncomfortable explaining the booking to a councillor from another party, don't make it.
""",
        "history": [
            {
                "body": """Ward councillors hold regular surgeries where residents can raise problems with them in person. Officers help councillors book venues and keep their diaries, but must stay politically neutral.

## What officers can do

- Book council-owned rooms for a surgery
- Add surgeries to the councillor's diary and the published list
- Pass casework raised at a surgery to the right service

## What officers cannot do

- Attend surgeries run jointly with a political party
- Book rooms for party meetings or campaigning
- Design leaflets that include party logos

## Booking a surgery venue

1. Check the venue calendar and book for the surgery plus 15 minutes either side.
2. Send the confirmation to the councillor.
3. Add the surgery to the public list, which Member Services update monthly.

## During the pre-election period

Check every booking with Democratic Services during the pre-election period.
""",
                "note": "First version",
                "author": "pa.leader@staffroom.test",
            },
        ],
        "change_note": "Explained the pre-election rules and the weekly surgery list update",
        "months_since_review": 9,
        "helpful": 6,
        "not_helpful": 1,
    },
    {
        "title": "Covering for a colleague: writing handover notes",
        "summary": "A template and checklist for handing over a manager's diary, inbox and open actions when you go on leave or a colleague covers for you.",
        "category": "Diary management",
        "tags": ["handover", "leave cover", "delegate access", "mailbox"],
        "owner": "pa.director@staffroom.test",
        "body": """Most Business Support teams cover each other's managers during leave and sickness. A good handover note takes 30 minutes to write and saves your colleague hours of guessing. Write one before any absence of more than two working days.

## Where to keep it

Save the note in the team's **Handover** folder on SharePoint, named `Handover - [your name] - [dates].docx`, and send your colleague the link. Do not email it as an attachment, because it will go out of date.

## What to include

### The manager

- Their working pattern, preferences and pet hates (for example, "never book anything before 9.30 on a Monday")
- Who deputises for them and who their key contacts are
- Any sensitive matters the cover colleague needs to know about, in outline only

### The diary

- Meetings that must not move
- Meetings that still need papers, rooms or catering
- Invitations you have not yet answered

### Open actions

| Action | Deadline | Where it's saved | Next step |
| --- | --- | --- | --- |
| Example: Cabinet report appendices | Thu 12th | Cabinet folder | Chase Finance comments |

## Before you go

- [ ] Give your colleague delegate access to the manager's diary and inbox
- [ ] Set your own out-of-office, naming the colleague covering
- [ ] Add the colleague to the shared mailbox rules if you normally triage it
- [ ] Walk through the note with them, ideally for 15 minutes in person
- [ ] Tell the manager who is covering (most managers like to know in advance)

## When you come back

Ask your colleague to update the note rather than give you a verbal summary. Then remove any access that was granted only for the cover period.

**Remember:** handover notes can be disclosed under Freedom of Information or a subject access request. Write them professionally.
""",
        "history": [],
        "change_note": "First version",
        "months_since_review": 4,
        "helpful": 9,
        "not_helpful": 1,
    },
    # ------------------------------------------------------------------ Travel and expenses
    {
        "title": "Claiming mileage for a site visit",
        "summary": "How to claim business mileage for using your own car on a site visit, including the HMRC approved rates, what counts as business travel and the evidence needed.",
        "category": "Travel and expenses",
        "tags": ["mileage", "expenses", "travel", "insurance"],
        "owner": "pa.director@staffroom.test",
        "body": """Officers who use their own car for council business, such as a site visit to a housing development or a highways scheme, can claim mileage through the self-service expenses system. EAs often submit claims on behalf of directors, so it helps to know the rules.

## Before the journey

- Check whether a pool car or hire car would be cheaper for journeys over 100 miles (see *Booking a hire car for council business*).
- Make sure the driver's car insurance includes **business use**. Send a copy of the certificate to the Fleet team once a year.
- Car-share where you can. The driver can claim a passenger supplement for each colleague carried.

## Claiming mileage

The council pays the HMRC approved mileage rates, so nothing is taxable:

| Vehicle | Rate |
| --- | --- |
| Car or van, first 10,000 business miles in the tax year | 45p per mile |
| Car or van, each mile over 10,000 | 25p per mile |
| Motorcycle | 24p per mile |
| Bicycle | 20p per mile |
| Passenger supplement | 5p per passenger per mile |

1. Open **Expenses > New claim > Mileage** in the self-service system.
2. Enter the date, the start and end postcodes, and the purpose, for example "Site visit, Riverside regeneration scheme".
3. Claim only the business miles. If you travel from home, deduct your normal commute to the Civic Centre.
4. Add parking or toll receipts as separate lines, with a photo of each receipt.
5. Submit the claim to your line manager (or, for a director, to the Chief Executive's office) for approval.

Claims must be submitted within **three months** of the journey. Older claims are rejected by Payroll.

## What you cannot claim

- Your normal journey between home and your usual workplace
- Fines, including parking and speeding penalties
- Journeys where a pool car was available and would have been cheaper

The HMRC rules are explained at [Expenses and benefits: business travel mileage](https://www.gov.uk/expenses-and-benefits-business-travel-mileage).
""",
        "history": [
            {
                "body": """Officers who use their own car for council business can claim mileage through the self-service expenses system.

## Before the journey

- Make sure the driver's car insurance includes business use.
- Car-share where you can.

## Claiming mileage

The council pays 45p per mile for the first 10,000 business miles in the tax year and 25p per mile after that.

1. Open **Expenses > New claim > Mileage** in the self-service system.
2. Enter the date, the start and end points, and the purpose.
3. Claim only the business miles.
4. Submit the claim to your line manager for approval.

Claims must be submitted within **six months** of the journey.

## What you cannot claim

- Your normal journey between home and your usual workplace
- Parking fines
""",
                "note": "First version",
                "author": "pa.director@staffroom.test",
            },
            {
                "body": """Officers who use their own car for council business, such as a site visit, can claim mileage through the self-service expenses system. EAs often submit claims on behalf of directors, so it helps to know the rules.

## Before the journey

- Make sure the driver's car insurance includes **business use**. Send a copy of the certificate to the Fleet team once a year.
- Car-share where you can.

## Claiming mileage

The council pays the HMRC approved mileage rates:

| Vehicle | Rate |
| --- | --- |
| Car or van, first 10,000 business miles | 45p per mile |
| Car or van, each mile over 10,000 | 25p per mile |
| Motorcycle | 24p per mile |
| Bicycle | 20p per mile |

1. Open **Expenses > New claim > Mileage** in the self-service system.
2. Enter the date, the start and end postcodes, and the purpose.
3. Claim only the business miles. If you travel from home, deduct your normal commute.
4. Submit the claim to your line manager for approval.

Claims must be submitted within **six months** of the journey.

## What you cannot claim

- Your normal journey between home and your usual workplace
- Fines, including parking and speeding penalties
""",
                "note": "Added the rates table",
                "author": "admin@staffroom.test",
            },
        ],
        "change_note": "Claims deadline cut to three months; added passenger supplement and pool car check",
        "months_since_review": 2,
        "helpful": 12,
        "not_helpful": 1,
    },
    {
        "title": "Booking a hire car for council business",
        "summary": "When to use a hire car instead of your own car, how to book one through the council's contract, and what to do about fuel, damage and returns.",
        "category": "Travel and expenses",
        "tags": ["travel", "mileage", "insurance"],
        "owner": "admin@staffroom.test",
        "body": """For longer journeys a hire car is often cheaper than paying mileage, and it means the traveller is covered by the council's fleet insurance. The council uses one contracted hire company with a branch near the Civic Centre.

## When to use a hire car

- Round trips of more than **120 miles** in a day
- Journeys where several colleagues are travelling together
- When the traveller's own car is not insured for business use

For short local trips, use a pool car from the Depot on Riverside Road instead.

## How to book

1. Check the driver is on the council's **approved drivers list**. The Fleet team check licences through the DVLA every year, so new drivers need to register at least five working days before the trip.
2. Complete the hire car request form and get budget-holder approval by email.
3. Email the form to the hire company's business bookings address, quoting the council account number from the Fleet intranet page.
4. The hire company confirms by email. Forward the confirmation to the driver and save it with the trip details.

## Collecting and returning the car

- The driver must bring their photocard driving licence.
- Check the car for damage with the branch staff and photograph any marks.
- Return the car with a full tank. Refuelling charges by the hire company are much higher than pump prices.
- Fuel can be claimed on the expenses system with a VAT receipt.

## Accidents and damage

Report any accident to the hire company and to the Fleet team (extension 4378) on the same day. Do not admit liability at the scene.
""",
        "history": [],
        "change_note": "First version",
        "months_since_review": 15,
        "helpful": 3,
        "not_helpful": 6,
    },
    {
        "title": "Booking rail travel",
        "summary": "How to book train tickets for council business through the travel booking portal, which class to choose and how to handle changes and refunds.",
        "category": "Travel and expenses",
        "tags": ["travel", "travel booking portal", "expenses"],
        "owner": "ea@staffroom.test",
        "body": """Rail is the council's preferred way to travel to London and other cities for meetings with government departments, the Local Government Association and regional partners. Tickets are booked through the corporate travel booking portal so that they are paid centrally and appear on one monthly invoice.

## Before you book

- Check that the meeting cannot be held on Teams. Travel must have a clear business reason.
- Get approval from the traveller's budget holder. For directors, the Chief Executive's office approves travel outside the region.
- Book as early as you can: advance fares are usually much cheaper.

## Which ticket

| Situation | Ticket type |
| --- | --- |
| Fixed meeting times, both ways | Advance single each way, standard class |
| Return time uncertain | Off-peak or anytime return |
| Travelling before 9.30am | Anytime, unless an advance fare is available |
| First class | Only with written approval for a medical reason |

## How to book

1. Log in to the travel booking portal with your council single sign-on.
2. Choose the traveller from the profile list. If they do not appear, ask the Finance Support team to add them.
3. Search, select the fares and add the cost code.
4. Choose **e-ticket** wherever possible and forward it to the traveller.
5. Put the train times in the traveller's diary as a *Travel* entry, with the ticket attached.

## Changes and refunds

Advance tickets can usually be changed for a fee but not refunded. If a meeting is cancelled, amend the booking in the portal before the train departs; after that the ticket has no value.

### Railcards

The council does not buy personal railcards, but travellers can use their own if they have one. Add it to their profile so that the discount is applied automatically.
""",
        "history": [
            {
                "body": """Rail is the council's preferred way to travel to London and other cities for meetings. Tickets are booked through the corporate travel booking portal.

## Before you book

- Check that the meeting cannot be held on Teams.
- Get approval from the traveller's budget holder.

## Which ticket

Book standard class. First class is not allowed. Advance tickets are cheapest if the times are fixed.

## How to book

1. Log in to the travel booking portal.
2. Choose the traveller from the profile list.
3. Search, select the fares and add the cost code.
4. Choose collection at the station or e-ticket.

## Changes and refunds

Advance tickets cannot be refunded. Contact the travel company if the meeting is cancelled.
""",
                "note": "First version",
                "author": "pa.director@staffroom.test",
            },
        ],
        "change_note": "Added ticket table, first class exception and railcards",
        "months_since_review": 5,
        "helpful": 7,
        "not_helpful": 1,
    },
    {
        "title": "Expenses claims for subsistence",
        "summary": "What meal and subsistence costs officers can claim when working away from their usual workplace, the limits, and how to submit the claim.",
        "category": "Travel and expenses",
        "tags": ["subsistence", "expenses", "receipts", "directors"],
        "owner": "pa.director@staffroom.test",
        "body": """Subsistence covers the extra cost of meals when an officer is working away from their usual workplace for a long day. It reimburses actual costs, with receipts. It is not an allowance, and it is not paid for meetings at the Civic Centre or at any other council office.

## Limits

| Time away from the usual workplace | Meal | Maximum |
| --- | --- | --- |
| More than 5 hours, including 12 noon to 2pm | Lunch | £6.00 |
| More than 10 hours, returning after 7pm | Evening meal | £15.00 |
| Overnight stay | Breakfast, if not included in the hotel rate | £8.00 |
| Overnight stay | Evening meal | £25.00 |

Alcohol cannot be claimed in any circumstances. If lunch is provided at the event, you cannot claim for lunch as well.

## How to claim

1. Keep the itemised receipt. A card-machine slip on its own is not enough.
2. In the self-service expenses system, choose **Expenses > New claim > Subsistence**.
3. Enter the date, the meal, the amount and the business reason (for example "Regional housing conference, Leeds").
4. Photograph and attach the receipt.
5. Submit to your line manager. Claims older than three months are rejected.

## Claiming on behalf of a director

You can prepare a claim as a delegate, but the director must submit it themselves. This confirms that the claim is accurate. Remind them before the monthly payroll cut-off, usually the 10th.

## Common reasons for rejection

- No receipt, or a receipt that does not show what was bought
- Meals for other people on one receipt (each person claims their own)
- Claims for working lunches at council premises

> If you are unsure whether something is claimable, ask before you spend. Payroll cannot approve exceptions after the event.
""",
        "history": [
            {
                "body": """Subsistence covers the extra cost of meals when an officer is working away from their usual workplace for a long day. It reimburses actual costs, with receipts.

## Limits

- Lunch (more than 5 hours away): up to £5.00
- Evening meal (more than 10 hours away, returning after 7pm): up to £15.00
- Overnight stay, breakfast: up to £8.00
- Overnight stay, evening meal: up to £20.00

Alcohol cannot be claimed.

## How to claim

1. Keep the itemised receipt.
2. In the self-service expenses system, choose **Expenses > New claim > Subsistence**.
3. Enter the date, the meal, the amount and the business reason.
4. Attach the receipt.
5. Submit to your line manager.

## Claiming on behalf of a director

You can prepare a claim as a delegate, but the director must submit it themselves.
""",
                "note": "First version",
                "author": "ea@staffroom.test",
            },
        ],
        "change_note": "New limits from 1 April (lunch £6, overnight evening meal £25); added rejection reasons",
        "months_since_review": 8,
        "helpful": 5,
        "not_helpful": 2,
    },
    {
        "title": "Booking hotel accommodation for overnight stays",
        "summary": "When an overnight stay is justified, the nightly rate limits and how to book a hotel through the travel booking portal.",
        "category": "Travel and expenses",
        "tags": ["travel", "travel booking portal", "subsistence"],
        "owner": "ea@staffroom.test",
        "body": """Overnight stays are needed only occasionally, usually for national conferences or early-morning meetings a long way from the city. They must be booked through the corporate travel booking portal so that the council pays the hotel directly.

## When an overnight stay is justified

- The traveller would otherwise have to leave home before 6am or get back after 10pm
- The event runs over two or more days
- The budget holder has approved it in writing

## Nightly limits (room only)

| Location | Maximum per night |
| --- | --- |
| London | £150 |
| Other major cities | £110 |
| Elsewhere | £90 |

If the conference hotel costs more than the limit, it can be booked only with budget-holder approval that explains why a cheaper hotel is not practical.

## How to book

1. Log in to the travel booking portal and select **Hotels**.
2. Search near the venue and filter by price. Choose a rate that includes breakfast if it costs less than paying separately.
3. Check the cancellation terms. Flexible rates are better if the event might change.
4. Add the cost code and the approver's name, then confirm.
5. Send the confirmation to the traveller and add the hotel address to their diary entry.

## At the hotel

The council pays for the room (and breakfast, if included) only. Travellers pay for extras such as minibar, films or room service themselves, and claim any eligible evening meal through subsistence (see *Expenses claims for subsistence*).

**Tip:** keep a note of hotels that worked well for regular destinations in the team's travel folder, so that colleagues can reuse them.
""",
        "history": [],
        "change_note": "First version",
        "months_since_review": 11,
        "helpful": 4,
        "not_helpful": 1,
    },
    # ------------------------------------------------------------------ Recruitment
    {
        "title": "Organising a recruitment interview panel",
        "summary": "How to bring together a fair, trained interview panel, book rooms and tests, and prepare the interview pack for a council vacancy.",
        "category": "Recruitment",
        "tags": ["interviews", "recruitment", "accessibility", "checklists"],
        "owner": "pa.director@staffroom.test",
        "body": """Interview panels for council posts follow the Recruitment and Selection Policy. The EA or PA supporting the hiring manager usually does the organising: finding dates, booking rooms, preparing packs and looking after candidates on the day.

## Forming the panel

- At least **two** panel members for most posts, and **three** for posts at grade 10 and above.
- At least one panel member must have completed the council's recruitment and selection training in the last three years. Check the training record before confirming.
- Panels should be mixed where possible, for example by gender and service area.
- Councillors sit on panels only for Chief Officer appointments, which Democratic Services organise.

## Finding a date

1. Agree a provisional interview date when the advert goes out, so that panel members can hold it.
2. Block the whole day in each panel member's diary, including 30 minutes at the end for scoring.
3. Book an interview room and a separate waiting room. Room 2.14 and 2.15 at the Civic Centre work well as a pair.

## Tests and presentations

If candidates are doing a written test or a presentation, book a laptop and a quiet room for the test, and tell candidates exactly what equipment will be available.

## The interview pack

Prepare one pack for each panel member:

- [ ] Interview timetable with candidate names
- [ ] Job description and person specification
- [ ] Anonymised application forms (names appear only on the timetable)
- [ ] Agreed questions, with the scoring guide
- [ ] Blank scoring sheets, one per candidate
- [ ] Any reasonable adjustments candidates have asked for

## On the day

Greet candidates at reception and keep them apart from each other where possible. Collect all scoring sheets at the end and send them to the Recruitment team in a sealed envelope, or scan them to the secure recruitment folder the same day.
""",
        "history": [
            {
                "body": """Interview panels for council posts follow the Recruitment and Selection Policy. The EA or PA supporting the hiring manager usually does the organising.

## Forming the panel

- At least two panel members for every post.
- At least one panel member must have done the recruitment and selection training.

## Finding a date

1. Agree a provisional interview date when the advert goes out.
2. Block the whole day in each panel member's diary.
3. Book an interview room and a separate waiting room.

## The interview pack

Prepare one pack for each panel member:

- Interview timetable
- Job description and person specification
- Application forms
- Agreed questions and scoring sheets

## On the day

Greet candidates at reception. Collect all scoring sheets at the end and send them to the Recruitment team.
""",
                "note": "First version",
                "author": "pa.director@staffroom.test",
            },
        ],
        "change_note": "Three panel members for grade 10+; added tests, adjustments and the pack checklist",
        "months_since_review": 3,
        "helpful": 8,
        "not_helpful": 1,
    },
    {
        "title": "Shortlisting and sending interview invitations",
        "summary": "How to run shortlisting against the person specification, record the decisions and send interview invitations that meet the council's standards.",
        "category": "Recruitment",
        "tags": ["interviews", "recruitment", "templates", "accessibility"],
        "owner": "pa.director@staffroom.test",
        "body": """Shortlisting decides who is invited to interview. It must be fair, consistent and recorded, because unsuccessful candidates can ask why they were not shortlisted and the record may be needed for an employment tribunal.

## Running the shortlisting

1. After the closing date, download the anonymised applications from the recruitment system.
2. Send them to the panel with the shortlisting matrix and a deadline, usually **five working days** after the closing date.
3. Each panel member scores each application against the **essential** criteria in the person specification: 0 (not met), 1 (partly met) or 2 (fully met).
4. Hold a short shortlisting meeting (Teams is fine) to agree the final list and record the reasons.

### Guaranteed interviews

Candidates who declare a disability under the Disability Confident scheme, and care leavers applying under the council's guaranteed interview pledge, must be interviewed if they meet all the essential criteria. The recruitment system flags these applications.

## Sending invitations

Use the standard invitation template in the recruitment system. Each invitation must include:

| Item | Example |
| --- | --- |
| Date, time and venue | Tuesday 9 September, 10.30am, Room 2.14, Civic Centre |
| Format | Panel interview of about 45 minutes, plus a 10-minute presentation |
| What to bring | Proof of identity and right to work, qualification certificates |
| Adjustments | "Please let us know if you need any adjustments" |
| Contact | Recruitment team, extension 4355 |

Give candidates at least **five working days' notice** of the interview, and more if they have to prepare a presentation.

## Candidates who were not shortlisted

The recruitment system sends a standard regret email. Do not give individual feedback at this stage unless the hiring manager agrees to it.
""",
        "history": [
            {
                "body": """Shortlisting decides who is invited to interview. It must be fair, consistent and recorded.

## Running the shortlisting

1. After the closing date, download the applications from the recruitment system.
2. Send them to the panel with the shortlisting matrix.
3. Each panel member scores each application against the person specification.
4. Agree the final list and record the reasons.

Disability Confident applicants who meet the essential criteria must be interviewed.

## Sending invitations

Use the standard invitation template in the recruitment system. Include the date, time, venue, format and what to bring.

Give candidates at least **three working days' notice** of the interview.

## Candidates who were not shortlisted

The recruitment system sends a standard regret email.
""",
                "note": "First version",
                "author": "pa.director@staffroom.test",
            },
        ],
        "change_note": "Notice period now five working days; added scoring scale and care leavers pledge",
        "months_since_review": 6,
        "helpful": 6,
        "not_helpful": 0,
    },
    {
        "title": "Arranging pre-employment checks",
        "summary": "The checks that must be completed before a new starter's first day, who does each one, and how the EA or PA can keep them moving.",
        "category": "Recruitment",
        "tags": ["recruitment", "new starters"],
        "owner": "pa.director@staffroom.test",
        "body": """A conditional offer is made after interview, but no one can start work until all pre-employment checks are complete. The Recruitment team run the checks; the EA or PA for the hiring manager often chases them and keeps the candidate informed.

## The checks

| Check | Who does it | Usual time |
| --- | --- | --- |
| Right to work | Recruitment team, from documents seen at interview | Same day |
| Two references, one from the current employer | Recruitment team | 1 to 2 weeks |
| Occupational health questionnaire | Occupational Health | 1 week |
| DBS check (only for eligible posts) | Recruitment team, through the umbrella body | 2 to 4 weeks |
| Qualifications | Hiring manager sees the original certificates | At interview |

Right to work checks must be done before the start date and follow the Home Office guidance at [Check a job applicant's right to work](https://www.gov.uk/check-job-applicant-right-to-work).

## What you can do to help

1. Make sure the candidate's documents are copied, signed and dated at interview, and sent to Recruitment the same day.
2. Ask the hiring manager whether a DBS check is really needed for the post. Only roles that meet the legal eligibility rules can ask for one.
3. Chase references that are overdue after a week. Recruitment can send a reminder, or accept a reference by phone if it is confirmed in writing.
4. Agree a **provisional** start date with the candidate, but do not confirm it until Recruitment say the checks are clear.

## If a check raises a concern

Do not discuss it with the candidate. Pass it to the Recruitment lead straight away. Decisions about withdrawing an offer are taken by HR and the hiring manager, never by Business Support.

When everything is clear, Recruitment send the contract and you can start the *Onboarding checklist for a new starter*.
""",
        "history": [],
        "change_note": "First version",
        "months_since_review": 10,
        "helpful": 5,
        "not_helpful": 1,
    },
    {
        "title": "Getting approval to recruit and placing an advert",
        "summary": "How to get a vacancy approved through the vacancy control panel and placed on the jobs website, with the paperwork the EA or PA needs to prepare.",
        "category": "Recruitment",
        "tags": ["recruitment", "budgets"],
        "owner": "pa.director@staffroom.test",
        "body": """Every vacancy, including replacements and fixed-term posts, needs approval from the vacancy control panel before it can be advertised. The panel meets every Tuesday and looks at the budget, the grade and whether the post could be filled by redeployment.

## Preparing the request

1. Download the **approval to recruit** form from the HR forms library.
2. Complete the post number, grade, hours and cost code. The Finance business partner must confirm the budget in the form.
3. Attach the current job description and person specification. If either has changed, the post must be re-evaluated by HR first, which can take four weeks.
4. Get the head of service to sign, then the director.
5. Send the form to the HR mailbox by **12 noon on Friday** for the following Tuesday's panel.

## After approval

HR first check the redeployment register. Staff at risk of redundancy have priority for two weeks; only then can the post be advertised externally.

### Writing the advert

- Keep it to about 250 words and avoid jargon and acronyms.
- Include the salary range, hours, location and hybrid working pattern.
- Give the closing date (usually two weeks) and the interview date, if known.
- Name a contact for an informal chat, usually the hiring manager.

## Where adverts go

| Channel | Used for |
| --- | --- |
| Council jobs website | Every post |
| Regional local government jobs board | Every post, automatically |
| Professional journals or specialist sites | Hard-to-fill posts, paid from the service budget |

Keep a copy of the approved form in the recruitment folder. You will need the approval reference when you set up shortlisting.
""",
        "history": [
            {
                "body": """Every vacancy needs approval from the vacancy control panel before it can be advertised. The panel meets every Tuesday.

## Preparing the request

1. Download the approval to recruit form from the HR forms library.
2. Complete the post number, grade, hours and cost code.
3. Attach the job description and person specification.
4. Get the director to sign.
5. Send the form to the HR mailbox by **5pm on Thursday** for the following Tuesday's panel.

## After approval

HR place the advert on the council jobs website. Adverts normally run for two weeks.

## Writing the advert

Keep it short, include the salary range and closing date, and name a contact for an informal chat.
""",
                "note": "First version",
                "author": "pa.director@staffroom.test",
            },
        ],
        "change_note": "Deadline moved to Friday noon; added Finance sign-off and the redeployment step",
        "months_since_review": 12,
        "helpful": 4,
        "not_helpful": 2,
    },
    # ------------------------------------------------------------------ Finance and purchasing
    {
        "title": "Raising a purchase order",
        "summary": "How to raise a purchase order in the Unit4 finance system before buying goods or services, so that suppliers are paid on time.",
        "category": "Finance and purchasing",
        "tags": ["purchase orders", "unit4", "suppliers", "budgets"],
        "owner": "admin@staffroom.test",
        "body": """The council has a **No PO, No Pay** policy: suppliers must be given a purchase order number before they supply anything, and invoices without a valid PO number are returned unpaid. Raising the order first also commits the money against the budget, so budget holders can see what has been spent.

## Before you start

- Check the supplier is already set up in Unit4. If not, ask the supplier to complete a new supplier form and send it to the Finance Support team; this takes about five working days.
- Check you have quotes where they are needed (see *Getting quotes before you buy*).
- Know the cost code and the subjective code (for example `4102` for stationery).

## Raising the order

1. In Unit4, go to **Procurement > Requisitions > Add requisition**.
2. Search for the supplier by name or supplier number.
3. Add a line for each item: description, quantity, unit price and VAT code. Use `S` for standard-rate VAT and `Z` for zero-rated.
4. Enter the cost code and subjective code on each line.
5. Attach the quote or email that confirms the price.
6. Submit. The requisition goes to the budget holder for approval automatically.

## Approval limits

| Order value (excluding VAT) | Approved by |
| --- | --- |
| Up to £5,000 | Budget holder |
| £5,000 to £25,000 | Head of service |
| Over £25,000 | Director, after Procurement have been involved |

Once approved, Unit4 emails the PO to the supplier. Keep the PO number for the receipting step.

## Receipting the goods

When the goods arrive or the work is done, **receipt** the order in Unit4 (*Procurement > Goods receipt*). The invoice cannot be paid until the order is receipted, and late receipting is the most common reason for late payment.

> Never split an order into smaller orders to keep under an approval limit. Internal Audit check for this.
""",
        "history": [
            {
                "body": """The council has a No PO, No Pay policy: suppliers must be given a purchase order number before they supply anything.

## Raising the order

1. In Unit4, go to **Procurement > Requisitions > Add requisition**.
2. Search for the supplier.
3. Add a line for each item with the description, quantity and price.
4. Enter the cost code.
5. Submit for approval.

## Approval limits

- Up to £2,500: budget holder
- £2,500 to £25,000: head of service
- Over £25,000: director

Once approved, Unit4 emails the PO to the supplier.

## Receipting the goods

When the goods arrive, receipt the order in Unit4 so that the invoice can be paid.
""",
                "note": "First version",
                "author": "admin@staffroom.test",
            },
            {
                "body": """The council has a **No PO, No Pay** policy: suppliers must be given a purchase order number before they supply anything, and invoices without a valid PO number are returned unpaid.

## Before you start

- Check the supplier is already set up in Unit4. If not, send a new supplier form to the Finance Support team.
- Know the cost code and the subjective code.

## Raising the order

1. In Unit4, go to **Procurement > Requisitions > Add requisition**.
2. Search for the supplier by name or supplier number.
3. Add a line for each item: description, quantity, unit price and VAT code.
4. Enter the cost code and subjective code on each line.
5. Submit. The requisition goes to the budget holder for approval automatically.

## Approval limits

| Order value (excluding VAT) | Approved by |
| --- | --- |
| Up to £2,500 | Budget holder |
| £2,500 to £25,000 | Head of service |
| Over £25,000 | Director |

## Receipting the goods

When the goods arrive or the work is done, receipt the order in Unit4. The invoice cannot be paid until the order is receipted.
""",
                "note": "Added 'Before you start' and VAT codes",
                "author": "admin@staffroom.test",
            },
        ],
        "change_note": "Budget holder limit raised to £5,000; attach quotes; warning about split orders",
        "months_since_review": 4,
        "helpful": 10,
        "not_helpful": 2,
    },
    {
        "title": "Processing invoices for payment",
        "summary": "What to do when a supplier invoice arrives, how to match it to a purchase order in Unit4 and how to resolve queries so the supplier is paid within 30 days.",
        "category": "Finance and purchasing",
        "tags": ["unit4", "suppliers", "purchase orders", "deadlines"],
        "owner": "admin@staffroom.test",
        "body": """The council aims to pay undisputed invoices within 30 days, and small local suppliers within 10 days. Most invoices go straight to the central Accounts Payable team and are matched automatically, but some arrive with services or get stuck, and Business Support are asked to sort them out.

## If an invoice is sent to you

1. Do not pay it or file it. Forward it to the Accounts Payable mailbox the same day.
2. Ask the supplier to send future invoices to Accounts Payable and to quote the PO number.
3. Check the invoice has a PO number. If not, find the order in Unit4 and write it on the forwarding email.

## Invoices on hold

An invoice goes on hold when it does not match the order. Unit4 shows the reason on the **Invoice workflow** screen:

- **Not receipted:** receipt the goods or services (*Procurement > Goods receipt*)
- **Price variance:** the invoice is more than the order. Check with the budget holder, then either amend the order or dispute the invoice
- **Quantity variance:** only part of the order has arrived. Receipt what you have

## Disputing an invoice

If the invoice is wrong, tell the supplier in writing within five working days and put the invoice in dispute in Unit4 with a note. Disputed invoices do not count towards our late payment figures.

## Month-end

Accounts Payable send a list of invoices held for more than 20 days to each service on the first working day of the month. Work through the list and reply within three working days.
""",
        "history": [
            {
                "body": """The council aims to pay invoices within 30 days. Most invoices go to the central Accounts Payable team, but some arrive with services.

## If an invoice is sent to you

Forward it to the Accounts Payable mailbox.

## Invoices on hold

An invoice goes on hold when it does not match the order. Check the reason in Unit4 and fix it: usually the order needs receipting.

## Disputing an invoice

If the invoice is wrong, contact the supplier and tell Accounts Payable.
""",
                "note": "First version",
                "author": "admin@staffroom.test",
            },
        ],
        "change_note": "Explained the hold reasons and month-end list",
        "months_since_review": 9,
        "helpful": 4,
        "not_helpful": 8,
    },
    {
        "title": "Using procurement cards (P-cards)",
        "summary": "Who can hold a council procurement card, what it can be used for, the spending limits and how to reconcile the monthly statement.",
        "category": "Finance and purchasing",
        "tags": ["p-cards", "budgets", "receipts"],
        "owner": "admin@staffroom.test",
        "body": """A procurement card (P-card) is a council payment card for low-value purchases where a purchase order is not practical, such as online training bookings, conference fees or urgent small items. Many EAs hold a P-card on behalf of their director's office.

## Getting a card

1. Complete the P-card application form, signed by your head of service.
2. Complete the short P-card e-learning module.
3. Collect the card in person from Finance Support and sign the cardholder agreement.

The card is in your name and only you may use it. Never share the card details or PIN, even with your manager.

## Limits

| Limit | Standard card |
| --- | --- |
| Single transaction | £500 |
| Monthly total | £2,000 |
| Cash withdrawals | Not allowed |

Higher limits need a business case approved by the Chief Finance Officer.

## What the card can and cannot be used for

- **Yes:** training and conference bookings, subscriptions agreed by your head of service, small urgent purchases, online orders where the supplier will not accept a PO
- **No:** anything available through a corporate contract (stationery, IT, travel), personal purchases, gifts and hospitality, alcohol

## Reconciling the statement

Each month you must reconcile your transactions in the P-card portal by the **5th working day**:

- [ ] Match each transaction to a **VAT receipt** and upload it
- [ ] Add the cost code and a short description of the business purpose
- [ ] Submit the statement to your approver
- [ ] Keep paper receipts for six months after the statement, then shred them

Cards with statements more than one month late are suspended automatically.

> Lost or stolen card? Ring the card provider's 24-hour number on the back of your cardholder agreement, then tell Finance Support.
""",
        "history": [
            {
                "body": """A procurement card (P-card) is a council payment card for low-value purchases where a purchase order is not practical.

## Getting a card

Complete the P-card application form, signed by your head of service, and collect the card from Finance Support.

## Limits

- Single transaction: £300
- Monthly total: £1,500
- No cash withdrawals

## What the card can be used for

Training bookings, conference fees and small urgent purchases. Do not use it for anything available through a corporate contract.

## Reconciling the statement

Each month, reconcile your transactions in the P-card portal by the 10th working day, attach receipts and submit to your approver.
""",
                "note": "First version",
                "author": "admin@staffroom.test",
            },
        ],
        "change_note": "Limits raised to £500/£2,000; reconciliation now due by the 5th working day",
        "months_since_review": 6,
        "helpful": 7,
        "not_helpful": 1,
    },
    {
        "title": "Petty cash",
        "summary": "How to look after a petty cash float, what it can be used for and how to reconcile and top it up each month.",
        "category": "Finance and purchasing",
        "tags": ["petty cash", "p-cards", "receipts", "budgets"],
        "owner": "admin@staffroom.test",
        "body": """A few teams still keep a small petty cash float for very small purchases where a P-card cannot be used, such as a taxi fare for a vulnerable client or a key cut at short notice. Petty cash is being phased out, so ask whether a P-card would do before you spend.

## Looking after the float

- The standard float is **£100**. It must be kept in a locked cash box inside a locked drawer or safe.
- There is one named custodian and one named deputy. Nobody else should hold the keys.
- Never mix petty cash with personal money, or lend from it.

## Making a payment

1. The person claiming completes a petty cash voucher with the date, amount, cost code and reason.
2. They attach the receipt. Without a receipt, the payment cannot be made.
3. The custodian checks the voucher, pays out the cash and asks the claimant to sign for it.
4. The maximum single payment is **£30**. Anything more goes through expenses or a P-card.

## Reconciling and topping up

At the end of each month, or when the float drops below £30:

1. Count the cash and add up the vouchers. Together they must equal £100.
2. Complete the reimbursement form, attaching all the vouchers.
3. The budget holder signs the form and sends it to Finance Support.
4. Finance Support pay the reimbursement into the team's petty cash account, or by cheque.

If the cash does not balance, report it to your manager the same day. Small differences happen, but they must be recorded.

## Spot checks

Internal Audit carry out unannounced checks. They will count the cash, check the vouchers and look at the key log.
""",
        "history": [],
        "change_note": "First version",
        "months_since_review": 18,
        "helpful": 2,
        "not_helpful": 2,
    },
    {
        "title": "Getting quotes before you buy",
        "summary": "How many quotes you need under the council's Contract Procedure Rules, and how to record them so the purchase stands up to audit.",
        "category": "Finance and purchasing",
        "tags": ["suppliers", "purchase orders", "budgets"],
        "owner": "admin@staffroom.test",
        "body": """The council's Contract Procedure Rules make sure we get value for money and treat suppliers fairly. Before any purchase that is not covered by an existing corporate contract, check how many quotes you need.

## First, check for a contract

Many things are already covered by a corporate contract or framework: stationery, IT equipment, catering, interpreting, travel and agency staff. If a contract exists, you **must** use it, and you do not need quotes. The Procurement team keep the contracts register on their intranet page.

## Quote thresholds

| Total value (excluding VAT) | What you need |
| --- | --- |
| Up to £5,000 | One written quote, or a published price |
| £5,000 to £25,000 | Three written quotes |
| £25,000 to £100,000 | Request for quotation run with Procurement |
| Over £100,000 | Formal tender run by Procurement |

Work out the **total value over the life of the contract**. A £400-a-month service for three years is £14,400, so it needs three quotes.

## Asking for quotes

1. Write a short specification so every supplier quotes for the same thing.
2. Send it to suppliers at the same time, with the same deadline.
3. Try to include at least one local or small business.
4. Accept the lowest quote that meets the specification, unless there is a good reason to choose another. If there is, write it down.

## Recording the decision

Save the specification, the quotes and a short note of the decision in the team's procurement folder, and attach them to the requisition in Unit4 (see *Raising a purchase order*). Internal Audit check a sample every year.

**If you cannot get three quotes**, for example because only one supplier provides the service, ask your head of service to approve an exemption on the exemption form before you place the order.
""",
        "history": [],
        "change_note": "First version",
        "months_since_review": 7,
        "helpful": 6,
        "not_helpful": 1,
    },
    # ------------------------------------------------------------------ Systems how-to
    {
        "title": "Setting up Teams meetings with external guests",
        "summary": "How to invite partners, suppliers and members of the public to a Microsoft Teams meeting, and set the meeting options so that it runs smoothly and securely.",
        "category": "Systems how-to",
        "tags": ["teams", "outlook", "confidential"],
        "owner": "ea@staffroom.test",
        "body": """Many council meetings now include people from outside the organisation: health partners, government departments, suppliers and residents. Teams works well for this, but the default settings are designed for internal meetings, so a few changes avoid embarrassing moments.

## Sending the invitation

1. In Outlook, create a new **Teams Meeting** from the calendar (not a normal appointment with a link pasted in).
2. Add external guests by their full email address. They do not need a Teams licence; they can join from a browser.
3. Add a line to the invitation explaining how to join by phone, using the dial-in number Teams adds automatically.
4. If papers are confidential, do not attach them. Send them separately to named recipients only.

## Meeting options

Open the meeting in Outlook and choose **Meeting options**. For meetings with external guests we recommend:

| Option | Setting |
| --- | --- |
| Who can bypass the lobby | People in my organisation |
| Who can present | Only me and co-organisers |
| Allow microphone for attendees | On, unless it is a large briefing |
| Allow meeting chat | On, or *In-meeting only* for sensitive meetings |
| Recording | Only with everyone's agreement, announced at the start |

Make your director a **co-organiser** so that they can admit people and share their screen if you are not there.

## On the day

- Join five minutes early to admit guests from the lobby. Guests appear as "(Guest)" or "(External)".
- Check names against the invitation before admitting anyone.
- If someone joins by phone, they appear as a number. Ask them to introduce themselves.

### Troubleshooting

- **A guest cannot join:** ask them to use the *Join on the web instead* option in Edge or Chrome.
- **Guest has no audio:** ask them to check browser permissions for the microphone.
- **Meeting needs BSL interpreting:** see *Booking interpreters* and pin the interpreter's video for everyone.
""",
        "history": [
            {
                "body": """Many council meetings now include people from outside the organisation. Teams works well for this, but the default settings are designed for internal meetings.

## Sending the invitation

1. In Outlook, create a new Teams Meeting from the calendar.
2. Add external guests by their full email address. They can join from a browser.
3. Do not attach confidential papers.

## Meeting options

Open the meeting in Outlook and choose **Meeting options**:

- Who can bypass the lobby: People in my organisation
- Who can present: Only me
- Allow meeting chat: On

## On the day

- Join five minutes early to admit guests from the lobby.
- Check names before admitting anyone.
""",
                "note": "First version",
                "author": "ea@staffroom.test",
            },
        ],
        "change_note": "Added co-organisers, recording rule, phone joiners and troubleshooting",
        "months_since_review": 2,
        "helpful": 11,
        "not_helpful": 1,
    },
    {
        "title": "Managing a shared mailbox",
        "summary": "How Business Support teams triage, assign and file email in a shared mailbox so that nothing is missed and anyone can pick up a query.",
        "category": "Systems how-to",
        "tags": ["mailbox", "outlook", "templates", "councillors"],
        "owner": "pa.leader@staffroom.test",
        "body": """Most directorates have a shared mailbox (for example the Place Directorate Office mailbox) that receives enquiries from the public, councillors and other services. A shared mailbox only works if everyone follows the same rules.

## Getting access

Ask your team leader to raise a request through the IT Service Desk portal. Once access is granted, the mailbox appears in Outlook automatically after a restart. If it doesn't, add it under **File > Account Settings > Change > More Settings > Advanced**.

## The triage routine

Whoever is on triage duty (see the rota in the team channel) checks the mailbox at 9am, 12 noon and 3pm:

1. Read each new email and decide who should deal with it.
2. Assign it using a **category** with the person's name. Everyone in the team has their own colour.
3. Move anything for another service to that service's mailbox, and reply to the sender to say where it has gone.
4. Prioritise anything from a councillor or MP and flag it with the **Member enquiry** category; these have a 10-working-day deadline.

## Replying

- Reply from the shared mailbox, not your own, so that the whole team can see the reply. Use *From* to choose the shared address.
- Sign off with your first name and the team name, for example "Ruth, Leader's Office".
- Use the team's approved templates (Quick Parts) for common replies.

## Filing

When a query is finished, move the email thread to the right folder:

| Folder | What goes in it |
| --- | --- |
| 01 Member enquiries | Councillor and MP correspondence |
| 02 Complaints | Anything logged as a formal complaint |
| 03 Diary requests | Meeting requests for the director |
| 04 General | Everything else, kept for two years |

> Never delete email from the shared mailbox. If something was filed in the wrong place, move it rather than deleting and resending.
""",
        "history": [
            {
                "body": """Most directorates have a shared mailbox that receives enquiries from the public, councillors and other services. A shared mailbox only works if everyone follows the same rules.

## Getting access

Ask your team leader to raise a request through the IT Service Desk portal.

## The triage routine

Whoever is on triage duty checks the mailbox twice a day, at 9am and 2pm:

1. Read each new email and decide who should deal with it.
2. Assign it using a category with the person's name.
3. Move anything for another service to that service's mailbox.

## Replying

Reply from the shared mailbox, not your own, so that the whole team can see the reply.

## Filing

When a query is finished, move it to the right folder. Never delete email from the shared mailbox.
""",
                "note": "First version",
                "author": "admin@staffroom.test",
            },
        ],
        "change_note": "Triage now three times a day; added member enquiry deadline and folder table",
        "months_since_review": 5,
        "helpful": 9,
        "not_helpful": 2,
    },
    {
        "title": "Handling Freedom of Information requests for a director",
        "summary": "What to do when a Freedom of Information request reaches a director's office: logging it, gathering information and meeting the 20-working-day deadline.",
        "category": "Systems how-to",
        "tags": ["foi", "information governance", "deadlines", "directors"],
        "owner": "pa.leader@staffroom.test",
        "body": """Anyone can ask the council for information it holds under the Freedom of Information Act 2000. Requests do not have to mention the Act, and they can arrive in any written form, including email or social media. The legal deadline for a response is **20 working days** from the day after we receive the request.

## If a request comes to the director's office

1. Forward it to the Information Governance mailbox **the same day**, even if you think the director's office can answer it.
2. Information Governance log it on the FOI case system and send the requester an acknowledgement.
3. The case is then allocated back to the service that holds the information, often with the EA or PA as the contact.

## Gathering the information

- Search the director's mailbox, diary and the team SharePoint for everything within scope. Deleted items and drafts count if they still exist.
- Note how long the search takes. If finding the information would take more than 18 hours, the request can be refused on cost grounds, so keep a record.
- Send what you find to the case officer by **day 12**, so that there is time for review.

### Possible exemptions

You do not decide exemptions; Information Governance do. But flag anything that may include:

- personal information about staff or residents (section 40)
- commercially sensitive information, such as contract prices (section 43)
- information intended for future publication (section 22)

## Never do this

> Do not delete, alter or hide information after a request has been received. It is a criminal offence under section 77 of the Act.

Environmental information, such as planning or highways data, is handled under the Environmental Information Regulations. The process is the same and Information Governance will decide which applies.

The public guidance is at [How to make a Freedom of Information request](https://www.gov.uk/make-a-freedom-of-information-request).
""",
        "history": [
            {
                "body": """Anyone can ask the council for information it holds under the Freedom of Information Act 2000. The deadline for a response is 20 working days.

## If a request comes to the director's office

1. Forward it to the Information Governance mailbox.
2. Information Governance log it and send an acknowledgement.
3. The case is allocated back to the service that holds the information.

## Gathering the information

- Search the director's mailbox, diary and the team SharePoint.
- Send what you find to the case officer by **day 15**.

## Never do this

Do not delete or alter information after a request has been received.
""",
                "note": "First version",
                "author": "pa.leader@staffroom.test",
            },
        ],
        "change_note": "Internal deadline brought forward to day 12; added exemptions and the cost limit",
        "months_since_review": 3,
        "helpful": 6,
        "not_helpful": 1,
    },
    {
        "title": "Dealing with a complaint routed to a director",
        "summary": "How to log and progress a formal complaint that lands in a director's inbox, and how the stage 1 and stage 2 deadlines work.",
        "category": "Systems how-to",
        "tags": ["complaints", "directors", "deadlines", "mailbox"],
        "owner": "ea@staffroom.test",
        "body": """Residents often write directly to a director when they are unhappy with a service. Even if the email is addressed personally, it must be handled under the council's corporate complaints procedure and logged in the complaints system, so that the deadlines are tracked and the Local Government and Social Care Ombudsman can see we followed the process.

## First steps (same day)

1. Check whether it is a complaint. If the resident is asking for a service for the first time (for example "my bin was not emptied"), it is a service request: pass it to the service and reply to say so.
2. If it is a complaint, forward it to the Customer Feedback team mailbox with the director's name in the subject line.
3. Reply to the resident to acknowledge it, using the standard template, and say that the Customer Feedback team will be in touch.
4. File the email in the **02 Complaints** folder of the shared mailbox.

## The stages

| Stage | Who responds | Deadline |
| --- | --- | --- |
| Stage 1 | Service manager | 10 working days |
| Stage 2 (review) | Director or nominated head of service | 20 working days |
| Ombudsman | Independent | After stage 2 |

Complaints about children's social care and adult social care follow separate statutory procedures. The Customer Feedback team will route them.

## When the director responds at stage 2

- Ask Customer Feedback for the case file and the stage 1 response.
- Put time in the director's diary to read the file, at least a week before the deadline.
- Draft the response in the complaints system using the stage 2 template, ready for the director to edit.
- Make sure the letter tells the resident how to go to the Ombudsman.

**If a complaint mentions a member of staff by name**, do not forward it around the team. Send it only to Customer Feedback and the director.
""",
        "history": [],
        "change_note": "First version",
        "months_since_review": 7,
        "helpful": 5,
        "not_helpful": 1,
    },
    {
        "title": "Requesting access to a council system",
        "summary": "How to ask for an account or extra permissions in Unit4, the committee management system, SharePoint sites and other corporate systems.",
        "category": "Systems how-to",
        "tags": ["it service desk", "unit4", "new starters"],
        "owner": "admin@staffroom.test",
        "body": """Access to corporate systems is granted through the IT Service Desk portal and always needs approval from your line manager. Some systems also need approval from the system owner, which adds a few days, so ask early, especially when you start covering a new director.

## Which request to use

| System | Request in the portal | Extra approval |
| --- | --- | --- |
| Unit4 finance (requisitions, receipting) | *Finance system access* | Finance Support, after e-learning |
| Committee management system | *Application access* | Democratic Services |
| SharePoint team site | *SharePoint access* | Site owner |
| Shared mailbox | *Mailbox access* | Mailbox owner |
| Recruitment system | *Application access* | Recruitment lead |

## How to make the request

1. Log in to the IT Service Desk portal and search for the request type.
2. Say exactly what you need: "Requisitioner and receipter on cost centres `P1200` to `P1250`" is much quicker to process than "Unit4 access".
3. Name a colleague who already has the same access, if possible. IT can copy their permissions.
4. Submit. Your line manager gets an approval email; chase them if nothing happens within a day.

## How long it takes

Most requests are done within **three working days** of approval. Unit4 access takes longer because you must complete the finance e-learning first.

## When you no longer need access

Ask for access to be removed when you stop covering a director or change role. Managers get a quarterly report of who can see what, and unused access is removed automatically after 90 days.

> Never use someone else's login, even to help them out while they are away. Every action in these systems is audited against the named user.
""",
        "history": [
            {
                "body": """Access to corporate systems is granted through the IT Service Desk portal and needs approval from your line manager.

## How to make the request

1. Log in to the IT Service Desk portal and search for the request type.
2. Say what you need.
3. Submit. Your line manager gets an approval email.

## How long it takes

Most requests are done within five working days of approval.

## When you no longer need access

Ask for access to be removed when you change role. Never use someone else's login.
""",
                "note": "First version",
                "author": "admin@staffroom.test",
            },
        ],
        "change_note": "Added the systems table and the 90-day automatic removal",
        "months_since_review": 1,
        "helpful": 8,
        "not_helpful": 0,
    },
    # ------------------------------------------------------------------ Onboarding
    {
        "title": "Onboarding checklist for a new starter",
        "summary": "A week-by-week checklist for getting a new colleague set up, from the signed contract to the end of their first month.",
        "category": "Onboarding",
        "tags": ["new starters", "checklists", "it service desk", "civic centre"],
        "owner": "ea@staffroom.test",
        "body": """A good first week makes a big difference to whether new colleagues stay. Business Support usually handle the practical side of onboarding for the managers we support. Start this checklist as soon as Recruitment confirm the pre-employment checks are clear.

## As soon as the start date is agreed

Recruitment will already have done these:

- [x] Contract issued and signed
- [x] Pre-employment checks cleared and start date confirmed

Then it's over to you:

- [ ] Order IT equipment and accounts (see *Ordering IT equipment for a new starter*). Allow **ten working days**.
- [ ] Request an ID badge and building access for the first day
- [ ] Ask the manager which systems and shared mailboxes the new starter will need, and raise the access requests
- [ ] Book a desk, or confirm the team's desk-booking arrangements
- [ ] Send the welcome email: start time, where to go, who will meet them, what to bring

## First day

- [ ] Meet them at Civic Centre reception at the agreed time
- [ ] Fire safety, first aid and building tour, including the assembly point in the car park
- [ ] Collect the laptop and log in for the first time with IT
- [ ] Introductions to the team and the manager
- [ ] Lunch with a colleague. Nobody should eat alone on their first day

## First week

- [ ] Mandatory e-learning: data protection, information security, equality and diversity, health and safety
- [ ] Book onto the corporate induction (held monthly)
- [ ] Agree a buddy for the first three months
- [ ] Add them to the team's Teams channel, distribution lists and rotas

## First month

- [ ] Probation objectives agreed with the manager
- [ ] Check in: is anything missing, not working or confusing?

## Keeping track

Record progress in the **New starters** tracker on the team SharePoint site. HR only need to be told if mandatory e-learning is not finished within four weeks.

> Tip: ask every new starter what they wish they had known in their first week, and add it to this article.
""",
        "history": [
            {
                "body": """A good first week makes a big difference to whether new colleagues stay. Business Support usually handle the practical side of onboarding for the managers we support.

## Before the first day

- Order IT equipment and accounts
- Request an ID badge
- Book a desk
- Send the welcome email

## First day

- Meet them at reception
- Fire safety and building tour
- Log in for the first time
- Introductions to the team

## First week

- Mandatory e-learning
- Book onto the corporate induction

Record progress in the New starters tracker on the team SharePoint site.
""",
                "note": "First version",
                "author": "pa.leader@staffroom.test",
            },
            {
                "body": """A good first week makes a big difference to whether new colleagues stay. Business Support usually handle the practical side of onboarding for the managers we support. Start this checklist as soon as Recruitment confirm the pre-employment checks are clear.

## As soon as the start date is agreed

- [ ] Order IT equipment and accounts. Allow **five working days**.
- [ ] Request an ID badge and building access for the first day
- [ ] Book a desk
- [ ] Send the welcome email: start time, where to go, who will meet them, what to bring

## First day

- [ ] Meet them at Civic Centre reception at the agreed time
- [ ] Fire safety, first aid and building tour
- [ ] Collect the laptop and log in for the first time with IT
- [ ] Introductions to the team and the manager

## First week

- [ ] Mandatory e-learning: data protection, information security, equality and diversity, health and safety
- [ ] Book onto the corporate induction (held monthly)
- [ ] Add them to the team's Teams channel, distribution lists and rotas

## Keeping track

Record progress in the **New starters** tracker on the team SharePoint site.
""",
                "note": "Converted to a task list and added timings",
                "author": "ea@staffroom.test",
            },
        ],
        "change_note": "IT lead time now ten working days; added buddy, first-month check-in and system access",
        "months_since_review": 1,
        "helpful": 12,
        "not_helpful": 2,
    },
    {
        "title": "Ordering IT equipment for a new starter",
        "summary": "How to order a laptop, phone, accounts and accessories for a new starter through the IT Service Desk portal so that everything is ready on day one.",
        "category": "Onboarding",
        "tags": ["new starters", "it service desk", "accessibility"],
        "owner": "admin@staffroom.test",
        "body": """New starters need a laptop, a network account and email before they can do anything useful. IT equipment is ordered through the IT Service Desk portal using the **New starter** request, which sets up the account and the kit together.

## What to order

| Role | Standard kit |
| --- | --- |
| Office-based or hybrid | Laptop, docking station, headset, two monitors (if the desk doesn't have them) |
| Mostly out of the office | Laptop, headset, mobile phone |
| Director or head of service | Laptop, headset, mobile phone, access to the director's shared calendar |

Anything beyond the standard kit, such as a larger monitor or ergonomic keyboard, needs a reasonable adjustment form or a business case.

## How to order

1. Log in to the IT Service Desk portal and choose **New starter**.
2. Enter the starter's name, job title, start date, manager and cost code.
3. Choose the kit from the standard list.
4. List the shared mailboxes, SharePoint sites and systems they need. Copy an existing team member's access where you can.
5. Submit at least **ten working days** before the start date. Requests with less notice are not guaranteed.

## Collecting the equipment

IT will email you when the kit is ready to collect from the IT hub in Room 1.05. The new starter must collect the laptop in person on their first day to set up their password and multi-factor authentication.

## Common problems

- **Account not ready:** the HR record has not been created yet. Check with Recruitment that the contract has been issued.
- **No phone:** mobile phones need head of service approval in the request.
- **Wrong access:** raise a separate access request rather than reopening the new starter request.
""",
        "history": [
            {
                "body": """New starters need a laptop, a network account and email before they can do anything useful. IT equipment is ordered through the IT Service Desk portal.

## How to order

1. Log in to the IT Service Desk portal and choose **New starter**.
2. Enter the starter's name, job title, start date and manager.
3. Choose a laptop and headset.
4. Submit at least five working days before the start date.

## Collecting the equipment

IT will email the manager when the kit is ready to collect from the IT hub.
""",
                "note": "First version",
                "author": "admin@staffroom.test",
            },
        ],
        "change_note": "Added the kit table; lead time now ten working days",
        "months_since_review": 13,
        "helpful": 2,
        "not_helpful": 7,
    },
    {
        "title": "Your first week in Business Support",
        "summary": "An introduction for new EAs, PAs and admin officers: who we support, how the service is organised, and the people and resources to know in your first week.",
        "category": "Onboarding",
        "tags": ["new starters", "political neutrality", "information governance"],
        "owner": "pa.leader@staffroom.test",
        "body": """Welcome to Business Support. We are a team of Executive Assistants, Personal Assistants and administrative officers who support the council's directors, heads of service and elected members. This article explains how we work and what to expect in your first week.

## How the service is organised

- **Executive Support** looks after the Chief Executive, directors and the Leader's office.
- **Service teams** (for example Children's Services Support and Finance Support) support specific directorates.
- The **Customer Hub** handles enquiries from the public by phone and email.

Each team has a team leader, and the whole service meets online on the first Monday of the month.

## What you will do in your first week

1. Meet your team leader and agree your induction plan.
2. Shadow an experienced colleague. Sit in on diary management, shared mailbox triage and at least one meeting they support.
3. Complete the mandatory e-learning.
4. Read the key guides on Staffroom: start with *Using the corporate diary system in Outlook*, *Managing a shared mailbox* and *Handling confidential post*.
5. Get access to the systems you need (see *Requesting access to a council system*).

## Ways of working

- We cover each other. Expect to pick up another team's work during leave, and write handover notes for yours.
- We are politically neutral. We support councillors of all parties equally.
- We protect confidential information. Directors' diaries and inboxes often contain sensitive HR, legal and commercial matters.

## Who to ask

| Question about | Ask |
| --- | --- |
| Your role, rota or leave | Your team leader |
| A director's preferences | The PA who usually supports them |
| Systems and access | IT Service Desk portal |
| Anything else | The Business Support Teams channel; someone always knows |

> Nobody expects you to know everything in your first month. Ask, and then add what you learned to Staffroom.
""",
        "history": [],
        "change_note": "First version",
        "months_since_review": 4,
        "helpful": 8,
        "not_helpful": 0,
    },
    {
        "title": "Handling confidential post",
        "summary": "How to open, log and deliver post marked private or confidential for directors and councillors, and what to do if you open something by mistake.",
        "category": "Onboarding",
        "tags": ["confidential", "information governance", "new starters"],
        "owner": "pa.leader@staffroom.test",
        "body": """Directors and councillors receive post that contains personal, legal or commercially sensitive information. Everyone in Business Support handles post at some point, so this is part of every new starter's induction.

## Which post is confidential

Treat an item as confidential if it is marked any of the following:

- **Private and confidential**
- **Addressee only** or **Personal**
- **Official-Sensitive**
- From a court, solicitor, the police, the Ombudsman or HMRC

Post marked *Addressee only* or *Personal* must **not** be opened by anyone except the addressee. Other confidential post may be opened by the director's EA or PA, if the director has agreed.

## Handling the post

1. Collect post from the post room on the ground floor at 10am and 2pm. Do not leave it in open trays.
2. Open confidential items (where allowed) at your desk, not in shared areas.
3. Log registered and recorded post in the post log with the date, sender, reference and who it was given to.
4. Put confidential items in a sealed internal envelope marked "Confidential" and hand them to the addressee or lock them in their drawer.
5. Scan and save items only into restricted folders, never the general team folder.

## Sending confidential post

- Use a double envelope: the inner one marked "Private and confidential - addressee only", the outer one plain.
- Check the address twice. Misdirected post is one of the council's most common data breaches.
- Use recorded delivery for anything containing personal information about a resident.

## If something goes wrong

If you open post you should not have, or post goes to the wrong person, **report it to Information Governance the same day** using the data breach form. Reseal the item, note on it that it was opened in error, and pass it to the addressee.

> Reporting quickly is what matters. We have 72 hours to tell the Information Commissioner about a serious breach.
""",
        "history": [
            {
                "body": """Directors and councillors receive post that contains personal, legal or commercially sensitive information.

## Which post is confidential

Treat an item as confidential if it is marked Private and confidential, Addressee only or Personal.

## Handling the post

1. Collect post from the post room.
2. Do not open post marked Addressee only.
3. Log registered post in the post log.
4. Put confidential items in a sealed envelope and give them to the addressee.

## If something goes wrong

If you open post you should not have, reseal it and tell the addressee.
""",
                "note": "First version",
                "author": "ea@staffroom.test",
            },
        ],
        "change_note": "Added sending confidential post and the data breach reporting step",
        "months_since_review": 11,
        "helpful": 6,
        "not_helpful": 3,
    },
    {
        "title": "Getting an ID badge and building access",
        "summary": "How to request an ID badge and door access for a new starter or visitor at the Civic Centre and other council buildings.",
        "category": "Onboarding",
        "tags": ["civic centre", "new starters"],
        "owner": "admin@staffroom.test",
        "body": """Everyone working in council buildings must wear a council ID badge at all times. The same badge opens doors, releases print jobs and pays for food in the Civic Centre café, so new starters need one on their first day.

## Requesting a badge for a new starter

1. Complete the **ID badge request** form on the Facilities intranet page at least **five working days** before the start date.
2. Choose the access level (see below) and the buildings needed.
3. Ask the new starter to email a passport-style photo, against a plain background, to the Facilities mailbox.
4. Facilities print the badge and send it to reception, where the new starter collects it with photo ID on day one.

## Access levels

| Level | Access |
| --- | --- |
| Standard | Public areas and open-plan offices, 7am to 7pm on weekdays |
| Extended | As standard, plus evenings and weekends |
| Restricted areas | Server rooms, the Records Centre or the Members' Suite; needs the area manager's approval |

Staff supporting directors need access to the **second-floor Executive corridor**. Tick this on the form and the Chief Executive's office will approve it.

## Visitors and contractors

- Book visitors in through reception by email by 4pm the working day before.
- Visitors sign in, get a red visitor badge and must be escorted at all times.
- Contractors working for more than a week can have a temporary badge, requested by the manager responsible for the contract.

## Lost badges

Report a lost badge to Facilities (extension 4321) straight away, so that it can be cancelled. The first replacement is free; after that, replacements cost £5 from the team budget.

**When someone leaves**, collect their badge on their last day and return it to reception.
""",
        "history": [],
        "change_note": "First version",
        "months_since_review": 8,
        "helpful": 5,
        "not_helpful": 0,
    },
]
