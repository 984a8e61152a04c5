"""Dashboard, my items, profile page, demo data: the one app that composes the others."""
