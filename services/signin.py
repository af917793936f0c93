"""Checking a sign-in before anything is saved: the address, the user and the token, against the helpdesk.

Every failure becomes a `SignInProblem` that names the field to correct, a code for what went wrong and
the facts a message needs (host, user, the helpdesk's name, what the server said); the window and the
command line word it (ui.wording), in the agent's language. The token never appears in a problem.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from services.backends import registry
from services.backends.base import (
    BackendError,
    BadPayload,
    Connector,
    Forbidden,
    NoSuchUser,
    NotFound,
    Offline,
    SignedOut,
    TooSlow,
    Untrusted,
)
from services.domain import Queue


class Field(StrEnum):
    """Where the agent should look to fix the problem."""

    URL = "url"
    USER = "user"
    TOKEN = "token"  # noqa: S105 (a field name, not a secret)
    NETWORK = "network"
    CERTIFICATE = "certificate"
    SERVER = "server"
    KEYRING = "keyring"


class Code(StrEnum):
    """What went wrong; ui.wording has one sentence for each."""

    BACKEND_UNKNOWN = "backend_unknown"  # label: the kind asked for
    URL_EMPTY = "url_empty"
    URL_SCHEME = "url_scheme"  # detail: the scheme given
    URL_INVALID = "url_invalid"
    URL_PORT = "url_port"
    URL_EXTRA = "url_extra"
    USER_EMPTY = "user_empty"
    TOKEN_EMPTY = "token_empty"  # noqa: S105 (a code, not a secret)
    TOKEN_SPACES = "token_spaces"  # noqa: S105
    TOKEN_REFUSED = "token_refused"  # noqa: S105
    NO_SUCH_USER = "no_such_user"
    FORBIDDEN = "forbidden"
    UNTRUSTED = "untrusted"
    TOO_SLOW = "too_slow"
    UNREACHABLE = "unreachable"
    NOT_HELPDESK = "not_helpdesk"  # label: the helpdesk's product name
    SERVER_TROUBLE = "server_trouble"
    KEYRING = "keyring"


class SignInProblem(Exception):
    """`field`: where to look; `code`: what went wrong; the rest: what the wording may name.
    detail is what the server, TLS or the keyring said (never the token)."""

    def __init__(self, field: Field, code: Code, *, host: str = "", user: str = "", label: str = "",
                 url: str = "", detail: str = "") -> None:
        super().__init__(f"{code.value}: {detail}" if detail else code.value)
        self.field = field
        self.code = code
        self.host = host
        self.user = user
        self.label = label
        self.url = url
        self.detail = detail


@dataclass(frozen=True, slots=True)
class SignInForm:
    backend: str
    url: str
    user: str
    token: str
    # The agent asked, in so many words, for the token in a plain file (a machine without a keyring).
    plaintext_opt_in: bool = False

    def __repr__(self) -> str:  # never show the token, even in a debugger or a log line
        return f"SignInForm(backend={self.backend!r}, url={self.url!r}, user={self.user!r})"


@dataclass(frozen=True, slots=True)
class SignInResult:
    backend: str
    url: str  # normalised: scheme, host, optional port and path, no trailing slash
    user: str  # as the helpdesk spells it
    queues: tuple[Queue, ...]

    @property
    def account_name(self) -> str:
        return f"{self.user}@{urlsplit(self.url).netloc}"


ConnectorFactory = Callable[[str, str, str, str], Connector]  # backend, url, user, token


def normalise_url(text: str) -> str:
    """The helpdesk's address as typed, made explicit: https:// when no scheme is given."""
    url = text.strip()
    if not url:
        raise SignInProblem(Field.URL, Code.URL_EMPTY)
    if "://" not in url:
        if _SCHEME_TYPO.match(url) or _SCHEME_NO_COLON.match(url):  # "htp:/x", "https:x", "https//x"
            raise SignInProblem(Field.URL, Code.URL_INVALID)
        url = "https://" + url
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[::1": an unclosed IPv6 literal
        raise SignInProblem(Field.URL, Code.URL_INVALID) from None
    if parts.scheme not in ("http", "https"):
        raise SignInProblem(Field.URL, Code.URL_SCHEME, detail=parts.scheme)
    if not parts.hostname or any(ch.isspace() for ch in url) or not _valid_host(parts.hostname, parts.netloc):
        raise SignInProblem(Field.URL, Code.URL_INVALID)
    try:
        port = parts.port  # raises on a port that is not a number
    except ValueError:
        raise SignInProblem(Field.URL, Code.URL_PORT) from None
    if port is None and parts.netloc.endswith(":"):
        raise SignInProblem(Field.URL, Code.URL_PORT)
    if parts.query or parts.fragment:
        raise SignInProblem(Field.URL, Code.URL_EXTRA)
    return url.rstrip("/")


_SCHEME_TYPO = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:/?(?!/)(?![0-9]+(/|$))")
_SCHEME_NO_COLON = re.compile(r"^https?//", re.IGNORECASE)
_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)")  # "_": intranet names have it


def _valid_host(host: str, netloc: str) -> bool:
    """A host name (international ones too) or an IP address, as a browser would take it."""
    if "[" in netloc:
        try:
            return ipaddress.ip_address(host).version == 6
        except ValueError:
            return False
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return all(_LABEL.fullmatch(label) for label in ascii_host.rstrip(".").split("."))


def validate(form: SignInForm) -> SignInForm:
    try:
        kind = registry.kind(form.backend)
    except registry.UnknownBackend:
        kind = None
    if kind is None or not kind.signs_in:
        raise SignInProblem(Field.SERVER, Code.BACKEND_UNKNOWN, label=form.backend)
    url = normalise_url(form.url) if kind.needs_url else ""
    user = form.user.strip()
    if not user:
        raise SignInProblem(Field.USER, Code.USER_EMPTY)
    token = form.token.strip()
    if kind.needs_token and not token:
        raise SignInProblem(Field.TOKEN, Code.TOKEN_EMPTY)
    if any(ch.isspace() for ch in token):
        raise SignInProblem(Field.TOKEN, Code.TOKEN_SPACES)
    return SignInForm(form.backend, url, user, token, form.plaintext_opt_in)


async def check_sign_in(form: SignInForm, connect: ConnectorFactory) -> SignInResult:
    """Validate the form, then ask the helpdesk who this is and which queues they see."""
    form = validate(form)
    connector = connect(form.backend, form.url, form.user, form.token)
    try:
        user = await connector.whoami()
        queues = await connector.list_queues()
    except BackendError as exc:
        raise _explain(exc, form) from None
    finally:
        await connector.aclose()
    return SignInResult(form.backend, form.url, user or form.user, tuple(queues))


def _explain(exc: BackendError, form: SignInForm) -> SignInProblem:
    facts = {"host": urlsplit(form.url).netloc, "user": form.user, "url": form.url,
             "label": registry.kind(form.backend).label}
    detail = str(exc)
    if isinstance(exc, SignedOut):
        return SignInProblem(Field.TOKEN, Code.TOKEN_REFUSED, **facts)
    if isinstance(exc, NoSuchUser):
        return SignInProblem(Field.USER, Code.NO_SUCH_USER, **facts, detail=detail)
    if isinstance(exc, Forbidden):
        return SignInProblem(Field.TOKEN, Code.FORBIDDEN, **facts, detail=detail)
    if isinstance(exc, Untrusted):
        return SignInProblem(Field.CERTIFICATE, Code.UNTRUSTED, **facts, detail=_after_colon(exc))
    if isinstance(exc, TooSlow):
        return SignInProblem(Field.NETWORK, Code.TOO_SLOW, **facts, detail=detail)
    if isinstance(exc, Offline):
        return SignInProblem(Field.NETWORK, Code.UNREACHABLE, **facts, detail=detail)
    if isinstance(exc, NotFound):  # the address answers, but not as the helpdesk's API: said once
        return SignInProblem(Field.URL, Code.NOT_HELPDESK, **facts)
    if isinstance(exc, BadPayload):
        return SignInProblem(Field.URL, Code.NOT_HELPDESK, **facts, detail=detail)
    # 5xx, rate limits, and whatever else the helpdesk did wrong
    return SignInProblem(Field.SERVER, Code.SERVER_TROUBLE, **facts, detail=detail)


def _after_colon(exc: BackendError) -> str:
    text = str(exc)
    return text.split(": ", 1)[1] if ": " in text else text
