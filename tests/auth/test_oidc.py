"""Single sign-on with OpenID Connect against a real provider on loopback (tests/auth/oidc_provider)."""

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, User
from tests.auth.oidc_provider import sign_in_with_provider
from tests.conftest import page_text


def test_first_sign_in_creates_a_person(make_app, oidc_provider):
    app = make_app(**oidc_provider.settings())
    oidc_provider.add_account("alex", email="alex.smith@council.example", email_verified=True, name="Alex Smith")
    client = app.test_client()
    response = sign_in_with_provider(client, oidc_provider, "alex")
    assert response.status_code == 303, page_text(response)
    assert response.location == "/"
    with app.app_context():
        person = db.session.scalar(select(User).where(User.email == "alex.smith@council.example"))
        assert person.sso_subject == "alex"
        assert person.name == "Alex Smith"
    assert "Alex Smith" in page_text(client.get("/"))
