"""Read-only admin for the outbox: rows change only through delivery and "send again"."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Claim, Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts", "sent_at", "cause"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    # The bodies as the mail log shows them: secret links hidden, credentials withheld.
    exclude = ["text_body", "html_body"]

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        fields = [f.name for f in self.model._meta.fields if f.name not in self.exclude]
        return [*fields, "shown_text", "shown_html"]

    @admin.display(description=_("text"))
    def shown_text(self, obj: Message) -> str:
        return obj.shown_text

    @admin.display(description=_("HTML"))
    def shown_html(self, obj: Message) -> str:
        return obj.shown_html

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """The digests sent once per period (outbox.claims); deleting one lets it go again."""

    list_display = ["period", "kind", "key", "message", "created_at"]
    list_filter = ["kind", "period"]
    search_fields = ["key"]
    raw_id_fields = ["message"]
