"""Checklists and templates, the daily digest, needs, gifts, cars, seating plans."""
