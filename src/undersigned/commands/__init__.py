"""Subcommands of the `undersigned` CLI, one module each (see cli.py)."""
