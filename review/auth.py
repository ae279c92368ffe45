"""Users, passwords and login sessions.

Passwords: scrypt with a random 16-byte salt per user, compared in constant
time; a new password must have 12 to 128 characters and not be one of the
common passwords in common_passwords.txt (nor one of them followed by digits
or punctuation), as OWASP ASVS level 1 asks. Sessions: a random token (secrets.token_urlsafe) in an HttpOnly cookie;
the database keeps only its sha256 and the session's CSRF token."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from registry.models import utcnow
from registry.review_models import ReviewSession, ReviewUser

SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES, SALT_BYTES = 2 ** 14, 8, 1, 32, 16
SESSION_HOURS = 12
DUMMY_HASH_PARAMS = f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}$" + "00" * SALT_BYTES + "$" + "00" * KEY_BYTES
MIN_PASSWORD, MAX_PASSWORD, MAX_NAME = 12, 128, 128
COMMON_PASSWORDS = Path(__file__).resolve().parent / "common_passwords.txt"
SUFFIX = re.compile(r"[\d\W_]+$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UserError(ValueError):
    pass


@dataclass(frozen=True)
class Auth:
    user_id: int
    user_name: str
    csrf_token: str


def scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES,
                          maxmem=64 * 1024 * 1024)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    key = scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${key.hex()}"


def verify_password(password: str, stored: str) -> bool:
    algorithm, n, r, p, salt, key = stored.split("$")
    if algorithm != "scrypt":
        return False
    computed = scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p))
    return hmac.compare_digest(computed, bytes.fromhex(key))


@functools.lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def check_password(password: str) -> None:
    """Raise UserError unless ``password`` is acceptable for a new account."""
    if len(password) < MIN_PASSWORD:
        raise UserError(f"the password must have at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UserError(f"the password must have at most {MAX_PASSWORD} characters")
    lowered = password.lower()
    if lowered in common_passwords() or SUFFIX.sub("", lowered) in common_passwords():
        raise UserError("this password is one of the most common ones; choose another")
    if len(set(lowered)) < 4:
        raise UserError("the password repeats too few characters; choose another")


def check_name(name: str) -> str:
    """The user name without surrounding spaces; UserError if unusable."""
    name = name.strip()
    if not name:
        raise UserError("the user name is empty")
    if len(name) > MAX_NAME:
        raise UserError(f"the user name must have at most {MAX_NAME} characters")
    if CONTROL.search(name):
        raise UserError("the user name contains control characters")
    return name


def add_user(session: Session, name: str, password: str) -> ReviewUser:
    name = check_name(name)
    check_password(password)
    if session.scalar(select(ReviewUser).where(ReviewUser.name == name)) is not None:
        raise UserError(f"user {name!r} already exists")
    user = ReviewUser(name=name, password_hash=hash_password(password))
    session.add(user)
    return user


def set_password(session: Session, name: str, password: str) -> None:
    """A new password for an existing user; their login sessions end."""
    check_password(password)
    user = session.scalar(select(ReviewUser).where(ReviewUser.name == name.strip()))
    if user is None:
        raise UserError(f"no user {name!r}")
    user.password_hash = hash_password(password)
    session.execute(delete(ReviewSession).where(ReviewSession.user_id == user.id))


def stored_hash(session: Session, name: str) -> tuple[Optional[int], str]:
    """The user's id and password hash (None and a dummy hash for an unknown
    name, so checking it costs the same)."""
    row = session.execute(select(ReviewUser.id, ReviewUser.password_hash)
                          .where(ReviewUser.name == name.strip())).first()
    return (row[0], row[1]) if row is not None else (None, DUMMY_HASH_PARAMS)


def authenticate(session: Session, name: str, password: str) -> Optional[ReviewUser]:
    user = session.scalar(select(ReviewUser).where(ReviewUser.name == name.strip()))
    if user is None:
        verify_password(password, DUMMY_HASH_PARAMS)  # same work whether or not the user exists
        return None
    return user if verify_password(password, user.password_hash) else None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def as_utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def open_session(session: Session, user: ReviewUser | int) -> str:
    """A new login session for a user (or a user id); returns the cookie token."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.execute(delete(ReviewSession).where(ReviewSession.expires_at < now))
    user_id = user if isinstance(user, int) else user.id
    session.add(ReviewSession(token_hash=token_hash(token), user_id=user_id,
                              csrf_token=secrets.token_urlsafe(32), created_at=now,
                              expires_at=now + dt.timedelta(hours=SESSION_HOURS)))
    return token


def lookup(session: Session, token: Optional[str]) -> Optional[Auth]:
    """The user of a session cookie (one query: every request asks)."""
    if not token:
        return None
    row = session.execute(
        select(ReviewSession.expires_at, ReviewSession.csrf_token, ReviewUser.id, ReviewUser.name)
        .join(ReviewUser, ReviewUser.id == ReviewSession.user_id)
        .where(ReviewSession.token_hash == token_hash(token))).first()
    if row is None or as_utc(row.expires_at) < utcnow():
        return None
    return Auth(row.id, row.name, row.csrf_token)


def close_session(session: Session, token: Optional[str]) -> None:
    if token:
        session.execute(delete(ReviewSession).where(ReviewSession.token_hash == token_hash(token)))


def same_token(expected: Optional[str], given: Optional[str]) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(expected.encode(), given.encode())
