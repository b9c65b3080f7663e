"""Field types for web addresses: any http(s) page, and the address of a post on X."""

from __future__ import annotations

import ipaddress
import re
import string
import unicodedata
from typing import Annotated
from urllib.parse import quote, urlsplit

from pydantic import AfterValidator

from generator.movement.fields import char_name, field_error, refuse_invisible, shown

STATUS_URL_PATTERN = re.compile(
    r"https://(?:www\.)?(?:x|twitter)\.com/(?P<author>[A-Za-z0-9_]{1,15})/status/(?P<id>[0-9]{1,20})"
    r"(?:[/?#].*)?"
)


# What RFC 3986 lets a URI hold as typed: unreserved, reserved and '%' (of a %XX escape).
# Everything else, '"', '<', '>', '\\', spaces and controls among them, must be
# percent-encoded; so a checked address cannot close an HTML attribute or open a tag, even
# where a template forgets to escape it.
_URI_CHARS = frozenset(string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%")
_SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?P<slashes>//)?")
_PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_HOST_ASCII = frozenset(string.ascii_lowercase + string.digits + "-")


def _is_iri_letter(char: str) -> bool:
    """Non-ASCII letters, marks and digits: what an address in French writes as typed
    (RFC 3987), `https://exemple.org/événements` or `https://café.example/`. Browsers,
    X and the sites that read our pages' cards percent-encode them and convert the domain
    (IDNA) when they follow the link, so they stay readable in posts and pages."""
    return not char.isascii() and unicodedata.category(char)[0] in "LMN"


def _bad_url_chars(value: str) -> list[int]:
    """Indexes of the characters of `value` that a web address cannot hold as typed."""
    fragment = value.find("#")
    bad = []
    for index, char in enumerate(value):
        if char == "%":
            ok = _PERCENT_ESCAPE.match(value, index) is not None
        elif char == "#":
            ok = index == fragment  # a second '#' is part of the fragment: it must be %23
        else:
            ok = char in _URI_CHARS or _is_iri_letter(char)
        if not ok:
            bad.append(index)
    return bad


def _url_char_message(value: str, bad: list[int]) -> str:
    char = value[bad[0]]
    named = f"'{char}'" if char.isprintable() and not char.isspace() else char_name(char)
    more = len(bad) - 1
    rest = f" (and {more} more such {'character' if more == 1 else 'characters'} after it)"
    where = f"'{shown(value)}' holds {named} at position {bad[0] + 1}{rest if more else ''}"
    if char == "%":
        return (
            f"{where}, which starts a %XX escape but is not followed by two hex digits; "
            "write a percent sign as %25"
        )
    fix = f"percent-encode it as {quote(char, safe='')}, or remove it"
    if char == "\\":
        fix += " (a web address separates its parts with '/')"
    return f"{where}, which a web address cannot hold as typed; {fix}"


def _refuse_url_chars(value: str) -> None:
    refuse_invisible(value)
    bad = _bad_url_chars(value)
    if bad:
        raise field_error("url_char", _url_char_message(value, bad))


def _host_problem(value: str) -> str | None:
    """What is wrong with the part of an http(s) address between '//' and the path."""
    try:
        parts = urlsplit(value)
    except ValueError:  # an unbalanced '[' or ']'
        return "has a domain that cannot be read; check what follows '//'"
    try:
        _ = parts.port  # read for its ValueError
    except ValueError:
        port = parts.netloc.rpartition(":")[2]
        return f"has '{port}' as its port, which is not a number from 0 to 65535; check it"
    host = parts.hostname or ""
    if "@" in parts.netloc:
        user = parts.netloc.rpartition("@")[0]
        return (
            f"leads to {host}: '{user}@' before it is a user name, a trick of misleading "
            "links; remove it"
        )
    if parts.netloc.startswith("["):
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return f"has '[{host}]' where a domain goes; write a domain like example.org"
        return None
    return _domain_problem(host)


def _domain_problem(host: str) -> str | None:
    """What is wrong with a domain name: parts of letters (any script), digits and '-'."""
    if not host:
        return "has no domain after '//'; write it in full, like https://example.org/"
    bad = [
        char
        for char in host
        if char != "." and char not in _HOST_ASCII and not _is_iri_letter(char)
    ]
    if bad:
        return (
            f"has '{bad[0]}' in its domain '{host}', which can hold only letters, digits, "
            "'-' and '.'; check the address"
        )
    labels = host.removesuffix(".").split(".")
    if any(not label or len(label) > 63 for label in labels):
        return f"has an empty or over-long part in its domain '{host}'; check the '.' in it"
    if any(label.startswith("-") or label.endswith("-") for label in labels):
        return f"has a part of its domain '{host}' that starts or ends with '-'; check the address"
    if len(labels) < 2:
        return f"has '{host}' as its domain, with no ending like .org; write the full address"
    return None


def _check_web_url(value: str) -> str:
    refuse_invisible(value)
    scheme = _SCHEME.match(value)
    if scheme is None or scheme["scheme"].lower() not in ("http", "https") or not scheme["slashes"]:
        raise field_error(
            "url",
            f"'{value}' is not an absolute web address; write it in full, like https://example.org/",
        )
    _refuse_url_chars(value)
    problem = _host_problem(value)
    if problem is not None:
        raise field_error("url", f"'{value}' {problem}")
    return value


def _check_status_url(value: str) -> str:
    _refuse_url_chars(value)  # the pattern lets anything follow the post's id
    if not STATUS_URL_PATTERN.fullmatch(value):
        raise field_error(
            "status_url",
            f"'{value}' is not the address of a post on X; copy it from the post's share menu, "
            "like https://x.com/username/status/1234567890",
        )
    return value


WebUrl = Annotated[str, AfterValidator(_check_web_url)]
StatusUrl = Annotated[str, AfterValidator(_check_status_url)]
