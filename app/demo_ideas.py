"""Demo ideas for flask seed-demo: continuous-improvement suggestions from Business Support staff."""

# Each idea's history runs New -> Under review -> Planned -> In progress -> Implemented, or stops at
# "not_taken_forward" / "duplicate" straight from new or under review. All `days_ago` values count
# back from the day the demo is seeded; a history's values fall as it goes and are all smaller than
# the idea's `posted_days_ago`. Near-duplicates: two ideas already marked "duplicate", plus two
# open pairs ("Shared Word template library..." / "Put all letter templates...", and the two
# visitor sign-in ideas) for the "similar ideas" panel and merging.

IDEAS = [
    # ================================================================== Implemented (12)
    {
        "title": "Chatbot for common HR questions",
        "description": """Every week the Recruitment and HR admin inboxes get the **same questions** from managers and staff across the council:

- How do I request a new starter's IT account?
- Where is the maternity pay calculator?
- How many days of annual leave can I carry over?
- Who signs off a change of hours?

Most answers are already on the intranet, but people can't find them and email us instead, so the team spends hours copying and pasting links.

**The idea:** a simple chatbot on the intranet home page and in Teams that answers the top 40 questions and links to the right policy or form, handing over to a person when it can't help.

**Who benefits:** managers get an answer at any time of day, and the Recruitment team can spend its time on live vacancies rather than repeat queries.""",
        "area": "Council-wide",
        "tags": ["self-service", "knowledge base", "hr"],
        "author": "recruitment.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 30,
        "expected_pounds_per_year": 8000,
        "expected_quality": "Managers get answers out of hours; fewer repeat emails",
        "status": "implemented",
        "history": [
            {"to": "under_review", "by": "recruitment.lead@staffroom.test", "note": "Pulling the last three months of inbox queries to see what the top questions are.", "days_ago": 680},
            {"to": "planned", "by": "admin@staffroom.test", "note": "IT can use the existing Teams bot licence; no extra cost.", "days_ago": 665},
            {"to": "in_progress", "by": "recruitment.lead@staffroom.test", "note": "Daniel and Hannah writing the first 40 answers.", "days_ago": 645},
            {"to": "implemented", "by": "admin@staffroom.test", "note": "Live on the intranet home page and in Teams.", "days_ago": 625},
        ],
        "posted_days_ago": 695,
        "voters": 15,
        "comments": [
            {"author": "housing@staffroom.test", "body": "Yes please. I never know whether to ask HR, Recruitment or my own admin team.", "days_ago": 690, "replies": []},
            {"author": "recruitment.lead@staffroom.test", "body": "I've counted: 212 emails last quarter were one of the same 25 questions.", "days_ago": 682,
             "replies": [{"author": "recruitment.officer@staffroom.test", "body": "That's more than I thought - thanks Hannah, I'll use that in the estimate.", "days_ago": 681}]},
            {"author": "asc@staffroom.test", "body": "Used it tonight for the leave carry-over question. Got the answer in seconds.", "days_ago": 600, "replies": []},
        ],
        "benefit": {"hours_per_month": 36, "pounds_per_year": 9500, "description": "Repeat HR queries to the Recruitment inbox down by about 60%; the bot answers around 900 questions a month.", "realised_days_ago": 610},
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "E-signatures for purchase orders",
        "description": """Purchase orders over £5,000 need a budget holder's signature. Today Finance Support prints the PO, walks it to the director's PA or posts it to another site, waits for a wet signature, then scans it back in. When a director is out, orders sit in a tray for days and suppliers chase us.

**The idea:** use the council's existing e-signature tool so the PO is sent electronically to the budget holder, signed on any device, and saved straight back to the finance folder with an audit trail.

**Who benefits:**
- Finance Support officers - no printing, scanning or internal post
- PAs - no chasing directors for paper signatures
- Suppliers - paid on time

It would also give Internal Audit a clearer record of who approved what, and when.""",
        "area": "Finance Support",
        "tags": ["e-signatures", "payments", "paperless"],
        "author": "finance.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 10,
        "expected_pounds_per_year": 2000,
        "expected_quality": "Clear audit trail of approvals; fewer late payments",
        "status": "implemented",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "Checking with Internal Audit that e-signatures meet financial regulations.", "days_ago": 650},
            {"to": "planned", "by": "manager@staffroom.test", "note": "Audit are happy. Pilot with Place directorate first.", "days_ago": 620},
            {"to": "in_progress", "by": "manager@staffroom.test", "note": "", "days_ago": 590},
            {"to": "implemented", "by": "manager@staffroom.test", "note": "All directorates now sign POs electronically.", "days_ago": 560},
        ],
        "posted_days_ago": 660,
        "voters": 12,
        "comments": [
            {"author": "pa.director@staffroom.test", "body": "This would save me a daily walk to the Finance office with a folder of POs.", "days_ago": 655, "replies": []},
            {"author": "highways@staffroom.test", "body": "Could it work for the Highways depot too? We're the ones who post things across town.", "days_ago": 648,
             "replies": [{"author": "finance.officer@staffroom.test", "body": "Yes - that's the main reason for it. The depot would be in the pilot.", "days_ago": 647}]},
        ],
        "benefit": {"hours_per_month": 12, "pounds_per_year": 2600, "description": "POs signed in a median of 1 day instead of 6; printing, scanning and courier runs to the depot stopped.", "realised_days_ago": 520},
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Shared template for Cabinet report front sheets",
        "description": """Every directorate writes its own Cabinet report front sheet. Some have the key decision reference, some don't; some still use the old wording on exempt information. Democratic Services return roughly one report in four for corrections, and the EAs re-type the same details each time.

**The idea:** one locked Word template for the front sheet, with:

1. Drop-downs for the portfolio, ward and key decision status
2. Prompts for the Forward Plan reference and consultation dates
3. The current standard wording on exempt information

Kept on the intranet and updated by Democratic Services when the constitution changes.

**Who benefits:** EAs and report authors spend less time on formatting, and Democratic Services get reports right the first time, so agendas publish on schedule.""",
        "area": "Executive Support",
        "tags": ["templates", "cabinet", "committees"],
        "author": "ea@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 6,
        "expected_pounds_per_year": 1200,
        "expected_quality": "Fewer returned reports",
        "status": "implemented",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "Looking at this with Democratic Services", "days_ago": 570},
            {"to": "planned", "by": "manager@staffroom.test", "note": "", "days_ago": 545},
            {"to": "in_progress", "by": "manager@staffroom.test", "note": "Grace is drafting the template with the Democratic Services team leader.", "days_ago": 520},
            {"to": "implemented", "by": "manager@staffroom.test", "note": "Live from 1 March", "days_ago": 480},
        ],
        "posted_days_ago": 580,
        "voters": 14,
        "comments": [
            {"author": "agent@staffroom.test", "body": "We do this by hand every fortnight - would save me an hour.", "days_ago": 575,
             "replies": [{"author": "ea@staffroom.test", "body": "Thanks Tom, I'll add that to the estimate.", "days_ago": 574}]},
            {"author": "pa.director@staffroom.test", "body": "Please include the equality impact assessment tick box - it's the one we always miss.", "days_ago": 560, "replies": []},
        ],
        "benefit": {"hours_per_month": 8, "pounds_per_year": 1500, "description": "Front sheets now take 5 minutes instead of 30, and returned reports fell from about 1 in 4 to 1 in 20.", "realised_days_ago": 430},
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Scan incoming post at the Civic Centre mailroom",
        "description": """Post for teams that now work mostly from home or other sites still arrives at the Civic Centre. Someone has to come in to open it, or it is bagged up and sent by internal courier, which can take a week. Letters with deadlines (tribunal papers, complaints, court notices) are sometimes found late.

**The idea:** the mailroom opens and scans all non-confidential post on the day it arrives and emails it to each team's shared mailbox. Originals are kept for 30 days, then shredded unless a team asks for them. Post marked *Private* or from the courts is logged and held for collection.

**Who benefits:** every team with staff away from the Civic Centre, especially Customer Hub, Children's Services and Finance Support, plus residents who get faster replies.""",
        "area": "Council-wide",
        "tags": ["post", "paperless"],
        "author": "hub.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 20,
        "expected_pounds_per_year": 4000,
        "expected_quality": "Post reaches the right person the same day",
        "status": "implemented",
        "history": [
            {"to": "under_review", "by": "admin@staffroom.test", "note": "Talking to Facilities about mailroom capacity.", "days_ago": 525},
            {"to": "planned", "by": "admin@staffroom.test", "note": "Agreed with Facilities and Information Governance; scanner being ordered.", "days_ago": 470},
            {"to": "in_progress", "by": "admin@staffroom.test", "note": "Rolling out team by team.", "days_ago": 400},
            {"to": "implemented", "by": "admin@staffroom.test", "note": "All Business Support teams now receive scanned post.", "days_ago": 345},
        ],
        "posted_days_ago": 540,
        "voters": 13,
        "comments": [
            {"author": "childrens.officer@staffroom.test", "body": "Please make sure anything from the family court is handled separately - it can't go to a general inbox.", "days_ago": 535,
             "replies": [{"author": "hub.officer@staffroom.test", "body": "Good point Aisha, I've added court post to the 'log and hold' list.", "days_ago": 534}]},
            {"author": "finance.officer@staffroom.test", "body": "Invoices by post are still about 15% of ours, so this would help a lot.", "days_ago": 530, "replies": []},
            {"author": "housing@staffroom.test", "body": "Our team got its first scanned post this morning. Brilliant.", "days_ago": 380, "replies": []},
        ],
        "benefit": {"hours_per_month": 22, "pounds_per_year": 4800, "description": "Internal courier runs to three sites cancelled; post reaches teams the day it arrives instead of up to a week later.", "realised_days_ago": 300},
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Reduce printing of committee papers",
        "description": """We still print and post full agenda packs for most committees, even though the papers are published online and most members bring a tablet. A single Planning Committee pack can run to 400 pages, and we print 15 of them.

**The idea:**
- Make electronic papers the default for members and officers
- Print only for members who ask, and for the public seats in the room
- Print large plans in A3 for Planning Committee only
- Offer members a short session on annotating papers on their council tablet

**Who benefits:** EAs and PAs stop spending afternoons at the print room, the council saves on printing and postage, and it supports the climate emergency commitments.""",
        "area": "Executive Support",
        "tags": ["printing", "committees", "paperless"],
        "author": "pa.leader@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 10,
        "expected_pounds_per_year": 6000,
        "expected_quality": "Supports the council's climate commitments",
        "status": "implemented",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "Needs agreement from group leaders; raising at the member development panel.", "days_ago": 455},
            {"to": "planned", "by": "manager@staffroom.test", "note": "Group leaders agreed. Starts with the new municipal year.", "days_ago": 420},
            {"to": "in_progress", "by": "manager@staffroom.test", "note": "Members asked to opt in to paper copies.", "days_ago": 380},
            {"to": "implemented", "by": "manager@staffroom.test", "note": "Electronic papers are now the default for all committees.", "days_ago": 320},
        ],
        "posted_days_ago": 470,
        "voters": 15,
        "comments": [
            {"author": "agent@staffroom.test", "body": "Some members genuinely need paper for accessibility reasons, so we must keep an opt-in.", "days_ago": 465,
             "replies": [{"author": "pa.leader@staffroom.test", "body": "Agreed Tom - opt-in is in the proposal, no questions asked.", "days_ago": 464}]},
            {"author": "staff@staffroom.test", "body": "Planning officers would still like one paper copy of plans at the meeting.", "days_ago": 450, "replies": []},
        ],
        "benefit": {"hours_per_month": 10, "pounds_per_year": 7800, "description": "Paper packs down from 15 to 3 per committee; print and postage costs cut by about £650 a month.", "realised_days_ago": 270},
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Shared mailbox rules for the Children's Services referrals inbox",
        "description": """The Children's Services Support referrals inbox receives 150-200 emails a day: referrals from schools and health, professional updates, meeting requests and a lot of newsletters. Everything lands in one folder, so officers read every email to decide whose it is, and urgent items can sit behind routine ones.

**The idea:** set up mailbox rules and categories so that:

- Emails from the secure schools portal and health domains go to a *Referrals* folder and are flagged
- Meeting invitations go to *Meetings*
- Newsletters and bulletins go to *Read later*
- Each officer's cases are colour-coded by category

**Who benefits:** officers triage faster, urgent referrals are seen first, and team leaders can see the backlog at a glance.""",
        "area": "Children's Services Support",
        "tags": ["mailboxes", "email", "safeguarding"],
        "author": "childrens.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 15,
        "expected_pounds_per_year": None,
        "expected_quality": "Urgent referrals seen sooner",
        "status": "implemented",
        "history": [
            {"to": "under_review", "by": "childrens.lead@staffroom.test", "note": "Checking the rules with the MASH team leader.", "days_ago": 350},
            {"to": "planned", "by": "childrens.lead@staffroom.test", "note": "", "days_ago": 335},
            {"to": "in_progress", "by": "childrens.lead@staffroom.test", "note": "Trialling the rules for two weeks.", "days_ago": 310},
            {"to": "implemented", "by": "childrens.lead@staffroom.test", "note": "Rules are live; guidance saved in the team folder.", "days_ago": 260},
        ],
        "posted_days_ago": 360,
        "voters": 9,
        "comments": [
            {"author": "childrens.lead@staffroom.test", "body": "Can we make sure nothing is ever auto-deleted? Everything must stay on record.", "days_ago": 355,
             "replies": [{"author": "childrens.officer@staffroom.test", "body": "Yes, the rules only move and flag - nothing is deleted.", "days_ago": 354}]},
        ],
        "benefit": {"hours_per_month": 16, "pounds_per_year": None, "description": "Triage of the referrals inbox takes about 40 minutes a day less; urgent referrals are picked up within the hour.", "realised_days_ago": 200},
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Standard interview question bank",
        "description": """Hiring managers often ask Recruitment to help write interview questions from scratch, and panels for the same role ask very different questions. Some questions are not linked to the person specification, which makes fair scoring and feedback difficult and leaves us exposed if a decision is challenged.

**The idea:** a bank of approved interview questions, grouped by the council's behaviours framework and by common roles (admin officer, EA, team leader, social worker), each with:

- what a good answer looks like
- a 1-5 scoring guide
- a note on adjustments, for example sharing questions in advance

**Who benefits:** hiring managers save preparation time, candidates get a fairer and more consistent interview, and Recruitment spends less time on bespoke question packs.""",
        "area": "Recruitment",
        "tags": ["interviews", "templates", "fair recruitment"],
        "author": "recruitment.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 12,
        "expected_pounds_per_year": None,
        "expected_quality": "Consistent, fairer interviews",
        "status": "implemented",
        "history": [
            {"to": "under_review", "by": "recruitment.lead@staffroom.test", "note": "", "days_ago": 390},
            {"to": "planned", "by": "recruitment.lead@staffroom.test", "note": "Will build it with the Equality, Diversity and Inclusion lead.", "days_ago": 330},
            {"to": "in_progress", "by": "recruitment.lead@staffroom.test", "note": "First 60 questions drafted.", "days_ago": 270},
            {"to": "implemented", "by": "recruitment.lead@staffroom.test", "note": "Question bank published in the Recruitment section of the knowledge base.", "days_ago": 215},
        ],
        "posted_days_ago": 400,
        "voters": 11,
        "comments": [
            {"author": "housing@staffroom.test", "body": "As a hiring manager I'd use this straight away. Writing questions takes me a whole afternoon.", "days_ago": 395, "replies": []},
            {"author": "asc@staffroom.test", "body": "Could we include questions about lived experience for our peer support roles?", "days_ago": 300,
             "replies": [{"author": "recruitment.officer@staffroom.test", "body": "Yes - I'll add a section for those roles with your team.", "days_ago": 298}]},
        ],
        "benefit": {"hours_per_month": 15, "pounds_per_year": None, "description": "Interview packs now prepared in about 20 minutes instead of 2 hours; used in 80% of campaigns.", "realised_days_ago": 150},
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Central diary of director absences",
        "description": """When someone needs a director - to sign off an urgent decision, attend a meeting or approve a press statement - PAs ring round to find out who is in, who is on leave and who is deputising. Each PA keeps their own list, and the Chief Executive's office is often the last to know.

**The idea:** one shared Outlook calendar showing every director's and assistant director's leave and the named deputy for each absence. PAs add entries when leave is booked; the calendar is readable by all PAs, EAs and the Chief Executive's office.

**Who benefits:** PAs and EAs stop ringing round, urgent decisions reach the right deputy first time, and the Chief Executive's office can plan cover for emergencies and out-of-hours rotas.""",
        "area": "Executive Support",
        "tags": ["diary", "cover", "pa network"],
        "author": "pa.director@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 5,
        "expected_pounds_per_year": None,
        "expected_quality": "Urgent decisions reach the right deputy first time",
        "status": "implemented",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "Need to agree with directors what level of detail is shown.", "days_ago": 320},
            {"to": "planned", "by": "manager@staffroom.test", "note": "Directors agreed: dates and deputy only, no reasons for absence.", "days_ago": 290},
            {"to": "in_progress", "by": "manager@staffroom.test", "note": "", "days_ago": 230},
            {"to": "implemented", "by": "manager@staffroom.test", "note": "Shared calendar live; all PAs have edit access.", "days_ago": 170},
        ],
        "posted_days_ago": 330,
        "voters": 10,
        "comments": [
            {"author": "pa.leader@staffroom.test", "body": "Important that it shows only dates and deputies - not the reason for absence.", "days_ago": 325, "replies": []},
            {"author": "ea@staffroom.test", "body": "We used it three times this week already. So much quicker.", "days_ago": 150, "replies": []},
        ],
        "benefit": {"hours_per_month": 6, "pounds_per_year": None, "description": "PAs report around 6 hours a month saved on finding directors and deputies.", "realised_days_ago": 110},
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Teams channel for PA cover",
        "description": """When a PA is off sick or on leave, cover is arranged by email chains and phone calls at 8am. The covering PA often doesn't know about the director's standing arrangements: which meetings can be moved, who has diary access, where the signing folder is.

**The idea:** a private Teams channel for the PA network with:

- a pinned *cover notes* page for each director, kept up to date by their PA
- a daily post where anyone who needs cover says so and colleagues offer help
- a shared file of diary access permissions

**Who benefits:** directors get a smoother service when their PA is away, and covering PAs start the day knowing what to do rather than piecing it together.""",
        "area": "Executive Support",
        "tags": ["cover", "diary", "pa network"],
        "author": "pa.leader@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 4,
        "expected_pounds_per_year": None,
        "expected_quality": "Smoother cover for directors",
        "status": "implemented",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "", "days_ago": 272},
            {"to": "planned", "by": "manager@staffroom.test", "note": "Ruth to set it up; no cost.", "days_ago": 260},
            {"to": "in_progress", "by": "manager@staffroom.test", "note": "", "days_ago": 240},
            {"to": "implemented", "by": "manager@staffroom.test", "note": "Channel is live and all PAs have written cover notes.", "days_ago": 200},
        ],
        "posted_days_ago": 280,
        "voters": 8,
        "comments": [
            {"author": "pa.director@staffroom.test", "body": "Happy to write the first set of cover notes as a model for everyone.", "days_ago": 276,
             "replies": [{"author": "pa.leader@staffroom.test", "body": "Thanks Fiona, that would be a great start.", "days_ago": 275}]},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Auto-reply for FOI requests giving the response deadline",
        "description": """Freedom of Information requests sent to the Customer Hub mailbox get our generic auto-reply, which says we'll reply "within 10 working days". FOIs have a 20-working-day legal deadline, so requesters are confused and ring to ask when they'll hear back, or complain when we haven't replied by day 10.

**The idea:** a rule that spots FOI and EIR requests (subject line and keywords) and sends a dedicated auto-reply that:

- confirms the request has been received and logged
- gives the **20 working day** deadline and explains how it's calculated
- links to the disclosure log in case the answer is already published

**Who benefits:** residents know what to expect, Hub officers take fewer chasing calls, and the Information Governance team gets fewer premature complaints.""",
        "area": "Customer Hub",
        "tags": ["email", "automation", "information governance"],
        "author": "hub.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 5,
        "expected_pounds_per_year": None,
        "expected_quality": "Fewer chasing calls and premature complaints",
        "status": "implemented",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "Checking the wording with Information Governance.", "days_ago": 240},
            {"to": "planned", "by": "manager@staffroom.test", "note": "Wording approved.", "days_ago": 200},
            {"to": "in_progress", "by": "manager@staffroom.test", "note": "", "days_ago": 150},
            {"to": "implemented", "by": "manager@staffroom.test", "note": "New auto-reply live on the Hub mailbox.", "days_ago": 100},
        ],
        "posted_days_ago": 250,
        "voters": 7,
        "comments": [
            {"author": "admin@staffroom.test", "body": "The deadline should skip bank holidays - can the rule handle that, or do we word it generally?", "days_ago": 245,
             "replies": [{"author": "hub.officer@staffroom.test", "body": "I'll word it generally and link to the guidance on how working days are counted.", "days_ago": 244}]},
        ],
        "benefit": {"hours_per_month": 6, "pounds_per_year": None, "description": "Calls chasing FOI responses down by about 70 a month.", "realised_days_ago": 55},
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Single intake form for DBS checks",
        "description": """Hiring managers ask for DBS checks by email, by phone, on the old Word form or as a note on the offer request. Recruitment then chases missing details - the level of check, whether the barred list applies, the start date - before we can send the applicant their link. Some checks are delayed by two weeks because of missing information.

**The idea:** one online form for every DBS request, with required fields for:

1. Role and level of check (basic, standard, enhanced, enhanced with barred list)
2. Whether the role involves regulated activity
3. Who will verify the applicant's ID documents

The form feeds a tracker so managers can see where their check is.

**Who benefits:** hiring managers, new starters waiting to start, and the Recruitment team, who spend less time chasing.""",
        "area": "Recruitment",
        "tags": ["forms", "onboarding", "safeguarding"],
        "author": "recruitment.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 12,
        "expected_pounds_per_year": 1000,
        "expected_quality": "New starters cleared to start sooner",
        "status": "implemented",
        "history": [
            {"to": "under_review", "by": "recruitment.lead@staffroom.test", "note": "", "days_ago": 220},
            {"to": "planned", "by": "recruitment.lead@staffroom.test", "note": "Building the form in the council's forms tool.", "days_ago": 180},
            {"to": "in_progress", "by": "recruitment.lead@staffroom.test", "note": "Testing with Children's Services and Adult Social Care managers.", "days_ago": 110},
            {"to": "implemented", "by": "recruitment.lead@staffroom.test", "note": "Form is live; the old Word form has been withdrawn.", "days_ago": 60},
        ],
        "posted_days_ago": 230,
        "voters": 12,
        "comments": [
            {"author": "childrens.lead@staffroom.test", "body": "We request more DBS checks than anyone - happy to test it.", "days_ago": 225, "replies": []},
            {"author": "asc@staffroom.test", "body": "Can the form remind managers about the three-yearly renewal for existing staff?", "days_ago": 200,
             "replies": [{"author": "recruitment.officer@staffroom.test", "body": "Not in the first version, but I've noted it for a follow-up.", "days_ago": 199}]},
            {"author": "housing@staffroom.test", "body": "Much clearer than the old form, thanks.", "days_ago": 45, "replies": []},
        ],
        "benefit": {"hours_per_month": 14, "pounds_per_year": 1200, "description": "Average time from request to DBS application down from 9 working days to 3; far fewer chasing emails.", "realised_days_ago": 20},
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Digital petty cash claims",
        "description": """Each site keeps a petty cash tin and a paper claim book. Claims for small items (milk for meetings, parking, taxi receipts for late visits) are written up by hand, signed by a manager, and reconciled monthly by Finance Support, who often find missing receipts or illegible entries.

**The idea:** replace the claim book with a short online form where staff attach a photo of the receipt and their manager approves it by email. Finance Support reconciles against a spreadsheet export instead of the paper book, and we review whether some sites could move to purchase cards instead of cash.

**Who benefits:** Finance Support officers at month end, managers approving claims from anywhere, and staff who get reimbursed faster.""",
        "area": "Finance Support",
        "tags": ["expenses", "forms", "paperless"],
        "author": "finance.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 4,
        "expected_pounds_per_year": 500,
        "expected_quality": "No more missing receipts at month end",
        "status": "implemented",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "", "days_ago": 180},
            {"to": "planned", "by": "manager@staffroom.test", "note": "Agreed with the Chief Accountant.", "days_ago": 140},
            {"to": "in_progress", "by": "manager@staffroom.test", "note": "Piloting at the Civic Centre and the depot.", "days_ago": 70},
            {"to": "implemented", "by": "manager@staffroom.test", "note": "All sites using the online form from this month. We'll measure the benefit after the next quarter end.", "days_ago": 12},
        ],
        "posted_days_ago": 190,
        "voters": 6,
        "comments": [
            {"author": "highways@staffroom.test", "body": "The depot would love this - our claim book is a mess.", "days_ago": 185, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    # ================================================================== In progress (6)
    {
        "title": "Booking form for the Council Chamber and committee rooms",
        "description": """Booking the Council Chamber or the first-floor committee rooms means emailing Democratic Services, then Facilities for the layout, then catering separately. Requests get lost between mailboxes, and double bookings happen when two PAs ask at the same time.

**The idea:** one online booking form that:

- checks the room calendar and only offers free slots
- asks for layout, numbers, AV and webcasting needs in one go
- sends the request to Democratic Services for approval, then copies Facilities automatically
- confirms the booking with a reference to paste into the director's diary

**Who benefits:** PAs and EAs make one request instead of three, Democratic Services stay in control of the Chamber diary, and Facilities get layout details in advance.""",
        "area": "Executive Support",
        "tags": ["room booking", "forms", "committees"],
        "author": "ea@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 6,
        "expected_pounds_per_year": None,
        "expected_quality": "No more double bookings",
        "status": "in_progress",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "", "days_ago": 205},
            {"to": "planned", "by": "manager@staffroom.test", "note": "Democratic Services support this; Facilities to join the project.", "days_ago": 190},
            {"to": "in_progress", "by": "manager@staffroom.test", "note": "Form being built; testing with the PA network in the next few weeks.", "days_ago": 130},
        ],
        "posted_days_ago": 210,
        "voters": 14,
        "comments": [
            {"author": "pa.director@staffroom.test", "body": "Can it include the Mayor's Parlour? We book that through a different route again.", "days_ago": 207,
             "replies": [{"author": "ea@staffroom.test", "body": "I've asked - the Civic team will consider it for phase two.", "days_ago": 204}]},
            {"author": "agent@staffroom.test", "body": "Please keep the 15 working days' notice rule visible on the form.", "days_ago": 195, "replies": []},
            {"author": "manager@staffroom.test", "body": "Update: test version ready. Volunteers to try it welcome.", "days_ago": 30, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Purchase card receipts uploaded through the finance app",
        "description": """Purchase card holders print their monthly statement, staple the receipts to it, sign it, and send it to Finance Support. We then check each line, chase missing receipts and file the paper for six years. About 120 statements arrive each month, many late.

**The idea:** switch on the receipt-capture feature in the finance system's mobile app so cardholders photograph receipts when they buy something and code the transaction there and then. Managers approve in the app, and Finance Support reviews exceptions only.

**Who benefits:** cardholders (no month-end paperwork), Finance Support (no paper filing or chasing), and audit (every transaction has a receipt and approval attached).""",
        "area": "Finance Support",
        "tags": ["expenses", "paperless", "automation"],
        "author": "finance.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 18,
        "expected_pounds_per_year": 1500,
        "expected_quality": "Every card transaction has a receipt attached",
        "status": "in_progress",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "Checking licensing with the finance system team.", "days_ago": 290},
            {"to": "planned", "by": "manager@staffroom.test", "note": "Included in our existing licence.", "days_ago": 240},
            {"to": "in_progress", "by": "manager@staffroom.test", "note": "Pilot with 20 cardholders in Highways and Housing.", "days_ago": 160},
        ],
        "posted_days_ago": 300,
        "voters": 9,
        "comments": [
            {"author": "highways@staffroom.test", "body": "Our supervisors use their cards on site all the time - photographing the receipt straight away would stop so many lost receipts.", "days_ago": 295, "replies": []},
            {"author": "housing@staffroom.test", "body": "Pilot feedback from Housing: works well, but coding was confusing at first. A one-page guide would help.", "days_ago": 100,
             "replies": [{"author": "finance.officer@staffroom.test", "body": "Thanks Mei - guide drafted, I'll send it over this week.", "days_ago": 98}]},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Text message reminders for interview candidates",
        "description": """Around one in eight shortlisted candidates doesn't turn up to interview, often because the invitation email went to spam or they forgot the time. Panels of three managers then sit waiting, and slots are wasted.

**The idea:** send candidates an automatic text message two days before and on the morning of their interview, with the time, address or Teams link, and a number to call if they can't attend. The applicant tracking system already holds mobile numbers and can send texts through the council's corporate SMS service.

**Who benefits:** hiring panels lose fewer hours to no-shows, candidates get a friendlier experience, and Recruitment can offer freed-up slots to reserve candidates.""",
        "area": "Recruitment",
        "tags": ["interviews", "automation", "candidates"],
        "author": "recruitment.lead@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 8,
        "expected_pounds_per_year": None,
        "expected_quality": "Fewer interview no-shows",
        "status": "in_progress",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "", "days_ago": 250},
            {"to": "planned", "by": "manager@staffroom.test", "note": "SMS costs are small; agreed to go ahead.", "days_ago": 210},
            {"to": "in_progress", "by": "recruitment.lead@staffroom.test", "note": "Message wording approved; waiting for the supplier to switch it on.", "days_ago": 90},
        ],
        "posted_days_ago": 260,
        "voters": 10,
        "comments": [
            {"author": "recruitment.officer@staffroom.test", "body": "We should let candidates reply to cancel so the slot can go to a reserve.", "days_ago": 255, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Redaction checklist and software for subject access requests",
        "description": """Children's Services Support prepares the social care records for subject access requests from care leavers and families. Redaction is done by hand in PDF software, one page at a time, for files that can run to 2,000 pages. It is slow, and a missed third-party name is a serious data breach.

**The idea:**
- Buy proper redaction software that finds names, addresses and dates across a whole file
- Agree a redaction checklist with Information Governance
- Require a second-person check for every disclosure

**Who benefits:** care leavers get their records within the legal timescale, officers spend less time on tedious work, and the risk of a breach goes down.""",
        "area": "Children's Services Support",
        "tags": ["information governance", "safeguarding", "automation"],
        "author": "childrens.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 25,
        "expected_pounds_per_year": None,
        "expected_quality": "Lower risk of data breaches; requests answered within one month",
        "status": "in_progress",
        "history": [
            {"to": "under_review", "by": "childrens.lead@staffroom.test", "note": "Information Governance are keen; looking at options.", "days_ago": 300},
            {"to": "planned", "by": "childrens.lead@staffroom.test", "note": "Funding agreed from the Children's Services improvement budget.", "days_ago": 260},
            {"to": "in_progress", "by": "childrens.lead@staffroom.test", "note": "Software procured; checklist being drafted with Information Governance.", "days_ago": 200},
        ],
        "posted_days_ago": 320,
        "voters": 11,
        "comments": [
            {"author": "childrens.lead@staffroom.test", "body": "We currently have 14 requests over the one-month deadline, so this is a priority.", "days_ago": 315, "replies": []},
            {"author": "asc@staffroom.test", "body": "Adult Social Care has the same problem - could we share the licence?", "days_ago": 280,
             "replies": [{"author": "childrens.lead@staffroom.test", "body": "Yes, we've bought enough seats for two ASC officers too.", "days_ago": 205}]},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Shared answers for Customer Hub on council tax and bin collections",
        "description": """Hub officers each keep their own notes on how to answer common calls - missed bin collections, council tax single person discount, moving home. Answers differ between officers, and new starters take weeks to learn them.

**The idea:** a shared set of agreed answers in the knowledge base, written with the service teams, covering the 30 most common call types. Each answer has:

- what to tell the caller
- what to log in the CRM
- when to pass it to the service

The same text could later feed the website and the chatbot.

**Who benefits:** callers get consistent answers, new Hub officers are confident sooner, and service teams get fewer wrongly routed cases.""",
        "area": "Customer Hub",
        "tags": ["knowledge base", "self-service", "training"],
        "author": "hub.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 10,
        "expected_pounds_per_year": None,
        "expected_quality": "Consistent answers to callers; faster induction",
        "status": "in_progress",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "", "days_ago": 160},
            {"to": "planned", "by": "manager@staffroom.test", "note": "Revenues and Waste teams have agreed to review the answers.", "days_ago": 120},
            {"to": "in_progress", "by": "manager@staffroom.test", "note": "First 12 answers published; 18 to go.", "days_ago": 45},
        ],
        "posted_days_ago": 170,
        "voters": 8,
        "comments": [
            {"author": "housing@staffroom.test", "body": "Please include housing benefit versus Universal Credit - we get so many calls routed to us wrongly.", "days_ago": 165, "replies": []},
            {"author": "agent@staffroom.test", "body": "Happy to review the answers for readability if that helps.", "days_ago": 40, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Dashboard of shared mailbox volumes for team leaders",
        "description": """Team leaders have no easy way to see how busy each shared mailbox is. We find out a mailbox is overwhelmed when a complaint arrives or someone goes off with stress. Moving staff between teams to help out is decided on gut feeling.

**The idea:** a simple weekly dashboard, built from the mailbox reports we already have, showing for each Business Support mailbox:

- emails received and closed
- the oldest unanswered email
- average response time

**Who benefits:** team leaders can spot pressure early and move help where it's needed, staff feel less swamped, and managers have evidence for staffing requests.""",
        "area": "Council-wide",
        "tags": ["mailboxes", "reporting"],
        "author": "pa.leader@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 4,
        "expected_pounds_per_year": None,
        "expected_quality": "Pressure spotted before backlogs build up",
        "status": "in_progress",
        "history": [
            {"to": "under_review", "by": "admin@staffroom.test", "note": "", "days_ago": 215},
            {"to": "planned", "by": "admin@staffroom.test", "note": "The BI team can build it from existing reports.", "days_ago": 175},
            {"to": "in_progress", "by": "admin@staffroom.test", "note": "First version covers five mailboxes.", "days_ago": 80},
        ],
        "posted_days_ago": 230,
        "voters": 7,
        "comments": [
            {"author": "childrens.lead@staffroom.test", "body": "It must not become a league table of individual officers.", "days_ago": 225,
             "replies": [{"author": "pa.leader@staffroom.test", "body": "Agreed Mark - team-level figures only.", "days_ago": 224}]},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    # ================================================================== Planned (6)
    {
        "title": "List of approved meeting venues outside the Civic Centre",
        "description": """When directors hold away days, partnership meetings or consultation events, PAs search for a venue from scratch. We don't know which community centres are accessible, which have a hearing loop, which invoice the council properly, or what they cost, so each PA repeats the same phone calls.

**The idea:** a shared list of venues PAs have used, with:

- capacity and accessibility (step-free access, hearing loop, accessible toilets)
- Wi-Fi and AV available
- cost, whether they take a purchase order, and a contact
- a short review from the last PA who used it

Council-owned buildings such as libraries and community hubs would be listed first.

**Who benefits:** PAs and EAs save time, and the council makes more use of its own buildings.""",
        "area": "Executive Support",
        "tags": ["pa network", "accessibility", "room booking"],
        "author": "pa.director@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 4,
        "expected_pounds_per_year": 1500,
        "expected_quality": "More use of council-owned buildings",
        "status": "planned",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "", "days_ago": 170},
            {"to": "planned", "by": "manager@staffroom.test", "note": "Will start after the Chamber booking form goes live.", "days_ago": 140},
        ],
        "posted_days_ago": 180,
        "voters": 6,
        "comments": [
            {"author": "ea@staffroom.test", "body": "I have a spreadsheet of about 15 venues already - happy to share it as a starting point.", "days_ago": 176, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Digital sign-off for interview panel scoring sheets",
        "description": """After each interview, panel members fill in paper scoring sheets, which Recruitment collects, scans and stores with the campaign. Sheets go missing, some are unsigned, and with hybrid interviews one panel member is often remote and has to print, sign and scan their own.

**The idea:** move scoring sheets into a simple online form linked to the question bank. Each panel member scores on the day, the chair confirms the final decision, and the record is saved to the campaign automatically.

**Who benefits:** Recruitment no longer chases and scans paper, remote panel members can take part properly, and feedback to candidates is quicker and based on a complete record.""",
        "area": "Recruitment",
        "tags": ["interviews", "e-signatures", "forms"],
        "author": "recruitment.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 6,
        "expected_pounds_per_year": None,
        "expected_quality": "Complete, signed scoring records for every campaign",
        "status": "planned",
        "history": [
            {"to": "under_review", "by": "recruitment.lead@staffroom.test", "note": "", "days_ago": 150},
            {"to": "planned", "by": "recruitment.lead@staffroom.test", "note": "Links well with the question bank; planned for next quarter.", "days_ago": 120},
        ],
        "posted_days_ago": 160,
        "voters": 9,
        "comments": [
            {"author": "asc@staffroom.test", "body": "As a frequent panel chair I'd welcome this - I still have sheets in my bag from last month.", "days_ago": 155, "replies": []},
            {"author": "recruitment.lead@staffroom.test", "body": "We'll need to keep the records for the same retention period as now.", "days_ago": 148, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Easy-read versions of Customer Hub standard letters",
        "description": """Our standard letters (council tax reminders, missed collection replies, appointment confirmations) are written in formal language. Residents with learning disabilities or low literacy, and people whose first language isn't English, often ring us to ask what the letter means.

**The idea:** produce easy-read versions of the ten most-used letters, with plain words, short sentences and supporting pictures. Residents could choose easy-read as a preference on their customer record, and the letters would go out automatically in that format.

**Who benefits:** residents who struggle with formal letters, Hub officers who take fewer explanation calls, and the council in meeting its accessibility duties.""",
        "area": "Customer Hub",
        "tags": ["accessibility", "templates", "letters"],
        "author": "hub.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 5,
        "expected_pounds_per_year": None,
        "expected_quality": "Letters residents can understand first time",
        "status": "planned",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "Talking to the accessibility forum.", "days_ago": 185},
            {"to": "planned", "by": "manager@staffroom.test", "note": "The local self-advocacy group will help test the letters.", "days_ago": 150},
        ],
        "posted_days_ago": 200,
        "voters": 10,
        "comments": [
            {"author": "asc@staffroom.test", "body": "Adult Social Care has an easy-read picture library you're welcome to use.", "days_ago": 195,
             "replies": [{"author": "hub.officer@staffroom.test", "body": "That's really helpful, thanks Joanne!", "days_ago": 194}]},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Invoice queries logged in one shared tracker",
        "description": """Supplier queries about unpaid invoices arrive by phone, in the Finance Support mailbox and directly to individual officers. There's no single record, so two officers sometimes work on the same query, and when someone is on leave nobody knows what they promised the supplier.

**The idea:** log every invoice query in one shared tracker (a Microsoft List would do), with the supplier, invoice number, the budget holder chased, and the promised reply date. The tracker sends a reminder when a reply is due.

**Who benefits:** Finance Support officers (no duplicated work, easy handover), suppliers (consistent answers), and small local businesses in particular, who depend on being paid on time.""",
        "area": "Finance Support",
        "tags": ["suppliers", "payments", "reporting"],
        "author": "finance.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 8,
        "expected_pounds_per_year": None,
        "expected_quality": "Small suppliers paid on time",
        "status": "planned",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "", "days_ago": 130},
            {"to": "planned", "by": "manager@staffroom.test", "note": "Oliver to build it after the purchase card pilot.", "days_ago": 100},
        ],
        "posted_days_ago": 140,
        "voters": 5,
        "comments": [],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Online calendar for booking family time rooms",
        "description": """Family time (contact) sessions between children in care and their families take place in rooms at three family centres. Bookings are kept in a paper diary at each centre, so social workers phone each centre in turn to find a slot, and Children's Services Support can't see overall demand.

**The idea:** move family time room bookings to a shared online calendar that social workers and support officers can view. Bookings would include the supervising worker and any safety notes, visible only to those who need them.

**Who benefits:** social workers find a slot in one go, support officers stop relaying phone messages between centres, and managers can see when rooms are under pressure.""",
        "area": "Children's Services Support",
        "tags": ["room booking", "diary", "safeguarding"],
        "author": "childrens.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 10,
        "expected_pounds_per_year": None,
        "expected_quality": "Children's family time arranged sooner",
        "status": "planned",
        "history": [
            {"to": "under_review", "by": "childrens.lead@staffroom.test", "note": "Checking who needs to see safety notes.", "days_ago": 140},
            {"to": "planned", "by": "childrens.lead@staffroom.test", "note": "Information Governance agreed the access rules.", "days_ago": 90},
        ],
        "posted_days_ago": 150,
        "voters": 8,
        "comments": [
            {"author": "childrens.lead@staffroom.test", "body": "Safety notes must be restricted - we'll need Information Governance to agree access.", "days_ago": 145, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Induction checklist for new Business Support starters",
        "description": """New starters in Business Support have very different first weeks depending on their team. Some arrive without a laptop, building pass or mailbox access; others aren't told about the PA network, the knowledge base or who to ask about expenses.

**The idea:** one induction checklist shared by all Business Support teams, with:

- what the team leader arranges *before* day one (IT, pass, mailbox access)
- week one essentials (key contacts, systems, health and safety)
- first-month learning (mandatory e-learning, information governance, shadowing)

Each team adds its own section at the end.

**Who benefits:** new starters feel welcome and productive sooner, team leaders don't have to remember everything, and colleagues spend less time filling the gaps.""",
        "area": "Council-wide",
        "tags": ["induction", "onboarding", "hr"],
        "author": "manager@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 5,
        "expected_pounds_per_year": None,
        "expected_quality": "New starters productive sooner",
        "status": "planned",
        "history": [
            {"to": "under_review", "by": "admin@staffroom.test", "note": "", "days_ago": 125},
            {"to": "planned", "by": "admin@staffroom.test", "note": "Team leaders to contribute their team sections by the end of the quarter.", "days_ago": 95},
        ],
        "posted_days_ago": 130,
        "voters": 12,
        "comments": [
            {"author": "hub.officer@staffroom.test", "body": "I started last year and didn't have a phone login for two weeks. This would have helped!", "days_ago": 128, "replies": []},
            {"author": "recruitment.lead@staffroom.test", "body": "Recruitment can trigger the IT request automatically when the contract is issued.", "days_ago": 120,
             "replies": [{"author": "manager@staffroom.test", "body": "Perfect, Hannah - I'll add that as the first step.", "days_ago": 119}]},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    # ================================================================== Under review (6)
    {
        "title": "Shared Word template library for all Business Support teams",
        "description": """Every team has its own folder of Word templates - letters, minutes, agendas, briefing notes - and many are out of date (old logo, old address, wrong data protection wording). Officers copy old documents instead, so mistakes spread.

**The idea:** one template library on SharePoint, available from the *New* menu in Word, with:

- an owner for each template
- a review date
- a consistent style that meets accessibility standards

Old team folders would be archived once their templates are moved over.

**Who benefits:** everyone who writes letters or minutes across Business Support, and residents who receive correct, accessible letters.""",
        "area": "Council-wide",
        "tags": ["templates", "accessibility", "letters"],
        "author": "pa.leader@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 8,
        "expected_pounds_per_year": None,
        "expected_quality": "Correct logo, address and privacy wording on every letter",
        "status": "under_review",
        "history": [
            {"to": "under_review", "by": "admin@staffroom.test", "note": "Checking with IT whether the Word template feature is enabled.", "days_ago": 60},
        ],
        "posted_days_ago": 75,
        "voters": 11,
        "comments": [
            {"author": "ea@staffroom.test", "body": "The Cabinet front sheet template could move into this library too.", "days_ago": 72, "replies": []},
            {"author": "staff@staffroom.test", "body": "Planning would like to use this for our decision letters as well.", "days_ago": 50, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Callback slots instead of queueing on the Hub phone line",
        "description": """At busy times (Monday mornings, council tax bills in March) callers wait up to 40 minutes on the Customer Hub line, and many hang up and try again, adding to the queue. Abandoned call rates go above 30%.

**The idea:** when the wait is over 10 minutes, offer callers the option to keep their place and be called back, or to book a callback slot later that day. Our telephony system already supports this; it just isn't switched on.

**Who benefits:** residents don't have to hold, Hub officers deal with fewer frustrated callers, and the queue is smoother across the day.""",
        "area": "Customer Hub",
        "tags": ["telephony", "customer experience"],
        "author": "hub.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": None,
        "expected_pounds_per_year": None,
        "expected_quality": "Abandoned calls below 10%",
        "status": "under_review",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "Asking the telephony supplier about set-up costs.", "days_ago": 80},
        ],
        "posted_days_ago": 95,
        "voters": 13,
        "comments": [
            {"author": "housing@staffroom.test", "body": "Tenants tell us all the time that they gave up waiting. Fully support this.", "days_ago": 90, "replies": []},
            {"author": "manager@staffroom.test", "body": "Supplier says it's included in our contract; we need to agree callback hours with the rota.", "days_ago": 40, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Second-officer check on supplier bank detail changes",
        "description": """Requests to change a supplier's bank details come in by email and are usually processed by one officer. Fraudsters increasingly send convincing emails pretending to be real suppliers, and other councils have lost large sums this way.

**The idea:** a simple, mandatory procedure for every bank detail change:

1. Call the supplier back on the number **already on file**, never the one in the email
2. A second officer checks and approves the change in the finance system
3. Send a confirmation letter to the supplier's registered address

**Who benefits:** the council (lower fraud risk), suppliers (their payments are protected), and Finance Support officers, who are protected by a clear process if something goes wrong.""",
        "area": "Finance Support",
        "tags": ["suppliers", "payments"],
        "author": "finance.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": None,
        "expected_pounds_per_year": None,
        "expected_quality": "Lower risk of mandate fraud",
        "status": "under_review",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "Discussing with Internal Audit and the Counter Fraud team.", "days_ago": 50},
        ],
        "posted_days_ago": 60,
        "voters": 9,
        "comments": [
            {"author": "admin@staffroom.test", "body": "Strongly support. This needs to happen quickly.", "days_ago": 58, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Guest Wi-Fi codes issued by reception rather than IT",
        "description": """Visitors to the Civic Centre who need Wi-Fi (partners, consultants, trainers) have to be set up by the IT service desk, which needs 48 hours' notice. PAs forget to ask, or the visitor is a last-minute replacement, and meetings start with people tethering to their phones.

**The idea:** give reception a supply of daily guest Wi-Fi codes to hand out when visitors sign in, as many other councils and NHS trusts do. Codes would expire at midnight and give internet access only.

**Who benefits:** visitors, the PAs and EAs who organise meetings, and the IT service desk, which gets fewer last-minute tickets.""",
        "area": "Council-wide",
        "tags": ["visitors", "reception"],
        "author": "asc@staffroom.test",
        "anonymous": True,
        "expected_hours_per_month": 3,
        "expected_pounds_per_year": None,
        "expected_quality": "Meetings with visitors start on time",
        "status": "under_review",
        "history": [
            {"to": "under_review", "by": "admin@staffroom.test", "note": "Raised with the IT security lead.", "days_ago": 100},
        ],
        "posted_days_ago": 120,
        "voters": 10,
        "comments": [
            {"author": "pa.director@staffroom.test", "body": "This happens to us at least once a fortnight.", "days_ago": 118, "replies": []},
            {"author": "admin@staffroom.test", "body": "IT security are open to it as long as the guest network stays separate. Waiting on their final view.", "days_ago": 60, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Single tracker for child protection conference minutes",
        "description": """Minutes of child protection conferences must go out within 20 working days. Each minute-taker tracks their own conferences, so the team leader has to ask everyone to find out what's overdue, and audits show some minutes are late without anyone knowing.

**The idea:** one shared tracker (restricted to the team) listing every conference with the date, minute-taker, chair, the date the draft went to the chair, and the date the minutes were sent. Overdue items turn red.

**Who benefits:** families and professionals get minutes on time, chairs know when a draft is waiting for them, and team leaders can balance workloads.""",
        "area": "Children's Services Support",
        "tags": ["minutes", "safeguarding", "reporting"],
        "author": "childrens.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 6,
        "expected_pounds_per_year": None,
        "expected_quality": "Minutes sent within 20 working days",
        "status": "under_review",
        "history": [
            {"to": "under_review", "by": "childrens.lead@staffroom.test", "note": "Checking whether the case management system can report this instead.", "days_ago": 90},
        ],
        "posted_days_ago": 110,
        "voters": 7,
        "comments": [
            {"author": "childrens.lead@staffroom.test", "body": "Good idea. I want to check first that we're not creating a second record outside the case system.", "days_ago": 92, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Shorter, plainer job advert template",
        "description": """Our job adverts are long and formal - often two pages of council boilerplate before the candidate finds out what the job actually is. Hiring managers tell us they get few applications for hard-to-fill roles, and candidate feedback says the adverts are off-putting.

**The idea:** a new advert template with:

- a 3-line summary of the role at the top
- salary, location and hybrid working arrangements up front
- plain English, no jargon
- boilerplate moved to a link

Recruitment would offer a quick review of each advert before it goes live.

**Who benefits:** candidates, hiring managers with hard-to-fill vacancies, and the council's reputation as an employer.""",
        "area": "Recruitment",
        "tags": ["templates", "candidates"],
        "author": "housing@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": None,
        "expected_pounds_per_year": 3000,
        "expected_quality": "More applications for hard-to-fill roles",
        "status": "under_review",
        "history": [
            {"to": "under_review", "by": "recruitment.lead@staffroom.test", "note": "Looking at examples from other councils.", "days_ago": 55},
        ],
        "posted_days_ago": 70,
        "voters": 8,
        "comments": [
            {"author": "recruitment.officer@staffroom.test", "body": "Could save on paid advertising too if adverts work better first time.", "days_ago": 66,
             "replies": [{"author": "housing@staffroom.test", "body": "Good point Daniel, I've added an estimate for that.", "days_ago": 65}]},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    # ================================================================== New (8)
    {
        "title": "Put all letter templates in one SharePoint folder",
        "description": """In Children's Services Support we have letter templates saved in at least four places - the old shared drive, two Teams channels and people's own OneDrive. I found three versions of the same appointment letter last week, one with an address we left years ago.

Could we put **all** letter templates in one SharePoint folder that everyone uses, with the old copies deleted? It would be good if other teams did the same so we're all using the current logo and privacy wording.

It would help new starters most, as they don't know which version is the right one.""",
        "area": "Children's Services Support",
        "tags": ["templates", "letters"],
        "author": "childrens.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 3,
        "expected_pounds_per_year": None,
        "expected_quality": "No out-of-date letters sent to families",
        "status": "new",
        "history": [],
        "posted_days_ago": 6,
        "voters": 3,
        "comments": [
            {"author": "pa.leader@staffroom.test", "body": "This sounds very like the template library idea that's under review - maybe we could combine them?", "days_ago": 5, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Digital visitor sign-in at Civic Centre reception",
        "description": """Visitors to the Civic Centre sign a paper book at reception. The book is hard to read, anyone can see previous visitors' names, and in a fire evacuation the wardens have no reliable list of who is in the building.

**The idea:** a tablet-based sign-in at reception that:

- prints a visitor badge
- emails the host to say their visitor has arrived
- keeps an up-to-date list for fire wardens
- deletes records after 30 days

**Who benefits:** the Customer Hub officers on reception, hosts who stop getting phone calls to come down, fire wardens, and visitors whose details are no longer on view.""",
        "area": "Customer Hub",
        "tags": ["visitors", "reception", "information governance"],
        "author": "hub.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 4,
        "expected_pounds_per_year": None,
        "expected_quality": "Accurate fire roll; visitors' details kept private",
        "status": "new",
        "history": [],
        "posted_days_ago": 40,
        "voters": 6,
        "comments": [
            {"author": "admin@staffroom.test", "body": "Facilities are looking at building access generally - worth linking up with them.", "days_ago": 35, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Replace the paper visitors' book with a tablet sign-in",
        "description": """At the Housing office reception we still use a paper visitors' book. Anyone signing in can read the names and car registrations of everyone before them, which doesn't feel right under data protection rules.

Could we have a tablet that visitors sign in on, like many offices have now? It could tell the person they're visiting that they've arrived, so reception doesn't have to ring round.

It would also help in a fire drill, because the list would be accurate.""",
        "area": "Council-wide",
        "tags": ["visitors", "reception", "information governance"],
        "author": "housing@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": None,
        "expected_pounds_per_year": None,
        "expected_quality": "Visitors' details not on show",
        "status": "new",
        "history": [],
        "posted_days_ago": 3,
        "voters": 2,
        "comments": [],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Minutes template that fills in from the agenda",
        "description": """When I take minutes for directorate management team meetings, I start by copying the agenda into the minutes template by hand: item numbers, titles, presenters, attendees and apologies. For a long agenda that's 20 minutes of re-typing before the meeting even starts.

**The idea:** a Word template (or simple macro) that takes the agenda document and builds the minutes shell automatically, with:

- item headings and presenters
- a table for actions with owner and due date
- attendance copied from the meeting invitation

**Who benefits:** EAs, PAs and admin officers who minute regular meetings - and the minutes go out sooner.""",
        "area": "Executive Support",
        "tags": ["minutes", "templates", "automation"],
        "author": "ea@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 5,
        "expected_pounds_per_year": None,
        "expected_quality": "Minutes circulated sooner",
        "status": "new",
        "history": [],
        "posted_days_ago": 14,
        "voters": 5,
        "comments": [
            {"author": "agent@staffroom.test", "body": "I'd use this every week for the DMT minutes.", "days_ago": 12,
             "replies": [{"author": "ea@staffroom.test", "body": "Thanks Tom - I'll share a test version with you first.", "days_ago": 11}]},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Quarterly drop-in for new starters across Business Support",
        "description": """When you join one Business Support team you don't get to meet people in the others, even though we rely on each other constantly - Recruitment for new starters, Finance Support for orders, the PA network for diaries.

**The idea:** a one-hour drop-in each quarter, in person or on Teams, for anyone who has joined in the last six months. A team leader from each area would explain what their team does and who to contact, with time for questions.

**Who benefits:** new starters feel part of a wider service, and all teams get fewer requests sent to the wrong place.""",
        "area": "Council-wide",
        "tags": ["induction", "training"],
        "author": "staff@staffroom.test",
        "anonymous": True,
        "expected_hours_per_month": None,
        "expected_pounds_per_year": None,
        "expected_quality": "New starters know who to contact",
        "status": "new",
        "history": [],
        "posted_days_ago": 22,
        "voters": 4,
        "comments": [],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Pre-filled mileage claims for regular routes",
        "description": """Highways inspectors make the same journeys week after week between the depot and the same sites, and submit a mileage claim for each trip. Finance Support checks every distance against a route planner, and claims are often returned for small mistakes.

**The idea:** a list of agreed distances for common routes (depot to each site, between main council buildings) built into the expenses form, so staff choose a route instead of typing the mileage.

**Who benefits:** staff who claim mileage regularly, Finance Support officers who check claims, and budget holders, who get consistent, checked figures.""",
        "area": "Finance Support",
        "tags": ["expenses", "forms", "automation"],
        "author": "highways@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 6,
        "expected_pounds_per_year": 800,
        "expected_quality": "Fewer returned mileage claims",
        "status": "new",
        "history": [],
        "posted_days_ago": 9,
        "voters": 4,
        "comments": [
            {"author": "finance.officer@staffroom.test", "body": "We'd welcome this - checking mileage is one of our biggest month-end tasks.", "days_ago": 8, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Standard naming convention for case documents",
        "description": """Documents uploaded to children's case files are named however the person uploading them chooses: "letter", "scan001", "minutes final FINAL". When a file is needed for court or a subject access request, finding the right document takes a long time.

**The idea:** a short naming convention for case documents, such as `YYYY-MM-DD document type - brief description`, with a one-page guide and a list of agreed document types. Support officers would apply it when uploading.

**Who benefits:** social workers and support officers searching case files, legal colleagues preparing court bundles, and anyone handling a subject access request.""",
        "area": "Children's Services Support",
        "tags": ["records", "safeguarding"],
        "author": "childrens.officer@staffroom.test",
        "anonymous": True,
        "expected_hours_per_month": 8,
        "expected_pounds_per_year": None,
        "expected_quality": "Documents found quickly for court and SARs",
        "status": "new",
        "history": [],
        "posted_days_ago": 1,
        "voters": 1,
        "comments": [],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    {
        "title": "Automatic chasers for outstanding references",
        "description": """Offers can't be confirmed until we have two satisfactory references. Recruitment officers chase referees by hand, checking a spreadsheet every few days and copying the same chaser email. With 60 live campaigns, some references slip and start dates are put back.

**The idea:** use the applicant tracking system to send an automatic reminder to referees after 3 and 7 working days, and alert the officer if nothing has arrived after 10.

**Who benefits:** new starters start on time, hiring managers aren't left short-staffed, and Recruitment officers spend less time on routine chasing.""",
        "area": "Recruitment",
        "tags": ["candidates", "automation", "onboarding"],
        "author": "recruitment.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 10,
        "expected_pounds_per_year": None,
        "expected_quality": "Fewer delayed start dates",
        "status": "new",
        "history": [],
        "posted_days_ago": 30,
        "voters": 7,
        "comments": [
            {"author": "recruitment.lead@staffroom.test", "body": "Worth checking whether this is in the system upgrade due later this year.", "days_ago": 28, "replies": []},
            {"author": "childrens.lead@staffroom.test", "body": "Reference delays held up two of our social work starters this spring.", "days_ago": 20, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "",
    },
    # ================================================================== Not taken forward (4)
    {
        "title": "Label printers for every team",
        "description": """We spend a lot of time writing labels by hand for archive boxes, files and post. It looks untidy, and archive boxes are sometimes hard to identify later.

**The idea:** buy a small label printer for each Business Support team so we can print clear, consistent labels for archive boxes, lever arch files and outgoing post.

**Who benefits:** every team that sends files to the records store, and the Records Management team, who would get clearly labelled boxes.""",
        "area": "Council-wide",
        "tags": ["printing", "post", "records"],
        "author": "staff@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 2,
        "expected_pounds_per_year": None,
        "expected_quality": "Archive boxes easy to identify",
        "status": "not_taken_forward",
        "history": [
            {"to": "under_review", "by": "admin@staffroom.test", "note": "Getting prices.", "days_ago": 490},
            {"to": "not_taken_forward", "by": "admin@staffroom.test", "note": "The multifunction printers can already print label sheets; guide added to the knowledge base.", "days_ago": 470},
        ],
        "posted_days_ago": 500,
        "voters": 3,
        "comments": [
            {"author": "agent@staffroom.test", "body": "Did you know the big printers can print on label sheets? There's a template in Word.", "days_ago": 495,
             "replies": [{"author": "staff@staffroom.test", "body": "I didn't - thanks Tom, I'll try that.", "days_ago": 494}]},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "The existing multifunction printers already print label sheets, so the cost of around 30 new printers could not be justified.",
    },
    {
        "title": "Record Cabinet pre-meetings to help with note-taking",
        "description": """EAs attend portfolio holder briefings and Cabinet pre-meetings to take notes of actions. The discussions are fast, and we sometimes miss actions or have to check details with officers afterwards.

**The idea:** record these meetings on Teams so the EA can check the recording when writing up notes, then delete it once the notes are agreed.

**Who benefits:** EAs (more accurate notes, less stress), and officers and members, who would get more accurate action lists.""",
        "area": "Executive Support",
        "tags": ["minutes", "cabinet"],
        "author": "agent@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 3,
        "expected_pounds_per_year": None,
        "expected_quality": "More accurate action notes",
        "status": "not_taken_forward",
        "history": [
            {"to": "not_taken_forward", "by": "manager@staffroom.test", "note": "Discussed with the Monitoring Officer. We'll offer note-taking training instead.", "days_ago": 340},
        ],
        "posted_days_ago": 350,
        "voters": 5,
        "comments": [
            {"author": "ea@staffroom.test", "body": "I can see the appeal, but members may not speak freely if they know they're being recorded.", "days_ago": 348, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "Recording private member briefings raises information governance and disclosure concerns that outweigh the time saved.",
    },
    {
        "title": "Open the Customer Hub phone line on Saturday mornings",
        "description": """Many residents work during the week and can only call us on their lunch break, when the queues are longest. A Saturday morning phone line, even just 9am to 12pm, would let them get through without taking time off work.

**The idea:** open the Hub phone line on Saturday mornings with a small team on a voluntary overtime rota, starting with a six-month trial to see how many people call.

**Who benefits:** working residents, and weekday callers, who would face shorter queues.""",
        "area": "Customer Hub",
        "tags": ["telephony", "customer experience"],
        "author": "hub.officer@staffroom.test",
        "anonymous": True,
        "expected_hours_per_month": None,
        "expected_pounds_per_year": None,
        "expected_quality": "Residents can call outside working hours",
        "status": "not_taken_forward",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "Costing the overtime.", "days_ago": 410},
            {"to": "not_taken_forward", "by": "manager@staffroom.test", "note": "Not affordable this year. The callback idea and online forms should help working residents instead.", "days_ago": 380},
        ],
        "posted_days_ago": 420,
        "voters": 9,
        "comments": [
            {"author": "housing@staffroom.test", "body": "Most services are closed at weekends, so the Hub couldn't resolve many calls anyway.", "days_ago": 415, "replies": []},
            {"author": "manager@staffroom.test", "body": "Thanks for the idea - we'll look at extending online self-service instead.", "days_ago": 379, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "The overtime cost of about £28,000 a year is not affordable in the current budget, and most services that callers need are closed at weekends.",
    },
    {
        "title": "Accept CVs instead of application forms",
        "description": """Candidates regularly tell us our application form is long and repetitive, and some drop out halfway through. Private sector employers mostly ask for a CV and covering letter.

**The idea:** let candidates apply with a CV and a short supporting statement instead of the full application form, at least for admin and Business Support roles.

**Who benefits:** candidates (quicker to apply), and hiring managers, who might get more applicants.""",
        "area": "Recruitment",
        "tags": ["candidates", "fair recruitment"],
        "author": "recruitment.officer@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": None,
        "expected_pounds_per_year": None,
        "expected_quality": "More applications completed",
        "status": "not_taken_forward",
        "history": [
            {"to": "under_review", "by": "recruitment.lead@staffroom.test", "note": "Discussing with the Equality, Diversity and Inclusion lead.", "days_ago": 270},
            {"to": "not_taken_forward", "by": "recruitment.lead@staffroom.test", "note": "We'll shorten the application form instead.", "days_ago": 250},
        ],
        "posted_days_ago": 280,
        "voters": 6,
        "comments": [
            {"author": "recruitment.lead@staffroom.test", "body": "CVs make anonymised shortlisting very hard - but I agree the form is too long.", "days_ago": 272, "replies": []},
        ],
        "benefit": None,
        "duplicate_of": None,
        "reason": "CVs would undermine the council's anonymised shortlisting against the person specification; we will shorten the application form instead.",
    },
    # ================================================================== Duplicates (2)
    {
        "title": "Stop printing agenda packs for every committee member",
        "description": """I spent most of last Thursday afternoon printing and collating agenda packs for the Licensing Committee, and I know from the members that several of them never open the paper copy - they read the papers on their tablets.

Could we only print for the members who actually want paper, and send everyone else the link to the online papers? It would save a huge amount of paper, toner and postage, and free up a lot of time for the EAs who support committees.""",
        "area": "Executive Support",
        "tags": ["printing", "committees"],
        "author": "agent@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 6,
        "expected_pounds_per_year": 3000,
        "expected_quality": "",
        "status": "duplicate",
        "history": [
            {"to": "under_review", "by": "manager@staffroom.test", "note": "", "days_ago": 434},
            {"to": "duplicate", "by": "manager@staffroom.test", "note": "Merged into Ruth's idea on reducing committee paper printing - votes carried over.", "days_ago": 430},
        ],
        "posted_days_ago": 440,
        "voters": 4,
        "comments": [
            {"author": "pa.leader@staffroom.test", "body": "Tom, I suggested something very similar last month - shall we join forces?", "days_ago": 438,
             "replies": [{"author": "agent@staffroom.test", "body": "Yes, happy for this to be merged into yours.", "days_ago": 437}]},
        ],
        "benefit": None,
        "duplicate_of": "Reduce printing of committee papers",
        "reason": "",
    },
    {
        "title": "Online form to book the Council Chamber",
        "description": """We use the Council Chamber a few times a year for Highways public consultation events. Booking it means several emails to different teams, and last time we found out two days before that the layout and microphones hadn't been arranged.

An online booking form, where you can see which dates are free and give all the details at once, would make this much easier for departments who don't book the Chamber very often and don't know the process.""",
        "area": "Council-wide",
        "tags": ["room booking", "forms"],
        "author": "highways@staffroom.test",
        "anonymous": False,
        "expected_hours_per_month": 1,
        "expected_pounds_per_year": None,
        "expected_quality": "",
        "status": "duplicate",
        "history": [
            {"to": "duplicate", "by": "manager@staffroom.test", "note": "This is already in progress as the Chamber and committee rooms booking form - your votes have been added there.", "days_ago": 146},
        ],
        "posted_days_ago": 150,
        "voters": 3,
        "comments": [],
        "benefit": None,
        "duplicate_of": "Booking form for the Council Chamber and committee rooms",
        "reason": "",
    },
]
