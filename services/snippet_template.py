"""Snippet templates, without Qt: parsing them, and filling them in for the ticket on screen.

The syntax (documented for the personal snippets' YAML file too):
- `{{customer.first_name}}`: a value of the current ticket (see PLACEHOLDERS); with a fallback
  `{{customer.first_name | "there"}}` used when the ticket has none;
- `{{date}}`, `{{date +3 days}}`, `{{date -1 week}}`: a day, written in the customer's language;
- `{{cursor}}`: where the caret lands once the snippet is inserted;
- `{{> other snippet}}`: another snippet, by name, filled in the same way (at most MAX_DEPTH deep;
  a snippet that includes itself, directly or not, is refused);
- `[[order number]]`, `[[choice: refund | replacement]]`: fill-in fields for what the ticket cannot say.
Every occurrence is replaced. A placeholder that cannot be resolved stays in the text as written, and
its place is returned, so that the composer marks it and sending asks first. A template with a syntax
error says where, and is inserted as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

PLACEHOLDERS = (
    "customer.first_name", "customer.name", "customer.email", "customer.organisation",
    "agent.first_name", "agent.name", "ticket.id", "ticket.subject", "queue.name",
)
MAX_DEPTH = 3  # snippets inside snippets inside snippets: enough for a signature in a greeting

_TAG = re.compile(r"\{\{(.*?)\}\}|\[\[(.*?)\]\]", re.S)
_PLACEHOLDER = re.compile(r'^\s*([a-z_]+(?:\.[a-z_]+)?)\s*(?:\|\s*"((?:[^"\\]|\\.)*)"\s*)?$')
_DATE = re.compile(r"^\s*date\s*(?:([+-])\s*(\d{1,4})\s*(days?|weeks?|jours?|semaines?)\s*)?$")
_INCLUDE = re.compile(r"^\s*>\s*(.+?)\s*$", re.S)
_CHOICE = re.compile(r"^\s*choice\s*:(.*)$", re.S)

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}


class TemplateError(ValueError):
    """A template that cannot be read: what is wrong and where (1-based line and column)."""

    def __init__(self, problem: str, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}: {problem}")
        self.problem, self.line, self.column = problem, line, column


@dataclass(frozen=True, slots=True)
class Field:
    """A fill-in field: its label, and its choices when it is one of a few words."""

    label: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A placeholder left as written: its name and its place in the rendered text."""

    name: str
    start: int
    end: int


@dataclass(slots=True)
class Rendered:
    text: str = ""
    cursor: int | None = None  # where the caret goes ({{cursor}}); None: after the text
    unresolved: list[Unresolved] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)  # still to be filled in (in order, once each)
    problem: TemplateError | None = None  # set when the template (or one it includes) could not be read


def first_name(real_name: str, email: str = "") -> str:
    """A person's first name from the helpdesk's real name ("Dr. Anne-Marie Duval" -> "Anne-Marie",
    "Duval, Anne" -> "Anne"); from the e-mail's local part only when there is no name, and only when
    it reads as one ("anne.duval@" -> "Anne"; "support123@" -> "")."""
    name = " ".join(real_name.split())
    if "," in name:  # "Last, First"
        name = name.split(",", 1)[1].strip()
    words = [w for w in name.split(" ") if w and w.rstrip(".").lower() not in _TITLES]
    if words:
        return words[0]
    local = email.split("@", 1)[0]
    part = re.split(r"[._+-]", local)[0] if local else ""
    return part.capitalize() if part.isalpha() and len(part) > 1 else ""


_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "m", "mme", "mlle", "me", "pr"}


def ticket_values(*, ticket_id: str, subject: str, queue: str, customer_email: str, customer_name: str,
                  customer_organisation: str, agent_user: str, agent_name: str = "") -> dict[str, str]:
    """The placeholders' values for the ticket on screen, read when the snippet is inserted (never a
    stale ticket's). A customer's name is the helpdesk's real name; the e-mail address stands in for
    it only when there is none."""
    agent = agent_name.strip() or agent_user
    return {
        "customer.first_name": first_name(customer_name, customer_email),
        "customer.name": " ".join(customer_name.split()) or customer_email,
        "customer.email": customer_email,
        "customer.organisation": customer_organisation,
        "agent.first_name": first_name(agent_name) or agent_user,
        "agent.name": agent,
        "ticket.id": ticket_id,
        "ticket.subject": subject,
        "queue.name": queue,
    }


def spoken_date(day: date, language: str) -> str:
    """ "3 December 2026" / "3 décembre 2026" (1er in French for the first)."""
    months = _MONTHS.get(language[:2].lower(), _MONTHS["en"])
    number = "1er" if language.startswith("fr") and day.day == 1 else str(day.day)
    return f"{number} {months[day.month - 1]} {day.year}"


def fields_of(template: str) -> list[Field]:
    """The fill-in fields a template asks for, in order, once each (its syntax is not checked here)."""
    found: dict[str, Field] = {}
    for match in _TAG.finditer(template):
        if match.group(2) is not None:
            f = _field(match.group(2))
            found.setdefault(f.label, f)
    return list(found.values())


def render(template: str, values: Mapping[str, str], *, language: str, today: date,
           snippet: Callable[[str], str | None] = lambda _name: None,
           filled: Mapping[str, str] | None = None) -> Rendered:
    """The template filled in. values: placeholder -> value ("" or missing: unknown). snippet: another
    snippet's template by name (None: no such snippet). filled: the fill-in fields' values by label
    (a field not filled stays as written and is listed in `fields`)."""
    out = Rendered()
    parts: list[str] = []
    try:
        _render(template, values, language, today, snippet, filled or {}, out, parts, (), 0)
    except TemplateError as exc:
        return Rendered(text=template, problem=exc)
    out.text = "".join(parts)
    return out


def _render(template: str, values: Mapping[str, str], language: str, today: date,
            snippet: Callable[[str], str | None], filled: Mapping[str, str], out: Rendered,
            parts: list[str], within: tuple[str, ...], depth: int) -> None:
    _check_brackets(template)
    at = 0
    for match in _TAG.finditer(template):
        parts.append(template[at:match.start()])
        at = match.end()
        written = match.group(0)
        if match.group(2) is not None:  # [[field]]
            f = _field(match.group(2))
            if not f.label:
                raise _error("a fill-in field needs a label, as in [[order number]]", template, match.start())
            value = filled.get(f.label, "")
            if value:
                parts.append(value)
            else:
                if f not in out.fields:
                    out.fields.append(f)
                parts.append(written)
            continue
        inner = match.group(1)
        if "{{" in inner:
            raise _error("a {{ opens inside another", template, match.start())
        if inner.strip() == "cursor":
            out.cursor = sum(len(p) for p in parts)
            continue
        include = _INCLUDE.match(inner)
        if include:
            name = include.group(1)
            if name in within:
                raise _error(f"the snippet {name!r} includes itself", template, match.start())
            if depth + 1 > MAX_DEPTH:
                raise _error(f"snippets are nested more than {MAX_DEPTH} deep", template, match.start())
            body = snippet(name)
            if body is None:
                start = sum(len(p) for p in parts)
                parts.append(written)
                out.unresolved.append(Unresolved(f"> {name}", start, start + len(written)))
                continue
            _render(body, values, language, today, snippet, filled, out, parts, (*within, name), depth + 1)
            continue
        day = _DATE.match(inner)
        if day:
            offset = 0
            if day.group(1):
                amount = int(day.group(2)) * (7 if day.group(3).startswith(("week", "semaine")) else 1)
                offset = amount if day.group(1) == "+" else -amount
            parts.append(spoken_date(today + timedelta(days=offset), language))
            continue
        placeholder = _PLACEHOLDER.match(inner)
        if not placeholder:
            raise _error(f"{written[:40]!r} is not a placeholder", template, match.start())
        name, fallback = placeholder.group(1), placeholder.group(2)
        value = values.get(name, "")
        if value:
            parts.append(value)
        elif fallback is not None:
            parts.append(fallback.replace('\\"', '"').replace("\\\\", "\\"))
        else:
            start = sum(len(p) for p in parts)
            parts.append(written)
            out.unresolved.append(Unresolved(name, start, start + len(written)))
    parts.append(template[at:])


def _field(inner: str) -> Field:
    choice = _CHOICE.match(inner)
    if choice:
        options = tuple(o.strip() for o in choice.group(1).split("|") if o.strip())
        return Field(" | ".join(options), options)
    return Field(" ".join(inner.split()))


def _check_brackets(template: str) -> None:
    """An opening {{ or [[ with no closing one (the regular expression would skip it silently)."""
    for opening, closing in (("{{", "}}"), ("[[", "]]")):
        at = 0
        while (start := template.find(opening, at)) != -1:
            end = template.find(closing, start + 2)
            if end == -1:
                raise _error(f"{opening} is not closed with {closing}", template, start)
            at = end + 2


def _error(problem: str, template: str, offset: int) -> TemplateError:
    line = template.count("\n", 0, offset) + 1
    column = offset - (template.rfind("\n", 0, offset) + 1) + 1
    return TemplateError(problem, line, column)
