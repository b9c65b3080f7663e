"""Nothing empty, nothing for maintainers: a kit page a movement has nothing to show on is
neither built nor linked, and `check` says why, as a note that --strict lets pass."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from generator.build import BuildOptions, Project, build
from generator.cli import main
from generator.movement import load_movement
from generator.movement.notes import left_out_pages
from tests.support import make_project, read_page

# Hashtags and posts only: no questions, conversations, accounts, lists, nor snapshots.
BARE = """\
languages: [fr, en]
name: {fr: Vélo, en: Cycling}
tagline: {fr: Des pistes protégées., en: Protected lanes.}
organization: {name: Coalition, handle: DemoVeloSur, url: https://example.org/}
site_url: https://example.org/velo/
hashtags: [{tag: VéloSûr, primary: true}]
posts:
  - id: premier
    text: {fr: Je roule., en: I ride.}
"""
LEFT_OUT = ["conversations", "accounts", "lists", "activity"]
KEPT = ["hashtags", "posts"]


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bare movement, built by the real build into `site/`."""
    root = make_project(tmp_path_factory.mktemp("bare"), {"velo": BARE})
    site = root / "site"
    build(BuildOptions(project=Project(root), site_dir=site))
    return site / "velo"


def _roots(site: Path) -> list[Path]:
    return [site, site / "en"]


def test_empty_kit_pages_are_not_built(bare_site: Path) -> None:
    for root in _roots(bare_site):
        for name in LEFT_OUT:
            assert not (root / "kit" / name).exists(), root / "kit" / name
        assert not (root / "kit" / "activity.csv").exists()
        for name in KEPT:
            assert (root / "kit" / name / "index.html").is_file()
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        found = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert not any(f"kit/{name}/" in found for name in LEFT_OUT)


def _internal_targets(html_file: Path) -> list[tuple[str, Path]]:
    """Each relative link of a page and the file it leads to."""
    targets = []
    for tag in read_page(html_file).find("a"):
        href = tag.attrs.get("href", "")
        parts = urlsplit(href)
        if not href or parts.scheme or href.startswith(("//", "#")):
            continue
        target = (html_file.parent / unquote(parts.path)).resolve()
        targets.append((href, target / "index.html" if target.is_dir() else target))
    return targets


def test_no_page_links_to_a_left_out_page(bare_site: Path) -> None:
    pages = sorted(p for p in bare_site.rglob("*.html") if p.name != "404.html")  # absolute links
    assert len(pages) > 10
    for html_file in pages:
        for href, target in _internal_targets(html_file):
            assert target.is_file(), f"{html_file}: {href}"
            assert not any(f"/kit/{name}" in target.as_posix() for name in LEFT_OUT), href
    navigation = " ".join(read_page(bare_site / "en" / "index.html").text)
    assert "Hashtags" in navigation and "Posts" in navigation
    assert "Accounts to follow" not in navigation and "Activity" not in navigation


def test_the_guide_says_how_without_the_left_out_pages(bare_site: Path) -> None:
    expert = " ".join(read_page(bare_site / "en" / "guide" / "expert" / "index.html").text)
    assert "to create your own List on X, open Lists (in the menu of your profile picture" in expert
    novice = " ".join(read_page(bare_site / "guide" / "novice" / "index.html").text)
    assert "ouvrez Explorer (la loupe) et cherchez" in novice
    competent = " ".join(read_page(bare_site / "en" / "guide" / "competent" / "index.html").text)
    assert "write a question of your own" in competent


def test_no_public_page_holds_instructions_for_maintainers(bare_site: Path) -> None:
    for html_file in bare_site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        for phrase in ("BEARER", "portevoix snapshot", "developer console", "snapshots/"):
            assert phrase not in text, f"{html_file}: {phrase}"


def test_check_notes_each_left_out_page_and_strict_lets_it_pass(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"velo": BARE})
    result = CliRunner().invoke(main, ["check", "--strict", "--project", str(project)])
    assert (result.exit_code, result.stderr) == (0, "")
    file = f"{project}/movements/velo/movement.yml"
    assert result.stdout.splitlines() == [
        f"{file}: note: no `targets`; the page that writes to decision-makers is left out "
        "until you add them under `targets`",
        f"{file}: note: no `questions` and no `conversations`; the Conversations page is left "
        "out until you add either",
        f"{file}: note: no `accounts`; the Accounts page is left out until you add accounts to "
        "follow under `accounts`",
        f"{file}: note: no `lists` and no `bluesky_lists`; the Lists page is left out until you "
        "add X Lists under `lists` or Bluesky lists and starter packs under `bluesky_lists`",
        f"{file}: note: no activity snapshot yet; the Activity page is left out until portevoix "
        "snapshot has run (README: Activity snapshots)",
        "1 movement file(s) valid.",
    ]


@pytest.mark.parametrize(
    ("extra", "left_out"),
    [
        (
            "",
            [
                "kit/posts.md",
                "kit/targets.md",
                "kit/conversations.md",
                "kit/accounts.md",
                "kit/lists.md",
            ],
        ),
        (
            "questions: [Pourquoi?]\n",
            ["kit/posts.md", "kit/targets.md", "kit/accounts.md", "kit/lists.md"],
        ),
        (
            "conversations: [{post: 'https://x.com/a/status/1', action: reply, prompt: Oui}]\n",
            ["kit/posts.md", "kit/targets.md", "kit/accounts.md", "kit/lists.md"],
        ),
        (
            "accounts: [{handle: RNAO}]\nlists: [{id: '1', name: L}]\n",
            ["kit/posts.md", "kit/targets.md", "kit/conversations.md"],
        ),
        (
            "targets: [{id: c, name: C, people: [{name: L, role: R, email: l@ville.example}]}]\n"
            "questions: [Pourquoi?]\naccounts: [{handle: RNAO}]\n",
            ["kit/posts.md", "kit/lists.md"],
        ),
    ],
)
def test_which_pages_are_left_out(tmp_path: Path, extra: str, left_out: list[str]) -> None:
    bare = BARE.split("posts:")[0]
    project = make_project(tmp_path, {"velo": bare + extra})
    spec = load_movement(project / "movements" / "velo" / "movement.yml").spec
    assert [left.page for left in left_out_pages(spec, has_snapshot=True)] == left_out
    assert [left.page for left in left_out_pages(spec, has_snapshot=False)] == [
        *left_out,
        "kit/activity.md",
    ]


def test_a_list_not_yet_read_sends_supporters_to_x(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"velo": BARE + "lists: [{id: '1', name: Élus}]\n"})
    root = project / "site"
    build(BuildOptions(project=Project(project), site_dir=root))
    text = " ".join(read_page(root / "velo" / "en" / "kit" / "lists" / "index.html").text)
    assert "open one on X to read its latest posts" in text
    assert "copied here" not in text and "The posts above" not in text
    assert "Latest posts of the list" not in text and "snapshot" not in text
