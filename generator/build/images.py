"""Stage 3, images: the square and story images of each post's wordings in one language,
drawn anew, or taken from the previous output where they were drawn from the same inputs
(a new day, a new post or another language's change redraws nothing else)."""

from __future__ import annotations

from pathlib import Path

from generator import layout
from generator.movement import LoadedMovement
from generator.render.post_image_layout import FORMATS
from generator.render.post_images import DrawnImage, PostImage, draw_post_image, reusable


def post_image_files(
    loaded: LoadedMovement, language: str, previous: Path | None
) -> tuple[dict[str, bytes], list[str]]:
    """Each image's path in the site and its bytes, and a warning for each image whose text
    had to be cut; `previous` is this site's folder in the previous output, if any."""
    spec = loaded.spec
    site_url = layout.language_url(spec.site_url, language, spec.default_language)
    footer = layout.bare_address(site_url) if site_url else spec.name[language]
    logo_path = loaded.folder / spec.theme.logo if spec.theme.logo else None
    logo = logo_path.read_bytes() if logo_path and logo_path.suffix.lower() != ".svg" else None
    files: dict[str, bytes] = {}
    warnings: list[str] = []
    for post in spec.shared_posts:
        photo = (loaded.folder / post.image).read_bytes() if post.image else None
        for wording, text in enumerate([post.text, *post.variants]):
            for shape in FORMATS:
                name = layout.post_image_name(loaded.slug, post.id, wording, language, shape)
                path = f"{layout.KIT_FILES_DIR}/{name}"
                image = PostImage(
                    shape,
                    text[language],
                    spec.primary_hashtag(language).tag,
                    footer,
                    spec.theme.primary,
                    spec.theme.accent,
                    logo,
                    photo,
                )
                drawn = _reused_or_drawn(image, previous / path if previous else None)
                files[path] = drawn.png
                if drawn.cut:
                    warnings.append(
                        f"{name}: the text of post '{post.id}' is too long for a {shape} image "
                        "at the smallest size it is drawn at; the image ends after the last "
                        "word that fits, with '…' (shorten the post, or give it a variant)"
                    )
    return files, warnings


def _reused_or_drawn(image: PostImage, previous: Path | None) -> DrawnImage:
    kept = reusable(previous, image) if previous is not None else None
    return kept if kept is not None else draw_post_image(image)
