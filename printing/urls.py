"""Printing URLs: a trip's documents, and the panels the trip page loads."""

from django.urls import path

from printing import duban, host, letters, pack_views, slips, views

app_name = "printing"

urlpatterns = [
    path("trips/<int:pk>/print/", views.print_menu, name="print_menu"),
    path("trips/<int:pk>/print/downloads/", views.download_log, name="download_log"),
    path("trips/<int:pk>/print/<slug:name>.pdf", views.document, name="document"),
    path("trips/<int:pk>/print/host/<int:unit_pk>.pdf", host.host_sheet_pdf, name="host_sheet"),
    # the unit's Chinese notice on GB/T 9704 paper, behind its signed link (config/logging.py
    # redacts the token after /n/)
    path("n/<str:token>/notice.pdf", letters.notice_paper, name="notice_paper"),
    path("trips/<int:pk>/print/letters/<int:letter_pk>/", letters.letter_page, name="letter"),
    path("trips/<int:pk>/print/letters/<int:letter_pk>.pdf", letters.letter_pdf, name="letter_pdf"),
    path(
        "trips/<int:pk>/print/letters/<int:letter_pk>.docx",
        letters.letter_docx,
        name="letter_docx",
    ),
    path("trips/<int:pk>/print/pack/", pack_views.pack_pdf, name="pack"),
    path("trips/<int:pk>/print/pack/status/", pack_views.pack_status, name="pack_status"),
    path("follow-ups/<int:pk>/print/duban.pdf", slips.duban_pdf, name="duban_slip"),
    path("follow-ups/<int:pk>/print/urging/<int:round>.pdf", slips.urging_pdf, name="urging_slip"),
    path("follow-ups/<int:pk>/print/duban.docx", slips.duban_docx, name="duban_docx"),
    path(
        "follow-ups/<int:pk>/print/urging/<int:round>.docx", slips.urging_docx, name="urging_docx"
    ),
    path("follow-ups/stats/print.pdf", duban.duban_stats, name="duban_stats"),
]
