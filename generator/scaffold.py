"""`portevoix new`: a commented movement file that is valid as it stands."""

from __future__ import annotations

_TEMPLATE = """\
# yaml-language-server: $schema=../../movement.schema.json
# Movement file of Porte-voix, format v1. Every key is explained in movement.schema.json;
# `portevoix check` validates this file and says where and how to fix any problem.
#
# A text is either one string (the same in every language) or one string per language:
#   name: {{fr: Mon mouvement, en: My movement}}

# Languages of the site; the first one is served at the root of the site.
languages: [fr, en]

name:
  fr: Mouvement {slug}
  en: The {slug} movement
tagline:
  fr: Une phrase qui dit ce que le mouvement veut obtenir.
  en: One sentence that says what the movement wants.
description:
  fr: Un paragraphe pour la page d'accueil.
  en: A paragraph for the home page.

# The home page's big button: what you ask of supporters (without it: share a post).
# ask:
#   label: {{fr: Signez la pétition, en: Sign the petition}}
#   url: https://example.org/petition/

# Key dates; the home page shows the next ones. A time is in `timezone`.
# dates:
#   - label: {{fr: Rassemblement, en: Rally}}
#     date: 2027-03-08 12:00
# timezone: America/Toronto

organization:
  name: {{fr: Notre organisme, en: Our organization}}
  # How the guide's sentences name it, article included (la Coalition, l'AIIAO, the Coalition):
  # short_name: {{fr: notre organisme, en: our organization}}
  handle: OurOrganization   # the X username, without @
  url: https://example.org/
  # Its other networks: followers and posts are read there for free.
  # bluesky: ourorganization.bsky.social
  # mastodon: "@ourorganization@mastodon.social"

# Where the site will be published (social cards need it). Remove if unknown.
# site_url: https://example.org/{slug}/

# Hashtags without '#', each word capitalized so screen readers read it well.
hashtags:
  - tag: OurMovement
    primary: true
    note:
      fr: Le mot-clic de toutes nos publications.
      en: The hashtag of all our posts.

# Ready-to-share posts: text, then optional link and hashtags (X adds them at the end).
posts:
  - id: first-post
    text:
      fr: Je soutiens notre mouvement. Et vous ?
      en: I support our movement. Do you?
    url: https://example.org/
    hashtags: [OurMovement]
    variants:
      - fr: Notre mouvement a besoin de vous.
        en: Our movement needs you.
    # Each wording gets a square and a story image; a photo goes at their top:
    # image: photos/rally.jpg
    # On the printable one-pager (at most 3 posts; without any, the first three):
    # print: true

# Questions supporters can ask their followers.
questions:
  - fr: Qu'est-ce qui vous a amené à soutenir le mouvement ?
    en: What brought you to support the movement?

# Posts on X to quote or reply to: copy a post's address from its share menu.
# conversations:
#   - post: https://x.com/OurOrganization/status/1234567890123456789
#     action: quote          # or reply
#     prompt: {{fr: Ajoutez votre témoignage., en: Add your own story.}}

# Accounts supporters should follow: X handle, bluesky and mastodon, any of the three.
accounts:
  - handle: OurOrganization
    # bluesky: ourorganization.bsky.social
    note: {{fr: Le compte de l'organisme., en: The organization's account.}}

# X Lists readable by everyone: the id is the number at the end of the list's address.
# lists:
#   - id: "1234567890"
#     name: {{fr: Personnes à suivre, en: People to follow}}

# Bluesky lists and starter packs readable by everyone, by their bsky.app address.
# bluesky_lists:
#   - url: https://bsky.app/starter-pack/ourorganization.bsky.social/3kabcdefgh
#     name: {{fr: Pack de départ, en: Starter pack}}

# Decision-makers supporters write to, from the page "Write to your representatives": a
# supporter finds theirs by district name, ward number or postal code start (`codes`). A
# post with `targets: [council]` says {{target}} where each person's handle goes.
# targets:
#   - id: council
#     name: {{fr: Conseil municipal, en: City council}}
#     people:
#       - name: Prénom Nom
#         role: {{fr: Conseillère, en: Councillor}}
#         district: {{name: {{fr: Quartier 1, en: Ward 1}}, codes: [1, H2X]}}
#         handle: SonCompteX       # any of handle, bluesky, mastodon, email, phone
#         email: conseillere@ville.example

# What the activity dashboard measures (defaults: the organization and the primary hashtags).
# stats:
#   accounts: [OurOrganization]          # on X
#   hashtags: [OurMovement]              # on every network read
#   networks: [x, bluesky, mastodon]     # default: X and every network named above

# Colours (Material palette names) and a logo file in this folder.
theme:
  primary: indigo
  accent: pink

# The one-pager's PDF: US Letter, or A4.
# print: {{paper: a4}}
"""


def new_movement_text(slug: str) -> str:
    """The starting movement file for `slug`."""
    return _TEMPLATE.format(slug=slug)
