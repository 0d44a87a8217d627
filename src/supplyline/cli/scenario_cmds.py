"""Scenario commands: validate, init (filled in by the io work)."""
