"""Repairs of the theme's markup that the Nu HTML Checker rejects (Material for MkDocs 9.x).

Each repair removes an attribute that has no effect in browsers; the theme itself is frozen
(Material reaches end of life in May 2027), so its markup will not change under us. One
change is for keyboards: the ¶ link that the `toc` extension puts in each heading leaves the
Tab order (`tabindex="-1"`), so that Tab goes from the header to the page's own links; it
stays a link that a click or a tap follows.
"""

from __future__ import annotations

import re

# `autocomplete` is not allowed on checkboxes (the drawer, search and nav toggles).
_CHECKBOX_AUTOCOMPLETE = re.compile(
    r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="[^"]*"'
)
# `autocorrect` is not an HTML attribute (Safari reads it; the checker does not allow it).
_AUTOCORRECT = re.compile(r'(<input\b[^>]*?)\s+autocorrect="[^"]*"')
# An empty `tabindex` is not a valid integer (navigation section labels).
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')
# A label `for` a control that is not on the page (the table of contents toggle).
_LABEL_FOR = re.compile(r'(<label\b[^>]*?)\s+for="([^"]*)"')


# The ¶ permalinks of headings: one Tab stop per heading before the links of the content.
_HEADERLINK = re.compile(r'<a class="headerlink"(?![^>]*\btabindex=)')

# The search dialog has no accessible name (axe: aria-dialog-name); its input has one.
_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
_SEARCH_LABEL = re.compile(
    r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"'
)


def repair_theme_markup(html: str) -> str:
    """`html` without the theme's invalid attributes, with its search dialog named and its
    heading permalinks out of the Tab order; everything else is left byte for byte."""
    label = _SEARCH_LABEL.search(html)
    if label:
        named = f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{label[1]}">'
        html = _SEARCH_DIALOG.sub(named, html, count=1)
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _AUTOCORRECT.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    html = _HEADERLINK.sub('<a class="headerlink" tabindex="-1"', html)
    ids = set(re.findall(r'\bid="([^"]*)"', html))
    return _LABEL_FOR.sub(lambda m: m[0] if m[2] in ids else m[1], html)
