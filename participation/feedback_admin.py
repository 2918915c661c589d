"""Suara Warga in the admin: triage of the items in the person's scope (participation.scope)."""
