"""Signing in and out, sessions, passwords, and the sign-in requirement for every page."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
