"""The trip and its plan: brief, party, itinerary, checks, versions, calendars, notices."""
