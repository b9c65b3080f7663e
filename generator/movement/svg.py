"""What in an SVG logo is more than a picture: code, embedded documents, fetches elsewhere."""

from __future__ import annotations

import re
from io import BytesIO
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_external_ges, feature_namespaces
from xml.sax.xmlreader import AttributesNSImpl, InputSource, Locator

import defusedxml.sax  # type: ignore[import-untyped]
from defusedxml import DefusedXmlException

# What an SVG logo may weigh; raster ones are bounded in `logo`.
MAX_SVG_BYTES = 1024 * 1024
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# A file of many problems (an HTML page saved as .svg) is reported by its first ones.
MAX_SVG_FINDINGS = 10


_ELEMENT_REASONS = {
    "script": "runs code when the logo is opened",
    "handler": "runs code when the logo is opened",
    "listener": "runs code when the logo is opened",
    "foreignobject": "puts a web page (HTML, which may run code) inside the logo",
    "iframe": "puts another document inside the logo",
    "frame": "puts another document inside the logo",
    "embed": "puts another document or plug-in inside the logo",
    "object": "puts another document or plug-in inside the logo",
    "applet": "puts a program inside the logo",
}
_ANIMATIONS = frozenset({"set", "animate"})
# xml:base too: it would turn the file's own references (#id) into another site's.
_LINK_ATTRIBUTES = frozenset({"href", "src", "base"})
_CODE_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:application/xhtml")
_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\s*\)""", re.IGNORECASE)
_IMPORT = re.compile(r"@import\b[^;]*;?", re.IGNORECASE)
_CSS_STRING = re.compile(r"""(["'])(.*?)\1""", re.DOTALL)
# A CSS string that is an address, not a name or a text like "Tel: 555".
_ABSOLUTE = re.compile(r"\s*(//|\\\\|/\\|[a-z][a-z0-9+.-]+:\S)", re.IGNORECASE)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t]?|\\(.)", re.DOTALL)
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
PICTURES_ONLY = "remove it (logos are pictures only)"


def svg_problems(data: bytes) -> list[tuple[int, str]]:
    """What in the SVG `data` is more than a picture, each with its line in the file.

    Refused rather than cleaned: rewriting an organization's logo silently is worse than
    asking for a clean export. Parsed by defusedxml, which also refuses what expands without
    end (entities, the 'billion laughs') or reads other files (external entities).
    """
    if len(data) > MAX_SVG_BYTES:
        return [(1, f"is over {MAX_SVG_BYTES // 2**20} MiB; export it smaller or simplified")]
    reader = _SvgReader(data.decode("utf-8", errors="replace").splitlines())
    parser = defusedxml.sax.make_parser()
    parser.forbid_dtd = True
    parser.setFeature(feature_namespaces, True)
    parser.setFeature(feature_external_ges, False)
    parser.setContentHandler(reader)
    source = InputSource()
    source.setByteStream(BytesIO(data))
    try:
        parser.parse(source)
    except SAXParseException as error:
        reader.add(
            error.getLineNumber() or 1,
            f"is not well-formed XML ({error.getMessage()}); export the logo again as SVG",
        )
    except DefusedXmlException as error:
        reader.add(reader.line(), _defused_reason(error))
    return reader.report()


def _defused_reason(error: Exception) -> str:
    if type(error).__name__ == "DTDForbidden":
        return (
            "<!DOCTYPE> can declare entities that expand without end (the 'billion laughs') "
            "and an SVG needs none; delete the <!DOCTYPE …> declaration"
        )
    return (
        f"declares or uses XML entities ({type(error).__name__}), which can expand without "
        "end or read other files; export the logo again without them"
    )


class _SvgReader(ContentHandler):
    """Collects, element by element, what would run, embed or fetch something."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self._lines = lines
        self._locator: Locator | None = None
        self._depth = 0
        self._style: list[str] | None = None
        self._style_line = 1
        self._found: dict[str, int] = {}  # reason → first line: each reason is said once

    def setDocumentLocator(self, locator: Locator) -> None:
        self._locator = locator

    def line(self) -> int:
        return (self._locator.getLineNumber() if self._locator else None) or 1

    def add(self, line: int, reason: str) -> None:
        self._found.setdefault(reason, line)

    def report(self) -> list[tuple[int, str]]:
        found = sorted((line, reason) for reason, line in self._found.items())
        if len(found) > MAX_SVG_FINDINGS:
            more = len(found) - MAX_SVG_FINDINGS
            cut = found[MAX_SVG_FINDINGS - 1][0]
            found = [*found[:MAX_SVG_FINDINGS], (cut, f"{more} more like these; fix those first")]
        return found

    def startElementNS(
        self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl
    ) -> None:
        namespace, local = name
        line = self.line()
        if self._depth == 0:
            self._check_root(line, namespace, qname or local)
        self._depth += 1
        tag = qname or local
        reason = _ELEMENT_REASONS.get(local.lower())
        if reason:
            self.add(line, f"<{tag}> {reason}; {PICTURES_ONLY}")
        if local.lower() in _ANIMATIONS:
            animated = (attrs.get((None, "attributeName")) or "").split(":")[-1].strip()
            if animated.lower() in _LINK_ATTRIBUTES:
                self.add(
                    line,
                    f'<{tag} attributeName="{animated}"> can turn a link into code; '
                    f"{PICTURES_ONLY}",
                )
        for key in attrs.getNames():
            attribute = attrs.getQNameByName(key)
            at = _attribute_line(self._lines, line, attribute)
            for problem in _attribute_problems(key[1], attribute, attrs.getValueByQName(attribute)):
                self.add(at, problem)
        if local.lower() == "style":
            self._style, self._style_line = [], line

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        if self._style is not None and name[1].lower() == "style":
            for offset, problem in _style_problems("".join(self._style)):
                self.add(self._style_line + offset, problem)
            self._style = None

    def characters(self, content: str) -> None:
        if self._style is not None:
            self._style.append(content)

    def processingInstruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self.add(
                self.line(),
                "<?xml-stylesheet?> loads a style sheet from elsewhere; "
                "delete it and put the styles in the file",
            )

    def _check_root(self, line: int, namespace: str | None, tag: str) -> None:
        if tag.split(":")[-1] != "svg":
            self.add(
                line, f"the file's root element is <{tag}>, not <svg>; export the logo again as SVG"
            )
        elif namespace != SVG_NAMESPACE:
            self.add(
                line, f'<svg> lacks xmlns="{SVG_NAMESPACE}", so browsers do not draw it; add it'
            )


def _attribute_problems(local: str, attribute: str, value: str) -> list[str]:
    """What the attribute `attribute` (local name `local`) = `value` would do beyond drawing."""
    if local.lower().startswith("on"):
        return [
            f"{attribute}= runs code when the logo is opened (an event handler); {PICTURES_ONLY}"
        ]
    css = _css_unescape(value)  # presentation attributes and style="" are read as CSS
    if _runs_code(value) or _runs_code(css):
        return [f'{attribute}="{_short(value)}" runs code when the logo is opened; {PICTURES_ONLY}']
    problems = []
    if local.lower() in _LINK_ATTRIBUTES and (problem := _reference_problem(value)):
        problems.append(f'{attribute}="{_short(value)}" {problem}')
    for _offset, shown, reference in _css_references(css):
        if problem := _reference_problem(reference):
            problems.append(f'{attribute}="…{shown}…" {problem}')
    return problems


def _style_problems(css: str) -> list[tuple[int, str]]:
    """Problems of a <style> element's text, each with its line offset in the element."""
    text = _css_unescape(css)
    problems = [
        (
            text.count("\n", 0, match.start()),
            "@import in <style> loads a style sheet from elsewhere; put those styles in the file",
        )
        for match in _IMPORT.finditer(text)
    ]
    text = _IMPORT.sub(_blank, text)  # said above, whatever it imports
    for offset, shown, reference in _css_references(text):
        if problem := _reference_problem(reference):
            problems.append((offset, f"{shown} in <style> {problem}"))
    return problems


def _css_references(css: str) -> list[tuple[int, str, str]]:
    """What the CSS `css` may fetch: each url(), and each string that is an address (as
    image-set("https://…") takes), with its line offset and how to show it."""
    found = []
    for match in _URL.finditer(css):
        url = next(group for group in match.groups() if group is not None)
        found.append((css.count("\n", 0, match.start()), f"url({_short(url)})", url))
    rest = _URL.sub(_blank, css)
    for match in _CSS_STRING.finditer(rest):
        if _ABSOLUTE.match(match.group(2)):
            text = match.group(2)
            found.append((rest.count("\n", 0, match.start()), f'"{_short(text)}"', text))
    return found


def _blank(match: re.Match[str]) -> str:
    # Removed from CSS once checked, keeping its line breaks so that lines stay counted.
    return "\n" * match.group(0).count("\n")


def _reference_problem(value: str) -> str | None:
    """Why the reference `value` (of an href, a src or a CSS url()) is not a picture's, or None.

    Only references inside the file (`#id`) and embedded pictures or fonts are: the logo
    is published alone and shown on every page, so anything else fetches from elsewhere.
    """
    url = _IGNORED_IN_URLS.sub("", value).strip(_C0_AND_SPACE).replace("\\", "/")
    lower = url.lower()
    if not url or url.startswith("#"):
        return None
    if _runs_code(url):
        return f"runs code when the logo is opened; {PICTURES_ONLY}"
    if lower.startswith("data:"):
        if _PICTURE_DATA.match(lower):
            return None
        return (
            f"embeds {lower[5:].split(';')[0].split(',')[0] or 'data'} that is no picture "
            "and that this check cannot look into; embed a PNG instead, or remove it"
        )
    scheme = _SCHEME.match(lower)
    if url.startswith("//") or (scheme and len(scheme.group(1)) > 1 and scheme.group(1) != "file"):
        return (
            "reaches another site whenever the logo is shown or opened (which can track "
            "visitors, and change); embed what it shows in the file, or remove the reference"
        )
    if scheme:  # file: or a drive letter, C:
        return (
            "points at a file on the computer the logo was made on; embed what it shows "
            "in the file, or remove the reference"
        )
    return (
        "points at another file, which the site does not publish (the logo is copied "
        "alone); embed what it shows in the file, or remove the reference"
    )


_C0_AND_SPACE = "".join(chr(code) for code in range(33))
_PICTURE_DATA = re.compile(
    r"data:(image/(png|jpeg|jpg|gif|webp|avif)|font/[\w.+-]+|application/(x-)?font-[\w.+-]+)[;,]"
)


def _runs_code(text: str) -> bool:
    # Browsers skip spaces and control characters inside a scheme: 'java\tscript:' runs.
    squeezed = "".join(char for char in text if char > " ").lower()
    return any(scheme in squeezed for scheme in _CODE_SCHEMES)


def _css_unescape(css: str) -> str:
    """`css` with its backslash escapes undone, as a browser reads it: h\\74tp → http."""

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return match.group(2)
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _CSS_ESCAPE.sub(replace, css)


def _attribute_line(lines: list[str], line: int, attribute: str) -> int:
    """The line where `attribute=` is written, in the tag that starts on `line`."""
    written = re.compile(rf"(?<![\w:.-]){re.escape(attribute)}\s*=")
    for index in range(line - 1, min(len(lines), line + 50)):
        if written.search(lines[index]):
            return index + 1
    return line


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
