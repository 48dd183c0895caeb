"""Demo service catalogue for flask seed-demo: what Business Support teams do for the rest of the
council, each service with its request form, and what the requests raised through it look like.

A service's `per_month` is its typical number of requests in a month and `season` its monthly
factors (January first): together they give the dashboard its peaks (recruitment in spring and
September, committee cycles, summer leave). `app.demo.seed_services` turns these into requests.

Each question has a `key` (for conditions and for the subject and description templates) and
says how to make up a plausible answer:
- text, textarea, email: `samples` (may use {requester_name}, {requester_first},
  {requester_team}, {colleague_name}, {colleague_email}, {person_name}, {person_email}), or
  `samples_by`: (key of an earlier choice question, {answer: [samples]});
- number: `range` (lowest, highest, step), or `samples`;
- date: `days` (fewest, most) calendar days after the request is sent (negative: before), or
  after another date question with `after`; weekends move to the Monday unless `any_day`;
- select, radios: optional `weights`; checkboxes: `pick` (fewest, most); yesno: `yes` (chance);
- optional questions (`required: False`) are answered with chance `answered` (default 0.6);
  file questions are never answered (the demo has no uploads).
`show_if` (key, answer) makes a question depend on an earlier question's answer.
Subjects and descriptions may use any answer's key, and `<key>_nice` for a date written out.
"""

SERVICE_CATEGORIES = [
    "Meetings and minutes",
    "Diaries and executive support",
    "Recruitment and vetting",
    "Rooms and venues",
    "Post, print and language",
    "Finance and purchasing",
    "Travel",
    "Social care administration",
]

# Demo names for candidates, applicants, starters and travellers.
FIRST_NAMES = [
    "Amelia", "Ben", "Callum", "Deborah", "Ellie", "Farhan", "Georgia", "Harry", "Imran", "Jasmine", "Kieran",
    "Laura", "Mohammed", "Natalie", "Owen", "Poppy", "Rachel", "Sophie", "Tariq", "Victoria", "William", "Zara",
    "Adam", "Bethany", "Connor", "Danielle", "Ewa", "Gemma", "Hassan", "Jack", "Katie", "Liam", "Megan", "Nathan",
]
LAST_NAMES = [
    "Ahmed", "Bailey", "Clarke", "Davies", "Edwards", "Fletcher", "Green", "Hughes", "Iqbal", "Jones", "Khan",
    "Lewis", "Mitchell", "Nowak", "O'Brien", "Parker", "Roberts", "Singh", "Taylor", "Walker", "Wright", "Young",
    "Bennett", "Chowdhury", "Dixon", "Foster", "Hall", "Kowalski", "Marsh", "Osei", "Patel", "Shaw", "Turner",
]

EVERY_MONTH = [1.0] * 12

SERVICES = [
    # ============================================================ Executive Support
    {
        "name": "Minute-taking for a meeting",
        "category": "Meetings and minutes",
        "team": "Executive Support",
        "summary": "A minute-taker for your meeting, board or hearing, with draft minutes or an action log "
                   "back to you within five working days.",
        "description": """We provide an experienced minute-taker for internal meetings, programme boards, partnership meetings and formal hearings across the council.

## What's included

- A minute-taker at the meeting, in person at the Civic Centre or Riverside Road, or on Teams
- Draft minutes or an action log in the council template, sent to the chair within **five working days**
- One round of changes from the chair, then the final version for circulation
- For disciplinary, grievance and appeal hearings: a detailed record, kept confidential and sent only to the HR adviser and the chair

We do not minute full Council, Cabinet or formal committees: Democratic Services clerk those.

## What to have ready

- The meeting's name, date, start time and expected length
- The agenda, and the papers if they are going out beforehand
- The chair's name, and the list of people invited
- For a hearing: the HR adviser's name and the case reference

Book at least **five working days** ahead. We will do our best with shorter notice, but cannot promise cover.
""",
        "keywords": "minutes notes note-taker note taking clerk action log board hearing panel",
        "resolution_days": 5,
        "first_response_hours": 4,
        "audience": "everyone",
        "per_month": 20,
        # Committee cycles: budget setting in winter, the new municipal year in June and July, the
        # autumn round; quiet in the pre-election period, August and late December.
        "season": [1.2, 1.35, 1.25, 0.75, 0.7, 1.25, 1.3, 0.4, 1.2, 1.35, 1.3, 0.7],
        "form": [
            {"key": "meeting_type", "kind": "select", "label": "Type of meeting",
             "hint": "Formal hearings need a minute-taker who has done the council's hearings training.",
             "options": ["Team or service meeting", "Management team", "Project or programme board",
                         "Partnership board or forum", "Disciplinary, grievance or appeal hearing", "Other"],
             "weights": [22, 18, 25, 15, 12, 8]},
            {"key": "meeting_name", "kind": "text", "label": "Name of the meeting",
             "hint": "As it appears in the calendar invitation, for example Highways Asset Board",
             "samples_by": ("meeting_type", {
                 "Team or service meeting": ["{requester_team} team meeting", "{requester_team} service planning day",
                                             "{requester_team} all-staff briefing", "{requester_team} away day"],
                 "Management team": ["Place Directorate Management Team", "People Directorate Management Team",
                                     "{requester_team} senior leadership team", "Corporate Leadership Team"],
                 "Project or programme board": ["Capital Programme Board", "Local Plan Steering Group",
                                                "Highways Asset Management Board", "Digital Transformation Board",
                                                "Housing Repairs Improvement Board", "Climate Emergency Working Group",
                                                "Depot Relocation Project Board"],
                 "Partnership board or forum": ["Safer Streets Partnership", "Homelessness Forum",
                                                "Adult Social Care Quality Board", "Health and Wellbeing Partnership",
                                                "Landlords' Forum", "Food Safety Liaison Group"],
                 "Disciplinary, grievance or appeal hearing": ["Disciplinary hearing", "Grievance hearing",
                                                               "Appeal hearing", "Capability hearing"],
                 "Other": ["Staff consultation meeting", "Member briefing", "Residents' drop-in session"],
             })},
            {"key": "meeting_date", "kind": "date", "label": "Date of the meeting", "not_in_past": True,
             "days": (3, 30)},
            {"key": "hours", "kind": "number", "label": "Expected length in hours",
             "hint": "Round up to the nearest half hour", "min": 0.5, "max": 8, "range": (1, 4, 0.5)},
            {"key": "style", "kind": "radios", "label": "What kind of record do you need?",
             "options": ["Action log only", "Summary minutes", "Detailed minutes"], "weights": [30, 55, 15],
             "hint": "Detailed minutes are usual for hearings and formal panels."},
            {"key": "hr_adviser", "kind": "text", "label": "Name of the HR adviser on the panel",
             "show_if": ("meeting_type", "Disciplinary, grievance or appeal hearing"),
             "hint": "We send the draft record to the HR adviser as well as the chair.",
             "samples": ["{person_name}", "{person_name} (HR Business Partner)"]},
            {"key": "papers", "kind": "yesno", "label": "Will papers be sent out before the meeting?",
             "hint": "If so, add the minute-taker to the circulation list.", "yes": 0.7},
            {"key": "notes", "kind": "textarea", "label": "Anything else the minute-taker should know",
             "required": False, "answered": 0.35,
             "samples": ["The chair prefers actions numbered by agenda item.",
                         "Two members of the public may attend for item 3.",
                         "Please use the new board template (it is in the shared drive).",
                         "It is a hybrid meeting: the Teams link is in the invitation.",
                         "Confidential item at the end: please keep it in a separate annex."]},
        ],
        "subjects": ["Minutes for {meeting_name} on {meeting_date_nice}",
                     "Minute-taker needed: {meeting_name}, {meeting_date_nice}",
                     "{meeting_name}: {style_lower} please"],
        "descriptions": [
            "Could we have a minute-taker for {meeting_name} on {meeting_date_nice}? It should last about {hours} hours.",
            "We need {style_lower} for {meeting_name}. The chair is {colleague_name}; the agenda will follow.",
            "Our usual note-taker is away, so we need cover for {meeting_name} on {meeting_date_nice}.",
            "Please could someone minute {meeting_name}. Draft to the chair within the week if possible, as "
            "the actions feed the next report.",
        ],
    },
    {
        "name": "Diary support during absence",
        "category": "Diaries and executive support",
        "team": "Executive Support",
        "summary": "We look after your diary and inbox while you are on leave, off sick or away, so meetings "
                   "are moved and urgent matters reach the right person.",
        "description": """While you are away we manage your Outlook diary and keep an eye on your inbox, so nothing is missed and nobody waits for a reply that will not come.

## What's included

- Declining or moving meetings, and suggesting dates after you are back
- Accepting routine internal meetings on your behalf, if you want us to
- Checking your inbox twice a day and forwarding anything urgent to the colleague you name
- Setting your out-of-office reply, and switching it off when you return
- A short handover note on your first day back: what moved, what is waiting for you

## What to have ready

- The first and last days of your absence
- Delegate access to your calendar and mailbox for the Executive Support shared account (your IT service desk can set this up)
- The colleague who should deal with urgent matters
- Meetings that must go ahead without you, and who will attend instead

For unplanned absence, your manager can raise this on your behalf.
""",
        "keywords": "diary calendar outlook cover leave holiday sickness out of office inbox delegate PA",
        "resolution_days": 2,
        "first_response_hours": 4,
        "audience": "everyone",
        "per_month": 11,
        # Leave: Easter, the summer holidays and Christmas.
        "season": [0.8, 1.0, 0.9, 1.25, 1.05, 1.1, 1.55, 1.45, 0.75, 1.0, 0.8, 1.35],
        "form": [
            {"key": "whose", "kind": "text", "label": "Whose diary is it?", "hint": "Name and job title",
             "samples": ["{requester_name}", "{requester_name}, Service Manager", "{requester_name}, Team Leader",
                         "{requester_name}, Head of {requester_team}"]},
            {"key": "first_day", "kind": "date", "label": "First day of absence", "not_in_past": True, "days": (1, 21)},
            {"key": "last_day", "kind": "date", "label": "Last day of absence", "after": ("first_day", 0, 14)},
            {"key": "reason", "kind": "radios", "label": "Reason for the absence",
             "hint": "We only use this to word replies; you do not need to give any details.",
             "options": ["Annual leave", "Sickness", "Training or conference", "Other"], "weights": [72, 10, 12, 6]},
            {"key": "tasks", "kind": "checkboxes", "label": "What would you like us to do?",
             "options": ["Decline new meetings and suggest dates after I am back", "Move my one-to-ones",
                         "Accept routine internal meetings on my behalf", "Watch my inbox and forward anything urgent",
                         "Set my out-of-office reply"], "pick": (2, 4)},
            {"key": "urgent_contact", "kind": "email", "label": "Who should urgent matters go to?",
             "hint": "A colleague's council email address", "samples": ["{colleague_email}"]},
            {"key": "notes", "kind": "textarea", "label": "Meetings that must go ahead without you",
             "required": False, "answered": 0.45,
             "samples": ["The budget challenge session on Thursday: {colleague_name} will attend instead.",
                         "Keep the fortnightly catch-up with the Portfolio Holder, {colleague_name} to cover.",
                         "Recruitment interviews on the Tuesday go ahead; I have briefed the panel.",
                         "Nothing needs to go ahead; please move everything."]},
        ],
        "subjects": ["Diary cover while I am away from {first_day_nice}",
                     "Diary and inbox cover: {first_day_nice} to {last_day_nice}",
                     "{reason}: please look after my diary"],
        "descriptions": {
            "by": "reason",
            "Annual leave": ["Annual leave booked. Delegate access is already set up for the shared account.",
                             "I am away from {first_day_nice} to {last_day_nice}. Please handle my diary and forward "
                             "anything urgent to {colleague_name}."],
            "Sickness": ["Off sick from today. I do not know when I will be back, so the last day is a guess.",
                         "Unplanned absence: please move this week's meetings and let people know."],
            "*": ["Could you cover my diary while I am out? {colleague_name} knows what is urgent.",
                  "First time asking for this: I have given the shared account access to my calendar today."],
        },
    },
    {
        "name": "Audio typing from dictation",
        "category": "Diaries and executive support",
        "team": "Executive Support",
        "summary": "Typing letters, reports and case notes from a dictated recording. Retired: use the "
                   "dictation tool in Word or transcription in Teams instead.",
        "description": """**This service has been retired.** Dictate straight into Word (Home > Dictate) or use the transcript of a recorded Teams meeting, then ask us to format the document if you need to.

## What it included

- Typing from a digital dictation file, to the council's letter and report templates
- A returned draft within three working days
""",
        "keywords": "dictaphone dictation typing transcription letters",
        "resolution_days": 3,
        "first_response_hours": None,
        "audience": "everyone",
        "active": False,
        "per_month": 5,
        "season": EVERY_MONTH,
        "form": [
            {"key": "recording", "kind": "file", "label": "Recording", "required": False,
             "hint": "MP3 or WAV, up to 10 MB"},
            {"key": "minutes", "kind": "number", "label": "Length of the recording in minutes", "min": 1,
             "max": 90, "range": (3, 40, 1)},
            {"key": "document", "kind": "select", "label": "What is it?",
             "options": ["Letter", "Report", "Case notes", "Minutes"], "weights": [45, 25, 20, 10]},
            {"key": "needed_by", "kind": "date", "label": "Date you need it by", "not_in_past": True, "days": (2, 7)},
        ],
        "subjects": ["Typing: {document_lower} from dictation", "Audio typing, {minutes} minutes"],
        "descriptions": ["Recording sent to the shared mailbox this morning.",
                         "Please type up the attached dictation on letterhead."],
    },
    # ============================================================ Recruitment
    {
        "name": "Advertise a vacancy",
        "category": "Recruitment and vetting",
        "team": "Recruitment",
        "summary": "We place your approved vacancy on the council jobs site and anywhere else it should go, "
                   "and set up the application process.",
        "description": """Once a vacancy has been approved at the vacancy control panel, we advertise it and run the application process for you.

## What's included

- Checking the job description and person specification are on the current templates
- Writing the advert with you, in plain English and with the council's inclusive-language checks
- Placing it on the council jobs site and the internal vacancies bulletin, and on Indeed, LinkedIn or specialist sites if you need them (paid sites are charged to your cost centre)
- Sending you the applications, anonymised, the day after the closing date

## What to have ready

- The vacancy panel approval and the post number
- The job description and person specification
- The grade, hours and whether the post is permanent, fixed term or a secondment
- Your preferred closing date, and your shortlisting and interview dates

External adverts normally run for at least **14 days**. Adverts go live within five working days of a complete request.
""",
        "keywords": "job advert recruitment vacancy post jobs site indeed linkedin hiring",
        "resolution_days": 5,
        "first_response_hours": 8,
        "audience": "everyone",
        "per_month": 14,
        # New budgets in April bring a spring surge; September's is the second.
        "season": [1.05, 1.0, 1.6, 1.75, 1.0, 0.85, 0.75, 0.6, 1.55, 1.05, 0.85, 0.45],
        "form": [
            {"key": "job_title", "kind": "text", "label": "Job title",
             "samples": ["Planning Officer", "Senior Planning Officer", "Highways Inspector", "Street Works Coordinator",
                         "Housing Options Officer", "Tenancy Sustainment Officer", "Social Worker",
                         "Occupational Therapist", "Environmental Health Officer", "Food Safety Officer",
                         "Solicitor (Property)", "Paralegal", "Business Support Officer", "Customer Advisor",
                         "Finance Assistant", "Team Leader, Reablement", "Project Manager"]},
            {"key": "grade", "kind": "select", "label": "Grade",
             "options": ["Grade 3", "Grade 4", "Grade 5", "Grade 6", "Grade 7", "Grade 8", "Grade 9", "Grade 10",
                         "Chief officer"], "weights": [8, 14, 18, 20, 16, 12, 7, 4, 1]},
            {"key": "hours", "kind": "number", "label": "Hours a week", "hint": "Full time is 37 hours",
             "min": 1, "max": 37, "samples": [37] * 10 + [30, 22.5, 18.5, 15]},
            {"key": "contract", "kind": "radios", "label": "Type of contract",
             "options": ["Permanent", "Fixed term", "Secondment"], "weights": [68, 24, 8]},
            {"key": "end_date", "kind": "date", "label": "End date of the fixed term",
             "show_if": ("contract", "Fixed term"), "hint": "For example, 31 3 2027", "days": (180, 540)},
            {"key": "where", "kind": "checkboxes", "label": "Where should it be advertised?",
             "hint": "Paid sites are charged to your cost centre.",
             "options": ["Council jobs site", "Internal vacancies bulletin", "Indeed", "LinkedIn",
                         "Specialist professional journal"], "pick": (1, 3)},
            {"key": "closing_date", "kind": "date", "label": "Closing date", "not_in_past": True,
             "hint": "At least 14 days from today for external adverts", "days": (16, 30)},
            {"key": "approved", "kind": "yesno", "label": "Has the vacancy panel approved the post?",
             "hint": "We cannot advertise until it has.", "yes": 0.93},
        ],
        "subjects": ["Advertise: {job_title} ({grade})", "New vacancy: {job_title}, {contract_lower}",
                     "{job_title} advert, closing {closing_date_nice}"],
        "descriptions": [
            "Vacancy panel approved this last week. JD and person spec are in the shared recruitment folder.",
            "Replacement for a leaver in {requester_team}. Same JD as last time, just the closing date is new.",
            "We would like interviews in the week after the closing date if possible.",
            "Second attempt: the last advert had no suitable applicants, so please add it to Indeed this time.",
            "New post created in the restructure. Job evaluation has confirmed the grade.",
        ],
    },
    {
        "name": "Interview arrangements",
        "category": "Recruitment and vetting",
        "team": "Recruitment",
        "summary": "We invite shortlisted candidates, book rooms or Teams meetings, and prepare the panel's "
                   "packs for your interviews.",
        "description": """After you have shortlisted, we organise the interviews so the panel can concentrate on choosing the right person.

## What's included

- Inviting candidates and agreeing times, including any adjustments they ask for
- Booking a room and signing candidates in at reception, or setting up Teams meetings
- Panel packs: the timetable, applications, questions and scoring sheets
- Arranging any test or presentation, and printing the materials
- Checking candidates' identity and right-to-work documents on the day

## What to have ready

- The shortlist (in the recruitment system) and the interview date
- The panel members, including any councillors
- Your questions, and details of any test or presentation

Please give us at least **five working days** before the interview date so candidates have fair notice.
""",
        "keywords": "interview panel shortlist candidates invite invitation assessment test presentation",
        "resolution_days": 5,
        "first_response_hours": 8,
        "audience": "everyone",
        "per_month": 10,
        # A month behind the adverts.
        "season": [0.9, 1.0, 1.1, 1.6, 1.6, 1.0, 0.8, 0.55, 1.25, 1.6, 1.0, 0.5],
        "form": [
            {"key": "job_title", "kind": "text", "label": "Post and vacancy reference",
             "samples": ["Planning Officer (PLA-{number})", "Highways Inspector (HWY-{number})",
                         "Housing Options Officer (HOU-{number})", "Social Worker (ASC-{number})",
                         "Environmental Health Officer (ENV-{number})", "Paralegal (LEG-{number})",
                         "Business Support Officer (BSS-{number})", "Finance Assistant (FIN-{number})"]},
            {"key": "interview_date", "kind": "date", "label": "Interview date", "not_in_past": True, "days": (7, 21)},
            {"key": "candidates", "kind": "number", "label": "Number of candidates", "min": 1, "max": 12,
             "range": (2, 8, 1)},
            {"key": "format", "kind": "radios", "label": "How will the interviews be held?",
             "options": ["In person", "On Teams", "Some of each"], "weights": [55, 35, 10]},
            {"key": "building", "kind": "select", "label": "Which building?", "show_if": ("format", "In person"),
             "options": ["Civic Centre", "Depot, Riverside Road", "Another council building"],
             "weights": [75, 15, 10]},
            {"key": "tasks", "kind": "checkboxes", "label": "What should we arrange?",
             "options": ["Invite the candidates", "Book a room", "Send the panel packs",
                         "Arrange a test or presentation", "Check ID and right-to-work documents on the day"],
             "pick": (2, 5)},
            {"key": "panel", "kind": "textarea", "label": "Panel members",
             "hint": "Names and job titles; include any councillors",
             "samples": ["{requester_name} (chair), {colleague_name}, and an HR adviser",
                         "{requester_name}, {colleague_name}, Cllr {person_name}",
                         "{colleague_name} (chair) and {requester_name}"]},
        ],
        "subjects": ["Interviews for {job_title} on {interview_date_nice}",
                     "Please arrange interviews: {job_title}", "{candidates} interviews, {interview_date_nice}"],
        "descriptions": [
            "Shortlisting is done: {candidates} candidates. We would like half-hour slots from 9:30.",
            "Candidates give a ten-minute presentation first; the topic is in the panel folder.",
            "One candidate has asked for an adjustment (extra time for the written test).",
            "Same panel as the last round. Could we have the room for the whole day?",
        ],
    },
    {
        "name": "DBS check administration",
        "category": "Recruitment and vetting",
        "team": "Recruitment",
        "summary": "We start and track Disclosure and Barring Service checks for new starters, volunteers "
                   "and renewals, and tell you when the certificate is back.",
        "description": """Posts working with children or adults at risk need a Disclosure and Barring Service (DBS) check before the person starts. We send the online application, verify identity documents and track the check until the certificate is issued.

## What's included

- Sending the applicant the link to the online application
- Verifying their identity documents (in person at the Civic Centre or by video)
- Chasing the applicant and the DBS, and telling you the outcome
- Reminders when a three-yearly renewal is due

We never see or keep the detail of a certificate with content: the Recruitment lead discusses it with you in confidence.

## What to have ready

- The applicant's full name and personal email address
- The job title, and the level of check the post needs (it is on the job description)
- The planned start date

Most checks come back within **two weeks**; enhanced checks can take longer.
""",
        "keywords": "DBS disclosure barring vetting criminal record check enhanced safeguarding CRB",
        "resolution_days": 10,
        "first_response_hours": 8,
        "audience": "everyone",
        "per_month": 12,
        # Follows the offers made after the spring and autumn recruitment rounds.
        "season": [1.0, 0.9, 1.05, 1.35, 1.65, 1.3, 1.0, 0.75, 1.45, 1.55, 1.0, 0.5],
        "form": [
            {"key": "applicant", "kind": "text", "label": "Applicant's full name",
             "hint": "As it appears on their passport or driving licence", "samples": ["{person_name}"]},
            {"key": "applicant_email", "kind": "email", "label": "Applicant's email address",
             "hint": "We send the link to the online application here.", "samples": ["{person_email}"]},
            {"key": "role", "kind": "text", "label": "Job title",
             "samples": ["Social Worker", "Occupational Therapist", "Reablement Support Worker", "Family Support Worker",
                         "Housing Support Officer", "Passenger Assistant", "Youth Worker", "Sports Coach (volunteer)",
                         "Library Assistant", "Taxi Licensing Officer"]},
            {"key": "level", "kind": "radios", "label": "Level of check",
             "hint": "The job description says which level the post needs.",
             "options": ["Basic", "Standard", "Enhanced", "Enhanced with barred lists"], "weights": [10, 12, 38, 40]},
            {"key": "barred_list", "kind": "select", "label": "Which barred lists?",
             "show_if": ("level", "Enhanced with barred lists"),
             "options": ["Children's barred list", "Adults' barred list", "Both barred lists"],
             "weights": [40, 35, 25]},
            {"key": "start_date", "kind": "date", "label": "Planned start date", "not_in_past": True, "days": (14, 45)},
            {"key": "renewal", "kind": "yesno", "label": "Is this a renewal for someone already in post?", "yes": 0.22},
        ],
        "subjects": ["DBS check for {applicant}", "{level} DBS: {role}", "DBS for new starter {applicant}"],
        "descriptions": {
            "by": "renewal",
            "Yes": ["Renewal due: the last check was three years ago this month.",
                    "{applicant} has changed roles and the new post needs a higher level of check."],
            "*": ["{applicant} has accepted our offer and is due to start on {start_date_nice}, subject to DBS.",
                  "Conditional offer made. Could the ID check be done by video? They are moving from Leeds.",
                  "Volunteer for the summer programme; the post is in regulated activity."],
        },
    },
    {
        "name": "New starter set-up",
        "category": "Recruitment and vetting",
        "team": "Recruitment",
        "summary": "Laptop, accounts, ID badge and induction booked, so a new colleague can start work on "
                   "their first day.",
        "description": """Tell us about a new starter at least **ten working days** before they join and we arrange everything they need for day one.

## What's included

- Ordering a laptop and phone from IT, and their network and email accounts
- An ID badge and building access (photo taken on the first morning)
- Booking them onto the corporate induction and mandatory e-learning
- A welcome email with where to go and who to ask for

## What to have ready

- Their name, job title, start date and working pattern
- Their line manager
- Which systems they need access to (Unit4, the social care record, Uniform and so on): each system's owner still has to approve access
""",
        "keywords": "onboarding new starter induction laptop ID badge access account joiner",
        "resolution_days": 8,
        "first_response_hours": None,
        "audience": "everyone",
        "per_month": 9,
        "season": [1.1, 0.9, 1.0, 1.25, 1.45, 1.15, 0.9, 0.9, 1.5, 1.35, 1.0, 0.5],
        "form": [
            {"key": "starter", "kind": "text", "label": "New starter's name", "samples": ["{person_name}"]},
            {"key": "job_title", "kind": "text", "label": "Job title",
             "samples": ["Planning Officer", "Highways Technician", "Housing Options Officer", "Social Worker",
                         "Environmental Health Officer", "Legal Assistant", "Business Support Officer",
                         "Apprentice, Business Administration", "Customer Advisor"]},
            {"key": "start_date", "kind": "date", "label": "Start date", "not_in_past": True, "days": (10, 35)},
            {"key": "pattern", "kind": "radios", "label": "Working pattern",
             "options": ["Office based", "Hybrid", "Mostly at home", "Out on site"], "weights": [20, 55, 10, 15]},
            {"key": "equipment", "kind": "checkboxes", "label": "What do they need?",
             "options": ["Laptop", "Mobile phone", "ID badge and building access", "Parking permit",
                         "Desk at the Civic Centre"], "pick": (2, 4)},
            {"key": "manager_email", "kind": "email", "label": "Line manager's email address",
             "samples": ["{requester_email}", "{colleague_email}"]},
        ],
        "subjects": ["New starter: {starter}, {start_date_nice}", "Set-up for {starter} ({job_title})"],
        "descriptions": [
            "{starter} joins {requester_team} on {start_date_nice}. Offer accepted and references back.",
            "New apprentice starting; they will need the full corporate induction.",
            "Internal move from another directorate, so they may already have a badge.",
        ],
    },
    # ============================================================ Children's Services Support
    {
        "name": "Child protection conference minutes",
        "category": "Social care administration",
        "team": "Children's Services Support",
        "summary": "A minute-taker for initial and review child protection conferences, with minutes "
                   "distributed to the family and agencies within the statutory timescales.",
        "description": """For Children's Services social workers and conference chairs only.

## What's included

- A trained minute-taker for initial, review and transfer-in child protection conferences
- Booking the venue and sending invitations to the family and agencies
- An interpreter when someone attending needs one
- The child protection plan distributed within **one working day** and the full minutes within **15 working days**

## What to have ready

- The case number in the social care record (never the child's name in the request)
- The conference type and date, and the chair
- The number of children and who should be invited
- Whether anyone needs an interpreter or other adjustments

Minutes are kept on the child's record. They are never stored in Staffroom.
""",
        "keywords": "ICPC RCPC child protection conference case conference minutes safeguarding social work",
        "resolution_days": 5,
        "first_response_hours": 4,
        "audience": "teams",
        "requesting_teams": ["Children's Services", "Children's Services Support"],
        "per_month": 12,
        "season": [1.1, 1.05, 1.1, 0.95, 1.05, 1.05, 1.0, 0.75, 1.0, 1.1, 1.15, 0.75],
        "form": [
            {"key": "conference_type", "kind": "radios", "label": "Type of conference",
             "options": ["Initial child protection conference", "Review child protection conference",
                         "Transfer-in conference"], "weights": [35, 58, 7]},
            {"key": "conference_date", "kind": "date", "label": "Date of the conference", "not_in_past": True,
             "days": (3, 15)},
            {"key": "case_number", "kind": "text", "label": "Case number",
             "hint": "From the social care record, for example 1234567. Do not write the child's name.",
             "samples": ["{number7}"]},
            {"key": "children", "kind": "number", "label": "Number of children", "min": 1, "max": 8,
             "range": (1, 4, 1)},
            {"key": "venue", "kind": "select", "label": "Where will it be held?",
             "options": ["Civic Centre", "Family Centre", "On Teams", "Hybrid"], "weights": [30, 25, 15, 30]},
            {"key": "interpreter", "kind": "yesno", "label": "Does anyone attending need an interpreter?", "yes": 0.14},
            {"key": "language", "kind": "text", "label": "Which language?", "show_if": ("interpreter", "Yes"),
             "samples": ["Polish", "Urdu", "Arabic", "Romanian", "Bengali (Sylheti)", "Kurdish Sorani", "BSL"]},
        ],
        "subjects": ["{conference_type}, case {case_number}", "Minute-taker for conference on {conference_date_nice}",
                     "Conference {conference_date_nice}: case {case_number}"],
        "descriptions": {
            "by": "conference_type",
            "Initial child protection conference": [
                "Strategy discussion held yesterday; the ICPC must be within 15 working days.",
                "Chair confirmed. Invitations to go to the family, school, health visitor and police."],
            "Review child protection conference": [
                "Review conference; same agencies as last time. Mum has asked to attend on Teams.",
                "Please book the Family Centre room with the separate waiting area."],
            "*": ["Family moved here from another authority; their plan transfers at this conference."],
        },
    },
    {
        "name": "Social care records for a subject access request",
        "category": "Social care administration",
        "team": "Children's Services Support",
        "summary": "We gather and prepare a person's social care records for the information governance "
                   "team to redact and release.",
        "description": """When someone asks for their social care records, Information Governance log the request and we gather the records from the case management system and the Records Centre.

## What's included

- Searching the social care record and archived paper files for the period asked for
- A single bundle in date order, with pages that mention other people flagged for review
- Handing the bundle to Information Governance, who redact and send it

## What to have ready

- The Information Governance reference
- Which records (children's, adults' or both) and the period they cover
- The statutory deadline: one calendar month from receipt, or three months if extended
""",
        "keywords": "SAR subject access request records GDPR data protection case file bundle redaction",
        "resolution_days": 10,
        "first_response_hours": None,
        "audience": "teams",
        "requesting_teams": ["Children's Services", "Adult Social Care", "Legal Services"],
        "per_month": 4,
        "season": [1.2, 1.05, 1.0, 1.0, 1.0, 0.95, 1.0, 0.85, 1.0, 1.0, 1.05, 0.9],
        "form": [
            {"key": "ig_reference", "kind": "text", "label": "Information Governance reference",
             "hint": "For example, SAR-0412", "samples": ["SAR-{number}"]},
            {"key": "records", "kind": "radios", "label": "Which records?",
             "options": ["Children's social care", "Adult social care", "Both"], "weights": [55, 35, 10]},
            {"key": "from_date", "kind": "date", "label": "Records from", "days": (-7000, -700), "any_day": True},
            {"key": "to_date", "kind": "date", "label": "Records up to", "days": (-60, 0), "any_day": True},
            {"key": "others", "kind": "yesno", "label": "Do the records mention other family members?",
             "hint": "If so, we flag those pages for a social worker to check before redaction.", "yes": 0.8},
            {"key": "deadline", "kind": "date", "label": "Statutory deadline", "not_in_past": True, "days": (18, 28)},
        ],
        "subjects": ["Records for {ig_reference}", "SAR bundle: {ig_reference} ({records_lower})"],
        "descriptions": [
            "Care leaver asking for their whole file. Some of it will be on paper at the Records Centre.",
            "Request from a solicitor acting for the data subject; consent form is on the IG case.",
            "Adult social care records only, from the last assessment onwards.",
        ],
    },
    # ============================================================ Customer Hub
    {
        "name": "Room or venue booking",
        "category": "Rooms and venues",
        "team": "Customer Hub",
        "summary": "Meeting rooms at the Civic Centre and Riverside Road, the Council Chamber for large "
                   "events, or an outside venue found for you, with refreshments if you need them.",
        "description": """We book rooms in council buildings and, when nothing suitable is free, find an outside venue from the approved list.

## What's included

- Meeting rooms and committee rooms at the Civic Centre and the Depot on Riverside Road
- The Council Chamber for events of more than 40 people (the Chief Executive's office must agree)
- Layout, screens and hearing loops set up before you arrive
- Refreshments from the approved caterer, charged to your cost centre
- For outside venues: up to three options with prices, and the booking once you choose

## What to have ready

- The date, start and finish times (including setting up and clearing away)
- How many people, and the layout you want
- Any access needs, such as step-free access or a hearing loop
- A cost code if you want refreshments or an outside venue

Internal rooms are confirmed within **two working days**; outside venues can take longer.
""",
        "keywords": "room booking meeting room venue committee room chamber catering refreshments hire space",
        "resolution_days": 2,
        "first_response_hours": 2,
        "audience": "everyone",
        "per_month": 26,
        # Busy with meetings and training in term time; August and late December are quiet.
        "season": [1.15, 1.2, 1.2, 0.95, 1.05, 1.05, 0.95, 0.45, 1.2, 1.25, 1.2, 0.6],
        "quiet_christmas": True,
        "form": [
            {"key": "room_date", "kind": "date", "label": "Date needed", "not_in_past": True, "days": (2, 28)},
            {"key": "times", "kind": "text", "label": "Start and finish times",
             "hint": "Include time to set up and clear away, for example 9:30 to 12:30",
             "samples": ["9:30 to 12:30", "10:00 to 12:00", "13:30 to 16:30", "9:00 to 17:00", "14:00 to 15:30",
                         "9:30 to 16:00"]},
            {"key": "people", "kind": "number", "label": "Number of people", "min": 1, "max": 250,
             "range": (4, 40, 1)},
            {"key": "venue", "kind": "select", "label": "Where would you like it?",
             "options": ["Civic Centre meeting room", "Civic Centre committee room", "Council Chamber",
                         "Depot, Riverside Road", "Outside venue: please find one"], "weights": [46, 28, 5, 12, 9]},
            {"key": "layout", "kind": "radios", "label": "Layout",
             "options": ["Boardroom", "Theatre", "Cabaret", "Classroom"], "weights": [60, 12, 18, 10]},
            {"key": "refreshments", "kind": "yesno", "label": "Do you need refreshments?", "yes": 0.35,
             "hint": "Charged to your cost centre."},
            {"key": "catering", "kind": "checkboxes", "label": "Which refreshments?",
             "show_if": ("refreshments", "Yes"),
             "options": ["Tea and coffee", "Water", "Biscuits", "Sandwich lunch", "Fruit"], "pick": (1, 3)},
            {"key": "access", "kind": "textarea", "label": "Access needs", "required": False, "answered": 0.2,
             "samples": ["One attendee uses a wheelchair: step-free access please.",
                         "Hearing loop needed.", "A quiet room nearby for a break-out would help."]},
        ],
        "subjects": ["Room for {people} people on {room_date_nice}", "Booking: {venue_lower}, {room_date_nice}",
                     "Room booking, {room_date_nice} {times}"],
        "descriptions": [
            "Team meeting for {requester_team}. A screen to share from a laptop would help.",
            "Training session run by an outside trainer, who will arrive half an hour early.",
            "Interview panel plus a waiting area for candidates if possible.",
            "Workshop with partners. We need wall space for flip-chart paper.",
            "Quarterly away day. Any room that fits us is fine.",
            "Service users attending, so somewhere near reception please.",
        ],
    },
    {
        "name": "Scanning and post",
        "category": "Post, print and language",
        "team": "Customer Hub",
        "summary": "Scanning paper records into the right folder, large or recorded mailings, and redirecting "
                   "post while you are away.",
        "description": """The Customer Hub's post room scans, sends and redirects post for every team.

## What's included

- Scanning paper files to a named shared folder or into the records system, indexed the way you ask
- Sending large mailings, and recorded or special delivery post
- Redirecting or holding your post while you are away
- Sending scanned paper to the Records Centre, or to confidential destruction once checked

## What to have ready

- What it is, how many pages or items, and where the scans or post should go
- Whether it holds personal or sensitive information (we handle it in the secure room)
- A cost code for postage on mailings of more than 50 items
""",
        "keywords": "post mail scan scanning digitise records mailing franking recorded delivery redirect",
        "resolution_days": 3,
        "first_response_hours": None,
        "audience": "everyone",
        "per_month": 15,
        # Year-end archiving in March; steady otherwise.
        "season": [1.0, 1.0, 1.35, 1.1, 1.0, 1.0, 0.95, 0.8, 1.0, 1.0, 1.05, 0.85],
        "form": [
            {"key": "task", "kind": "radios", "label": "What do you need?",
             "options": ["Scan paper records", "Send a mailing", "Recorded or special delivery",
                         "Redirect or hold my post"], "weights": [45, 20, 20, 15]},
            {"key": "items", "kind": "number", "label": "How many pages or items?", "min": 1, "max": 5000,
             "range": (5, 600, 5)},
            {"key": "destination", "kind": "text", "label": "Where should it go?",
             "hint": "A shared folder, a postal address, or a colleague",
             "samples": ["\\\\council\\shared\\{requester_team}\\Scanned", "The records system, case file",
                         "{colleague_name}", "Records Centre once scanned", "Addresses on the attached list"]},
            {"key": "sensitive", "kind": "yesno", "label": "Does it hold personal or sensitive information?",
             "yes": 0.45},
            {"key": "deadline", "kind": "date", "label": "Date you need it done by", "required": False,
             "not_in_past": True, "days": (3, 14), "answered": 0.5},
        ],
        "subjects": ["{task} for {requester_team}", "{task}, by {deadline_nice}"],
        "descriptions": {
            "by": "task",
            "Scan paper records": ["Boxes are in the {requester_team} office, labelled for collection.",
                                   "Closed files from the last financial year to be scanned before they go to the Records Centre.",
                                   "About {items} pages of old inspection records; index by address please."],
            "Send a mailing": ["Letters to all tenants on the estate about the repairs programme.",
                               "Consultation letters to {items} residents; envelopes are printed."],
            "Recorded or special delivery": ["Statutory notice that must go recorded delivery today if possible.",
                                             "Court bundle to go special delivery before noon."],
            "Redirect or hold my post": ["I am away for two weeks: please hold anything that is not urgent.",
                                         "Team moving to Riverside Road: please redirect our post from Monday."],
        },
    },
    {
        "name": "Interpreter or translation booking",
        "category": "Post, print and language",
        "team": "Customer Hub",
        "summary": "A face-to-face, telephone or video interpreter for a meeting or visit, or a written "
                   "translation of a letter or leaflet.",
        "description": """We book interpreters and translators from the council's contracted provider, including British Sign Language.

## What's included

- Face-to-face, telephone and video interpreters, including BSL
- Written translations of letters, notices and leaflets, checked by a second linguist
- Easy Read versions of documents on request

## What to have ready

- The language (and dialect, if it matters)
- The date, time, address and expected length of the appointment
- For translations: the final version of the document, and when you need it back
- A cost code

Book face-to-face interpreters at least **three working days** ahead; a telephone interpreter can usually be found within the hour through the Customer Hub.
""",
        "keywords": "interpreter interpreting translation translator BSL sign language language line easy read",
        "resolution_days": 3,
        "first_response_hours": 2,
        "audience": "everyone",
        "per_month": 8,
        "season": [1.05, 1.0, 1.0, 0.95, 1.0, 1.0, 1.0, 0.85, 1.05, 1.05, 1.05, 0.85],
        "form": [
            {"key": "language", "kind": "select", "label": "Language",
             "options": ["Arabic", "Bengali", "British Sign Language", "Farsi", "Kurdish Sorani", "Polish",
                         "Punjabi", "Romanian", "Somali", "Tigrinya", "Ukrainian", "Urdu", "Other"],
             "weights": [12, 6, 10, 6, 6, 14, 6, 10, 5, 4, 8, 10, 3]},
            {"key": "other_language", "kind": "text", "label": "Which other language?",
             "show_if": ("language", "Other"), "samples": ["Pashto", "Lithuanian", "Portuguese", "Amharic"]},
            {"key": "type", "kind": "radios", "label": "What do you need?",
             "options": ["Face-to-face interpreter", "Telephone interpreter", "Video interpreter",
                         "Written translation"], "weights": [45, 15, 20, 20]},
            {"key": "words", "kind": "number", "label": "Roughly how many words?",
             "show_if": ("type", "Written translation"), "min": 1, "max": 20000, "range": (150, 3000, 50)},
            {"key": "needed_on", "kind": "date", "label": "Date of the appointment, or date you need the translation",
             "not_in_past": True, "days": (3, 20)},
            {"key": "where", "kind": "text", "label": "Address or meeting link", "required": False,
             "answered": 0.7, "samples": ["Civic Centre reception", "Home visit: address on the case record",
                                          "Teams link to follow", "Family Centre", "Housing Options, ground floor"]},
        ],
        "subjects": ["{language} {type_lower}, {needed_on_nice}", "{type} needed: {language}"],
        "descriptions": {
            "by": "type",
            "Written translation": ["Letter about a change to the household's care package, two pages.",
                                    "Consultation leaflet for the estate regeneration; final version attached to the email."],
            "*": ["Housing assessment with a family who arrived last month.",
                  "Home visit; about an hour. Female interpreter preferred if possible.",
                  "Tenancy sign-up appointment.", "Review meeting with the family and their social worker."],
        },
    },
    # ============================================================ Finance Support
    {
        "name": "Raise a purchase order",
        "category": "Finance and purchasing",
        "team": "Finance Support",
        "summary": "We raise the purchase order in Unit4 for you, set the supplier up if they are new, and "
                   "send the PO number back so you can place the order.",
        "description": """The council has a **No PO, No Pay** policy: suppliers need a purchase order number before they supply anything. If you do not raise orders often, we can raise them in Unit4 for you.

## What's included

- Raising the requisition in Unit4 with the right cost and subjective codes
- Setting up a new supplier (about five working days, as the supplier has to complete a form)
- Chasing the approval with the budget holder
- Sending you the PO number once it is approved

## What to have ready

- The supplier's name, and their email address if they are new to the council
- What you are buying and the total cost excluding VAT
- The cost centre and subjective code
- The quote: orders over £5,000 need three quotes, or a waiver

Never split an order to keep it under an approval limit: Internal Audit check for this.
""",
        "keywords": "PO purchase order requisition Unit4 supplier invoice buy procurement no po no pay",
        "resolution_days": 3,
        "first_response_hours": 4,
        "audience": "everyone",
        "per_month": 19,
        # Spending before the financial year ends in March; quiet while the new year's budgets load.
        "season": [1.1, 1.35, 1.7, 0.55, 0.9, 1.0, 1.0, 0.8, 1.0, 1.0, 1.05, 0.8],
        "form": [
            {"key": "supplier", "kind": "text", "label": "Supplier's name",
             "samples": ["Office Depot", "Northern Catering Ltd", "Signs Express", "Viking Direct", "Civica",
                         "Allied Print Services", "Westgate Training", "Greenfield Landscapes", "Lyreco",
                         "Heritage Venues", "Arco", "Tees Valley Translation", "Ricoh UK"]},
            {"key": "new_supplier", "kind": "yesno", "label": "Is the supplier new to the council?",
             "hint": "Search Unit4 for them first. New suppliers take about five working days to set up.", "yes": 0.15},
            {"key": "supplier_email", "kind": "email", "label": "Supplier's email address",
             "show_if": ("new_supplier", "Yes"), "hint": "We send them the new supplier form.",
             "samples": ["accounts@supplier.example", "sales@supplier.example", "orders@supplier.example"]},
            {"key": "what", "kind": "textarea", "label": "What are you buying?",
             "samples": ["Stationery for the team", "Catering for the partnership event", "Replacement signage",
                         "Two-day training course for six staff", "Printing of consultation leaflets",
                         "Grounds maintenance, one-off visit", "Protective equipment for inspectors",
                         "Annual licence renewal", "Venue hire for the staff conference"]},
            {"key": "amount", "kind": "number", "label": "Total cost excluding VAT (£)", "min": 1, "max": 250000,
             "range": (40, 9000, 5)},
            {"key": "cost_code", "kind": "text", "label": "Cost centre and subjective code",
             "hint": "For example, HW1020 4102", "samples": ["{cost_code}"]},
            {"key": "quote", "kind": "file", "label": "Quote", "required": False,
             "hint": "Orders over £5,000 need three quotes. PDF or Word, up to 10 MB."},
        ],
        "subjects": ["PO for {supplier}, £{amount_nice}", "Purchase order: {supplier}", "PO needed: {what_lower}"],
        "descriptions": {
            "by": "new_supplier",
            "Yes": ["Supplier is new to us; they are expecting the new supplier form.",
                    "New supplier recommended by a neighbouring council. Quote sent to the Finance Support mailbox."],
            "*": ["Quote sent to the Finance Support mailbox. Budget holder is {colleague_name}.",
                  "The supplier will not start until they have a PO number, so quite urgent please.",
                  "End-of-year spend agreed at the budget meeting.",
                  "Repeat order, same as last quarter."],
        },
    },
    {
        "name": "Travel booking",
        "category": "Travel",
        "team": "Finance Support",
        "summary": "Rail tickets, hotels and hire cars for council business, booked through the council's "
                   "travel contract and paid centrally.",
        "description": """We book travel and accommodation for council business through the corporate travel contract, so you do not have to pay and claim it back.

## What's included

- Standard-class rail tickets, with railcard discounts where they apply
- Hotels within the council's rates (higher in London)
- Hire cars, when they are cheaper than mileage
- Flights only with a director's approval

## What to have ready

- Who is travelling, where to and why
- Dates and times, and how flexible they are
- A cost code, and your budget holder's approval

Book at least **ten working days** ahead: advance fares are much cheaper. For travel within the next two days, phone the Finance Support team.
""",
        "keywords": "travel rail train tickets hotel accommodation hire car flight conference trip",
        "resolution_days": 3,
        "first_response_hours": 4,
        "audience": "everyone",
        "per_month": 10,
        # Conference seasons in spring and autumn.
        "season": [0.7, 0.9, 1.45, 1.3, 1.35, 1.05, 0.75, 0.45, 1.35, 1.6, 1.2, 0.45],
        "form": [
            {"key": "traveller", "kind": "text", "label": "Who is travelling?",
             "hint": "Everyone's name, if more than one person",
             "samples": ["{requester_name}", "{requester_name} and {colleague_name}"]},
            {"key": "destination", "kind": "text", "label": "Where to?",
             "samples": ["London", "Birmingham", "Manchester", "Leeds", "Bristol", "Harrogate", "Liverpool",
                         "Newcastle", "Cardiff", "York"]},
            {"key": "purpose", "kind": "select", "label": "Purpose of the trip",
             "options": ["Conference or training", "Meeting with a government department or partner",
                         "Site visit or inspection", "Tribunal or court hearing", "Other"],
             "weights": [50, 25, 10, 10, 5]},
            {"key": "depart", "kind": "date", "label": "Date of travel", "not_in_past": True, "days": (5, 40)},
            {"key": "return", "kind": "date", "label": "Date of return", "after": ("depart", 0, 3)},
            {"key": "bookings", "kind": "checkboxes", "label": "What should we book?",
             "options": ["Rail tickets", "Hotel", "Hire car", "Flights"], "pick": (1, 2), "weights": [70, 45, 12, 3]},
            {"key": "nights", "kind": "number", "label": "Nights in a hotel", "show_if": ("bookings", "Hotel"),
             "min": 1, "max": 7, "range": (1, 3, 1)},
            {"key": "cost_code", "kind": "text", "label": "Cost centre", "samples": ["{cost_centre}"]},
        ],
        "subjects": ["Travel to {destination}, {depart_nice}", "{destination} trip: {purpose_lower}",
                     "Booking for {destination} on {depart_nice}"],
        "descriptions": {
            "by": "purpose",
            "Conference or training": ["Attending the annual conference; the budget holder has approved the place and travel.",
                                       "Two-day course. The venue has a hotel rate if we quote the course name."],
            "Meeting with a government department or partner": ["Meeting in the morning, so an early train please.",
                                                                "Regional officers' group; we take turns to host."],
            "Site visit or inspection": ["Site visit to a scheme like ours, arranged through the regional network."],
            "Tribunal or court hearing": ["Giving evidence at a tribunal; the hearing could run into a second day."],
            "*": ["Budget holder has approved this. Flexible on times."],
        },
    },
    {
        "name": "Supplier payment query",
        "category": "Finance and purchasing",
        "team": "Finance Support",
        "summary": "A supplier says they have not been paid, or an invoice is stuck: we find out why and get it "
                   "paid or sorted.",
        "description": """Most late payments are invoices without a purchase order number, or orders that were never receipted. We trace the invoice in Unit4 and tell you, and the supplier, what happens next.

## What's included

- Finding the invoice in Unit4 and where it is stuck
- Matching it to the right purchase order, or asking you to receipt the goods
- Sorting out credit notes, wrong VAT and duplicate invoices with the supplier
- Telling the supplier when they will be paid

## What to have ready

- The supplier's name and the invoice number, date and amount
- The purchase order number, if there is one
- What the supplier has told you

The council pays undisputed invoices within **30 days**. If a supplier has threatened to stop work, say so in your request.
""",
        "keywords": "invoice payment late paid supplier chase remittance credit note Unit4 accounts payable",
        "resolution_days": 5,
        "first_response_hours": 8,
        "audience": "everyone",
        "per_month": 8,
        # Year-end close-down holds invoices in April; a smaller backlog after Christmas.
        "season": [1.3, 1.0, 0.9, 1.6, 1.2, 0.95, 0.9, 0.85, 0.95, 0.9, 0.9, 0.75],
        "form": [
            {"key": "supplier", "kind": "text", "label": "Supplier's name",
             "samples": ["Northern Catering Ltd", "Signs Express", "Westgate Training", "Greenfield Landscapes",
                         "Allied Print Services", "Heritage Venues", "Tees Valley Translation", "A1 Skip Hire"]},
            {"key": "invoice_number", "kind": "text", "label": "Invoice number", "samples": ["INV-{number}", "{number}"]},
            {"key": "invoice_date", "kind": "date", "label": "Invoice date", "days": (-75, -10), "any_day": True},
            {"key": "amount", "kind": "number", "label": "Invoice amount including VAT (£)", "min": 0.01,
             "max": 500000, "range": (60, 12000, 5)},
            {"key": "problem", "kind": "radios", "label": "What is the problem?",
             "options": ["The supplier says they have not been paid", "The invoice has no purchase order number",
                         "The amount or VAT is wrong", "We have been invoiced twice"], "weights": [55, 25, 12, 8]},
            {"key": "po_number", "kind": "text", "label": "Purchase order number", "required": False,
             "answered": 0.6, "hint": "If there is one, for example PO 4500123456", "samples": ["PO 45001{number}"]},
        ],
        "subjects": ["{supplier}: invoice {invoice_number}", "Payment query, {supplier}",
                     "{problem} ({supplier})"],
        "descriptions": [
            "The supplier emailed again today; they are owed £{amount_nice} from an invoice dated {invoice_date_nice}.",
            "I think the goods were never receipted. The person who ordered them has since left.",
            "They have said they will stop the service next week if this is not paid.",
            "Please could you check whether this went through at year end.",
        ],
    },
]

# --- What happens to the requests ---------------------------------------------------------------
# What the team and the requester say as a request is worked, by service. Each list is a choice
# of templates filled from the request (the same keys as subjects and descriptions, plus
# {agent_first}, the first name of whoever is working it); templates with a key the request
# lacks are skipped, so each list keeps one that only needs {requester_first} or nothing.
# - first: the team's first reply; question: why it waits for the requester; answer: their
#   reply; resolved: the closing message; note: an internal note; reopen: why it was reopened.
REQUEST_HISTORIES = {
    "Minute-taking for a meeting": {
        "first": [
            "Thanks {requester_first}. We have a minute-taker pencilled in for {meeting_name} on "
            "{meeting_date_nice}, and will confirm by the end of tomorrow.",
            "Hi {requester_first}, we can cover {meeting_name}. Please add {agent_first} to the invitation and "
            "send the agenda when it is ready.",
            "Thanks for booking. Could you forward the Teams invitation so the minute-taker has the link?",
        ],
        "question": [
            "Could you send the agenda and the list of people invited? We need them to set up the minutes.",
            "Is the chair happy for the meeting to be recorded, for the minutes only?",
            "Which template would you like: the programme board one or the standard council one?",
        ],
        "answer": [
            "The agenda is attached to the invitation now, and the attendee list is in the shared folder.",
            "Yes, the chair is fine with a recording for the minutes only.",
            "The board template, please. Thanks.",
        ],
        "resolved": [
            "Draft minutes for {meeting_name} have gone to the chair. Any changes, reply here within five working days.",
            "The action log is in the shared folder and has gone to the chair for approval.",
            "Minutes done and sent to the chair. Thanks for sending the papers in advance.",
        ],
        "note": [
            "Checked the rota: two of us are free that morning.",
            "The chair wants the draft early because of the Cabinet deadline.",
            "Hearing: needs someone with the hearings training.",
        ],
        "reopen": ["The chair has asked for item 4 to be minuted in more detail.",
                   "The draft has gone to the wrong chair: could you resend it?"],
    },
    "Diary support during absence": {
        "first": [
            "Hi {requester_first}, we'll look after your diary from {first_day_nice}. Please give us delegate "
            "access in Outlook before you go.",
            "Thanks, we've got this. We'll check your inbox twice a day and pass anything urgent to {urgent_contact}.",
            "Thanks {requester_first}, {agent_first} will cover your diary while you're away.",
        ],
        "question": [
            "Could you give us delegate access to your calendar and inbox? It is under File, Account settings, "
            "Delegate access.",
            "Who should we pass urgent things to if your deputy is away too?",
        ],
        "answer": ["Done: you should have access now.", "{colleague_name} can pick up anything urgent, thanks."],
        "resolved": [
            "All set up: we have delegate access and your out-of-office is on. We'll hand back when you return "
            "after {last_day_nice}.",
            "Cover arranged and the out-of-office message is on. Enjoy the break.",
        ],
        "note": ["Delegate access works: tested with a dummy invitation.",
                 "Recurring one-to-ones moved to the following week, as agreed."],
        "reopen": ["My out-of-office isn't showing for external emails.",
                   "I'm now off for an extra week: could the cover carry on?"],
    },
    "Audio typing from dictation": {
        "first": ["Thanks, the recording is in the typing queue. We'll have it back by {needed_by_nice}.",
                  "Thanks {requester_first}, we've started on the typing."],
        "question": ["The recording cuts out after about eight minutes. Could you upload it again?",
                     "There are a couple of names we can't make out: could you spell them for us?"],
        "answer": ["Uploaded again, sorry about that.", "I've added the names to the request. Thanks."],
        "resolved": ["Your {document_lower} is typed up and saved in the shared drive for you to check.",
                     "Typed up and saved to your folder, with a copy attached to the email."],
        "note": ["Long recording: split it between two of us."],
    },
    "Advertise a vacancy": {
        "first": [
            "Thanks {requester_first}. We've started the advert for {job_title} and will send you a proof to check.",
            "Hi {requester_first}, got this. We'll check the approval and the grade, then draft the advert.",
        ],
        "question": [
            "We can't see the vacancy approval for this post yet. Could you ask your head of service to approve "
            "it in the HR portal?",
            "Could you send the job description and person specification in the current template?",
            "Is the closing date flexible? The jobs boards need at least two weeks.",
        ],
        "answer": ["The approval went through this morning.",
                   "The job description and person spec are attached to the email I've just sent.",
                   "Yes, move the closing date on if you need to."],
        "resolved": [
            "Vacancy live: {job_title} is on the council website and the jobs boards, closing on {closing_date_nice}.",
            "The advert is live. We'll send you the applications after the closing date.",
        ],
        "note": ["The grade looks low for the duties in the job description: checked with the HR adviser, it's fine.",
                 "Approval still pending in the portal; chased the head of service."],
        "reopen": ["The advert shows the wrong salary range.", "The closing date on the website is wrong."],
    },
    "Interview arrangements": {
        "first": ["Thanks {requester_first}, we'll book the rooms and send invitations for the {job_title} interviews.",
                  "Got it. We'll hold {interview_date_nice} and come back to you with the timetable.",
                  "Thanks {requester_first}, we're on it."],
        "question": ["Could you confirm the panel members and who will chair?",
                     "How long should each interview slot be, including any test?"],
        "answer": ["The panel is me, {colleague_name} and an HR adviser; I'll chair.",
                   "45 minutes each, plus 15 for the written exercise."],
        "resolved": [
            "Interviews arranged for {interview_date_nice}: invitations have gone to {candidates} candidates and "
            "the timetable is in your inbox.",
            "All booked: room, panel packs and candidate invitations. Good luck with the interviews.",
        ],
        "note": ["One candidate asked for a later slot (childcare): moved them to the afternoon.",
                 "Reasonable adjustment requested: ground-floor room booked."],
        "reopen": ["A candidate has withdrawn and we want to invite the reserve.",
                   "The panel packs are missing the scoring sheets."],
    },
    "DBS check administration": {
        "first": ["Thanks, we've sent {applicant} the link to start the online DBS application.",
                  "Hi {requester_first}, we'll start the {level_lower} check for {applicant} today.",
                  "Thanks {requester_first}, we've started the check."],
        "question": ["{applicant} hasn't started the online form yet. Could you remind them?",
                     "We need to see the applicant's ID documents in person. When can they come to the Civic Centre?"],
        "answer": ["I've reminded them: they said they'd do it tonight.", "They can come in on Tuesday morning."],
        "resolved": [
            "The DBS certificate for {applicant} has come back and the record is updated. You can confirm the "
            "start date.",
            "Check complete and recorded. The start date can go ahead as planned.",
        ],
        "note": ["ID checked in person; copies on the file.", "DBS online is slow this week: allow extra time."],
    },
    "New starter set-up": {
        "first": ["Thanks, we've ordered the IT equipment and building pass for {starter}.",
                  "Got it. We'll set up {starter}'s accounts ready for {start_date_nice}.",
                  "Thanks {requester_first}, we've started the set-up."],
        "question": ["Which cost centre should the laptop be charged to?",
                     "Does the new starter need a mobile phone as well as a laptop?"],
        "answer": ["{cost_centre}, please.", "Yes please, a basic one is fine."],
        "resolved": [
            "Everything is ready for {starter}: laptop, login and pass can be collected from reception on "
            "{start_date_nice}.",
            "Set-up done. The induction checklist has gone to the line manager.",
        ],
        "note": ["IT ticket raised for the laptop; waiting on stock.", "Pass photo to be taken on day one."],
        "reopen": ["The login doesn't work: IT say the account isn't set up.", "The laptop hasn't arrived."],
    },
    "Child protection conference minutes": {
        "first": ["Thanks {requester_first}, a minute-taker is booked for the conference on {conference_date_nice}.",
                  "We can cover this. Please make sure the invitation list is on the case file."],
        "question": ["Could you confirm whether the parents need an interpreter for the conference?",
                     "The case number doesn't match our records. Could you check it?"],
        "answer": ["No interpreter needed, thanks.", "Sorry: the right number is in the description now."],
        "resolved": ["The minutes for case {case_number} are on the case file and have gone to the chair.",
                     "Conference minuted; the draft plan is with the chair and the social worker."],
        "note": ["Sensitive case: minutes restricted to the core group.", "The chair wants the plan within 24 hours."],
        "reopen": ["The plan is missing the actions for the school."],
    },
    "Social care records for a subject access request": {
        "first": ["Thanks, we've started gathering the records for {ig_reference}.",
                  "Got it. We'll search the case records and let you know how many pages there are."],
        "question": [
            "Some records mention other family members. Do Information Governance want us to redact third-party "
            "details, or will they?",
            "Could you confirm the date range? The file goes back further than the request.",
        ],
        "answer": ["IG will do the redactions: just send the full bundle.", "Only the dates in the request, please."],
        "resolved": ["The bundle for {ig_reference} has gone to Information Governance through the secure mailbox.",
                     "Records gathered and sent to Information Governance for redaction."],
        "note": ["Large file: paper records requested from the archive.", "Paper file recalled from the records store."],
    },
    "Room or venue booking": {
        "first": ["Thanks {requester_first}, we're checking what's free on {room_date_nice}.",
                  "Hi, we've provisionally held a room for you on {room_date_nice}. We'll confirm shortly.",
                  "Thanks {requester_first}, we're looking at rooms now."],
        "question": ["The room you asked for is taken that day. Would Committee Room 2 or the Depot work instead?",
                     "How many of your visitors will need parking at the Civic Centre?",
                     "Which cost centre should the refreshments go to?"],
        "answer": ["Committee Room 2 is fine, thanks.", "Three: I'll send their registrations.", "{cost_centre}, please."],
        "resolved": ["Room booked: Committee Room 2 on {room_date_nice}, {times}. The confirmation is in your calendar.",
                     "Booked for {room_date_nice}, {times}. Reception will have your name on the list.",
                     "Room booked and the refreshments ordered. It's in your calendar."],
        "note": ["The Chamber needs the Chief Executive's office to agree: emailed them.", "Caterer confirmed by phone."],
        "reopen": ["The room has been double-booked: another team turned up.", "We now need it for the afternoon too."],
    },
    "Scanning and post": {
        "first": ["Thanks, we'll collect this from your team's post tray today.",
                  "Got it. We'll have this done by {deadline_nice}."],
        "question": ["Which folder should the scanned files go into?",
                     "Could you send the mailing list as a spreadsheet?"],
        "answer": ["The team's shared drive, Records/Scanned, please.", "Spreadsheet sent by email."],
        "resolved": ["Done: the items are scanned and saved, and the originals are back in your tray.",
                     "All sent. The postage has been charged to your cost centre.",
                     "Finished and logged. Anything else, just raise a new request."],
        "note": ["Sensitive items: scanned in the locked room.", "Franking machine down this morning; sent this afternoon."],
        "reopen": ["Some pages are missing from the scans."],
    },
    "Interpreter or translation booking": {
        "first": ["Thanks, we've asked the agency for a {language} interpreter for {needed_on_nice}.",
                  "Hi {requester_first}, we're booking this now and will send you the details."],
        "question": ["The agency has asked how long the appointment will be. Could you let us know?",
                     "Is it a home visit? The interpreter needs the address in advance."],
        "answer": ["About an hour and a half.", "Yes, a home visit. Address sent by secure email."],
        "resolved": ["Booked: a {language} {type_lower} for {needed_on_nice}. The agency's confirmation is in your inbox.",
                     "Interpreter confirmed. The booking reference is in the email we've sent you."],
        "note": ["The agency couldn't cover the morning: booked the afternoon and told the requester.",
                 "Telephone service booked as a back-up."],
        "reopen": ["The interpreter didn't arrive.", "The appointment has moved to the following week."],
    },
    "Raise a purchase order": {
        "first": ["Thanks {requester_first}, we're raising the order for {supplier} now.",
                  "Got it. We'll check the cost code and raise the order today."],
        "question": [
            "{supplier} isn't set up as a supplier yet. Could you ask them to fill in the new supplier form?",
            "The cost code doesn't have enough budget left. Could you give us another, or ask your budget holder "
            "to approve it?",
            "Could you send the quote? We need one for anything over £5,000.",
        ],
        "answer": ["They've sent the form back: it's attached.", "Use {cost_code}, please. My manager has approved it.",
                   "Quote attached."],
        "resolved": ["PO 45001{number} raised for {supplier}, £{amount_nice}. Please receipt the goods in Unit4 "
                     "when they arrive.",
                     "Order raised and sent to the supplier. The PO number is in the email we've sent you."],
        "note": ["New supplier: set-up request sent to Creditors.", "Budget holder's approval received by email."],
        "reopen": ["The supplier says the PO has the wrong address on it."],
    },
    "Travel booking": {
        "first": ["Thanks, we're looking at trains and hotels for {destination}.",
                  "Hi {requester_first}, we'll book this and send you the tickets."],
        "question": ["The cheapest fares are on the 06:45 train. Is that all right, or do you need a later one?",
                     "Do you need the hotel on the night before as well?"],
        "answer": ["The 06:45 is fine.", "Yes please, the night before too."],
        "resolved": ["All booked for {destination}: tickets and hotel confirmation are in your inbox.",
                     "Booked. The e-tickets have been emailed to you and the cost charged to {cost_code}.",
                     "All booked: the details are in your inbox."],
        "note": ["Advance fares only on the early train.", "Hotel over the rate cap: approved by the head of service."],
        "reopen": ["The hotel has no record of the booking.", "The tickets are for the wrong day."],
    },
    "Supplier payment query": {
        "first": ["Thanks, we've found invoice {invoice_number} in Unit4 and are checking why it's stuck.",
                  "Hi {requester_first}, we're looking into this with Accounts Payable."],
        "question": ["The goods haven't been receipted. Could you receipt them in Unit4, or tell us who ordered them?",
                     "Could you send us a copy of the invoice? The supplier's copy doesn't match ours."],
        "answer": ["Receipted now.", "Copy attached to the email I've just sent."],
        "resolved": ["Sorted: the invoice is matched and will be paid in Thursday's payment run. We've told {supplier}.",
                     "Paid today, and the remittance has gone to the supplier.",
                     "Credit note received and the corrected invoice paid."],
        "note": ["Duplicate invoice: asked the supplier for a credit note.", "Invoice held at year end: released."],
        "reopen": ["The supplier still hasn't received the money."],
    },
}
# For any service without its own: the same kinds.
GENERAL_HISTORY = {
    "first": ["Thanks {requester_first}, we've picked this up and will be in touch shortly.",
              "Thanks for your request: {agent_first} is looking after it."],
    "question": ["Could you send us a little more detail so we can get this right?"],
    "answer": ["Sure: I've added the details.", "Sorry, here's what you need."],
    "resolved": ["All done. If anything's not right, you can reopen the request."],
    "note": ["Picked up; no problems so far.", "Waiting to hear back from the supplier."],
    "reopen": ["Sorry, this isn't quite finished.", "I haven't received anything yet."],
    "chase": ["Is there any news on this? It's past the target date now.", "Could you let me know where this is up to?",
              "Just checking this hasn't been missed."],
    "sorry": ["Sorry for the delay, {requester_first}: we're short-staffed this week. We'll have it done as soon "
              "as we can.", "Apologies: this is next on the list."],
    "reopened_reply": ["Sorry about that, {requester_first}. We're putting it right now.",
                       "Thanks for letting us know: we'll sort it."],
    "cancel": ["No longer needed, thanks.", "The meeting has been cancelled.", "Sent by mistake: I raised it twice.",
               "Sorted another way, thanks.", "The date has moved: I'll raise a new request nearer the time."],
}
RATING_COMMENTS = {
    5: ["Quick and friendly, thank you.", "Exactly what we needed.", "Sorted the same day: brilliant.",
        "Really helpful, and kept me updated."],
    4: ["Good, thanks.", "All fine in the end.", "Helpful, thank you."],
    3: ["Fine, but it took a while.", "Done, though I had to send the details twice."],
    2: ["Took longer than I expected, and I had to chase.", "I had to chase twice before anyone replied.",
        "Fine in the end, but the first reply missed half of what I asked."],
    1: ["Nobody replied for days and the date had passed by the time it was sorted.",
        "It was booked for the wrong day and we only found out on the morning."],
}

# Each Business Support team's ready-made replies (title, body).
CANNED_REPLIES = {
    "Executive Support": [
        ("Minute-taker booked", "Thanks for booking. A minute-taker is booked for your meeting: please add them to "
                                "the invitation and send the agenda and papers when they are ready."),
        ("Draft minutes sent", "The draft minutes have gone to the chair. Any changes, reply here within five "
                               "working days and we will send the final version."),
        ("Need more detail", "Thanks for your request. So we can get this right, could you tell us a little more: "
                             "the date, who is involved and what you need back from us?"),
    ],
    "Recruitment": [
        ("Vacancy live", "Your vacancy is live on the council website and the jobs boards. We will send you the "
                         "applications after the closing date."),
        ("Approval needed", "We can't see the vacancy approval in the HR portal yet. Please ask your head of "
                            "service to approve it, then reply here and we will carry on."),
        ("Interview invitations sent", "The interview invitations have gone to the shortlisted candidates, and the "
                                       "timetable and panel packs are in your inbox."),
    ],
    "Children's Services Support": [
        ("Conference minutes on file", "The conference minutes and the plan are on the case file and have gone to "
                                       "the chair and the allocated social worker."),
        ("Need the case number", "Could you give us the case number from the case management system? We can't "
                                 "find the record without it."),
    ],
    "Customer Hub": [
        ("Room booked", "Your room is booked and the confirmation is in your calendar. Reception will have your "
                        "name on the list."),
        ("Need more detail", "Thanks for your request. Could you tell us the date, the times and how many people, "
                             "so we can find you the right room?"),
        ("Interpreter booked", "The interpreter is booked. The agency's confirmation, with the booking reference, "
                               "is in your inbox."),
        ("Post collected", "We've collected your post and it will go out in today's mail."),
    ],
    "Finance Support": [
        ("PO raised", "Your purchase order has been raised and sent to the supplier. Please receipt the goods in "
                      "Unit4 when they arrive, so the invoice can be paid."),
        ("Receipt the goods", "The invoice is waiting for the goods to be receipted. Please receipt them in Unit4 "
                              "and reply here, and we will get it paid."),
        ("Need more detail", "Thanks for your request. Could you send the supplier's name, the amount and the cost "
                             "code, so we can get this done?"),
    ],
}
