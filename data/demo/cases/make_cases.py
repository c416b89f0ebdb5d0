#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes cases.json, the demo council's cases, beside this file.

Run it again after changing it: `python3 data/demo/cases/make_cases.py`. It is deterministic
(one seeded random generator), so the same script always writes the same file, and the
counts the tests expect stay put.

Every case is received on a fixed date from 1 April 2025 to October 2026 and closed before
December 2026, except the open ones, which are received a number of working days before the
day the demo is loaded ({"working_days_ago": n}), so that `make run` always has cases due,
overdue and stopped. What happens to a case is a list of events, each on "day" n: the nth
working day after it was received, on the calendar its type counts by (the UK's for FOI
requests, the council's for the rest). The loader (src/civic/modules/cases/demo.cpp) turns
days into dates with Civic's own calendar, so a response on day 18 of an FOI request is on
time whatever the bank holidays are. This script counts dates only to keep every fixed case's
last event before December 2026, with the bank holidays of 2025-2027 written out below.
"""

import datetime as dt
import json
import os
import random

rng = random.Random(20250401)

FIRST_DAY = dt.date(2025, 4, 1)
LAST_RECEIPT = dt.date(2026, 10, 30)  # fixed cases are received by then ...
LAST_EVENT = dt.date(2026, 11, 27)  # ... and finished by then

# England and Wales, and the other parts of the UK (FOI counts all of them: FOIA s10(6)).
BANK_HOLIDAYS = {
    dt.date(*d)
    for d in [(2025, 1, 1), (2025, 4, 18), (2025, 4, 21), (2025, 5, 5), (2025, 5, 26),
              (2025, 8, 25), (2025, 12, 25), (2025, 12, 26), (2026, 1, 1), (2026, 4, 3),
              (2026, 4, 6), (2026, 5, 4), (2026, 5, 25), (2026, 8, 31), (2026, 12, 25),
              (2026, 12, 28), (2027, 1, 1), (2027, 3, 26), (2027, 3, 29)]
}
UK_ONLY = {
    dt.date(*d)
    for d in [(2025, 1, 2), (2025, 3, 17), (2025, 7, 14), (2025, 8, 4), (2025, 12, 1),
              (2026, 1, 2), (2026, 3, 17), (2026, 7, 13), (2026, 8, 3), (2026, 11, 30),
              (2027, 1, 4), (2027, 3, 17)]
}


def working(d, uk=False):
    return d.weekday() < 5 and d not in BANK_HOLIDAYS and not (uk and d in UK_ONLY)


def add_wd(d, n, uk=False):
    while n > 0:
        d += dt.timedelta(days=1)
        if working(d, uk):
            n -= 1
    return d


def working_days_in(year, month):
    d = dt.date(year, month, 1)
    out = []
    while d.month == month:
        if working(d):
            out.append(d)
        d += dt.timedelta(days=1)
    return out


MONTHS = [(2025 + (3 + i) // 12, (3 + i) % 12 + 1) for i in range(19)]  # Apr 2025 .. Oct 2026


def receipt_dates(n, weight):
    """n fixed receipt dates, spread over the months by weight(year, month), sorted."""
    weights = [weight(y, m) for y, m in MONTHS]
    total = sum(weights)
    shares = [n * w / total for w in weights]
    counts = [int(s) for s in shares]
    # Largest remainders take the rest, so the counts add up to n exactly.
    for i in sorted(range(len(MONTHS)), key=lambda i: counts[i] - shares[i])[: n - sum(counts)]:
        counts[i] += 1
    out = []
    for (y, m), k in zip(MONTHS, counts):
        days = [d for d in working_days_in(y, m) if d <= LAST_RECEIPT]
        out += sorted(rng.sample(days, k))
    return out


def pick(xs):
    return rng.choice(xs)


def chance(p):
    return rng.random() < p


# --- People and places -----------------------------------------------------------------

STREETS = ["Mill Lane", "Church Street", "Station Road", "Park Avenue", "Victoria Road",
           "Birch Grove", "Meadow Close", "Hill Top", "Canal Side", "Wharf Road", "Holly Bank",
           "Oak Tree Lane", "Brook Street", "Cherry Walk", "Foundry Lane", "Furnace Road",
           "Chapel Street", "Green Lane", "Priory Road", "Castle View", "Quarry Bank",
           "Netherton Way", "Kingsley Drive", "Saltwells Road", "Lime Kiln Lane", "Orchard Rise"]
FIRST = ["Dorothy", "Arjun", "Kelly", "Wayne", "Bernadette", "Tariq", "Sian", "Colin", "Hannah",
         "Mohammed", "Janice", "Reece", "Patricia", "Gurpreet", "Leanne", "Stanley", "Chloe",
         "Dennis", "Amira", "Gary", "Marjorie", "Kieran", "Yasmin", "Trevor", "Shannon", "Ravi",
         "Beverley", "Declan", "Noreen", "Callum", "Parveen", "Glenys", "Jordan", "Elsie"]
LAST = ["Pyle", "Whitcombe", "Hartshorne", "Fennimore", "Brierley", "Oakes", "Haddon", "Siddall",
        "Thorley", "Pargeter", "Mellor", "Ashby", "Cadwallader", "Rowbotham", "Nightingale",
        "Quinney", "Lathbury", "Moseley", "Tranter", "Kettle", "Dunstan", "Hickinbottom",
        "Bissell", "Darby", "Onions", "Parkes", "Round", "Skidmore", "Timmins", "Wedge"]
TITLES = ["Mrs", "Mr", "Ms", "Miss", "Mr", "Mrs", "Dr"]

# The demo council's councillors (council.json): backbenchers ask most.
COUNCILLORS = (["Shazia Begum", "Peter Hadley", "Janet Crump", "Tony Whitmore", "Alison Reeve"] * 3
               + ["Margaret Oakley", "David Pemberton", "Steven Ricketts", "Richard Ball",
                  "Ian Bowyer"])


MEN = {"Arjun", "Wayne", "Tariq", "Colin", "Mohammed", "Reece", "Stanley", "Dennis", "Gary",
       "Kieran", "Trevor", "Ravi", "Declan", "Callum"}
EITHER = {"Gurpreet", "Jordan"}


def resident():
    first, last = pick(FIRST), pick(LAST)
    title = pick(TITLES)
    # The title fits the name, and few are doctors (the draws stay as they were, so the rest
    # of the file does too).
    if first in EITHER:
        return f"{first} {last}", first, last
    if title == "Dr" and len(last) % 3:
        title = "Mr" if first in MEN else "Ms"
    if first in MEN and title != "Dr":
        title = "Mr"
    elif first not in MEN and title == "Mr":
        title = "Mrs"
    return f"{title} {first} {last}", first, last


def contact(first, last):
    if chance(0.6):
        return f"{first.lower()}.{last.lower()}@example.org"
    if chance(0.5):
        return f"07700 900{rng.randrange(1000):03d}"
    return f"01632 960{rng.randrange(1000):03d}"


def street():
    return pick(STREETS)


# --- Member enquiries ------------------------------------------------------------------
# Urban Environment's enquiries are logged and collated by the Executive Support team
# ("Support to Members in collating responses to their requests", seed 000), acknowledged by
# its manager and answered by the head of the service; Corporate Support's go to the
# department, whose Assistant Director answers.

UE = "Executive Support"
MEM_TOPICS = [
    # (unit, officer, subject, the request, the answer, weight)
    (UE, "Lisa Cartwright", "Pothole, {s}", "There is a deep pothole outside the shops on {s}; a cyclist nearly came off there.",
     "The pothole on {s} was inspected the next day and made safe; it is in this year's resurfacing programme.", 4),
    (UE, "Lisa Cartwright", "Street light out, {s}", "The street light at the bend on {s} has been out for a fortnight.",
     "The contractor replaced the lamp on {s}; the column was tested and is sound.", 3),
    (UE, "Lisa Cartwright", "Parking on the pavement, {s}", "Cars park on the pavement on {s} at school times and pushchairs cannot get past.",
     "Civil enforcement officers will patrol {s} at school times for the next month, and the school has written to parents.", 2),
    (UE, "Lisa Cartwright", "Faded road markings, {s}", "The give way markings at the junction of {s} have all but gone.",
     "The markings on {s} are in the lining programme for next month.", 1),
    (UE, "Lisa Cartwright", "Speeding concerns, {s}", "Residents of {s} ask for speed checks; they say drivers use it as a rat run.",
     "A speed survey will be carried out on {s}; the results go to the police and the ward councillors.", 2),
    (UE, "Graham Share", "Missed bin collection, {s}", "The bins on {s} were missed again this week.",
     "The crew returned to {s} the next day; the round supervisor has checked the collection point with the crew.", 5),
    (UE, "Graham Share", "Fly-tipping, {s}", "Someone has dumped a sofa and rubble bags on the verge on {s}.",
     "The waste on {s} was cleared within two working days; the enforcement team found evidence and is investigating.", 3),
    (UE, "Graham Share", "Overgrown verge, {s}", "The verge on {s} has not been cut this summer and blocks the sight line.",
     "The verge on {s} was cut and is on the regular cycle from now on.", 2),
    (UE, "Graham Share", "Dog fouling, {s}", "Dog fouling on the path by the play area on {s} is getting worse.",
     "Wardens will patrol {s} at the busy times and new signs are going up.", 1),
    (UE, "Graham Share", "Graffiti on the underpass, {s}", "Offensive graffiti has appeared on the underpass off {s}.",
     "The offensive graffiti was removed within 24 hours and the rest within a week.", 1),
    (UE, "Imran Aziz", "Planning application progress, {s}", "When will the application for the extension on {s} be decided?",
     "The application on {s} goes to the planning committee next month; the officer's report will be published a week before.", 2),
    (UE, "Imran Aziz", "Alleged breach of planning control, {s}", "A fence and outbuilding have gone up on {s} without permission, residents say.",
     "An enforcement officer visited {s}; a retrospective application has been invited.", 2),
    (UE, "Imran Aziz", "Tree preservation order, {s}", "Is the oak on {s} protected? Work has started on it.",
     "The oak on {s} is protected by a tree preservation order; the tree officer has spoken to the owner and the work has stopped.", 1),
    ("Revenues and Benefits", "Martin Hollis", "Council tax arrears letter", "A resident has had a reminder for council tax they say they paid.",
     "The payment had been made to an old account reference; it has been moved across and the reminder cancelled.", 2),
    ("Revenues and Benefits", "Martin Hollis", "Housing benefit claim delay", "A resident's housing benefit claim has been waiting six weeks.",
     "The claim was waiting for a landlord's letter, now received; it has been assessed and the first payment made.", 2),
    ("Revenues and Benefits", "Martin Hollis", "Single person discount", "A widowed resident asks how to claim the single person discount.",
     "The discount has been applied from the date of bereavement and a new bill sent.", 1),
    ("Customer Contact Centre", "Priya Chauhan", "Call waiting times at the contact centre", "Residents tell me they wait forty minutes to get through on the phone.",
     "Average waiting time last month was 6 minutes, but 28 minutes on Mondays; staffing on Mondays has been increased.", 2),
    ("Customer Contact Centre", "Priya Chauhan", "Pay point services in libraries", "Could residents pay their council bills at the libraries now the cashiers' office has closed?",
     "The analysis of customers using pay point services has been shared with the scrutiny panel; two libraries will trial pay points from the spring.", 1),
    ("Human Resources and Organisational Development", "Mark Grimley", "Agency staff numbers by directorate", "How many agency staff does each directorate employ, and at what cost?",
     "The figures by directorate for the last quarter are attached; agency spend is down 12% on the year.", 2),
    ("Human Resources and Organisational Development", "Mark Grimley", "Sickness absence figures", "What are the latest sickness absence figures, and how do they compare with last year?",
     "The quarter's figures are attached: 2.1 working days lost per employee, against 2.4 a year ago.", 1),
    ("Human Resources and Organisational Development", "Mark Grimley", "Apprenticeships offered by the council", "How many apprenticeships does the council offer this year?",
     "The council has 24 apprentices this year across 11 services; the list is attached.", 1),
    ("Information, Communication and Technology (ICT)", "Neville Cannon", "Webcasting of council meetings", "Why was last week's meeting not webcast?",
     "A failed encoder stopped the webcast; it has been replaced and the recording published.", 1),
    ("Electoral and Registration Services", "Joanne Petts", "Polling station access, {s}", "The polling station on {s} had no level access at the last election.",
     "A ramp will be hired for the polling station on {s} at every election from now on.", 1),
    ("Electoral and Registration Services", "Joanne Petts", "Register Office relocation", "When will the Register Office move, and will there be parking?",
     "The Register Office moves in the spring; there will be four disabled bays and the multi-storey is next door.", 1),
    ("Corporate Property", "Martin Hollis", "Community centre roof, {s}", "The roof of the community centre on {s} leaks into the hall.",
     "The roof of the community centre on {s} was patched the same week; a full repair is in next year's programme.", 1),
]
MEM_REFERRED = [
    (UE, "Graham Share", "Anti-social behaviour in the park, {s}", "Young people gather in the park off {s} at night and residents feel unsafe.",
     "This is a matter for the police and the community safety partnership; it has been passed to the neighbourhood policing team, who will contact you."),
    (UE, "Lisa Cartwright", "Trunk road resurfacing, {s}", "When will the trunk road near {s} be resurfaced?",
     "The trunk road is National Highways' responsibility; the enquiry has been passed to them and they will reply to you directly."),
]


def mem_case(received, topic, referred=False):
    unit, officer, subject, request, answer = topic[:5]
    s = street()
    cllr = pick(COUNCILLORS)
    surname = cllr.split()[-1]
    c = {"type": "MEM", "received": received, "channel": pick(["email"] * 8 + ["phone", "in person"]),
         "councillor": cllr, "subject": subject.format(s=s), "unit": unit, "officer": officer}
    if chance(0.45):
        name, first, last = resident()
        c["requester_kind"] = "councillor for a resident"
        c["on_behalf_of"] = name
        c["description"] = f"{name} of {rng.randrange(1, 120)} {s} says: " + request.format(s=s)
    else:
        c["requester_kind"] = "councillor"
        c["description"] = request.format(s=s)
    ack_by = "Paul Danks" if unit == UE else None
    c["_ack"] = {"do": "respond", "target": "acknowledgement", "body":
                 f"Dear Councillor {surname}, thank you for your enquiry. {officer} will reply "
                 "within 10 working days.", **({"by": ack_by} if ack_by else {})}
    c["_answer"] = {"do": "respond", "target": "response", "body":
                    f"Dear Councillor {surname}, " + answer.format(s=s)}
    c["_outcome"] = "referred elsewhere" if referred else "answered"
    return c


def mem_events(c, shape):
    """shape: on time, late, extended, stopped; the acknowledgement is late now and then."""
    ack_day = 2 if chance(0.08) else 1
    events = [dict(c.pop("_ack"), day=ack_day)]
    answer, outcome = c.pop("_answer"), c.pop("_outcome")
    if shape == "on time":
        day = rng.randint(max(ack_day, 3), 10)
    elif shape == "late":
        day = rng.randint(12, 16)
    elif shape == "extended":
        events.append({"day": 8, "do": "extend", "target": "response", "days": 10,
                       "reason": "The answer needs figures from the contractor, who has asked for a fortnight."})
        day = rng.randint(14, 19)
    else:  # stopped, waiting for the councillor
        stop = rng.randint(2, 4)
        back = stop + rng.randint(3, 6)
        events.append({"day": stop, "do": "stop",
                       "reason": "Waiting for the councillor to confirm the exact location."})
        events.append({"day": back, "do": "restart"})
        day = back + rng.randint(2, 9 - stop)
    events.append(dict(answer, day=day))
    events.append({"day": day, "do": "close", "outcome": outcome})
    c["events"] = events
    return c


def member_enquiries():
    # Few in the pre-election period and the weeks after the May 2025 elections; many when the
    # bin rounds changed in September 2025; few in August and December.
    def weight(y, m):
        return {(2025, 4): 3, (2025, 5): 4, (2025, 9): 13, (2025, 10): 11}.get(
            (y, m), 4 if m in (8, 12) else 6)
    dates = receipt_dates(112, weight)
    weights = [t[5] for t in MEM_TOPICS]
    out = []
    for i, d in enumerate(dates):
        if (d.year, d.month) in ((2025, 9), (2025, 10)) and chance(0.6):
            topic = MEM_TOPICS[5]  # missed bins, after the round changes
        elif i in (17, 71):
            topic = MEM_REFERRED[0 if i == 17 else 1]
        else:
            topic = rng.choices(MEM_TOPICS, weights)[0]
        c = mem_case(d.isoformat(), topic, referred=i in (17, 71))
        r = rng.random()
        shape = "late" if r < 0.11 else "extended" if r < 0.16 else "stopped" if r < 0.24 else "on time"
        if (d.year, d.month) in ((2025, 9), (2025, 10)) and chance(0.25):
            shape = "late"  # the round changes swamped the service
        out.append(mem_events(c, shape))
    # Moved to the right service on day 1, and answered there.
    # Logged by the contact centre, which took it for its own, and moved on day 1 to the
    # service that answers it.
    for start in (9, 48, 90):
        c = next(c for c in out[start:] if c["unit"] != "Customer Contact Centre")
        c["events"].insert(0, {"day": 1, "do": "transfer", "unit": c["unit"], "officer": c["officer"]})
        c["unit"], c["officer"] = "Customer Contact Centre", "Priya Chauhan"
    # Reopened: the councillor says the problem is still there.
    for i in (33, 77):
        c = out[i]
        last = c["events"][-1]["day"]
        again = last + 3
        c["events"] += [
            {"day": again, "do": "reopen", "reason": "The councillor reports that the problem is still there."},
            {"day": again, "do": "respond", "target": "acknowledgement", "body": "Dear Councillor, the enquiry is reopened and will be answered again.",
             **({"by": "Paul Danks"} if c["unit"] == UE else {})},
            {"day": again + 4, "do": "respond", "target": "response", "body": "Dear Councillor, the crew went back, and the work is now finished; photographs attached."},
            {"day": again + 4, "do": "close", "outcome": "answered"},
        ]
    # Open today, received n working days ago.
    open_ones = [
        (0, None, None), (1, 1, None), (3, 1, None), (6, 1, None), (8, 1, "stopped"),
        (9, 1, None), (12, 1, None), (14, 2, None),
    ]
    for n, (ago, ack, state) in enumerate(open_ones):
        topic = MEM_TOPICS[[0, 5, 1, 6, 11, 14, 18, 2][n]]
        c = mem_case({"working_days_ago": ago}, topic)
        events = []
        if ack is not None:
            events.append(dict(c["_ack"], day=ack))
        if state == "stopped":
            events.append({"day": 3, "do": "stop", "reason": "Waiting for the councillor to confirm the exact location."})
        for k in ("_ack", "_answer", "_outcome"):
            c.pop(k)
        c["events"] = events
        out.append(c)
    return out


# --- Complaints ------------------------------------------------------------------------

OMBUDSMAN = ("If you are not satisfied with this response, you can ask the Local Government and "
             "Social Care Ombudsman to look at your complaint: www.lgo.org.uk.")

CMP_TOPICS = [
    # (unit, stage 1 officer, subject, the complaint, weight)
    ("Environmental Services", "Graham Share", "Missed bin collections, {s}", "My bins have been missed three weeks running and nobody rings back.", 5),
    ("Environmental Services", "Graham Share", "Bulky waste collection not made, {s}", "I paid for a bulky waste collection and nobody came.", 2),
    ("Environmental Services", "Graham Share", "Grass cutting damaged a fence, {s}", "The mowing crew damaged my fence panel and left it.", 1),
    ("Environmental Services", "Graham Share", "Noise complaint not investigated, {s}", "I reported loud music from a neighbour months ago and nothing has happened.", 1),
    ("Highways and Transport", "Lisa Cartwright", "Street light repair delay, {s}", "The street light outside my house has been out for two months despite three reports.", 2),
    ("Highways and Transport", "Lisa Cartwright", "Parking permit refused, {s}", "My parking permit renewal was refused although nothing has changed.", 1),
    ("Highways and Transport", "Lisa Cartwright", "Roadworks without notice, {s}", "The road was closed for a week with no letter to residents.", 1),
    ("Planning and Regeneration", "Imran Aziz", "Neighbour notification not received, {s}", "I was not told about the application next door before it was decided.", 1),
    ("Planning and Regeneration", "Imran Aziz", "Delay in deciding a householder application", "My application is months past its target date.", 1),
    ("Revenues and Benefits", "Martin Hollis", "Council tax direct debit taken twice", "The council took my council tax twice this month and I am overdrawn.", 2),
    ("Revenues and Benefits", "Martin Hollis", "Delay in housing benefit assessment", "My claim has waited eight weeks and my landlord is threatening eviction.", 2),
    ("Customer Contact Centre", "Priya Chauhan", "Staff attitude on the phone", "The adviser I spoke to was rude and put the phone down on me.", 1),
    ("Customer Contact Centre", "Priya Chauhan", "Online form lost my report", "I reported a problem online and the council says it has no record of it.", 1),
    ("Electoral and Registration Services", "Joanne Petts", "Register Office appointment cancelled", "Our notice of marriage appointment was cancelled the day before.", 1),
]
CMP_LESSONS = {
    "Missed bin collections, {s}": "The new rounds were checked against the assisted collection list, and crews now carry it on their in-cab devices.",
    "Council tax direct debit taken twice": "The direct debit run is now checked against the previous day's file before it is sent to the bank.",
    "Street light repair delay, {s}": "Repeat reports of the same column now go to the contractor's supervisor after the second report.",
    "Register Office appointment cancelled": "Appointments are no longer cancelled by text message; the registrar rings each couple.",
    "Online form lost my report": "The web form now sends a reference number by email for every report.",
    "Bulky waste collection not made, {s}": "Bulky waste bookings are now confirmed with a text message the day before.",
}
OUTCOME_WORDS = {
    "upheld": "I have upheld your complaint, and I am sorry for what went wrong.",
    "partly upheld": "I have partly upheld your complaint: some of what you told us was right, and I am sorry for that part.",
    "not upheld": "I have not upheld your complaint: the service acted in line with its policy.",
}
STAGE2_OFFICERS = ["Daniel Mercer"] * 3 + ["Oliver Grant"]


def cmp_case(received, topic):
    unit, officer, subject, words = topic[:4]
    s = street()
    name, first, last = resident()
    return {"type": "CMP", "received": received,
            "channel": pick(["web form"] * 4 + ["email"] * 3 + ["phone", "phone", "letter"]),
            "requester_kind": "resident", "requester_name": name, "contact": contact(first, last),
            "subject": subject.format(s=s), "unit": unit, "officer": officer,
            "description": words, "_topic": subject}


def stage1(c, outcome, shape, day0=0):
    """Stage 1 events from day0: acknowledged, answered (on time, late or extended), closed."""
    surname = c["requester_name"].split()[-1]
    title = c["requester_name"].split()[0]
    events = []
    quick = shape == "quick"
    ack = day0 + (rng.randint(6, 7) if shape == "late ack" else rng.randint(1, 4))
    if not quick:
        events.append({"day": ack, "do": "respond", "target": "acknowledgement", "body":
                       f"Dear {title} {surname}, thank you for your complaint, which {c['officer']} "
                       "is investigating. You will have a full response within 10 working days."})
    if quick:
        day = day0 + rng.randint(2, 4)
    elif shape == "late":
        day = ack + rng.randint(12, 15)
    elif shape == "extended":
        told = ack + 8
        events.append({"day": told, "do": "extend", "target": "response", "days": 10, "told": told,
                       "reason": "The investigation needs records from the service's contractor; "
                                 "the complainant was told why, when to expect the response, and "
                                 "the Ombudsman's details."})
        day = ack + rng.randint(14, 19)
    else:
        day = ack + rng.randint(4, 10)
    events.append({"day": day, "do": "respond", "target": "response", "body":
                   f"Dear {title} {surname}, {OUTCOME_WORDS[outcome]} {OMBUDSMAN}"})
    close = {"day": day, "do": "close", "outcome": outcome}
    if outcome in ("upheld", "partly upheld"):
        close["remedy"] = "An apology, and the service put right."
        if chance(0.5):
            close["resolved"] = day + rng.randint(2, 8)
        lesson = CMP_LESSONS.get(c["_topic"])
        if lesson and chance(0.7):
            close["lessons"] = lesson
    events.append(close)
    return events


def stage2(c, start, officer, outcome, shape="on time"):
    """The complainant asks for stage 2 on day `start`; another officer reviews the complaint."""
    surname = c["requester_name"].split()[-1]
    title = c["requester_name"].split()[0]
    events = [{"day": start, "do": "escalate", "officer": officer,
               "reason": "The complainant is not satisfied with the stage 1 response and asked for it to be reviewed."}]
    ack = start + rng.randint(1, 4)
    events.append({"day": ack, "do": "respond", "target": "acknowledgement", "body":
                   f"Dear {title} {surname}, {officer} of the Corporate Policy Unit will review your "
                   "complaint at stage 2 and reply within 20 working days."})
    if shape == "extended":
        told = ack + 15
        events.append({"day": told, "do": "extend", "target": "response", "days": 10, "told": told,
                       "reason": "The review is waiting for the service's records and an interview "
                                 "with the officer concerned; the complainant was told, with the "
                                 "Ombudsman's details."})
        day = ack + rng.randint(23, 29)
    elif shape == "late":
        day = ack + rng.randint(22, 24)
    else:
        day = ack + rng.randint(12, 20)
    events.append({"day": day, "do": "respond", "target": "response", "body":
                   f"Dear {title} {surname}, this is the council's final response. "
                   f"{OUTCOME_WORDS[outcome]} {OMBUDSMAN}"})
    events.append({"day": day, "do": "close", "outcome": outcome})
    return events


def complaints():
    # The bin rounds changed in September 2025 and the complaints followed; Planning and
    # Highways had a summer peak in 2026/27 Q1 (the indicators' commentary says so too).
    def weight(y, m):
        return {(2025, 9): 8, (2025, 10): 7, (2025, 11): 5, (2026, 4): 4, (2026, 5): 4,
                (2026, 6): 4}.get((y, m), 2.4)
    dates = receipt_dates(51, weight)
    weights = [t[4] for t in CMP_TOPICS]
    out = []
    for d in dates:
        bins = (d.year, d.month) in ((2025, 9), (2025, 10), (2025, 11))
        topic = CMP_TOPICS[0] if bins and chance(0.6) else rng.choices(CMP_TOPICS, weights)[0]
        c = cmp_case(d.isoformat(), topic)
        summer = (d.year, d.month) in ((2026, 4), (2026, 5), (2026, 6)) and c["unit"] in (
            "Planning and Regeneration", "Highways and Transport")
        r = rng.random()
        shape = ("late" if r < 0.09 or summer else "extended" if r < 0.14 else "quick" if r < 0.22
                 else "late ack" if r < 0.25 else "on time")
        r = rng.random()
        outcome = "upheld" if r < 0.27 else "partly upheld" if r < 0.5 else "not upheld"
        if bins and topic is CMP_TOPICS[0]:
            outcome = "upheld" if chance(0.7) else "partly upheld"
        c["events"] = stage1(c, outcome, shape)
        out.append(c)
    # Three withdrawn: the complainant's problem was sorted out before the response.
    for i in (6, 29, 44):
        c = out[i]
        c["events"] = stage1(c, "not upheld", "on time")[:1]
        c["events"].append({"day": c["events"][0]["day"] + 3, "do": "close", "outcome": "withdrawn"})
    # Eight go on to stage 2, reviewed by the Corporate Policy Unit.
    for n, i in enumerate((2, 8, 13, 19, 24, 31, 37, 40)):
        c = out[i]
        last = c["events"][-1]["day"]
        start = last + rng.randint(5, 15)
        shape = "extended" if n in (1, 5) else "late" if n == 3 else "on time"
        outcome = ["not upheld", "partly upheld", "not upheld", "upheld", "not upheld",
                   "partly upheld", "not upheld", "upheld"][n]
        c["events"] += stage2(c, start, pick(STAGE2_OFFICERS), outcome, shape)
    for c in out:
        c.pop("_topic")
    return out


def ombudsman_story():
    """Four complaints that went to stage 2 and then to the Ombudsman, and the Ombudsman's
    enquiries about them, told by hand."""
    cases = []

    def complaint(key, received, topic, s, who, s1, s1_shape, s2_start, s2_officer, s2, s2_shape, extra=None):
        name, first, last = who
        c = {"key": key, "type": "CMP", "received": received, "channel": "email",
             "requester_kind": "resident", "requester_name": name, "contact": contact(first, last),
             "subject": topic[2].format(s=s), "unit": topic[0], "officer": topic[1],
             "description": topic[3], "_topic": topic[2]}
        c["events"] = stage1(c, s1, s1_shape)
        c["events"] += stage2(c, s2_start, s2_officer, s2, s2_shape)
        if extra:
            c["events"][-1].update(extra)
        c.pop("_topic")
        cases.append(c)

    def enquiry(key, received, about, subject, ref, reply_day, close_day, outcome, **close):
        c = {"key": key, "type": "OMB", "received": received, "channel": "email",
             "requester_kind": "Ombudsman", "requester_name": "Local Government and Social Care Ombudsman",
             "contact": f"Assessment and investigation team, reference {ref}",
             "subject": subject, "unit": "Corporate Policy Unit", "officer": "Daniel Mercer",
             "description": f"The Ombudsman's enquiry about complaint {{case:{about}}}: the Ombudsman "
                            "asks for the council's comments, the complaint file and its stage 1 and "
                            "stage 2 responses.",
             "events": [
                 {"day": 0, "do": "set", "target": "reply", "due": 20,
                  "reason": "The Ombudsman's letter asks for the council's reply by this date."},
                 {"day": reply_day, "do": "respond", "target": "reply", "body":
                  "The council's reply to the Ombudsman's enquiry, with the complaint file, the stage 1 "
                  "and stage 2 responses and a chronology."},
                 dict({"day": close_day, "do": "close", "outcome": outcome}, **close),
             ]}
        cases.append(c)

    bins = ("Environmental Services", "Graham Share", "Missed assisted bin collections, {s}",
            "My mother has an assisted collection because she cannot move her bins, and since the "
            "rounds changed they have been missed seven times.")
    complaint("cmp-assisted", "2025-09-22", bins, "Holly Bank", ("Mrs Glenys Hickinbottom", "Glenys", "Hickinbottom"),
              "partly upheld", "on time", 22, "Daniel Mercer", "upheld", "on time",
              {"remedy": "An apology; the assisted collection restored and checked each week for a month.",
               "lessons": "Assisted collections were missing from the new rounds' lists; every list was checked against the register."})
    enquiry("omb-assisted", "2026-01-12", "cmp-assisted", "Ombudsman enquiry: missed assisted bin collections",
            "25 011 482", 16, 41, "upheld: maladministration and injustice",
            remedy="Apologise in writing; pay £250 for the distress and the time and trouble caused; check "
                   "every assisted collection on the new rounds and report the result to the Ombudsman.",
            remedy_due=63, resolved=58,
            lessons="The round changes were made without checking the assisted collection register; "
                    "any future change of rounds is checked against it before it starts.")

    tax = ("Revenues and Benefits", "Martin Hollis", "Council tax summons issued in error",
           "I was summonsed for council tax I had already paid, and charged costs.")
    complaint("cmp-summons", "2025-05-12", tax, "", ("Mr Tariq Lathbury", "Tariq", "Lathbury"),
              "not upheld", "on time", 19, "Oliver Grant", "partly upheld", "on time",
              {"remedy": "The summons costs were withdrawn."})
    enquiry("omb-summons", "2025-09-29", "cmp-summons", "Ombudsman enquiry: council tax summons and costs",
            "25 004 117", 18, 36, "local settlement",
            remedy="The council agreed to refund the £84 summons costs, apologise and pay £100 for the "
                   "time and trouble; the Ombudsman closed the complaint as settled locally.",
            remedy_due=56, resolved=44)

    planning = ("Planning and Regeneration", "Imran Aziz", "No action on a reported breach of planning control, {s}",
                "I reported a business running from a garage next door a year ago and the council has done nothing.")
    complaint("cmp-enforcement", "2025-11-10", planning, "Foundry Lane", ("Mr Colin Skidmore", "Colin", "Skidmore"),
              "not upheld", "extended", 30, "Daniel Mercer", "not upheld", "extended")
    enquiry("omb-enforcement", "2026-04-20", "cmp-enforcement", "Ombudsman enquiry: planning enforcement",
            "26 000 903", 19, 58, "not upheld")

    pothole = ("Highways and Transport", "Lisa Cartwright", "Handling of a claim for pothole damage, {s}",
               "My car was damaged by a pothole and my claim was refused without anyone looking at it.")
    complaint("cmp-pothole", "2026-02-02", pothole, "Station Road", ("Ms Shannon Dunstan", "Shannon", "Dunstan"),
              "not upheld", "on time", 20, "Oliver Grant", "not upheld", "on time")
    enquiry("omb-pothole", "2026-06-15", "cmp-pothole", "Ombudsman enquiry: a claim for pothole damage",
            "26 002 266", 22, 26, "closed after initial enquiries")
    return cases


def open_complaints():
    """Five complaints open today."""
    out = []
    for n, (ago, topic) in enumerate([(1, 0), (4, 4), (9, 9), (16, 1), (34, 5)]):
        c = cmp_case({"working_days_ago": ago}, CMP_TOPICS[topic])
        surname = c["requester_name"].split()[-1]
        title = c["requester_name"].split()[0]
        ack = {"do": "respond", "target": "acknowledgement", "body":
               f"Dear {title} {surname}, thank you for your complaint, which {c['officer']} is "
               "investigating. You will have a full response within 10 working days."}
        if n == 0:
            c["events"] = []
        elif n in (1, 2):
            c["events"] = [dict(ack, day=2)]
        elif n == 3:  # extended, the complainant told
            c["events"] = [dict(ack, day=1),
                           {"day": 9, "do": "extend", "target": "response", "days": 10, "told": 9,
                            "reason": "The investigation needs the crew's tracker records; the "
                                      "complainant was told, with the Ombudsman's details."}]
        else:  # at stage 2, acknowledged, the final response due
            c["events"] = stage1(c, "not upheld", "on time")
            last = c["events"][-1]["day"]
            c["events"] += stage2(c, last + 6, "Daniel Mercer", "not upheld")[:2]
            assert c["events"][-1]["day"] <= ago
        c.pop("_topic")
        out.append(c)
    return out


# --- FOI requests ----------------------------------------------------------------------

ORGS = ["The Borough Bugle", "Ledgerline Research Ltd", "Taxpayers' Watch (Demo Borough)",
        "Clean Streets Campaign", "Civic Data Consultancy Ltd", "Demo Borough Cycling Forum",
        "Northfield Residents' Association", "Midlands Property Finders Ltd"]
FOI_TOPICS = [
    # (unit, officer, subject, request)
    ("Human Resources and Organisational Development", "Mark Grimley", "FOI: spend on agency staff 2024/25", "the council's spend on agency staff in 2024/25, by directorate"),
    ("Human Resources and Organisational Development", "Mark Grimley", "FOI: staff sickness absence by directorate", "the working days lost to sickness absence in each directorate for the last three years"),
    ("Human Resources and Organisational Development", "Mark Grimley", "FOI: senior officer pay", "the number of staff paid over £100,000 and their job titles"),
    ("Information, Communication and Technology (ICT)", "Neville Cannon", "FOI: ICT contracts and renewal dates", "a list of the council's ICT contracts with suppliers, values and renewal dates"),
    ("Information, Communication and Technology (ICT)", "Neville Cannon", "FOI: cyber security incidents", "the number of cyber security incidents in each of the last three years"),
    ("Information, Communication and Technology (ICT)", "Neville Cannon", "FOI: telephony system contract", "the contract for the council's telephony system and its cost"),
    ("Revenues and Benefits", "Martin Hollis", "FOI: council tax arrears by band", "the council tax arrears outstanding at 31 March, by band"),
    ("Revenues and Benefits", "Martin Hollis", "FOI: empty business properties", "a list of business properties receiving empty property relief"),
    ("Revenues and Benefits", "Martin Hollis", "FOI: credit balances on business rates accounts", "the business rates accounts with a credit balance"),
    ("Procurement", "Martin Hollis", "FOI: consultancy spend", "the council's spend on management consultants in each of the last two years"),
    ("Procurement", "Martin Hollis", "FOI: procurement card spending", "the transactions on the council's purchasing cards last year"),
    ("Highways and Transport", "Lisa Cartwright", "FOI: potholes reported and repaired", "the number of potholes reported and repaired last year, and the average time to repair"),
    ("Highways and Transport", "Lisa Cartwright", "FOI: compensation paid for trips and falls", "the claims for trips and falls on the highway and the compensation paid"),
    ("Highways and Transport", "Lisa Cartwright", "FOI: parking fines issued by street", "the penalty charge notices issued last year, by street"),
    ("Highways and Transport", "Lisa Cartwright", "FOI: electric vehicle charging points", "the council's public electric vehicle charging points and their usage"),
    ("Environmental Services", "Graham Share", "FOI: fly-tipping incidents and fines", "the fly-tipping incidents recorded and fixed penalty notices issued"),
    ("Environmental Services", "Graham Share", "FOI: public health funerals", "the public health funerals arranged by the council in the last year"),
    ("Environmental Services", "Graham Share", "FOI: pest control call-outs", "the pest control call-outs by type of pest"),
    ("Planning and Regeneration", "Imran Aziz", "FOI: houses in multiple occupation", "the licensed houses in multiple occupation and their addresses"),
    ("Planning and Regeneration", "Imran Aziz", "FOI: trees felled by the council", "the number of council trees felled and replanted"),
    ("Democratic Services", "Emma Jukes", "FOI: members' allowances and expenses", "the allowances and expenses paid to each councillor last year"),
    ("Customer Contact Centre", "Priya Chauhan", "FOI: contact centre call volumes", "the calls to the contact centre each month and the average waiting time"),
    ("Corporate Policy Unit", "Daniel Mercer", "FOI: Ombudsman complaints and outcomes", "the complaints the Ombudsman investigated and their outcomes"),
    ("Corporate Property", "Martin Hollis", "FOI: use of the Civic Centre by external bodies", "the external organisations using space in the Civic Centre and the rent they pay"),
]
FOI_OUTCOMES = ([("information provided", "The information you asked for is attached.")] * 11
                + [("partly provided", "Some of the information is attached; the rest is withheld under section 43(2), commercial interests, as the attached notice explains.")] * 3
                + [("information not held", "The council does not hold this information.")] * 2
                + [("refused", "The request is refused under section 12: finding the information would exceed the appropriate limit.")] * 2)
REVIEW = "If you are dissatisfied with this response you may ask for an internal review, and then complain to the Information Commissioner."


def foi_case(received, topic):
    unit, officer, subject, words = topic
    if chance(0.45):
        name = pick(ORGS)
        slug = "".join(ch for ch in name.lower() if ch.isalnum())[:24]
        kind, who, cont = "organisation", name, f"foi@{slug}.example.org"
    else:
        name, first, last = resident()
        kind, who, cont = "resident", name, contact(first, last)
    return {"type": "FOI", "received": received, "channel": pick(["email"] * 7 + ["web form"] * 3 + ["letter"]),
            "requester_kind": kind, "requester_name": who, "contact": cont, "subject": subject,
            "unit": unit, "officer": officer, "description": f"Please provide {words}."}


def foi_answer(day, outcome=None):
    outcome, words = outcome or pick(FOI_OUTCOMES)
    return [{"day": day, "do": "respond", "target": "response", "body": f"{words} {REVIEW}"},
            {"day": day, "do": "close", "outcome": outcome}]


def foi_requests():
    def weight(y, m):
        return 3.5 if m in (8, 12) else 5
    dates = receipt_dates(84, weight)
    # Late answers by quarter of receipt: about one in eight, more in the winter of 2025/26
    # when the information governance officer's post was vacant.
    def quarter(d):
        fy = d.year if d.month >= 4 else d.year - 1
        return fy, (d.month - 4) % 12 // 3 + 1
    late_by_quarter = {(2025, 1): 2, (2025, 2): 1, (2025, 3): 3, (2025, 4): 2, (2026, 1): 1, (2026, 2): 1, (2026, 3): 0}
    by_q = {}
    for i, d in enumerate(dates):
        by_q.setdefault(quarter(d), []).append(i)
    late = set()
    for q, idx in by_q.items():
        late |= set(rng.sample(idx, late_by_quarter[q]))
    out = []
    for i, d in enumerate(dates):
        c = foi_case(d.isoformat(), pick(FOI_TOPICS))
        day = rng.randint(21, 29) if i in late else rng.choice([9, 12, 14, 15, 16, 17, 18, 18, 19, 19, 20, 20])
        c["events"] = foi_answer(day)
        out.append(c)
    # The special cases, spread over the months; those that take months end before December.
    free = [i for i in range(len(out)) if i not in late]

    def take(n, by=dt.date(2026, 9, 30)):
        chosen = sorted(rng.sample([i for i in free if dates[i] <= by], n))
        for i in chosen:
            free.remove(i)
        return chosen
    # Fee notices (section 9): two paid, the disregarded days moving the deadline; one unpaid.
    for i in take(2):
        out[i]["events"] = [
            {"day": 5, "do": "stop", "fee_notice": True,
             "reason": "Fees notice under section 9: £42.50 for copying and posting 280 pages of plans."},
            {"day": 12, "do": "restart", "reason": "The fee was paid."}] + foi_answer(rng.randint(19, 24), FOI_OUTCOMES[0])
    for i in take(1, dt.date(2026, 7, 31)):
        out[i]["events"] = [
            {"day": 6, "do": "stop", "fee_notice": True,
             "reason": "Fees notice under section 9: £36.00 for printing and posting the maps asked for."},
            {"day": 66, "do": "close", "outcome": "fee not paid"}]
    # Public-interest extensions (section 10(3)), answered within the extended time.
    for n, i in enumerate(take(4)):
        out[i]["events"] = [
            {"day": 18, "do": "extend", "target": "response", "days": 20 if n % 2 else 10, "told": 18,
             "reason": "Considering the public interest in withholding information under section 43(2), commercial interests."}
        ] + foi_answer(rng.randint(24, 28), FOI_OUTCOMES[-5])
    # Clarified (sections 1(3) and 10(6)(b)): the twenty days start again when it arrives.
    for i in take(2):
        out[i]["events"] = [{"day": 4, "do": "clarify", "reason": "The requester said which years they meant."}] + foi_answer(rng.randint(16, 22))
    # Internal reviews: four done, with another officer reviewing the first answer.
    for n, i in enumerate(take(4, dt.date(2026, 6, 30))):
        c = out[i]
        c["events"] = foi_answer(rng.randint(15, 19), FOI_OUTCOMES[-5])
        start = c["events"][-1]["day"] + rng.randint(8, 20)
        reviewer = "Joanne Petts" if c["officer"] != "Joanne Petts" else "Adam Broome"
        ext = n == 2
        c["events"] += [
            {"day": start, "do": "escalate", "officer": reviewer,
             "reason": "The requester asked for an internal review of the information withheld."}]
        if ext:
            c["events"].append({"day": start + 15, "do": "extend", "target": "response", "days": 10,
                                "reason": "The review needs the supplier's views on commercial sensitivity."})
        review_day = start + (rng.randint(22, 27) if ext else rng.randint(10, 19))
        result = [("partly provided", "The review releases more of the information; the rest stays withheld."),
                  ("refused", "The review upholds the original decision."),
                  ("information provided", "The review finds that the information should have been released, and it is attached."),
                  ("refused", "The review upholds the original decision.")][n]
        c["events"] += [{"day": review_day, "do": "respond", "target": "response", "by": reviewer,
                         "body": f"{result[1]} You may complain to the Information Commissioner."},
                        {"day": review_day, "do": "close", "outcome": result[0]}]
    # Withdrawn by the requester.
    for i in take(2):
        out[i]["events"] = [{"day": 7, "do": "close", "outcome": "withdrawn"}]
    # Open today.
    for n, ago in enumerate([2, 8, 11, 15, 23, 41]):
        c = foi_case({"working_days_ago": ago}, FOI_TOPICS[[0, 3, 6, 11, 15, 9][n]])
        if n == 2:
            c["events"] = [{"day": 4, "do": "stop", "fee_notice": True,
                            "reason": "Fees notice under section 9: £18.00 for copies of the inspection reports."}]
        elif n == 5:  # its internal review under way
            c["events"] = foi_answer(17, FOI_OUTCOMES[-5]) + [
                {"day": 30, "do": "escalate", "officer": "Joanne Petts",
                 "reason": "The requester asked for an internal review of the information withheld."}]
        else:
            c["events"] = []
        out.append(c)
    return out


# --- Letters, print jobs, ICT incidents --------------------------------------------------

LETTERS = [
    ("Letter: thanks for the Christmas lights switch-on", "resident"),
    ("Letter: invitation to a residents' association meeting", "organisation"),
    ("Letter: request for a meeting about the town centre", "organisation"),
    ("Letter: closure of the cashiers' office", "resident"),
    ("Letter: info points in libraries", "resident"),
    ("Letter: school crossing patrol on a busy road", "resident"),
    ("Letter: proposal for a community garden", "organisation"),
    ("Letter: invitation from the twinning association", "organisation"),
    ("Letter: charity fundraising request", "organisation"),
    ("Letter: praise for the refuse crew", "resident"),
    ("Letter: concerns about the improvement plan", "resident"),
    ("Letter: request to name a street after a local war hero", "resident"),
]
LETTER_ORGS = ["Holly Bank Residents' Association", "Demo Borough Chamber of Commerce",
               "Friends of Victoria Park", "Demo Borough Twinning Association", "St Mary's Hospice"]


def letters():
    def weight(y, m):
        return 1.5 if m in (8,) else 2
    dates = receipt_dates(37, weight)
    out = []
    for i, d in enumerate(dates):
        subject, kind = pick(LETTERS)
        if kind == "organisation":
            name, cont = pick(LETTER_ORGS), "The Secretary, by post"
        else:
            name, first, last = resident()
            cont = contact(first, last)
        c = {"type": "LET", "received": d.isoformat(), "channel": pick(["letter"] * 3 + ["email"] * 2),
             "requester_kind": kind, "requester_name": name, "contact": cont, "subject": subject,
             "unit": "Chief Executive's Support Team", "officer": "Lorraine Beckett",
             "description": "A letter to the Chief Executive."}
        # The support team's two vacancies in summer 2026: slower, and the Policy Unit helps.
        summer = d >= dt.date(2026, 6, 15)
        slow = chance(0.1) or (summer and chance(0.5) and i % 2 == 0)
        day = rng.randint(11, 14) if slow else rng.randint(3, 10)
        by = "Oliver Grant" if summer and chance(0.5) else pick(["Helen Marsden", "Lorraine Beckett"])
        c["events"] = [{"day": day, "do": "respond", "target": "reply", "by": by,
                        "body": "Thank you for your letter to the Chief Executive, who has asked me to reply."},
                       {"day": day, "do": "close", "outcome": "answered"}]
        if i in (5, 23):
            c["events"] = [{"day": 8, "do": "extend", "target": "reply", "days": 5,
                            "reason": "Waiting for the service's comments."}] + [
                dict(e, day=12) for e in c["events"]]
        if i == 14:
            c["events"] += [{"day": day + 6, "do": "reopen", "reason": "The writer replied that the answer missed their point."},
                            {"day": day + 11, "do": "respond", "target": "reply",
                             "body": "Thank you for your further letter; the point you raise is answered below."},
                            {"day": day + 11, "do": "close", "outcome": "answered"}]
        out.append(c)
    for ago, events in [(2, []), (7, []), (13, [])]:
        name, first, last = resident()
        out.append({"type": "LET", "received": {"working_days_ago": ago}, "channel": "letter",
                    "requester_kind": "resident", "requester_name": name, "contact": contact(first, last),
                    "subject": pick(LETTERS)[0], "unit": "Chief Executive's Support Team",
                    "officer": "Lorraine Beckett", "description": "A letter to the Chief Executive.",
                    "events": events})
    return out


PRINT_JOBS = [
    ("Annual report: design and print", "Corporate Policy Unit"),
    ("Council tax leaflet", "Revenues and Benefits"),
    ("Recycling calendar", "Environmental Services"),
    ("Roadworks consultation leaflet", "Highways and Transport"),
    ("Improvement Plan summary booklet", "Improvement Programme Office"),
    ("Pay point services poster for libraries", "Customer Contact Centre"),
    ("Tell Us Once leaflet", "Electoral and Registration Services"),
    ("Register Office relocation signage", "Electoral and Registration Services"),
    ("Scrutiny annual report", "Democratic Services"),
    ("Staff wellness programme posters", "Human Resources and Organisational Development"),
    ("Recruitment advert: HGV drivers", "Environmental Services"),
    ("Local plan consultation exhibition boards", "Planning and Regeneration"),
    ("Christmas and New Year collection changes leaflet", "Environmental Services"),
    ("Customer charter leaflet", "Customer Contact Centre"),
    ("Cabinet agenda covers", "Democratic Services"),
]


def print_jobs():
    def weight(y, m):
        return {1: 2.5, 2: 2.5, 11: 2}.get(m, 1.3)
    dates = receipt_dates(27, weight)
    out = []
    for i, d in enumerate(dates):
        subject, client = PRINT_JOBS[i % len(PRINT_JOBS)]
        c = {"type": "PRT", "received": d.isoformat(), "channel": "email",
             "requester_kind": "organisation", "requester_name": client,
             "contact": f"Internal: ext. {rng.randint(4100, 4899)}", "subject": subject,
             "unit": "Graphics Studio", "officer": "Ryan McGowan",
             "description": "Brief agreed with the client: sizes, quantities and the delivery address."}
        proof = rng.randint(6, 7) if chance(0.12) else rng.randint(2, 5)
        back = proof + rng.randint(1, 6)
        finished = back + (rng.randint(11, 13) if chance(0.12) else rng.randint(2, 7))
        c["events"] = [
            {"day": proof, "do": "respond", "target": "proof", "body": "Proof 1 attached for approval."},
            {"day": proof, "do": "stop", "reason": "Proof with the client for approval."},
            {"day": back, "do": "restart", "reason": "The client approved the proof."},
            {"day": finished, "do": "respond", "target": "finished", "body": "Printed and delivered to the client."},
            {"day": finished, "do": "close", "outcome": "done"}]
        out.append(c)
    for ago, state, job in [(1, None, 2), (5, "proof", 12), (9, "approved", 1)]:
        subject, client = PRINT_JOBS[job]
        c = {"type": "PRT", "received": {"working_days_ago": ago}, "channel": "email",
             "requester_kind": "organisation", "requester_name": client, "contact": "Internal: ext. 4417",
             "subject": subject, "unit": "Graphics Studio", "officer": "Ryan McGowan",
             "description": "Brief agreed with the client: sizes, quantities and the delivery address.",
             "events": []}
        if state:
            c["events"] = [{"day": 3, "do": "respond", "target": "proof", "body": "Proof 1 attached for approval."},
                           {"day": 3, "do": "stop", "reason": "Proof with the client for approval."}]
        if state == "approved":
            c["events"].append({"day": 6, "do": "restart", "reason": "The client approved the proof."})
        out.append(c)
    return out


# ICT incidents use the ICT type Civic ships with: priorities p1 to p4, a first response and a
# fix within the working hours the priority sets, counted 09:00 to 17:00 on working days.
ICT_TARGETS = {"p1": (1, 4), "p2": (2, 8), "p3": (4, 24), "p4": (8, 40)}  # hours: response, fix
OPENS, CLOSES = 9 * 60, 17 * 60


def hhmm(minute):
    return f"{minute // 60:02d}:{minute % 60:02d}"


def add_working_minutes(d, minute, n):
    """The (date, minute) n working minutes after (d, minute), as Civic's clock counts them."""
    lo = max(minute, OPENS)
    while True:
        if working(d) and lo < CLOSES:
            if CLOSES - lo >= n:
                return d, lo + n
            n -= CLOSES - lo
        d += dt.timedelta(days=1)
        lo = OPENS


def wd_between(a, b):
    """Working days from a to b (a itself not counted)."""
    n = 0
    while a < b:
        a += dt.timedelta(days=1)
        if working(a):
            n += 1
    return n


ICT_FAULTS = [
    "Laptop will not connect to the Wi-Fi", "Locked out: password reset", "Shared drive not mapped",
    "Outlook calendar not syncing", "New starter account and equipment", "Plotter out of service",
    "Telephony handset faulty", "Meeting room screen not working, Floor 4", "P@NIC intranet page not updating",
    "Mobile phone replacement", "VPN drops out when working from home", "Scanner not sending to email",
    "Hot-desk docking station faulty", "Planning system error when saving a decision notice",
    "Printer jam and error code on the shared printer",
]
ICT_TEAMS = ["Planning and Regeneration", "Highways and Transport", "Environmental Services",
             "Executive Support", "Graphics Studio", "Policy", "Personnel and Training"]


def ict_incidents():
    def weight(y, m):
        return 4 if (y, m) in ((2025, 9), (2026, 1)) else 3  # new starters; the January restart
    dates = receipt_dates(56, weight)
    out = []

    def at_offset(received, minute, hours, share):
        """The event `share` of `hours` working hours after receipt: its day offset and time."""
        d, m = add_working_minutes(received, minute, max(5, int(hours * 60 * share)))
        return wd_between(received, d), hhmm(m)

    for i, d in enumerate(dates):
        first, last = pick(FIRST), pick(LAST)
        priority = pick(["p1"] + ["p2"] * 3 + ["p3"] * 10 + ["p4"] * 6)
        minute = rng.randint(8 * 60 + 30, 17 * 60 + 20)  # some arrive before or after hours
        respond_h, fix_h = ICT_TARGETS[priority]
        c = {"type": "ICT", "received": d.isoformat(), "received_at": hhmm(minute), "priority": priority,
             "channel": pick(["phone"] * 5 + ["email"] * 4 + ["web form"]),
             "requester_kind": "organisation", "requester_name": pick(ICT_TEAMS),
             "contact": f"{first} {last}, ext. {rng.randint(4100, 4899)}", "subject": pick(ICT_FAULTS),
             "unit": "ICT Support", "officer": "Kevin Round",
             "description": "Reported to the ICT Support desk."}
        late_response = chance(0.07)
        r_day, r_at = at_offset(d, minute, respond_h, 1.4 if late_response else rng.uniform(0.1, 0.9))
        events = [{"day": r_day, "at": r_at, "do": "respond", "target": "response",
                   "body": "Logged; an engineer is looking at it."}]
        if i % 8 == 2 and priority in ("p3", "p4"):  # waiting for a part or a supplier
            s_day, s_at = at_offset(d, minute, respond_h, 1.0)
            s_day, s_at = max(s_day, r_day), max(s_at, r_at) if s_day == r_day else s_at
            events.append({"day": s_day, "at": s_at, "do": "stop",
                           "reason": "Waiting for a replacement part from the supplier."})
            events.append({"day": s_day + 4, "at": "10:00", "do": "restart", "reason": "The part arrived."})
            f_day, f_at = s_day + 5, "11:30"
        else:
            share = rng.uniform(1.1, 1.8) if i % 9 == 4 else rng.uniform(0.3, 0.95)  # about one in nine late
            f_day, f_at = at_offset(d, minute, fix_h, share)
            if (f_day, f_at) <= (r_day, r_at):
                f_day, f_at = r_day, r_at
        outcome = "referred elsewhere" if chance(0.07) else "done"
        events += [{"day": f_day, "at": f_at, "do": "respond", "target": "fix", "body":
                    "Passed to the corporate ICT managed service, who fixed it." if outcome != "done" else "Fixed; the user confirmed it works."},
                   {"day": f_day, "do": "close", "outcome": outcome}]
        if i == 30:
            events += [{"day": f_day + 1, "do": "reopen", "reason": "The fault came back the next morning."},
                       {"day": f_day + 1, "at": "09:40", "do": "respond", "target": "response", "body": "Reopened; an engineer is on the way."},
                       {"day": f_day + 1, "at": "15:10", "do": "respond", "target": "fix", "body": "The faulty cable was replaced."},
                       {"day": f_day + 1, "do": "close", "outcome": "done"}]
        c["events"] = events
        out.append(c)
    # Open ones, placed relative to the day the demo is loaded: nothing timed on that day itself,
    # which has not yet reached its hour when the demo loads in the morning.
    for ago, state, priority, at in [(0, None, "p2", None), (1, "responded", "p1", "14:00"),
                                     (2, "stopped", "p3", "10:30"), (5, "responded", "p4", "15:10")]:
        first, last = pick(FIRST), pick(LAST)
        c = {"type": "ICT", "received": {"working_days_ago": ago}, "priority": priority, "channel": "phone",
             "requester_kind": "organisation", "requester_name": pick(ICT_TEAMS),
             "contact": f"{first} {last}, ext. {rng.randint(4100, 4899)}", "subject": pick(ICT_FAULTS),
             "unit": "ICT Support", "officer": "Kevin Round", "description": "Reported to the ICT Support desk.",
             "events": []}
        if at:
            c["received_at"] = at
        if state:
            c["events"].append({"day": 0, "at": hhmm(int(at[:2]) * 60 + int(at[3:]) + 40), "do": "respond",
                                "target": "response", "body": "Logged; an engineer is looking at it."})
        if state == "stopped":
            c["events"].append({"day": 1, "at": "09:45", "do": "stop", "reason": "Waiting for the user to bring the laptop in."})
        out.append(c)
    return out


# --- The file --------------------------------------------------------------------------

def last_date(c):
    if isinstance(c["received"], dict):
        return None
    days = [e["day"] for e in c["events"]] + [e[k] for e in c["events"] for k in ("resolved", "told") if k in e]
    return add_wd(dt.date.fromisoformat(c["received"]), max(days or [0]), uk=c["type"] == "FOI")


def main():
    cases = (member_enquiries() + complaints() + ombudsman_story() + open_complaints()
             + foi_requests() + letters() + print_jobs() + ict_incidents())
    for c in cases:
        end = last_date(c)
        assert end is None or end <= LAST_EVENT, (c["subject"], end)
        if not isinstance(c["received"], dict):
            assert FIRST_DAY <= dt.date.fromisoformat(c["received"]) <= LAST_RECEIPT, c
        else:
            assert all(e["day"] <= c["received"]["working_days_ago"] for e in c["events"]), c
    # In order of receipt (open ones last), each with a key the loader names in its errors.
    order = {"MEM": 0, "CMP": 1, "OMB": 2, "FOI": 3, "LET": 4, "PRT": 5, "ICT": 6}
    cases.sort(key=lambda c: (isinstance(c["received"], dict),
                              c["received"] if isinstance(c["received"], str) else -c["received"]["working_days_ago"],
                              order[c["type"]]))
    seen = {}
    for c in cases:
        if "key" not in c:
            seen[c["type"]] = seen.get(c["type"], 0) + 1
            c["key"] = f"{c['type'].lower()}-{seen[c['type']]:03d}"
    fields = ["key", "type", "received", "received_at", "priority", "channel", "requester_kind", "councillor", "requester_name",
              "contact", "on_behalf_of", "subject", "description", "unit", "officer", "events"]
    lines = [json.dumps({k: c[k] for k in fields if k in c}, ensure_ascii=False) for c in cases]
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "cases.json"), "w", encoding="utf-8") as f:
        f.write('{\n"case_types": [],\n"cases": [\n')
        f.write(",\n".join(lines))
        f.write("\n]\n}\n")
    counts = {}
    for c in cases:
        counts[c["type"]] = counts.get(c["type"], 0) + 1
    print(len(cases), "cases:", counts)


if __name__ == "__main__":
    main()
