"""Every e-mail as a row, delivered once by Celery, and the mail log; knows no other app."""
