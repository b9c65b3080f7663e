"""Decision-makers and the posts addressed to them: `{target}` filled in per network, the
exact length rules with the longest handle each network carries, and what the page offers
for each person (its links decoded, its text escaped)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from generator.address import Wording, addressed, shown_text
from generator.errors import MovementError
from generator.movement import load_movement
from generator.movement.load import LoadedMovement
from generator.movement.notes import left_out_pages
from generator.render.pages import render_movement
from generator.render.targets import fold, target_groups, tel_address
from tests.support import REPO
from tests.support import VALID_MOVEMENT as VALID

COUNCIL = """\
targets:
  - id: council
    name: {fr: Conseil municipal, en: Town council}
    people:
      - name: Léa Tremblay
        role: {fr: Conseillère, en: Councillor}
        district: {name: {fr: Quartier 2 (le Lac), en: Ward 2 (Lake)}, codes: [2, H2X]}
        handle: Demo_Lea_Lac
        bluesky: lea.bsky.social
        mastodon: "@lea@piaille.fr"
        email: lea@ville.example
      - name: Marc-André Roy
        role: {fr: Conseiller, en: Councillor}
        bluesky: marc.bsky.social
        email: marc@ville.example
      - name: Nadia Haddad
        role: {fr: Mairesse, en: Mayor}
        phone: "+1 819 555-0104"
"""
POST = """\
posts:
  - id: budget
    targets: [council]
    title: {fr: Votez le budget, en: Vote for the budget}
    text:
      fr: "{target}, votez le budget des pistes le 16 février. #NursingWeek"
      en: "{target}, please vote for the bike lane budget on February 16. #NursingWeek"
    url: https://example.org/budget/
  - id: shared
    text: Come to the meeting.
"""


def load(tmp_path: Path, text: str) -> LoadedMovement:
    folder = tmp_path / "movements" / "nursing-week"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "movement.yml").write_text(text, encoding="utf-8")
    return load_movement(folder / "movement.yml")


def problems(tmp_path: Path, text: str) -> list[str]:
    """The errors of a movement file, each as `line: key: message`."""
    with pytest.raises(MovementError) as caught:
        load(tmp_path, text)
    return [
        f"{p.line}: {p.key}: {p.message}" for p in caught.value.problems if p.severity == "error"
    ]


@pytest.fixture
def council(tmp_path: Path) -> LoadedMovement:
    return load(tmp_path, VALID + COUNCIL + POST)


def test_the_placeholder_becomes_each_networks_mention_and_the_name_by_email(
    council: LoadedMovement,
) -> None:
    lea = council.spec.targets[0].people[0]
    wording = Wording("{target}, votez. Merci {target}!", ("NursingWeek",), None, "CareUnion", "")
    carried = addressed(wording, lea, "fr")
    assert list(carried) == ["x", "bluesky", "mastodon", "email"]
    assert carried["x"].text == "@Demo_Lea_Lac, votez. Merci @Demo_Lea_Lac!"
    assert carried["x"].via == "CareUnion"
    assert (
        carried["bluesky"].full_text()
        == "@lea.bsky.social, votez. Merci @lea.bsky.social! #NursingWeek"
    )
    assert carried["bluesky"].via is None
    assert carried["mastodon"].text == "@lea@piaille.fr, votez. Merci @lea@piaille.fr!"
    # By email: the person's name, and no hashtag added to a letter.
    assert carried["email"].full_text() == "Léa Tremblay, votez. Merci Léa Tremblay!"


def test_a_target_without_x_gets_no_x_link_and_is_shown_by_their_bluesky_handle(
    council: LoadedMovement,
) -> None:
    views = target_groups(council.spec, "en", None)[0].people
    lea, marc, nadia = views
    assert [link.network for link in lea.posts[0].wordings[0].links] == [
        "x", "bluesky", "mastodon", "email"
    ]  # fmt: skip
    assert [link.network for link in marc.posts[0].wordings[0].links] == ["bluesky", "email"]
    assert marc.posts[0].wordings[0].shown.startswith("@marc.bsky.social, please vote")
    assert lea.posts[0].wordings[0].shown == (
        "@Demo_Lea_Lac, please vote for the bike lane budget on February 16. #NursingWeek "
        "https://example.org/budget/"
    )
    # Reached by phone only: no post can go to her, her number is a link to call.
    assert nadia.posts[0].wordings[0].links == []
    assert nadia.tel == "tel:+18195550104"
    assert [link.network for link in lea.follow] == ["x", "bluesky", "mastodon"]


def test_every_link_decodes_to_the_post_with_that_persons_handle(
    council: LoadedMovement,
) -> None:
    lea = target_groups(council.spec, "fr", None)[0].people[0]
    links = {link.network: link.href for link in lea.posts[0].wordings[0].links}
    x = parse_qs(urlsplit(links["x"]).query)
    assert x["text"] == ["@Demo_Lea_Lac, votez le budget des pistes le 16 février. #NursingWeek"]
    assert x["url"] == ["https://example.org/budget/"]
    assert x["via"] == ["CareUnion"]
    bluesky = parse_qs(urlsplit(links["bluesky"]).query)["text"][0]
    assert bluesky.startswith("@lea.bsky.social, votez") and bluesky.endswith("/budget/")
    mastodon = parse_qs(urlsplit(links["mastodon"]).query)["text"][0]
    assert mastodon.startswith("@lea@piaille.fr, votez")
    email = urlsplit(links["email"])
    assert (email.scheme, unquote(email.path)) == ("mailto", "lea@ville.example")
    fields = parse_qs(email.query)
    assert fields["subject"] == ["Votez le budget"]
    assert fields["body"] == [
        "Léa Tremblay, votez le budget des pistes le 16 février. #NursingWeek "
        "https://example.org/budget/"
    ]


def test_addressed_posts_leave_the_posts_page_and_fill_the_targets_page(
    council: LoadedMovement,
) -> None:
    pages = render_movement(council, "en", REPO / "docs")
    assert "post-budget" not in pages["kit/posts.md"]
    assert "post-shared" in pages["kit/posts.md"]
    assert "{target}" not in "".join(pages.values())
    assert "@Demo&#95;Lea&#95;Lac, please vote" in pages["kit/targets.md"]
    assert "Write to your representatives" in pages["index.md"]
    only_addressed = council.spec.model_copy(update={"posts": council.spec.posts[:1]})
    assert "kit/posts.md" in {left.page for left in left_out_pages(only_addressed, False)}


def test_text_from_the_file_is_escaped_on_the_targets_page(tmp_path: Path) -> None:
    payload = "<script>alert(1)</script> *em* _u_ [x](javascript:alert(1)) {: .x }"
    council = COUNCIL.replace("name: Léa Tremblay", f"name: '{payload}'").replace(
        "en: Ward 2 (Lake)", "en: 'Ward_2 <b>bold</b>'"
    )
    page = render_movement(load(tmp_path, VALID + council + POST), "en", REPO / "docs")
    # Attribute values are HTML-escaped whole (Markdown leaves raw HTML's attributes alone).
    html = re.sub(r'="[^"]*"', '=""', page["kit/targets.md"])
    for raw in ("<script>", "<b>", "](javascript", "*em*", "_u_", "{: .x }"):
        assert raw not in html, raw
    assert "&#60;script&#62;alert(1)&#60;/script&#62; &#42;em&#42;" in html


# Each network's limit, exact with the longest mention it carries: the people of a council,
# the character a post is padded with, how many of them reach the limit, and the message
# one more gives.
LIMITS = {
    # '@A_very_long_nam' (16) + ' ' + 248 + ' via @CareUnion' (15) = 280
    "x": (
        ["{name: Short, role: Councillor, handle: Lea}",
         "{name: Long, role: Councillor, handle: A_very_long_nam}"],
        "a", 248,
        "21: posts[0].text: the post is 281/280 on X with {target} as @A_very_long_nam "
        "(targets[0].people[1].handle, line 17), the longest of its targets there, with "
        "' via @CareUnion'; shorten it by 1",
    ),
    # '@very-long-handle-name.bsky.social' (34) + ' ' + 265 graphemes = 300
    "bluesky": (
        ["{name: Long, role: Councillor, bluesky: very-long-handle-name.bsky.social}",
         "{name: Short, role: Councillor, bluesky: lea.bsky.social}"],
        "é", 265,
        "21: posts[0].text: the post is 301/300 on Bluesky with {target} as "
        "@very-long-handle-name.bsky.social (targets[0].people[0].bluesky, line 16), the "
        "longest of its targets there; shorten it by 1",
    ),
    # Mastodon counts '@lea@a-very-long-server-name.example' as '@lea' (4) + ' ' + 495 = 500
    "mastodon": (
        ['{name: Lea, role: Councillor, mastodon: "@lea@a-very-long-server-name.example"}'],
        "b", 495,
        "20: posts[0].text: the post is 501/500 on Mastodon with {target} as "
        "@lea@a-very-long-server-name.example (targets[0].people[0].mastodon, line 16), the "
        "longest of its targets there; shorten it by 1",
    ),
}  # fmt: skip


@pytest.mark.parametrize("network", list(LIMITS))
def test_each_network_limit_is_exact_with_the_longest_mention(tmp_path: Path, network: str) -> None:
    people, char, at_limit, message = LIMITS[network]

    def movement(letters: int) -> str:
        return (
            VALID
            + "targets:\n  - id: council\n    name: Council\n    people:\n"
            + "".join(f"      - {person}\n" for person in people)
            + f'posts:\n  - id: p\n    targets: [council]\n    text: "{{target}} {char * letters}"\n'
        )

    assert load(tmp_path, movement(at_limit)).spec.posts[0].is_addressed
    assert problems(tmp_path, movement(at_limit + 1)) == [message]


def test_a_group_no_post_addresses_gets_a_warning(tmp_path: Path) -> None:
    movement = load(tmp_path, VALID + COUNCIL)
    warnings = [f"{p.key}: {p.message}" for p in movement.warnings if p.severity == "warning"]
    assert (
        "targets[0].id: no post is addressed to group 'council': its people are listed with "
        "their contacts only; add `targets: [council]` to a post written for them"
    ) in warnings


def test_target_profiles_are_read_only_when_asked_and_never_on_x(tmp_path: Path) -> None:
    off = load(tmp_path, VALID + COUNCIL + POST).spec
    assert off.profiled("bluesky") == [] and off.profiled("mastodon") == []
    on = load(tmp_path, VALID + COUNCIL + POST + "stats: {targets: true}\n").spec
    assert on.profiled("bluesky") == ["lea.bsky.social", "marc.bsky.social"]
    assert on.profiled("mastodon") == ["@lea@piaille.fr"]
    assert on.profiled("x") == ["CareUnion"]
    assert on.networks() == ["x", "bluesky", "mastodon"]


def test_the_finder_folds_accents_case_and_punctuation() -> None:
    assert fold("Côte-des-Neiges\u2013Notre-Dame") == "cote des neiges notre dame"
    assert fold("Quartier 2 (le Lac)") == "quartier 2 le lac"
    assert fold("ÉRABLES_nord") == "erables nord"


def test_shown_text_falls_back_to_the_name_without_any_handle(council: LoadedMovement) -> None:
    nadia = council.spec.targets[0].people[2]
    wording = Wording("{target}, votez.", (), None, None, "")
    assert shown_text(wording, nadia, "en").full_text() == "Nadia Haddad, votez."
    assert tel_address("(819) 555-0104") == "tel:8195550104"
