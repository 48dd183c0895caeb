"""Password hashing (argon2id) and the password rules (NCSC: length, no composition rules)."""

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app


@lru_cache(maxsize=4)
def _hasher_for(time_cost: int, memory_kib: int) -> tuple[PasswordHasher, str]:
    hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=4)
    # Verified against when the email is unknown, so both cases take the same time.
    return hasher, hasher.hash("staffroom: no such person")


def _hasher() -> tuple[PasswordHasher, str]:
    """argon2id with the configured cost. The default (t=3, 64 MiB, p=4) is RFC 9106's
    low-memory profile; the test suite lowers it so hundreds of sign-ins stay quick."""
    config = current_app.config
    return _hasher_for(config["ARGON2_TIME_COST"], config["ARGON2_MEMORY_KIB"])


# The password of someone who has none (people imported in bulk sign in through single sign-on or
# set one through "Forgotten your password?"): never a valid argon2 hash, so nothing matches it.
NO_PASSWORD = "!no-password"  # noqa: S105 - a marker that no password can match, not a password


def has_password(password_hash: str | None) -> bool:
    return bool(password_hash) and not (password_hash or "").startswith("!")


def hash_password(password: str) -> str:
    return _hasher()[0].hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    hasher, unknown_user_hash = _hasher()
    usable = password_hash if has_password(password_hash) else None
    try:
        # Someone with no password takes as long to refuse as an unknown address.
        return hasher.verify(usable or unknown_user_hash, password) and usable is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher()[0].check_needs_rehash(password_hash)


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
