"""The trip and its plan: brief, party, itinerary, checks, versions, calendars (notices to
host units are the notices app, one layer up)."""
