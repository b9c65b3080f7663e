"""What a screen reader and a browser tab read of every page: titles said once, labels
escaped once, and an entry of the portal in another language marked as such."""

from __future__ import annotations

import html
import re
from pathlib import Path

from generator.build import BuildOptions, Project, build
from tests.support import make_project

FRENCH_AND_ENGLISH = """\
name: {fr: Vue d'ensemble du Lac, en: Lake's overview}
tagline: {fr: Des pistes protégées., en: Protected lanes.}
organization: {name: Coalition, handle: DemoVeloSur, url: https://example.org/}
hashtags: [{tag: VéloSûr, primary: true}]
"""
ENGLISH_ONLY = """\
languages: [en]
name: Rent Freeze Now
tagline: Freeze rents for two years.
organization: {name: Tenants' Union, handle: DemoTenants, url: https://example.org/}
hashtags: [{tag: RentFreeze, primary: true}]
"""


def test_titles_labels_and_portal_languages(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"lac": FRENCH_AND_ENGLISH, "loyers": ENGLISH_ONLY})
    site = root / "site"
    build(BuildOptions(project=Project(root), site_dir=site))

    def page(*parts: str) -> str:
        return (site.joinpath(*parts) / "index.html").read_text(encoding="utf-8")

    # A home page's title is the movement's name, said once; other pages add it after theirs.
    assert "<title>Vue d&#x27;ensemble du Lac</title>" in page("lac")
    assert "<title>Rent Freeze Now</title>" in page("loyers")
    assert "<title>Hashtags - Rent Freeze Now</title>" in page("loyers", "kit", "hashtags")
    assert "<title>Trousses des mouvements - Porte-voix</title>" in page()

    # The footer's links name the page before and after once escaped: a screen reader says
    # "Précédent: Vue d'ensemble", not "Vue d&#x27;ensemble".
    labels = re.findall(
        r'md-footer__link--prev" aria-label="([^"]*)"', page("lac", "guide", "novice")
    )
    assert [html.unescape(label) for label in labels] == ["Précédent: Vue d'ensemble"]

    # The French portal lists the English-only movement in English, and says so.
    articles = re.findall(r'<article class="pv-movement"([^>]*)>(.*?)</article>', page(), re.S)
    by_name = {("Rent Freeze" in body): attributes for attributes, body in articles}
    assert by_name == {True: ' lang="en"', False: ""}
    english = re.findall(r'<article class="pv-movement"([^>]*)>', page("en"))
    assert english == ["", ""]  # every entry is in the English portal's own language
