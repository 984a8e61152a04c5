"""Printed documents (WeasyPrint): trip pack, briefing book, post-trip report."""
