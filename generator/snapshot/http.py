"""Plain JSON over HTTPS for the networks whose public APIs need no SDK (Bluesky, Mastodon).

The edge between a snapshot and a server: every request has a timeout, every transport
failure of `requests` (refused or lost connection, timeout, truncated or undecodable body)
becomes a `TransientError` to retry, every HTTP status the error of its kind, and a 2xx body
that is not a JSON object a `MalformedResponse`. Secrets travel in headers only, and no
message here ever quotes a header or a URL's query. Rate-limit resets are read from the
headers each network documents (`ratelimit-reset` in Unix seconds on Bluesky,
`x-ratelimit-reset` as an ISO 8601 time on Mastodon); a 429 without them waits a minute.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence

import requests

from generator.snapshot.api import (
    AccessRefused,
    ApiError,
    MalformedResponse,
    NotFound,
    Payload,
    RateLimited,
    TransientError,
)

TIMEOUT_SECONDS = 30.0
MAX_BODY_BYTES = 8 * 1024 * 1024
"""No public answer we read comes near this: a larger body is refused, not held in memory."""
USER_AGENT = "porte-voix-snapshot (+https://github.com/porte-voix)"
TRANSPORT_ERRORS = (
    requests.ConnectionError,  # refused, reset, DNS, TLS, proxy, connect timeout
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,  # the connection closed mid-body
    requests.exceptions.ContentDecodingError,
)
Params = Mapping[str, str | int | Sequence[str]]


class JsonHttp:
    """GET and POST of JSON objects on one network, errors translated to the `ApiError` family."""

    def __init__(
        self,
        network: str,
        session: requests.Session | None = None,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        self.network = network
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.timeout = timeout

    def get(self, url: str, params: Params | None = None, token: str | None = None) -> Payload:
        return self._send("GET", url, params=params, token=token)

    def post(self, url: str, body: Payload, token: str | None = None) -> Payload:
        return self._send("POST", url, body=body, token=token)

    def get_json(self, url: str, params: Params | None = None, token: str | None = None) -> object:
        """GET of any JSON value: Mastodon answers its lists (of statuses) as bare arrays."""
        return self._receive("GET", url, params=params, token=token)

    def _send(
        self,
        method: str,
        url: str,
        params: Params | None = None,
        body: Payload | None = None,
        token: str | None = None,
    ) -> Payload:
        data = self._receive(method, url, params=params, body=body, token=token)
        if not isinstance(data, dict):
            where = url.split("?", 1)[0]
            raise MalformedResponse(f"{self.network}'s answer is not a JSON object ({where})")
        return data

    def _receive(
        self,
        method: str,
        url: str,
        params: Params | None = None,
        body: Payload | None = None,
        token: str | None = None,
    ) -> object:
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        where = url.split("?", 1)[0]
        try:
            response = self.session.request(
                method,
                url,
                params=params,
                json=body,
                headers=headers,
                timeout=self.timeout,
                stream=True,
            )
            content = _bounded_content(response)
        except TRANSPORT_ERRORS as error:
            raise TransientError(f"no answer from {self.network}: {type(error).__name__}") from None
        except requests.RequestException as error:
            raise ApiError(f"{self.network} could not be asked ({type(error).__name__})") from None
        if response.status_code >= 300:
            raise self._status_error(response, content, where)
        try:
            data = json.loads(content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise MalformedResponse(f"{self.network}'s answer is not JSON ({where})") from None
        return data

    def _status_error(self, response: requests.Response, content: bytes, where: str) -> ApiError:
        status = response.status_code
        message = f"{self.network} answered {status} {response.reason or ''}".rstrip()
        detail = _error_detail(content)
        message += f": {detail}" if detail else ""
        message += f" ({where})"
        if status == 429:
            return RateLimited(message, reset_at(response.headers))
        if status in (401, 403):
            return AccessRefused(message, status)
        if status == 404:
            return NotFound(message, status)
        if status >= 500:
            return TransientError(message, status)
        return ApiError(message, status)


def _bounded_content(response: requests.Response) -> bytes:
    """The body, read at most `MAX_BODY_BYTES` (a runaway answer is an error, not a crash)."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            response.close()
            raise requests.exceptions.ContentDecodingError("answer larger than 8 MB")
        chunks.append(chunk)
    return b"".join(chunks)


def _error_detail(content: bytes) -> str:
    """The error and message fields of a JSON error body (XRPC's and Mastodon's), short."""
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ""
    if not isinstance(data, dict):
        return ""
    parts = [str(data[k]) for k in ("error", "message", "error_description") if data.get(k)]
    return " ".join(" — ".join(dict.fromkeys(parts)).split())[:300]


def reset_at(headers: Mapping[str, str]) -> int | None:
    """When a rate limit resets (Unix seconds), from whichever header the server sent."""
    lowered = {key.lower(): value for key, value in headers.items()}
    for name in ("ratelimit-reset", "x-ratelimit-reset", "x-rate-limit-reset"):
        value = lowered.get(name, "").strip()
        if value.isdigit():
            return int(value)
        if value:
            try:
                return int(dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())
            except ValueError:
                continue
    return None
