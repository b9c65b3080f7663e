"""The only module that imports tweepy: `XApi` over `tweepy.Client`, errors translated.

tweepy never waits here (`wait_on_rate_limit=False`: it would retry forever); the snapshot run
decides how long to wait. tweepy logs the `Authorization: Bearer …` header at DEBUG level, so
its loggers (and those of the HTTP stack under it) are held at WARNING and scrubbed of the
token whatever verbosity the command line asks for.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import requests
import tweepy

from generator.snapshot.api import (
    LIST_FIELDS,
    POST_FIELDS,
    REF_USER_FIELDS,
    USER_FIELDS,
    AccessRefused,
    ApiError,
    MalformedResponse,
    NotFound,
    Payload,
    RateLimited,
    TransientError,
    UsageCapped,
)
from generator.snapshot.http import TRANSPORT_ERRORS

TIMEOUT_SECONDS = 30.0
QUIET_LOGGERS = ("tweepy", "urllib3", "requests", "requests_oauthlib", "oauthlib")


class _RedactToken(logging.Filter):
    """Replaces the token in any record that still reaches a handler."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "[redacted]"), None
        return True


def silence_http_loggers(token: str) -> None:
    """Keep the token out of logs: no DEBUG from the HTTP stack, and a redacting filter."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    # A logger's filters see only its own records: tweepy logs from `tweepy.client`.
    for name in (*QUIET_LOGGERS, "tweepy.client"):
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, _RedactToken)]:
            logger.removeFilter(old)
        logger.addFilter(_RedactToken(token))


class _TimeoutSession(requests.Session):
    """tweepy passes no timeout: without one a stalled connection would hang the job."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        response = super().request(*args, **kwargs)
        # tweepy turns this header into a number before raising TooManyRequests: one that is
        # none would crash it, so it is dropped and the run waits its fallback minute.
        reset = response.headers.get("x-rate-limit-reset")
        if reset is not None and not reset.strip().isdigit():
            del response.headers["x-rate-limit-reset"]
        return response


class TweepyApi:
    """`XApi` with tweepy 4: raw JSON bodies in, our error family out."""

    def __init__(self, token: str, timeout: float = TIMEOUT_SECONDS) -> None:
        silence_http_loggers(token)
        self._token = token
        # `return_type=dict`: tweepy still makes and checks the request and parses the JSON;
        # we keep X's body as is, so renamed fields (post_count, repost_count) reach our parser.
        self._client = tweepy.Client(bearer_token=token, return_type=dict, wait_on_rate_limit=False)
        self._client.session = _TimeoutSession(timeout)

    def get_users(self, usernames: Sequence[str]) -> Payload:
        return self._call(
            self._client.get_users, usernames=list(usernames), user_fields=list(USER_FIELDS)
        )

    def get_user_posts(self, user_id: str, max_results: int) -> Payload:
        return self._call(
            self._client.get_users_tweets,
            user_id,
            max_results=max_results,
            exclude=["retweets"],
            tweet_fields=list(POST_FIELDS),
        )

    def get_recent_counts(self, query: str) -> Payload:
        return self._call(self._client.get_recent_tweets_count, query, granularity="day")

    def get_list(self, list_id: str) -> Payload:
        return self._call(
            self._client.get_list,
            list_id,
            # No owner expansion: X bills it as a user read, and the run holds the owner.
            list_fields=list(LIST_FIELDS),
        )

    def get_list_posts(self, list_id: str, max_results: int) -> Payload:
        # No author expansion: X bills each expanded user, and the run holds most authors.
        return self._call(
            self._client.get_list_tweets,
            list_id,
            max_results=max_results,
            tweet_fields=list(POST_FIELDS),
        )

    def get_users_by_id(self, user_ids: Sequence[str]) -> Payload:
        return self._call(
            self._client.get_users, ids=list(user_ids), user_fields=list(REF_USER_FIELDS)
        )

    def get_list_members(self, list_id: str, max_results: int) -> Payload:
        return self._call(
            self._client.get_list_members,
            list_id,
            max_results=max_results,
            user_fields=list(REF_USER_FIELDS),
        )

    def _call(self, method: Any, *args: Any, **kwargs: Any) -> Payload:
        """`method`'s body; any error in our family, with the token cut out of its text."""
        try:
            return self._answer(method, *args, **kwargs)
        except ApiError as error:
            error.args = (str(error).replace(self._token, "[redacted]"),)
            raise

    @staticmethod
    def _answer(method: Any, *args: Any, **kwargs: Any) -> Payload:
        try:
            body = method(*args, **kwargs)
        except tweepy.TooManyRequests as error:
            if _usage_capped(error):
                raise UsageCapped(_describe(error)) from None
            raise RateLimited(_describe(error), _reset_at(error)) from None
        except (tweepy.Unauthorized, tweepy.Forbidden) as error:
            raise AccessRefused(_describe(error), _status(error)) from None
        except tweepy.NotFound as error:
            raise NotFound(_describe(error), 404) from None
        except tweepy.TwitterServerError as error:
            raise TransientError(_describe(error), _status(error)) from None
        except tweepy.HTTPException as error:
            status = _status(error)
            kind = AccessRefused if status == 402 else ApiError
            raise kind(_describe(error), status) from None
        except TRANSPORT_ERRORS as error:
            raise TransientError(f"no answer from X: {type(error).__name__}") from None
        except (ValueError, AttributeError, TypeError) as error:
            # A body that is not JSON (requests.JSONDecodeError is a ValueError); tweepy reads
            # error bodies with `.get` (a non-object fails there) and turns the rate-limit
            # header into a number before raising (a header that is none fails there).
            raise MalformedResponse(
                f"X's answer is not the documented JSON or headers ({error})"
            ) from None
        if not isinstance(body, dict):
            raise MalformedResponse("X's answer is not a JSON object")
        return body


def _usage_capped(error: tweepy.TooManyRequests) -> bool:
    """A 429 whose problem type is X's spent monthly cap, not a rate limit to wait out."""
    try:
        body = error.response.json()
    except ValueError:
        return False
    if not isinstance(body, dict):
        return False
    kind, title = str(body.get("type") or ""), str(body.get("title") or "")
    return kind.endswith("/usage-capped") or title == "UsageCapExceeded"


def _reset_at(error: tweepy.TooManyRequests) -> int | None:
    """`x-rate-limit-reset` (Unix seconds), read from the answer whatever tweepy's version."""
    value = str(error.response.headers.get("x-rate-limit-reset", "")).strip()
    return int(value) if value.isdigit() else None


def _status(error: tweepy.HTTPException) -> int | None:
    status = getattr(error.response, "status_code", None)
    return status if isinstance(status, int) else None


def _describe(error: tweepy.HTTPException) -> str:
    """tweepy's message is the status line and X's error texts, never a request header."""
    return " ".join(str(error).split())
