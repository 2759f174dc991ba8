"""Undersigned: an open archive of sign-on letters."""

__version__ = "0.1.0"
