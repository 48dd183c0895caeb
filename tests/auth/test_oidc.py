"""Single sign-on with OpenID Connect, against a real provider on loopback (tests/auth/oidc_provider:
the certified `oidc-provider` package run by node). Nothing is mocked: Staffroom fetches the
provider's discovery document and keys and exchanges the code over HTTP; the tests play the browser."""

import shutil
import socket
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import select

from app.auth import passwords
from app.extensions import db
from app.models import AuditEvent, OutgoingEmail, User, UserSession
from tests.auth.oidc_provider import TEST_CLIENT_BASE_URL, provider_login, sign_in_with_provider
from tests.conftest import page_text
from tests.factories import make_team, make_user, signed_in_client
from tests.test_html_validity import VNU, _vnu_errors

ALEX = {"email": "alex.smith@council.example", "email_verified": True, "name": "Alex Smith"}


def sso_app(make_app, provider, **overrides):
    return make_app(**provider.settings(**overrides))


def person(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def signed_in(client) -> bool:
    return client.get("/").status_code == 200


def refused(response, status: int, words: str) -> None:
    assert response.status_code == status, page_text(response)
    assert "You have not been signed in" in page_text(response)
    assert words in page_text(response)


# --- The protocol ---------------------------------------------------------------------------


def test_sign_in_goes_to_the_providers_authorization_endpoint_with_pkce_state_and_nonce(make_app, oidc_provider):
    app = sso_app(make_app, oidc_provider)
    discovery = requests.get(oidc_provider.issuer + "/.well-known/openid-configuration", timeout=10).json()
    start = app.test_client().get("/sign-in/oidc")
    assert start.status_code == 302
    assert start.location.split("?")[0] == discovery["authorization_endpoint"]
    query = {name: values[0] for name, values in parse_qs(urlsplit(start.location).query).items()}
    assert query["response_type"] == "code"
    assert query["client_id"] == "staffroom"
    assert query["redirect_uri"] == TEST_CLIENT_BASE_URL + "/sign-in/oidc/callback"
    assert set(query["scope"].split()) == {"openid", "email", "profile"}
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43 and len(query["state"]) >= 20 and len(query["nonce"]) >= 20


def test_first_sign_in_creates_a_person_as_staff_and_lands_on_the_home_page(app, make_app, oidc_provider):
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("alex", **ALEX)
    response = sign_in_with_provider(client, oidc_provider, "alex")
    assert (response.status_code, response.location) == (303, "/")
    alex = person("alex.smith@council.example")
    assert (alex.name, alex.sso_subject, alex.roles, alex.team) == ("Alex Smith", "alex", {"staff"}, None)
    assert alex.password_hash == ""
    assert "Signed in as Alex Smith" in page_text(client.get("/"))
    assert actions() == ["sso_person_created", "sign_in"]
    # Signing in again finds the same person by the provider's subject.
    client.post("/sign-out")
    assert sign_in_with_provider(client, oidc_provider, "alex").status_code == 303
    assert db.session.scalar(select(User.id).where(User.email.like("%@council.example"))) == alex.id
    assert db.session.query(UserSession).count() == 1


def test_the_keys_are_fetched_once_and_again_when_the_provider_rotates_them(app, make_app, oidc_provider):
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("alex", **ALEX)
    assert sign_in_with_provider(client, oidc_provider, "alex").status_code == 303
    assert oidc_provider.jwks_requests() == 1
    client.post("/sign-out")
    assert sign_in_with_provider(client, oidc_provider, "alex").status_code == 303
    assert oidc_provider.jwks_requests() == 1  # kept between sign-ins

    oidc_provider.rotate_keys()  # a new key, under a key id Staffroom has not seen
    client.post("/sign-out")
    assert sign_in_with_provider(client, oidc_provider, "alex").status_code == 303
    assert oidc_provider.jwks_requests() == 2
    assert signed_in(client)


@pytest.mark.parametrize(
    "fault",
    [
        "tamper",  # the claims changed after the provider signed them
        "foreign-key",  # signed by another key under the provider's key id
        "audience",  # signed by the provider, for another application
    ],
)
def test_an_id_token_that_fails_its_checks_signs_nobody_in(app, make_app, oidc_provider, fault):
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("alex", **ALEX)
    oidc_provider.fault_tokens(fault)
    refused(sign_in_with_provider(client, oidc_provider, "alex"), 400, "did not work")
    assert not signed_in(client)
    assert person("alex.smith@council.example") is None


def test_an_expired_id_token_signs_nobody_in(app, make_app, oidc_provider):
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("alex", **ALEX)
    # The provider's clock an hour slow: its ID tokens (10 minutes' life) expired 50 minutes ago.
    oidc_provider.set_clock(-3600)
    refused(sign_in_with_provider(client, oidc_provider, "alex"), 400, "did not work")
    assert not signed_in(client)


def test_a_provider_clock_a_little_fast_is_allowed_for(app, make_app, oidc_provider):
    client = sso_app(make_app, oidc_provider, OIDC_CLOCK_SKEW_SECONDS=60).test_client()
    oidc_provider.add_account("alex", **ALEX)
    oidc_provider.set_clock(30)  # tokens issued "30 seconds from now"
    assert sign_in_with_provider(client, oidc_provider, "alex").status_code == 303


def test_a_replayed_or_unknown_state_signs_nobody_in(app, make_app, oidc_provider):
    sso = sso_app(make_app, oidc_provider)
    client = sso.test_client()
    oidc_provider.add_account("alex", **ALEX)
    start = client.get("/sign-in/oidc")
    callback = provider_login(oidc_provider, start.location, "alex", stop_at=TEST_CLIENT_BASE_URL)
    parts = urlsplit(callback)
    # The browser's cookie as it was before the way back: it still holds the state.
    cookie_before = client.get_cookie("staffroom").value
    assert client.get(f"{parts.path}?{parts.query}").status_code == 303
    client.post("/sign-out")

    # The same answer from the provider again: its state was used up.
    refused(client.get(f"{parts.path}?{parts.query}"), 400, "did not work")
    # Even with the old cookie, which still holds that state, the code is used up at the provider.
    replayer = sso.test_client()
    replayer.set_cookie("staffroom", cookie_before)
    refused(replayer.get(f"{parts.path}?{parts.query}"), 400, "did not work")
    # A state Staffroom never issued.
    code = parse_qs(parts.query)["code"][0]
    refused(sso.test_client().get(parts.path, query_string={"code": code, "state": "made-up"}), 400, "did not work")
    assert not signed_in(client) and not signed_in(replayer)


def test_an_error_from_the_provider_is_shown_not_a_500(make_app, oidc_provider):
    client = sso_app(make_app, oidc_provider).test_client()
    client.get("/sign-in/oidc")
    refused(client.get("/sign-in/oidc/callback?error=access_denied&state=x"), 400, "did not work")


def test_a_provider_that_cannot_be_reached_gets_a_message(make_app, oidc_provider):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed_port = unused.getsockname()[1]
    client = sso_app(make_app, oidc_provider, OIDC_ISSUER=f"http://127.0.0.1:{closed_port}").test_client()
    response = client.get("/sign-in/oidc")
    assert response.status_code == 503
    assert "cannot reach Microsoft" in page_text(response)


# --- Who gets in ----------------------------------------------------------------------------


def test_an_existing_person_is_linked_once_by_verified_email(app, make_app, oidc_provider):
    existing = make_user(name="Alex Smith", email="Alex.Smith@council.example")
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("entra-sub", oid="object-id-of-alex", **{**ALEX, "email": "ALEX.SMITH@council.example"})
    assert sign_in_with_provider(client, oidc_provider, "entra-sub").status_code == 303
    db.session.refresh(existing)
    assert existing.sso_subject == "object-id-of-alex"  # Entra ID's object id, not its per-app `sub`
    assert db.session.query(User).count() == 1
    assert actions() == ["sso_linked", "sign_in"]
    assert client.get("/account").status_code == 200
    # Their password still works, too.
    assert make_app().test_client().sign_in(existing).status_code == 303


def test_an_unverified_email_links_nobody_and_creates_nobody(app, make_app, oidc_provider):
    make_user(email="alex.smith@council.example")
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("mallory", **{**ALEX, "email_verified": False})
    refused(sign_in_with_provider(client, oidc_provider, "mallory"), 403, "did not give Staffroom a verified email")
    assert person("alex.smith@council.example").sso_subject is None
    assert not signed_in(client)


def test_an_email_or_id_too_long_to_keep_is_refused_with_a_message(app, make_app, oidc_provider):
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("long-email", **{**ALEX, "email": "a" * 250 + "@council.example"})
    refused(sign_in_with_provider(client, oidc_provider, "long-email"), 403, "verified email")
    oidc_provider.add_account("long-id", **ALEX, oid="x" * 256)
    refused(sign_in_with_provider(client, oidc_provider, "long-id"), 400, "an id Staffroom cannot keep")
    assert db.session.query(User).count() == 0


def test_an_email_already_linked_to_another_subject_is_not_moved(app, make_app, oidc_provider):
    linked = make_user(email="alex.smith@council.example")
    linked.sso_subject = "the-first-alex"
    db.session.commit()
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("another-alex", **ALEX)
    refused(sign_in_with_provider(client, oidc_provider, "another-alex"), 403, "linked to another sign-in")
    db.session.refresh(linked)
    assert linked.sso_subject == "the-first-alex"


def test_a_deactivated_person_cannot_get_back_in(app, make_app, oidc_provider):
    gone = make_user(email="alex.smith@council.example", active=False)
    gone.sso_subject = "alex"
    db.session.commit()
    unlinked = make_user(email="sam.jones@council.example", active=False)
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("alex", **ALEX)
    oidc_provider.add_account("sam", email="sam.jones@council.example", email_verified=True, name="Sam Jones")
    refused(sign_in_with_provider(client, oidc_provider, "alex"), 403, "has been deactivated")
    refused(sign_in_with_provider(client, oidc_provider, "sam"), 403, "has been deactivated")
    assert not signed_in(client)
    db.session.refresh(unlinked)
    assert unlinked.sso_subject is None
    refusals = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "sso_sign_in_refused")).all()
    assert [(event.subject_id, event.details["reason"]) for event in refusals] == [
        (gone.id, "deactivated"),
        (unlinked.id, "deactivated"),
    ]


def test_someone_whose_domain_is_not_allowed_is_not_created(app, make_app, oidc_provider):
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("visitor", email="visitor@elsewhere.example", email_verified=True, name="Visitor")
    refused(sign_in_with_provider(client, oidc_provider, "visitor"), 403, "not open to your account")
    assert person("visitor@elsewhere.example") is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sso_sign_in_refused"))
    assert event.details == {"email": "visitor@elsewhere.example", "sso_subject": "visitor", "reason": "not allowed"}


def test_an_allowed_group_lets_someone_from_another_domain_in(app, make_app, oidc_provider):
    client = sso_app(make_app, oidc_provider, OIDC_ALLOWED_GROUPS=("staffroom-users",)).test_client()
    oidc_provider.add_account(
        "contractor", email="c@agency.example", email_verified=True, name="Casey", groups=["staffroom-users"]
    )
    assert sign_in_with_provider(client, oidc_provider, "contractor").status_code == 303
    assert person("c@agency.example").sso_subject == "contractor"


def test_team_from_a_claim_and_roles_from_groups_audited(app, make_app, oidc_provider):
    team = make_team("Revenues and Benefits")
    client = sso_app(
        make_app,
        oidc_provider,
        OIDC_TEAM_CLAIM="department",
        OIDC_GROUP_ROLES=("agent:group-agents", "editor:group-editors"),
    ).test_client()
    oidc_provider.add_account("alex", **ALEX, department="revenues and benefits", groups=["group-agents"])
    assert sign_in_with_provider(client, oidc_provider, "alex").status_code == 303
    alex = person("alex.smith@council.example")
    assert alex.team_id == team.id
    assert alex.roles == {"staff", "agent"}
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "roles_changed_by_sso"))
    assert event.details == {"added": ["agent"], "removed": []} and event.subject_id == alex.id

    # Out of the agents' group at the provider: the role goes at the next sign-in; a role the
    # mapping does not name (manager, given in Staffroom) stays.
    alex.set_roles(["agent", "manager"])
    db.session.commit()
    oidc_provider.add_account("alex", **ALEX, department="revenues and benefits", groups=[])
    client.post("/sign-out")
    assert sign_in_with_provider(client, oidc_provider, "alex").status_code == 303
    db.session.refresh(alex)
    assert alex.roles == {"staff", "manager"}
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "roles_changed_by_sso")).all()
    assert events[-1].details == {"added": [], "removed": ["agent"]}


def test_group_roles_are_off_by_default(app, make_app, oidc_provider):
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("alex", **ALEX, groups=["group-admins"])
    assert sign_in_with_provider(client, oidc_provider, "alex").status_code == 303
    assert person("alex.smith@council.example").roles == {"staff"}


def test_sign_in_returns_to_the_page_asked_for(app, make_app, oidc_provider):
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("alex", **ALEX)
    response = sign_in_with_provider(client, oidc_provider, "alex", next_path="/ideas")
    assert response.location == "/ideas"


# --- Signing out, and passwords -------------------------------------------------------------


def test_sign_out_ends_the_session_and_offers_the_providers_sign_out(app, make_app, oidc_provider):
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("alex", **ALEX)
    sign_in_with_provider(client, oidc_provider, "alex")
    response = client.post("/sign-out", follow_redirects=True)
    assert not signed_in(client)
    assert db.session.query(UserSession).count() == 0
    text = page_text(response)
    assert "You may still be signed in to Microsoft" in text and "Sign out of Microsoft too" in text
    end_session = requests.get(oidc_provider.issuer + "/.well-known/openid-configuration", timeout=10).json()[
        "end_session_endpoint"
    ]
    sign_out_url = f"{end_session}?client_id=staffroom&post_logout_redirect_uri=http%3A%2F%2Flocalhost%2Fsign-in"
    assert f'href="{sign_out_url.replace("&", "&amp;")}"' in response.get_data(as_text=True)
    # The provider accepts it: its sign-out page, not an error.
    assert requests.get(sign_out_url, timeout=10).ok
    # Offered once, and only after a single sign-on.
    assert "Sign out of Microsoft" not in page_text(client.get("/sign-in"))
    password_client = make_app().test_client()
    password_client.sign_in(make_user())
    assert "Sign out of Microsoft" not in page_text(password_client.post("/sign-out", follow_redirects=True))


def test_the_sign_in_page_offers_single_sign_on_only_when_configured(make_app, oidc_provider):
    assert "Sign in with Microsoft" not in page_text(make_app().test_client().get("/sign-in"))
    assert make_app().test_client().get("/sign-in/oidc").status_code == 404
    assert make_app().test_client().get("/sign-in/oidc/callback").status_code == 404
    page = sso_app(make_app, oidc_provider).test_client().get("/sign-in?next=/ideas")
    assert 'href="/sign-in/oidc?next=/ideas" role="button"' in page.get_data(as_text=True)
    assert "Or sign in with a Staffroom password" in page_text(page)


def test_passwords_can_be_kept_for_administrators_alone(app, make_app, oidc_provider):
    staff = make_user()
    admin = make_user(roles=["admin"])
    client = sso_app(make_app, oidc_provider, PASSWORD_SIGN_IN="administrators").test_client()
    assert "Administrators: sign in with a Staffroom password" in page_text(client.get("/sign-in"))
    response = client.post("/sign-in", data={"email": staff.email, "password": "correct horse battery staple"})
    assert response.status_code == 422
    assert "Sign in with Microsoft instead" in page_text(response)
    assert "sign_in_refused_password_off" in actions()
    # Nor is a link sent to set one (the same answer as for any address).
    for person_asking in (staff, admin):
        asked = client.post("/forgotten-password", data={"email": person_asking.email})
        assert asked.status_code == 303
    sent = db.session.scalars(select(OutgoingEmail.to_address)).all()
    assert sent == [admin.email]
    assert client.sign_in(admin).status_code == 303  # the break-glass administrator


def test_someone_created_by_single_sign_on_has_no_password_to_guess(app, make_app, oidc_provider):
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("alex", **ALEX)
    sign_in_with_provider(client, oidc_provider, "alex")
    assert "you sign in with Microsoft" in page_text(client.get("/account"))
    alex = person(ALEX["email"])
    admin_page = signed_in_client(make_app(), make_user(roles=["admin"])).get(f"/admin/people/{alex.id}")
    assert "Alex Smith signs in with Microsoft (single sign-on) and has no Staffroom password." in page_text(admin_page)
    assert client.get("/account/password").status_code == 404
    client.post("/sign-out")
    # Not even the stand-in that unknown addresses are checked against.
    assert not passwords.verify_password("", "staffroom: no such person")
    for password in ("", "staffroom: no such person"):
        response = client.post("/sign-in", data={"email": ALEX["email"], "password": password})
        assert response.status_code == 422


def test_the_sign_in_pages_of_single_sign_on_are_valid_html(app, make_app, oidc_provider, tmp_path):
    if shutil.which("java") is None or not VNU.exists():
        pytest.skip("the Nu HTML Checker needs Java and vnu-jar (tests/test_html_validity.py says how)")
    client = sso_app(make_app, oidc_provider).test_client()
    oidc_provider.add_account("alex", **ALEX)
    oidc_provider.add_account("visitor", email="v@elsewhere.example", email_verified=True)
    documents = {
        "sign-in": client.get("/sign-in"),
        "refused": sign_in_with_provider(client, oidc_provider, "visitor"),
    }
    sign_in_with_provider(client, oidc_provider, "alex")
    documents["signed-out"] = client.post("/sign-out", follow_redirects=True)
    passwords_off = sso_app(make_app, oidc_provider, PASSWORD_SIGN_IN="administrators").test_client()
    documents["administrators"] = passwords_off.get("/sign-in")
    documents["administrators-refused"] = passwords_off.post("/sign-in", data={})
    paths = []
    for name, response in documents.items():
        assert response.mimetype == "text/html"
        paths.append(tmp_path / f"page--{name}.html")
        paths[-1].write_text(response.get_data(as_text=True), encoding="utf-8")
    assert _vnu_errors(paths) == []
