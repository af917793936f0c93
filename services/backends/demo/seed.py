"""A realistic demo workspace, the same for a given seed, with every date placed relative to `now`.

Each ticket's conversation is scripted first (as steps at offsets from its start), then every step of
every ticket is played in time order through the helpdesk's own rules (Workspace), so ticket and
transaction ids grow with time as they would on a real server.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.backends.demo.compose import (
    LANGUAGES,
    agent_message,
    attachment_for,
    customer_message,
    day,
    html_mail,
    pick_subject,
    story_vars,
)
from services.backends.demo.people import AGENTS, DEMO_USER, make_customers
from services.backends.demo.snippets import make_snippets
from services.backends.demo.topics import ALPHA, BETA, BILLING, Topic
from services.backends.demo.workspace import TaskRec, TicketRec, Workspace
from services.domain import Customer, Queue, TicketStatus

DEFAULT_SEED = 1729
TICKET_COUNT = 320
CUSTOMER_COUNT = 150
REGULAR_COUNT = 9  # customers with a long history (10 to 25 tickets)
FRENCH_SHARE = 0.4
ACTIVE = ((TicketStatus.NEW, 22), (TicketStatus.OPEN, 36), (TicketStatus.PENDING, 20))
HISTORY_DAYS = (30, 730)
TASK_COUNT = 7

QUEUES = (
    Queue("1", ALPHA, "Thermia smart thermostats: installation, app, firmware"),
    Queue("2", BETA, "Factura invoicing: exports, VAT, sign-in"),
    Queue("3", BILLING, "Payments, refunds and invoices for both products"),
)
_AGENT_WEIGHTS = {DEMO_USER: 45, "camille.roux": 30, "sam.okafor": 25}
_REPLY_MINUTES = (0, 3, 5, 5, 8, 10, 12, 15, 20, 30)
_NOTE_MINUTES = (0, 2, 5, 10, 15)

# How long an active ticket has been quiet, in hours: its conversation ends that long before now.
_QUIET_HOURS = {
    TicketStatus.NEW: (0.1, 60.0), TicketStatus.OPEN: (0.2, 48.0), TicketStatus.PENDING: (1.0, 120.0),
}

Apply = Callable[[Workspace, datetime], None]  # one step of a conversation, played at a given time


@dataclass(slots=True)
class _Plan:
    customer: Customer
    lang: str
    regular: bool
    status: TicketStatus = TicketStatus.RESOLVED
    topic: Topic | None = None
    owner: str | None = None
    priority: int = 0
    due: datetime | None = None
    showcase: bool = False  # carries the HTML mail with trackers and an attachment
    ticket: TicketRec | None = None

    @property
    def rec(self) -> TicketRec:
        assert self.ticket is not None, "a step ran before its ticket was created"
        return self.ticket


def make_workspace(now: datetime, seed: int = DEFAULT_SEED) -> Workspace:
    rng = random.Random(seed)
    people = make_customers(rng, CUSTOMER_COUNT, FRENCH_SHARE)
    ws = Workspace(queues=list(QUEUES), agents=list(AGENTS), customers={c.email: c for c, _ in people},
                   tickets={}, snippets=make_snippets(), tasks={})
    plans = _plans(rng, people)
    steps = [step for plan in plans for step in _schedule(rng, plan, now)]
    steps.sort(key=lambda step: step[0])  # stable: a ticket's steps at one instant keep their order
    for at, apply in steps:
        apply(ws, at)
    _add_tasks(ws, rng, plans, now)
    return ws


# --- who writes about what ------------------------------------------------------------------------


def _plans(rng: random.Random, people: Sequence[tuple[Customer, str]]) -> list[_Plan]:
    # Regulars hold half the tickets: pick them in both languages so French stays near its share.
    by_lang = {lang: [i for i, (_, code) in enumerate(people) if code == lang] for lang in ("en", "fr")}
    french = round(REGULAR_COUNT * FRENCH_SHARE)
    regulars = set(rng.sample(by_lang["fr"], french) + rng.sample(by_lang["en"], REGULAR_COUNT - french))
    counts = _ticket_counts(rng, len(people), regulars)
    plans = [_Plan(customer, lang, i in regulars)
             for i, (customer, lang) in enumerate(people) for _ in range(counts[i])]
    active = rng.sample(range(len(plans)), sum(n for _, n in ACTIVE))
    for status, n in ACTIVE:
        for index in active[:n]:
            plans[index].status = status
        active = active[n:]
    seen: dict[str, int] = {}
    for plan in plans:
        nth = seen[plan.customer.email] = seen.get(plan.customer.email, -1) + 1
        # A regular's first two tickets go to the two products, so the history spans both queues.
        queue = (ALPHA, BETA)[nth] if plan.regular and nth < 2 else None
        ongoing = plan.status in (TicketStatus.OPEN, TicketStatus.PENDING)
        plan.topic = _pick_topic(rng, plan.lang, queue, needs_followups=ongoing)
        if plan.status is TicketStatus.RESOLVED and rng.random() < 0.03:
            plan.status = TicketStatus.REJECTED  # a duplicate
        plan.owner = _pick_owner(rng, plan.status)
        plan.priority = rng.randint(*plan.topic.priority)
    _showcase(plans)
    return plans


def _ticket_counts(rng: random.Random, customers: int, regulars: set[int]) -> list[int]:
    counts = [rng.randint(10, 25) if i in regulars else 1 for i in range(customers)]
    others = [i for i in range(customers) if i not in regulars]
    while sum(counts) > TICKET_COUNT:
        counts[max(regulars, key=lambda i: counts[i])] -= 1
    while sum(counts) < TICKET_COUNT:
        counts[rng.choice(others)] += 1
    return counts


def _pick_topic(rng: random.Random, lang: str, queue: str | None, *, needs_followups: bool) -> Topic:
    topics = [t for t in LANGUAGES[lang].topics
              if (queue is None or t.queue == queue) and (t.followups or not needs_followups)]
    return rng.choices(topics, weights=[t.weight for t in topics])[0]


def _pick_owner(rng: random.Random, status: TicketStatus) -> str | None:
    chance_of_none = {TicketStatus.NEW: 0.85, TicketStatus.OPEN: 0.1}.get(status, 0.0)
    return None if rng.random() < chance_of_none else _pick_agent(rng)


def _pick_agent(rng: random.Random) -> str:
    return rng.choices(list(_AGENT_WEIGHTS), weights=list(_AGENT_WEIGHTS.values()))[0]


def _showcase(plans: list[_Plan]) -> None:
    """Whatever the seed: an urgent marketplace complaint and a pre-sale question wait unowned at the
    top, and one open ticket of the demo user carries HTML mail and an attachment."""
    fresh = [p for p in plans if p.status is TicketStatus.NEW and not p.regular]
    for plan, key, priority in zip(fresh, ("marketplace", "presale_alpha"), (97, 80), strict=False):
        plan.topic, plan.priority, plan.owner = LANGUAGES[plan.lang].topic(key), priority, None
    shown = next(p for p in plans if p.status is TicketStatus.OPEN and not p.regular)
    shown.showcase, shown.owner = True, DEMO_USER


# --- the conversation of one ticket ---------------------------------------------------------------


def _schedule(rng: random.Random, plan: _Plan, now: datetime) -> list[tuple[datetime, Apply]]:
    settled = None if plan.status.is_active else now - timedelta(days=rng.uniform(*HISTORY_DAYS))
    thread = _Thread(rng, plan, settled or now)
    thread.converse()
    # An active ticket's conversation ends a little before now; a settled one started long ago.
    start = settled or now - timedelta(hours=rng.uniform(*_QUIET_HOURS[plan.status])) - thread.clock
    plan.due = _due(rng, plan, start, now)
    return [(start + offset, apply) for offset, apply in thread.steps]


def _due(rng: random.Random, plan: _Plan, start: datetime, now: datetime) -> datetime | None:
    assert plan.topic is not None
    if plan.showcase:
        return max(now - timedelta(hours=3), start + timedelta(hours=1))
    if plan.topic.key == "marketplace" and plan.status.is_active:
        return now + timedelta(hours=2)
    if not plan.status.is_active:
        return start + timedelta(days=rng.randint(1, 5)) if rng.random() < 0.3 else None
    if rng.random() > 0.45:
        return None
    hours = rng.choice(((-36.0, -1.0), (1.0, 24.0), (48.0, 240.0)))  # overdue, due soon, later
    return max(now + timedelta(hours=rng.uniform(*hours)), start + timedelta(hours=1))


class _Thread:
    """Writes one ticket's conversation as timed steps, so that it ends in the plan's status."""

    def __init__(self, rng: random.Random, plan: _Plan, around: datetime) -> None:
        assert plan.topic is not None
        self.rng, self.plan, self.topic = rng, plan, plan.topic
        self.phrases = LANGUAGES[plan.lang].phrases
        self.author = plan.owner or _pick_agent(rng)
        self.values = story_vars(rng, plan.customer, plan.lang, self.topic, self.author, around)
        self.story = rng.randrange(len(self.topic.openings))
        self.clock = timedelta(0)
        self.steps: list[tuple[timedelta, Apply]] = []
        self.messages = 0
        self.note_budget = 0
        self.last_agent_text = ""
        self.last_agent_clock = timedelta(0)
        self.replies = rng.sample(self.phrases.replies, len(self.phrases.replies))
        chatter = self.phrases.followups + self.phrases.nudges
        self.chatter = rng.sample(chatter, len(chatter))

    def converse(self) -> None:
        status = self.plan.status
        self.open()
        if status is TicketStatus.NEW:
            self.wait_for_answer()
        elif status is TicketStatus.REJECTED:
            self.wait(30, 600)
            self.note(self.phrases.duplicate)
            self.set_status(TicketStatus.REJECTED)
        elif not self.topic.followups:  # a thank-you: one answer closes it
            self.first_answer(TicketStatus.RESOLVED)
        elif status is TicketStatus.RESOLVED and self.rng.random() < 0.3:
            self.first_answer()
            self.thank_and_close()  # the first answer was enough
        else:
            self.discuss(status)

    def discuss(self, status: TicketStatus) -> None:
        """Answer, a few slower rounds if any, the customer's reply to the answer, then the ending."""
        rounds = self.rng.choice((0, 0, 1, 1, 2, 3) if status is TicketStatus.RESOLVED else (0, 1, 1, 2))
        ending = {TicketStatus.RESOLVED: 3, TicketStatus.PENDING: 1}.get(status, 0)
        self.note_budget = 12 - (3 + 2 * rounds + ending)  # at most 12 messages in a thread
        self.first_answer()
        for _ in range(rounds):
            self.customer(self.chatter[self.messages % len(self.chatter)])
            self.maybe_note()
            self.agent(self.replies[self.messages % len(self.replies)])
        html = self.plan.showcase or self.rng.random() < 0.05
        self.customer(self.storyline(self.topic.followups), html=html)
        if status is TicketStatus.OPEN:
            return
        self.maybe_note()
        if status is TicketStatus.PENDING:
            self.agent(self.replies[self.messages % len(self.replies)], TicketStatus.PENDING)
            return
        thanked = self.rng.random() < 0.5
        self.agent(self.storyline(self.topic.resolutions), None if thanked else TicketStatus.RESOLVED)
        if thanked:
            self.thank_and_close()

    # --- moves ------------------------------------------------------------------------------------

    def open(self) -> None:
        subject = pick_subject(self.rng, self.topic, self.story, self.values)
        body = customer_message(self.rng, self.plan.lang, self.values, self.topic.openings[self.story],
                                first=True)
        files = [attachment_for(self.topic.queue)] if self.plan.showcase or self.rng.random() < 0.03 else []
        plan, topic = self.plan, self.topic

        def create(ws: Workspace, at: datetime) -> None:
            plan.ticket = ws.create_ticket(queue=topic.queue, subject=subject, requestor=plan.customer.email,
                                           body=body, at=at, priority=plan.priority, lang=plan.lang,
                                           topic=topic.key, due=plan.due, attachments=files)
        self.add(create, message=True)

    def wait_for_answer(self) -> None:
        if self.plan.owner:
            self.wait(2, 90)
            self.take()
        if self.rng.random() < 0.25:
            self.customer(self.rng.choice(self.phrases.nudges))

    def first_answer(self, status: TicketStatus | None = None) -> None:
        self.wait(10, 90) if self.plan.priority >= 80 else self.wait(20, 1200)
        if self.plan.owner:
            self.take()
        self.maybe_note()
        if status is None and not self.plan.status.is_active and self.rng.random() < 0.35:
            status = TicketStatus.PENDING  # settled tickets often waited for the customer on the way
        self.agent(self.storyline(self.topic.replies), status)

    def thank_and_close(self) -> None:
        self.customer(self.rng.choice(self.phrases.thanks))
        if self.rng.random() < 0.5:
            self.agent(self.rng.choice(self.phrases.closings), TicketStatus.RESOLVED)
        else:
            self.wait(5, 120)
            self.set_status(TicketStatus.RESOLVED)

    def customer(self, template: str, *, html: bool = False) -> None:
        self.wait(60, 2880)
        text = customer_message(self.rng, self.plan.lang, self.values, template, first=False)
        plan, email, quoted = self.plan, self.plan.customer.email, self.last_agent_text
        link = f"https://example.com/share/{self.rng.randint(10**5, 10**6 - 1)}"
        since_quoted = self.clock - self.last_agent_clock

        def write(ws: Workspace, at: datetime) -> None:
            if not (html and quoted):
                return ws.correspond(plan.rec, email, text, at)
            # The quoted answer's date is only known once the thread is placed in time.
            values = {**self.values, "date": day(plan.lang, at - since_quoted)}
            header = self.phrases.quote_header.format_map(values)
            mail = html_mail(text, quoted, header, link=link, trackers=plan.showcase)
            return ws.correspond(plan.rec, email, mail, at, content_type="text/html")
        self.add(write, message=True)

    def agent(self, template: str, status: TicketStatus | None = None) -> None:
        self.wait(20, 1200)
        text = self.last_agent_text = agent_message(self.rng, self.plan.lang, self.values, template)
        self.last_agent_clock = self.clock
        plan, author, minutes = self.plan, self.author, self.rng.choice(_REPLY_MINUTES)

        def write(ws: Workspace, at: datetime) -> None:
            ws.correspond(plan.rec, author, text, at, minutes=minutes, status=status)
        self.add(write, message=True)

    def maybe_note(self) -> None:
        if self.note_budget > 0 and self.rng.random() < 0.3:
            self.note_budget -= 1
            self.wait(2, 40)
            notes = self.topic.notes + self.phrases.notes
            self.note(notes[self.messages % len(notes)])

    def note(self, template: str) -> None:
        text = template.format_map(self.values)
        plan, author, minutes = self.plan, self.author, self.rng.choice(_NOTE_MINUTES)

        def write(ws: Workspace, at: datetime) -> None:
            ws.comment(plan.rec, author, text, at, minutes=minutes)
        self.add(write, message=True)

    def set_status(self, status: TicketStatus) -> None:
        plan, author = self.plan, self.author

        def change(ws: Workspace, at: datetime) -> None:
            ws.set_status(plan.rec, author, status, at)
        self.add(change)

    def take(self) -> None:
        plan, owner = self.plan, self.author
        self.wait(1, 20)

        def change(ws: Workspace, at: datetime) -> None:
            ws.set_owner(plan.rec, owner, owner, at)
        self.add(change)

    # --- helpers ----------------------------------------------------------------------------------

    def storyline(self, items: tuple[str, ...]) -> str:
        return items[self.story % len(items)]

    def wait(self, low_minutes: float, high_minutes: float) -> None:
        self.clock += timedelta(minutes=self.rng.uniform(low_minutes, high_minutes))

    def add(self, apply: Apply, *, message: bool = False) -> None:
        self.steps.append((self.clock, apply))
        self.messages += message


def _add_tasks(ws: Workspace, rng: random.Random, plans: Sequence[_Plan], now: datetime) -> None:
    regulars = list({p.customer.email: p for p in plans if p.regular}.values())
    for number, plan in enumerate(rng.sample(regulars, min(TASK_COUNT, len(regulars))), start=1):
        titles = LANGUAGES[plan.lang].phrases.tasks
        task = TaskRec(id=f"demo-task-{number}", customer=plan.customer.email,
                       title=titles[number % len(titles)], done=number in (2, 5),
                       updated=now - timedelta(hours=rng.uniform(2, 480)))
        ws.tasks[task.id] = task
