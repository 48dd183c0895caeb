"""The quality fixtures of Ask Staffroom, written against the demo content (app/demo/content/: the
articles, services.yaml and the vocabulary in vocabulary.yaml): questions as staff would
type them, each with the article or service that answers it; and questions the content does not
cover, which the assistant should decline rather than answer wrongly.

A question names one slug as its answer. A few name two, where an article and a service answer
it equally well (how to do it yourself, and the team who will do it for you).
"""

# (question, the slug or slugs of what answers it)
ANSWERABLE = [
    # Meetings and committees
    ("How much notice do I need to give to book the Council Chamber?", "booking-the-council-chamber"),
    ("How many people does the chamber hold in theatre layout?", "booking-the-council-chamber"),
    ("When does a Cabinet report have to reach Democratic Services?", "preparing-cabinet-papers"),
    ("what has to be checked before I send a cabinet report", "preparing-cabinet-papers"),
    ("How quickly should the draft minutes of a committee go to the Chair?", "minuting-a-committee-meeting"),
    ("How do I record declarations of interest when minuting?", "minuting-a-committee-meeting"),
    (
        "How do I count five clear working days for publishing an agenda?",
        "publishing-agendas-five-clear-working-days-before-a-meeting",
    ),
    (
        "A committee report is going to be late, what happens to the agenda?",
        "publishing-agendas-five-clear-working-days-before-a-meeting",
    ),
    ("Can I order lunch for an internal team meeting?", "arranging-catering-for-a-meeting"),
    ("how do i order tea and coffee for a meeting at the civic centre", "arranging-catering-for-a-meeting"),
    ("How long do we have to keep signed minutes?", "archiving-and-retention-of-committee-papers"),
    ("How do I send old committee papers to the Records Centre?", "archiving-and-retention-of-committee-papers"),
    (
        "How much notice is needed for a BSL interpreter?",
        ("booking-interpreters", "interpreter-or-translation-booking"),
    ),
    ("What does it cost to cancel an interpreter at short notice?", "booking-interpreters"),
    # Diary management
    (
        "My director is going on A/L next month, what should I do with their diary?",
        "managing-a-director-s-diary-during-leave",
    ),
    (
        "What should the out of office message say when the director is away on leave?",
        "managing-a-director-s-diary-during-leave",
    ),
    ("How do I get delegate access to my manager's Outlook calendar?", "using-the-corporate-diary-system-in-outlook"),
    ("Which colour category do we use for meetings with councillors?", "using-the-corporate-diary-system-in-outlook"),
    ("Can I book a room for a councillor's ward surgery?", "diary-rules-for-councillor-surgeries"),
    ("Can councillor surgeries still happen during the pre-election period?", "diary-rules-for-councillor-surgeries"),
    ("What should I put in my handover notes before I go on leave?", "covering-for-a-colleague-writing-handover-notes"),
    ("Where do I save a handover note?", "covering-for-a-colleague-writing-handover-notes"),
    # Travel and expenses
    ("How do I claim mileage for a site visit?", "claiming-mileage-for-a-site-visit"),
    ("What is the mileage rate per mile for my car?", "claiming-mileage-for-a-site-visit"),
    ("Can I claim back a parking fine I got on council business?", "claiming-mileage-for-a-site-visit"),
    ("When should I use a hire car rather than my own car?", "booking-a-hire-car-for-council-business"),
    ("What do I do if I scratch the hire car?", "booking-a-hire-car-for-council-business"),
    ("How do I book train tickets to London for a meeting?", "booking-rail-travel"),
    ("Can an advance rail ticket be refunded if the meeting is cancelled?", "booking-rail-travel"),
    ("How much can I claim for lunch when I'm working away from the office?", "expenses-claims-for-subsistence"),
    ("Can I claim for alcohol with my evening meal?", "expenses-claims-for-subsistence"),
    ("What is the maximum hotel rate per night in London?", "booking-hotel-accommodation-for-overnight-stays"),
    ("When is an overnight stay allowed?", "booking-hotel-accommodation-for-overnight-stays"),
    # Recruitment
    ("How many people need to be on an interview panel?", "organising-a-recruitment-interview-panel"),
    ("What goes in the interview pack for the panel?", "organising-a-recruitment-interview-panel"),
    ("How are applications scored at shortlisting?", "shortlisting-and-sending-interview-invitations"),
    ("How much notice should candidates get of their interview?", "shortlisting-and-sending-interview-invitations"),
    ("What checks have to be done before a new starter can start work?", "arranging-pre-employment-checks"),
    ("The references for my new starter are overdue, what can I do?", "arranging-pre-employment-checks"),
    ("How do I get approval to recruit to a vacant post?", "getting-approval-to-recruit-and-placing-an-advert"),
    ("When does the vacancy control panel meet?", "getting-approval-to-recruit-and-placing-an-advert"),
    # Finance and purchasing
    ("How do I raise a PO in Unit4?", "raising-a-purchase-order"),
    ("Who approves a purchase order over £25,000?", "raising-a-purchase-order"),
    ("How do I receipt goods in Unit4 so the supplier gets paid?", "raising-a-purchase-order"),
    ("A supplier emailed me an invoice, what do I do with it?", "processing-invoices-for-payment"),
    ("Why is an invoice on hold with a price variance?", "processing-invoices-for-payment"),
    ("What's the single transaction limit on a procurement card?", "using-procurement-cards-p-cards"),
    ("How do I reconcile my P-card statement?", "using-procurement-cards-p-cards"),
    ("What is the most I can pay out of petty cash?", "petty-cash"),
    ("How do I top up our petty cash float?", "petty-cash"),
    ("How many quotes do I need for a £10,000 purchase?", "getting-quotes-before-you-buy"),
    ("What if I can't get three quotes?", "getting-quotes-before-you-buy"),
    # Systems
    ("How do I invite external guests to a Teams meeting?", "setting-up-teams-meetings-with-external-guests"),
    ("A guest can't join my Teams meeting, what should they try?", "setting-up-teams-meetings-with-external-guests"),
    ("How often should the shared mailbox be checked?", "managing-a-shared-mailbox"),
    ("Should I reply from the shared mailbox or from my own email?", "managing-a-shared-mailbox"),
    (
        "An FOI request has come to the director's office, what do I do?",
        "handling-freedom-of-information-requests-for-a-director",
    ),
    (
        "What is the deadline for answering a freedom of information request?",
        "handling-freedom-of-information-requests-for-a-director",
    ),
    (
        "A resident has emailed a complaint to the director, what should I do?",
        "dealing-with-a-complaint-routed-to-a-director",
    ),
    ("What is the deadline for a stage 2 complaint?", "dealing-with-a-complaint-routed-to-a-director"),
    ("How do I get access to Unit4?", "requesting-access-to-a-council-system"),
    ("How long does it take to get access to a council system?", "requesting-access-to-a-council-system"),
    # Onboarding
    ("What should happen on a new starter's first day?", "onboarding-checklist-for-a-new-starter"),
    ("Is there a checklist for welcoming a new colleague?", "onboarding-checklist-for-a-new-starter"),
    ("How do I order a laptop for a new starter?", ("ordering-it-equipment-for-a-new-starter", "new-starter-set-up")),
    ("What do I do if the new starter's account isn't ready?", "ordering-it-equipment-for-a-new-starter"),
    ("I'm new to Business Support, what will I do in my first week?", "your-first-week-in-business-support"),
    ("Can I open post marked addressee only?", "handling-confidential-post"),
    ("I opened confidential post by mistake, what now?", "handling-confidential-post"),
    ("How do I get an ID badge for a new starter?", "getting-an-id-badge-and-building-access"),
    ("I've lost my ID badge, what do I do?", "getting-an-id-badge-and-building-access"),
    # Services: someone to do it for you
    ("Can someone take minutes at my programme board?", "minute-taking-for-a-meeting"),
    ("Can someone look after my diary and inbox while I'm off sick?", "diary-support-during-absence"),
    ("My vacancy is approved, can someone put the advert on the jobs site and LinkedIn?", "advertise-a-vacancy"),
    ("We need a criminal record check for a new volunteer", "dbs-check-administration"),
    ("I need a meeting room with refreshments for 12 people at Riverside Road", "room-or-venue-booking"),
    ("Can my post be redirected while I'm away?", "scanning-and-post"),
    ("I need a leaflet translated into Polish", "interpreter-or-translation-booking"),
    ("I need a flight booked for a conference trip", "travel-booking"),
    ("A supplier is chasing a late payment and wants a remittance", "supplier-payment-query"),
    ("Can someone scan our paper records into the right folder?", "scanning-and-post"),
]

# Questions the demo content does not cover: the assistant should say so, not answer wrongly.
UNCOVERED = [
    "How do I apply for maternity leave?",
    "What is the wifi password for visitors?",
    "How do I get a staff parking permit?",
    "When is payday this month?",
    "How do I change my pension contributions?",
    "How do I report a pothole on my road?",
    "Can I bring my dog into the office?",
    "How do I book a flu jab at work?",
    "Where is the lone working policy?",
    "How do I claim overtime for working late?",
    "What time does the staff gym open?",
    "How do I update my bank details for my salary?",
    "Who fixes a broken printer on the second floor?",
    "Is there a Christmas party this year?",
    "How do I apply for a season ticket loan?",
]
