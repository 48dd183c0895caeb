"""Words for the search benchmark's synthetic articles: the working language of council EA/PA
and Business Support staff, roughly most used first (the generator gives them Zipf weights)."""

CONTENT_WORDS = """
meeting council team email diary request manager director office staff calendar booking report
committee agenda member information service document form minutes approval invoice budget policy
process system support contact deadline appointment room leave mileage expenses recruitment payment
training schedule letter record access account officer assistant executive chief cabinet councillor
councillors travel claim order purchase supplier finance procurement contract meetings papers
reports forms requests bookings invoices claims letters records documents colleagues colleague
week month year date time day working days review update check confirm arrange send book submit
approve prepare circulate forward file complete attach sign cancel reschedule chase escalate log
raise print scan upload share save note add remove change include provide receive respond reply
agree discuss plan organise organised organising authorise authorised authorisation prioritise
programme centre licence catalogue cancelled travelled annual monthly weekly quarterly formal
informal external internal statutory urgent confidential public private senior new current previous
final draft template guidance procedure steps checklist mailbox inbox folder drive sharepoint teams
outlook spreadsheet database portal intranet website phone telephone extension visitor visitors
reception building floor parking pass badge lift kitchen catering lunch refreshments coffee tea
venue chamber civic hall town committee's chair chairman chairwoman vice clerk democratic
services election elections ward wards resident residents complaint complaints enquiry enquiries
freedom foi subject data protection gdpr retention privacy breach security password login laptop
printer equipment stationery order orders purchase orders requisition requisitions goods receipt
receipted cost centre code codes ledger journal budget holder holders spend overspend underspend
forecast variance accruals accrual year-end audit auditor auditors assurance risk register
corporate strategy strategic plan plans priority priorities objective objectives performance
indicator indicators target targets dashboard briefing briefings note notes paper submission
deadline deadlines timetable cycle forward-plan decision decisions delegated officer key
scrutiny overview panel panels board boards partnership partners stakeholder stakeholders
consultation consultations engagement communications press release media social newsletter
announcement announcements vacancy vacancies advert shortlist shortlisting interview interviews
panel candidate candidates offer offers reference references onboarding induction starter starters
leaver leavers probation appraisal appraisals one-to-one supervision absence sickness annual
holiday entitlement flexi flexitime timesheet timesheets overtime rota rotas cover hybrid home
desk desks hot-desking locker lockers wellbeing occupational health assessment display screen
equipment adjustment adjustments disability equality diversity inclusion safeguarding dbs check
checks mandatory e-learning course courses development apprenticeship apprentice mentor coaching
pay payroll salary grade increment pension allowance allowances subsistence receipts receipt
mileage-rate fuel vehicle car lease pool rail train ticket tickets hotel accommodation overnight
conference conferences seminar workshop event events away-day webinar hybrid-meeting video call
calls dial-in link invitation invitations invite accepted declined tentative recurring series
clash clashes conflict availability free busy slot slots diary-management delegate delegates
delegation proxy permissions inbox-rules filing archive archiving minutes-taking action actions
tracker log-book matters arising apologies quorum quorate declaration declarations interest
interests register-of-interests gifts hospitality code-of-conduct monitoring officer legal
solicitor counsel advice opinion lawful constitution standing orders procedure-rules financial
regulations contract-procedure tender tenders quotation quotes quote framework waiver waivers
exemption value threshold thresholds spend-analysis creditor creditors debtor debtors vat
remittance bacs cheque petty cash card purchase-card reconciliation statement statements
signature signatures sign-off approver approvers workflow routing route escalation escalations
service-level response-time acknowledgement acknowledged correspondence casework case cases
member-enquiry mp-enquiry councillor-enquiry tracker-sheet log-sheet handover handovers
business continuity emergency plan incident incidents fire evacuation warden wardens first-aid
first aider rest-centre out-of-hours on-call duty rota-cover facilities maintenance repair
repairs cleaning waste recycling post postal franking courier delivery deliveries parcels
scanning printing reprographics binding laminating shredding confidential-waste storage
offsite archive-boxes deeds records-management naming convention conventions version versions
control tracked changes comments accessibility accessible plain english style guide branding
logo letterhead signature-block footer header font template-library mail-merge
"""

# Rare, specialised or old-fashioned words: they sit at the tail of the Zipf curve.
RARE_WORDS = """
honorarium dispensation ombudsman mayoralty mayoral chaplain civic-regalia robing sash badge-of-office
twinning aldermen alderman freeman freedom-of-the-borough proclamation hustings returning
canvass canvasser postal-vote proxy-vote count verification tellers polling-station presiding
poll-clerk boundary commission precept parish parishes town-council neighbourhood forum
sundry disbursement imprest virement capitalisation depreciation amortisation prudential
treasury investment borrowing reserves earmarked contingency subsidy grant grants bid bids
section-106 levy infrastructure highways drainage planning application applications appeal
appeals enforcement licensing taxi premises gambling alcohol street-trading markets cemetery
crematorium bereavement registrar registration births marriages ceremonies citizenship
coroner inquest safeguarding-adults fostering adoption looked-after leaving-care education
admissions transport send ehcp tribunal tribunals mediation arbitration grievance disciplinary
capability redundancy redeployment restructure consultation-period trade union unions
facility-time secondment acting-up honoraria long-service retirement farewell collection
"""

COLLOCATIONS = """
annual leave|expense claim|purchase order|agenda item|committee report|diary invitation|room booking
mileage claim|cost centre|budget holder|council chamber|civic centre|chief executive|executive director
cabinet member|democratic services|forward plan|key decision|freedom of information|subject access
data protection|business continuity|fire evacuation|first aid|display screen|occupational health
line manager|job description|person specification|interview panel|reference check|probation review
leave request|sickness absence|flexi sheet|travel booking|hotel booking|train ticket|pool car
purchase card|petty cash|goods receipt|invoice query|supplier invoice|payment run|year end
risk register|performance report|briefing note|press release|social media|staff newsletter
minutes template|action tracker|matters arising|declaration of interest|gifts and hospitality
code of conduct|monitoring officer|standing orders|financial regulations|contract procedure rules
member enquiry|councillor casework|shared mailbox|recurring meeting|video call|meeting room
visitor pass|car park|post room|confidential waste|records retention|naming convention|version control
tracked changes|plain english|style guide|mail merge|email signature|out of office|delegate access
"""

TAGS = """
diary management|committees|expenses|mileage|invoices|recruitment|room booking|civic centre|travel
annual leave|payroll|procurement|purchase orders|finance|minutes|agendas|templates|outlook|teams
sharepoint|data protection|foi|complaints|member enquiries|councillors|cabinet|elections|events
catering|facilities|health and safety|wellbeing|training|induction|onboarding|leavers|probation
appraisals|absence|flexi|hybrid working|accessibility|branding|letters|correspondence|post
records management|archiving|risk|performance|budgets|year end|audit|contracts|suppliers
business continuity|emergencies|fire safety|first aid|it support|passwords|printing|stationery
political neutrality|pre-election period|mayoral office|democratic services|scrutiny|briefings
press and media|social media|newsletters|equality|safeguarding|dbs|apprenticeships|pensions
"""

CATEGORIES = [
    "Meetings and committees",
    "Diary and calendar",
    "Finance and expenses",
    "Procurement and invoices",
    "People and recruitment",
    "Travel and mileage",
    "Facilities and buildings",
    "Information governance",
    "IT and systems",
    "Communications",
    "Democratic services",
    "Health, safety and wellbeing",
]

STOP_FILLER = """
the the the the the to to to to of of of and and and a a a in in in for for is is on on
that that be be with with as as by by it it this this are are at at from from your your you you
or or an an will will can can if if not not please please should should must must may may
when when we we our our they they their their has has have have all all any any any each
"""

TITLE_PATTERNS = [
    "How to {v} a {n}",
    "How to {v} {n} {n}",
    "{N} {n}: what to do",
    "{N} {n} and {n}",
    "Booking a {n} for a {n}",
    "{N} {n} guidance",
    "Arranging {n} {n}",
    "{N} {n} checklist",
    "Who to contact about {n} {n}",
    "{N} {n} process",
    "Preparing the {n} {n}",
    "{N} for {n} {n}",
]


def words(text: str) -> list[str]:
    return text.split()


VERBS = words("""
arrange book check confirm send update submit approve prepare circulate forward file review complete
attach sign cancel reschedule chase escalate log raise record print scan upload share organise
authorise prioritise claim order request reconcile archive minute brief invite
""")


def phrases(text: str) -> list[str]:
    return [phrase.strip() for phrase in text.replace("\n", "|").split("|") if phrase.strip()]
