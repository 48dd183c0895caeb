"""Single sign-on with OpenID Connect, through Authlib's Flask client: the redirect to the provider,
and the way back (state, PKCE, the code exchanged for tokens, the ID token checked).

Authlib does the protocol: the Authorization Code flow with PKCE (S256), `state` and `nonce` kept in
the session until the provider sends the browser back (used once), the ID token's signature checked
against the provider's published keys (fetched again when a token names a key it has not seen, so
the provider can rotate its keys), and its issuer, audience, expiry and nonce checked with a small
allowance for clock skew. Staffroom writes no JWT code of its own. Who gets in is app/auth/sso.py.
"""

from dataclasses import dataclass
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.common.urls import add_params_to_uri
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app
from joserfc.errors import JoseError
from werkzeug.wrappers import Response

_CLIENT_NAME = "oidc"
CALLBACK_PATH = "/sign-in/oidc/callback"
# The lengths of users.sso_subject and users.email.
SUBJECT_MAX_LENGTH = 255
EMAIL_MAX_LENGTH = 254


class SignInFailed(Exception):
    """The provider's answer cannot be trusted or used; the message is for the person."""


@dataclass(frozen=True)
class Identity:
    """What the provider says about the person, from the checked ID token."""

    subject: str
    email: str
    email_verified: bool
    name: str
    groups: tuple[str, ...]
    team: str


def init_app(app: Flask) -> None:
    """Each app gets its own Authlib registry: the provider's metadata and keys are cached on it."""
    oauth = OAuth(app)
    if app.config["OIDC_ENABLED"]:
        oauth.register(
            _CLIENT_NAME,
            client_id=app.config["OIDC_CLIENT_ID"],
            client_secret=app.config["OIDC_CLIENT_SECRET"],
            server_metadata_url=app.config["OIDC_ISSUER"] + "/.well-known/openid-configuration",
            client_kwargs={
                "scope": "openid email profile",
                "code_challenge_method": "S256",
                "default_timeout": app.config["OIDC_TIMEOUT"],
            },
        )
    app.extensions["staffroom_oidc"] = oauth


def enabled() -> bool:
    return bool(current_app.config["OIDC_ENABLED"])


def _client():
    return current_app.extensions["staffroom_oidc"].create_client(_CLIENT_NAME)


def redirect_uri() -> str:
    """The address the provider sends people back to: BASE_URL + CALLBACK_PATH, the one the
    operator registers with the provider (README "Single sign-on")."""
    return current_app.config["BASE_URL"] + CALLBACK_PATH


def start() -> Response:
    """The redirect to the provider's sign-in page (state, nonce and PKCE verifier kept in the session)."""
    try:
        return _client().authorize_redirect(redirect_uri())
    except (requests.RequestException, AuthlibBaseError, ValueError, KeyError, RuntimeError) as error:
        current_app.logger.warning("single sign-on: the provider could not be reached: %s", error)
        raise SignInFailed(_unreachable()) from error


def finish() -> Identity:
    """The person the provider vouches for, from the browser's return to CALLBACK_PATH; SignInFailed
    if anything is wrong (an unknown or reused state, an error from the provider, a bad token)."""
    config = current_app.config
    client = _client()
    try:
        token = client.authorize_access_token(
            leeway=config["OIDC_CLOCK_SKEW_SECONDS"],
            claims_options={"iss": {"essential": True, "values": [config["OIDC_ISSUER"]]}},
        )
    except requests.RequestException as error:
        current_app.logger.warning("single sign-on: the provider could not be reached: %s", error)
        raise SignInFailed(_unreachable()) from error
    except (AuthlibBaseError, JoseError, ValueError, KeyError, RuntimeError) as error:
        current_app.logger.warning("single sign-on refused: %s: %s", type(error).__name__, error)
        raise SignInFailed(
            f"Signing in with {config['OIDC_PROVIDER_NAME']} did not work. It may have taken too long, or "
            "the page was opened twice. Try again."
        ) from error
    claims = token.get("userinfo")
    if not claims:
        raise SignInFailed(f"{config['OIDC_PROVIDER_NAME']} did not say who you are. Try again.")
    return _identity(claims)


def _unreachable() -> str:
    return (
        f"Staffroom cannot reach {current_app.config['OIDC_PROVIDER_NAME']} at the moment. Try again in a few minutes."
    )


def _identity(claims: dict[str, Any]) -> Identity:
    config = current_app.config
    groups = claims.get(config["OIDC_GROUPS_CLAIM"]) or ()
    team = claims.get(config["OIDC_TEAM_CLAIM"]) if config["OIDC_TEAM_CLAIM"] else ""
    # Entra ID's `sub` differs between applications; its `oid` is the person's, everywhere.
    subject = str(claims.get("oid") or claims["sub"])
    if len(subject) > SUBJECT_MAX_LENGTH:
        raise SignInFailed(f"{config['OIDC_PROVIDER_NAME']} sent an id Staffroom cannot keep. Try again.")
    email = str(claims.get("email") or "").strip().lower()
    return Identity(
        subject=subject,
        # An address longer than any Staffroom keeps counts as none.
        email=email if len(email) <= EMAIL_MAX_LENGTH else "",
        # Entra ID gives no `email_verified`: its optional claim `xms_edov` says the email's domain
        # is verified by the tenant that owns it.
        email_verified=claims.get("email_verified") is True or claims.get("xms_edov") in (True, "1", "true"),
        name=str(claims.get("name") or "").strip()[:120],
        groups=tuple(str(group) for group in groups) if isinstance(groups, list) else (),
        team=str(team or "").strip(),
    )


def end_session_url() -> str | None:
    """The provider's sign-out page (RP-initiated logout), coming back to Staffroom's sign-in page;
    None if the provider has none or cannot be reached."""
    try:
        metadata = _client().load_server_metadata()
    except (requests.RequestException, AuthlibBaseError, ValueError) as error:
        current_app.logger.warning("single sign-on: no end-session address: %s", error)
        return None
    endpoint = metadata.get("end_session_endpoint")
    if not endpoint:
        return None
    return add_params_to_uri(
        endpoint,
        {
            "client_id": current_app.config["OIDC_CLIENT_ID"],
            "post_logout_redirect_uri": current_app.config["BASE_URL"] + "/sign-in",
        },
    )
