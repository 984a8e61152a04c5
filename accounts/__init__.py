"""Office roles and their decorators, people's profiles, login and password reset."""
