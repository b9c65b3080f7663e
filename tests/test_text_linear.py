"""Every text rule of generator.text takes time linear in the length of its text.

Each rule is timed on a text of 10,000 characters and on one of 100,000 built from the same
adversarial pattern: a linear rule takes about 10 times as long on the second, a quadratic one
about 100 times. (Backtracking regular expressions once made the URL rules quadratic: a post of
``http://a-a-a-...`` took 6 s at 8 KB.) The results are checked too, so that no rule gets fast by
getting wrong.
"""

from __future__ import annotations

import gc
import math
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import TypeVar

import pytest

from generator.text import (
    _url_spans,
    extract_hashtags,
    grapheme_length,
    is_valid_hashtag,
    mastodon_length,
    weighted_length,
)

SMALL_SIZE = 10_000
LARGE_SIZE = 100_000
# A linear rule gives about 10, one in n log n about 12, a quadratic one about 100.
MAX_RATIO = 25.0
SAMPLES = 3  # of the small text: the best one is kept, to cut noise
SAMPLE_SECONDS = 0.005  # the small text is run again and again until a sample lasts this long
ATTEMPTS = 3  # a ratio over MAX_RATIO is measured again before the test fails: machines are busy
HANG_SECONDS = 2.0  # no rule may take this long on 10 KB: a quadratic rule must not hang the suite

_Result = TypeVar("_Result")

# After every pattern: a hashtag and a URL, hence "#", "." and ":", so that no rule skips its
# URL extraction (X's skips it without ".", Mastodon's without ":", hashtags' without hashtags).
END = " #fin https://example.org/fin"
END_URL = "https://example.org/fin"

# The public rules on a text. (is_hashtag_char takes one character.)
RULES: dict[str, Callable[[str], object]] = {
    "weighted_length": weighted_length,
    "mastodon_length": mastodon_length,
    "grapheme_length": grapheme_length,
    "extract_hashtags": extract_hashtags,
    "is_valid_hashtag": is_valid_hashtag,
}


@dataclass(frozen=True)
class Pattern:
    """The texts ``prefix + unit * count + suffix + END``, and what the rules make of them.

    Lengths are (per unit, fixed); Mastodon's and Bluesky's are X's unless given. What is
    expected holds from 10 KB on: a URL of more than 4096 characters or a t.co slug of more than
    40 is no URL.
    """

    name: str
    unit: str
    weighted: tuple[int, int] = (1, 29)
    mastodon: tuple[int, int] | None = None
    graphemes: tuple[int, int] | None = None
    prefix: str = ""
    suffix: str = ""
    urls: tuple[str, ...] = (END_URL,)
    unit_hashtags: tuple[str, ...] = ()  # found in each unit, before END's "fin"

    def count(self, size: int) -> int:
        """How many units make a text of about ``size`` characters."""
        return (size - len(self.prefix) - len(self.suffix) - len(END)) // len(self.unit)

    def text(self, size: int) -> str:
        """The text of about ``size`` characters."""
        return self.prefix + self.unit * self.count(size) + self.suffix + END

    def expected(self, rule: str, size: int) -> object:
        """What ``rule`` returns for the text of about ``size`` characters."""
        count = self.count(size)
        lengths = {
            "weighted_length": self.weighted,
            "mastodon_length": self.mastodon or self.weighted,
            "grapheme_length": self.graphemes or self.weighted,
        }
        if rule in lengths:
            per_unit, fixed = lengths[rule]
            return per_unit * count + fixed
        if rule == "extract_hashtags":
            return [*self.unit_hashtags * count, "fin"]
        assert rule == "is_valid_hashtag"
        return False  # the text has spaces


PATTERNS = [
    Pattern("dashes", "-"),
    Pattern("dots", "."),
    Pattern("letters", "a"),
    Pattern("hash signs", "#"),
    Pattern("at signs", "@"),
    Pattern("underscores", "_"),
    Pattern("digits", "1"),
    Pattern("http:// repeated", "http://", (7, 29)),
    Pattern("www. repeated", "www.", (4, 29)),
    Pattern("accented letters", "\u00e9"),
    Pattern("Cyrillic labels", "\u0436.", (2, 29)),
    # One grapheme; NFC orders the marks (U+0316 first) and composes a + U+0301.
    Pattern("combining marks", "\u0316\u0301", (2, 29), (0, 30), (0, 30), prefix="a"),
    # U+0F73 decomposes into two marks, U+0F71 U+0F72, and stays decomposed.
    Pattern("Tibetan vowel signs", "\u0f73", (2, 29), (0, 30), (0, 30)),
    # One emoji (2) and a trailing ZWJ (1); one grapheme.
    Pattern("emoji ZWJ chain", "\U0001f468\u200d", (0, 32), (0, 30), (0, 30)),
    Pattern("flags", "\U0001f1eb\U0001f1f7", (2, 29), (1, 29), (1, 29)),
    # A black flag then tags without the cancel tag: one emoji, tags of weight 2, one grapheme.
    Pattern(
        "unterminated tag sequence", "\U000e0067", (2, 31), (0, 30), (0, 30), prefix="\U0001f3f4"
    ),
    Pattern("Hangul jamo", "\u1100\u1161\u11a8", (2, 29), (1, 29), (1, 29)),
    # Each hashtag ends at the next "#": none is one.
    Pattern("#a#a#a", "#a", (2, 29)),
    Pattern("hashtags", "#a ", (3, 29), unit_hashtags=("a",)),
    Pattern("a.a.a.a", "a.", (2, 29)),
    Pattern("a.a.a.a.com (too long for a URL)", "a.", (2, 32), suffix="com"),
    # A domain starting with xn-- needs an ASCII domain in it: none before the Cyrillic label.
    Pattern(
        "xn--a.a.a.a.\u0436.com (too long for a URL)",
        "a.",
        (2, 38),
        prefix="xn--",
        suffix="\u0436.com",
    ),
    # a.com follows a "_", which no bare domain may follow.
    Pattern("a_a_a_a.com", "a_", (2, 34), suffix="a.com"),
    Pattern("a-a-a-a", "a-", (2, 29)),
    Pattern("-.-.-.", "-.", (2, 29)),
    Pattern("http://a.a.a.a", "a.", (2, 36), prefix="http://"),
    Pattern("http://a-a-a-a", "a-", (2, 36), prefix="http://"),
    Pattern(
        "unclosed parentheses in a path",
        "(a",
        (2, 52),
        prefix="http://a.com/",
        graphemes=(2, 42),
        urls=("http://a.com/", END_URL),
    ),
    Pattern(
        "punctuation ending a query",
        "!",
        (1, 53),
        prefix="http://a.com/?",
        graphemes=(1, 43),
        urls=("http://a.com/", END_URL),
    ),
    Pattern("t.co slug too long", "a", (1, 42), prefix="https://t.co/"),
    # Mastodon counts each @a@a.a as @a.
    Pattern("remote mentions", "@a@a.a ", (7, 29), mastodon=(3, 29)),
]


class _TooSlow(Exception):
    """Raised by the alarm of ``_time_limit``."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block with ``_TooSlow`` after ``seconds``, where signals allow it.

    Python code and the ``re`` engine check for signals: a quadratic rule is stopped early.
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """A collection falling in one sample and not in another would only add noise."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _seconds_per_call(
    rule: Callable[[str], object], text: str, *, samples: int, limit: float
) -> tuple[float, object]:
    """Seconds ``rule(text)`` takes (the best of ``samples``), and what it returns.

    Each sample runs the rule again and again until it lasts ``SAMPLE_SECONDS``; ``_TooSlow``
    is raised when a sample goes past ``limit`` seconds.
    """
    best = math.inf
    result: object = None
    with _no_garbage_collection():
        for _ in range(samples):
            with _time_limit(limit):
                calls = 0
                start = time.perf_counter()
                while True:  # at least once, however late the process is scheduled
                    result = rule(text)
                    calls += 1
                    elapsed = time.perf_counter() - start
                    if elapsed >= SAMPLE_SECONDS:
                        break
            best = min(best, elapsed / calls)
    return best, result


def _call(rule: Callable[[str], _Result], text: str) -> _Result:
    """``rule(text)``, failing the test when it runs past ``HANG_SECONDS``."""
    try:
        with _time_limit(HANG_SECONDS):
            return rule(text)
    except _TooSlow:
        pytest.fail(f"more than {HANG_SECONDS} s on {len(text)} characters")


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda pattern: pattern.name)
def test_results_on_adversarial_text(pattern: Pattern) -> None:
    text = pattern.text(SMALL_SIZE)
    for name, rule in RULES.items():
        assert _call(rule, text) == pattern.expected(name, SMALL_SIZE), name
    # URLs have no public function of their own: X's and Mastodon's lengths and hashtags use it.
    assert [text[start:end] for start, end in _call(_url_spans, text)] == list(pattern.urls)
    with_protocol = _call(lambda text: _url_spans(text, require_protocol=True), text)
    assert [text[start:end] for start, end in with_protocol] == [
        url for url in pattern.urls if "://" in url
    ]


@pytest.mark.parametrize("rule_name", RULES)
@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda pattern: pattern.name)
def test_time_is_linear(pattern: Pattern, rule_name: str) -> None:
    rule = RULES[rule_name]
    small, large = pattern.text(SMALL_SIZE), pattern.text(LARGE_SIZE)
    ratios = []
    for _ in range(ATTEMPTS):
        try:
            small_seconds, small_result = _seconds_per_call(
                rule, small, samples=SAMPLES, limit=HANG_SECONDS
            )
        except _TooSlow:
            pytest.fail(f"more than {HANG_SECONDS} s on {len(small)} characters")
        assert small_result == pattern.expected(rule_name, SMALL_SIZE)
        try:
            # Stopped as soon as it is too slow: a quadratic rule would take minutes.
            large_seconds, large_result = _seconds_per_call(
                rule, large, samples=1, limit=SAMPLE_SECONDS + MAX_RATIO * small_seconds
            )
        except _TooSlow:
            ratios.append(math.inf)
            continue
        assert large_result == pattern.expected(rule_name, LARGE_SIZE)
        ratios.append(large_seconds / small_seconds)
        if ratios[-1] < MAX_RATIO:
            return
    ratio = f"{min(ratios):.1f}" if min(ratios) < math.inf else f"over {MAX_RATIO:.0f} (stopped)"
    pytest.fail(
        f"{len(large)} characters take {ratio} times as long as {len(small)}"
        f" (at most {MAX_RATIO:.0f} allowed; linear is 10, quadratic 100)"
    )
