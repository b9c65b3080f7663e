"""Bluesky's endpoints over plain HTTPS, and the login read from the environment.

The AppView's reads are public; only `search_posts` needs the session `create_session`
opens with an app password. Neither the password nor the session's token ever leaves
`HttpBluesky`: no message, error, record or log quotes them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from generator.errors import PorteVoixError
from generator.snapshot.api import (
    AccessRefused,
    ApiError,
    MalformedResponse,
    NotFound,
    Payload,
)
from generator.snapshot.http import JsonHttp, Params

APPVIEW = "https://public.api.bsky.app/xrpc"
DEFAULT_SERVICE = "https://bsky.social"
"""Where an account logs in, unless `BLUESKY_SERVICE` names its own server."""
HANDLE_VARIABLE = "BLUESKY_HANDLE"
PASSWORD_VARIABLE = "BLUESKY_APP_PASSWORD"
SERVICE_VARIABLE = "BLUESKY_SERVICE"
APP_PASSWORD = re.compile(r"[a-z0-9]{4}(?:-[a-z0-9]{4}){3}")
"""The shape of every app password Bluesky generates; an account's own password is not."""

SEARCH_PAGE_SIZE = 100
NOT_FOUND = re.compile(r"not found|unable to resolve handle", re.IGNORECASE)
"""What the AppView says, with a 400, of an actor, list or handle that does not exist."""


class BlueskyLoginError(PorteVoixError):
    """The Bluesky login in the environment is unsafe or cannot be an app password."""


@dataclass(frozen=True)
class BlueskyLogin:
    """An account to search posts with: its handle and an app password (never shown)."""

    handle: str
    app_password: str = field(repr=False)
    service: str = DEFAULT_SERVICE


def credentials_from_environment() -> BlueskyLogin | None:
    """The login in `BLUESKY_HANDLE` and `BLUESKY_APP_PASSWORD`, or None unless both are set.

    Raises `BlueskyLoginError` for a password not shaped like an app password (an account's
    own password must never be used) and for a `BLUESKY_SERVICE` that is not https.
    """
    handle = os.environ.get(HANDLE_VARIABLE, "").strip().lstrip("@").lower()
    password = os.environ.get(PASSWORD_VARIABLE, "").strip()
    if not handle or not password:
        return None
    if not APP_PASSWORD.fullmatch(password):
        raise BlueskyLoginError(
            f"{PASSWORD_VARIABLE} is not an app password (four groups of four letters or "
            "digits, xxxx-xxxx-xxxx-xxxx): create one in Bluesky's Settings → Privacy and "
            "security → App passwords and use it, never the account's own password"
        )
    service = os.environ.get(SERVICE_VARIABLE, "").strip().rstrip("/") or DEFAULT_SERVICE
    if not service.startswith("https://"):
        raise BlueskyLoginError(
            f"{SERVICE_VARIABLE} must be an https:// address (it is {service!r}): the app "
            "password is sent to it"
        )
    return BlueskyLogin(handle, password, service)


class BlueskyApi(Protocol):
    """The endpoints of Bluesky a snapshot uses: the AppView's public reads, and a login
    whose session only `search_posts` uses."""

    @property
    def login_handle(self) -> str | None:
        """The handle `create_session` logs in as, None without a login."""

    def get_profiles(self, actors: Sequence[str]) -> Payload:
        """`app.bsky.actor.getProfiles`: up to 25 actors (handles or DIDs)."""

    def get_author_feed(self, actor: str, limit: int) -> Payload:
        """`app.bsky.feed.getAuthorFeed`, replies left out (reposts come with a `reason`)."""

    def resolve_handle(self, handle: str) -> Payload:
        """`com.atproto.identity.resolveHandle`: `{"did": …}`."""

    def get_list(self, uri: str, limit: int) -> Payload:
        """`app.bsky.graph.getList`: the list and its first page of members."""

    def get_starter_pack(self, uri: str) -> Payload:
        """`app.bsky.graph.getStarterPack`."""

    def get_list_feed(self, uri: str, limit: int) -> Payload:
        """`app.bsky.feed.getListFeed`: the latest posts of a list's members."""

    def create_session(self) -> Payload:
        """`com.atproto.server.createSession`: `{"did", "handle"}`, the tokens kept inside."""

    def search_posts(self, query: str, since: str, until: str, cursor: str | None) -> Payload:
        """`app.bsky.feed.searchPosts`, latest first, 100 a page, with the session's token."""


class HttpBluesky:
    """`BlueskyApi` over plain HTTPS: reads anonymous, searches with the session's token."""

    def __init__(
        self,
        http: JsonHttp | None = None,
        login: BlueskyLogin | None = None,
        service: str | None = None,
    ) -> None:
        self.http = http or JsonHttp("Bluesky")
        self.login = login
        self.service = (service or (login.service if login else DEFAULT_SERVICE)).rstrip("/")
        self._token: str | None = None

    @property
    def login_handle(self) -> str | None:
        return self.login.handle if self.login else None

    def get_profiles(self, actors: Sequence[str]) -> Payload:
        return self._read("app.bsky.actor.getProfiles", {"actors": list(actors)})

    def get_author_feed(self, actor: str, limit: int) -> Payload:
        params = {"actor": actor, "limit": str(limit), "filter": "posts_no_replies"}
        return self._read("app.bsky.feed.getAuthorFeed", params)

    def resolve_handle(self, handle: str) -> Payload:
        return self._read("com.atproto.identity.resolveHandle", {"handle": handle})

    def get_list(self, uri: str, limit: int) -> Payload:
        return self._read("app.bsky.graph.getList", {"list": uri, "limit": str(limit)})

    def get_starter_pack(self, uri: str) -> Payload:
        return self._read("app.bsky.graph.getStarterPack", {"starterPack": uri})

    def get_list_feed(self, uri: str, limit: int) -> Payload:
        return self._read("app.bsky.feed.getListFeed", {"list": uri, "limit": str(limit)})

    def _read(self, method: str, params: Params) -> Payload:
        """An AppView GET; the 400 it answers for what does not exist becomes `NotFound`."""
        try:
            return self.http.get(f"{APPVIEW}/{method}", params=params)
        except ApiError as error:
            if type(error) is ApiError and error.status == 400 and NOT_FOUND.search(str(error)):
                raise NotFound(str(error), 400) from None
            raise

    def create_session(self) -> Payload:
        """Log in; the access token stays here, the answer keeps the account's DID and handle."""
        if self.login is None:
            raise AccessRefused("no Bluesky login: set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD")
        body = {"identifier": self.login.handle, "password": self.login.app_password}
        url = f"{self.service}/xrpc/com.atproto.server.createSession"
        answer = self._hiding_secrets(lambda: self.http.post(url, body))
        token = answer.get("accessJwt")
        if not isinstance(token, str) or not token:
            raise MalformedResponse("Bluesky's login answer has no access token")
        self._token = token
        return {key: answer[key] for key in ("did", "handle") if key in answer}

    def search_posts(self, query: str, since: str, until: str, cursor: str | None) -> Payload:
        if self._token is None:
            raise AccessRefused("searching Bluesky's posts needs a login, and none was made")
        params = {"q": query, "since": since, "until": until, "sort": "latest"}
        params |= {"limit": str(SEARCH_PAGE_SIZE), **({"cursor": cursor} if cursor else {})}
        url = f"{self.service}/xrpc/app.bsky.feed.searchPosts"
        token = self._token
        return self._hiding_secrets(lambda: self.http.get(url, params=params, token=token))

    def _hiding_secrets(self, call: Callable[[], Payload]) -> Payload:
        """`call`, with the app password and the token cut out of any error it raises."""
        try:
            return call()
        except ApiError as error:
            message = str(error)
            for secret in (self.login.app_password if self.login else None, self._token):
                message = message.replace(secret, "[hidden]") if secret else message
            error.args = (message,)
            raise
