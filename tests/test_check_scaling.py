"""`check` on big movements: its time grows linearly, and pages too heavy for a phone are
flagged with an estimate that matches what a build writes."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from generator.build import BuildOptions, Project, build
from generator.movement import LoadedMovement, load_movement
from generator.movement.rules import HEAVY_PAGE_BYTES, PAGE_BASE_BYTES, estimated_page_bytes
from tests.support import make_project

HEAD = """\
languages: [fr, en]
name: {fr: Vélo sûr, en: Safe cycling}
tagline: {fr: Des pistes protégées., en: Protected lanes.}
organization: {name: Coalition, handle: DemoVeloSur, url: "https://example.org/"}
site_url: https://example.org/demo/
hashtags:
  - {tag: VéloSûr, lang: fr, primary: true}
  - {tag: SafeCycling, lang: en, primary: true}
  - {tag: Belvent2030}
"""
FR = (
    "Ce matin, {i} enfants de l'école des Pins sont venus à vélo, et des parents ont dû les "
    "escorter sur le boulevard du Lac, faute de piste protégée. Nos élèves méritent mieux!"
)
EN = (
    "This morning, {i} kids from Pins Elementary rode to school, and parents had to escort "
    "them along Lake Boulevard: there is no protected lane. Our students deserve better!"
)


def movement_yaml(
    posts: int = 0,
    accounts: int = 0,
    conversations: int = 0,
    questions: int = 0,
    lists: int = 0,
    targets: int = 0,
) -> str:
    """A movement with that many of each item, texts of a typical length; with `targets`,
    a council of that many people and two posts addressed to it, one with a variant."""
    lines = [HEAD, "posts:\n" if posts or targets else ""]
    if targets:
        lines.append(
            f'  - id: to-council\n    targets: [council]\n    text: {{fr: "{{target}}, {FR.format(i=12)}", '
            f'en: "{{target}}, {EN.format(i=12)}"}}\n    url: https://example.org/velo/conseil\n'
            f'    variants: ["{{target}}, votez pour les pistes protégées, de grâce!"]\n'
            f'  - id: to-council-2\n    targets: [council]\n    text: "{{target}}, {EN.format(i=9)}"\n'
        )
    for i in range(posts):
        # Every cross-check has work to do: a declared tag, an undeclared one close to a
        # declared one (a warning with a look-up), a variant, an invisible character.
        lines.append(
            f'  - id: p{i}\n    text: {{fr: "{FR.format(i=i)}", en: "{EN.format(i=i)}"}}\n'
            f"    url: https://example.org/velo/{i}\n"
            f"    hashtags: [Belvent2030, VeloSur{i % 7}]\n"
            f'    variants: ["Variante {i}\u200b : à vélo!"]\n'
        )
    note = "Le compte d'un allié de la coalition, pour les annonces et les rendez-vous du quartier."
    prompt = "Le plan de mobilité de Belvent-sur-Lac doit prévoir des pistes protégées jusqu'à chaque école. Je participe à la consultation, et vous?"
    question = "Parents de Belvent-sur-Lac : vos enfants iraient-ils à l'école à vélo s'il y avait une piste protégée?"
    sections = {
        "accounts": [f'  - {{handle: Allie{i}, note: "{note}"}}\n' for i in range(accounts)],
        "conversations": [
            f"  - {{post: 'https://x.com/Mairie/status/{1000 + i}', action: reply, "
            f'prompt: "{prompt} {i}"}}\n'
            for i in range(conversations)
        ],
        "questions": [f'  - "{question} {i}"\n' for i in range(questions)],
        "lists": [
            f"  - {{id: '{1000 + i}', name: Élus {i}, description: Les élus et leurs équipes.}}\n"
            for i in range(lists)
        ],
    }
    sections["targets"] = (
        ["  - id: council\n    name: Conseil municipal\n    people:\n"] if targets else []
    ) + [
        f"      - {{name: Conseillère {i}, role: Conseillère, handle: Conseil{i}, "
        f"bluesky: conseil{i}.ville.example, mastodon: '@conseil{i}@ville.example', "
        f"email: conseil{i}@ville.example, phone: '+1 555 010 {1000 + i}', "
        f"district: {{name: Quartier {i}, codes: [{i}, H{i}X]}}}}\n"
        for i in range(targets)
    ]
    for key, items in sections.items():
        lines += [f"{key}:\n", *items] if items else []
    return "".join(lines)


def load(tmp_path: Path, text: str, slug: str = "big") -> LoadedMovement:
    """`text` through the real loader, as `check` reads it."""
    source = tmp_path / slug / "movement.yml"
    source.parent.mkdir(parents=True)
    source.write_text(text, encoding="utf-8")
    return load_movement(source)


def _seconds(source: Path, runs: int) -> tuple[float, LoadedMovement]:
    """The best of `runs` loads of `source`, collector off: its passes grow with the heap
    whatever the checks do, and this test is about the checks' own complexity."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            loaded = load_movement(source)
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best, loaded


def short_posts(count: int) -> str:
    """`count` short posts, each giving every cross-check work: duplicate ids and tags to
    look up, a declared tag, an undeclared one close to a declared one (a warning), an
    invisible character (another), a variant."""
    posts = "".join(
        f'  - {{id: p{i}, text: "Texte {i}\u200b à vélo!", hashtags: [Belvent2030, VeloSur{i % 7}],'
        f' variants: ["Variante {i}"]}}\n'
        for i in range(count)
    )
    return f"{HEAD}posts:\n{posts}"


def test_check_time_is_linear_in_posts(tmp_path: Path) -> None:
    small, large = 400, 4_000
    sources = {}
    for count in (small, large):
        sources[count] = tmp_path / f"posts-{count}" / "movement.yml"
        sources[count].parent.mkdir()
        sources[count].write_text(short_posts(count), encoding="utf-8")
    small_time, _ = _seconds(sources[small], runs=5)  # the first run also warms the caches
    large_time, loaded = _seconds(sources[large], runs=1)
    assert len(loaded.warnings) > 2 * large  # the checks ran, and had findings to place
    ratio = large_time / small_time
    # Linear is 10 times; one cross-check comparing every post with every other makes it ~100.
    assert ratio < 20, f"{large} posts take {ratio:.1f} times the time of {small}"


def _weight_warnings(loaded: LoadedMovement) -> list[str]:
    return [str(p).split(": warning: ", 1)[1] for p in loaded.warnings if "KB of HTML" in p.message]


def test_heavy_pages_are_flagged_with_their_estimate(tmp_path: Path) -> None:
    text = movement_yaml(posts=2, accounts=700, conversations=150, questions=100, lists=180)
    assert _weight_warnings(load(tmp_path, text)) == [
        "accounts: the accounts page (700 accounts) would weigh about 540 KB of HTML, more than "
        "the 500 KB a phone loads comfortably; keep the accounts that matter most (an X List "
        "can gather the others), or split the campaign into two movements",
        "conversations: the conversations page (150 conversations, 100 questions) would weigh "
        "about 520 KB of HTML, more than the 500 KB a phone loads comfortably; keep the most "
        "timely conversations and questions, or split the campaign into two movements",
    ]


def test_pages_under_the_limit_are_not_flagged(tmp_path: Path) -> None:
    text = movement_yaml(posts=30, accounts=600, conversations=100, questions=100, lists=170)
    assert _weight_warnings(load(tmp_path, text)) == []


@pytest.fixture(scope="module")
def built_pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadedMovement, Path]:
    text = movement_yaml(
        posts=12, accounts=40, conversations=40, questions=40, lists=40, targets=30
    )
    root = make_project(tmp_path_factory.mktemp("weights"), {"big": text})
    build(BuildOptions(project=Project(root), site_dir=root / "site"))
    return load_movement(root / "movements" / "big" / "movement.yml"), root / "site" / "big"


@pytest.mark.parametrize(
    "page", ["kit/posts", "kit/targets", "kit/accounts", "kit/conversations", "kit/lists"]
)
def test_estimates_match_a_build(built_pages: tuple[LoadedMovement, Path], page: str) -> None:
    """The constants come from measured builds: if the pages change much, measure again."""
    loaded, site = built_pages
    actual = (site / page / "index.html").stat().st_size
    estimate = estimated_page_bytes(loaded.spec)[page]
    assert PAGE_BASE_BYTES < estimate < HEAVY_PAGE_BYTES
    assert abs(estimate - actual) < 0.25 * actual, f"{page}: {estimate} estimated, {actual} built"


def test_a_targets_page_too_heavy_is_flagged(tmp_path: Path) -> None:
    assert _weight_warnings(load(tmp_path, movement_yaml(targets=60))) == [
        "targets: the targets page (60 people, 2 addressed posts) would weigh about 710 KB of "
        "HTML, more than the 500 KB a phone loads comfortably; keep fewer addressed posts and "
        "variants per group, or split the campaign into two movements"
    ]
