"""Notes on the trip, follow-up items until each has an answer, the post-trip report."""
