"""Password hashing (argon2id) and the password rules (NCSC: length, no composition rules)."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

# argon2-cffi's defaults are RFC 9106's low-memory profile: argon2id, 64 MiB, t=3, p=4.
_hasher = PasswordHasher()
# Verified against when the email is unknown, so both cases take the same time.
_UNKNOWN_USER_HASH = _hasher.hash("staffroom: no such person")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _UNKNOWN_USER_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def password_problem(password: str, *, email: str = "") -> str | None:
    """What is wrong with a new password, in words, or None if it is acceptable."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    maximum = current_app.config["PASSWORD_MAX_LENGTH"]
    if len(password) < minimum:
        return f"Password must be {minimum} characters or more"
    if len(password) > maximum:
        return f"Password must be {maximum} characters or fewer"
    if not password.strip():
        return "Password must not be only spaces"
    if email and password.strip().lower() == email.strip().lower():
        return "Password must not be your email address"
    return None
