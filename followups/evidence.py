"""Evidence on a follow-up item: a file showing what was done (a photo, a reply letter).

Checked like briefing attachments (accounts.uploads: extension and content, size), stored
under a random name (models.evidence_path), named in the item's history when added or
removed. Who may add or remove it is in followups.access.
"""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.uploads import Checked
from followups import items
from followups.models import Evidence, FollowUp


@transaction.atomic
def attach(
    item: FollowUp,
    upload: UploadedFile,
    checked: Checked,
    *,
    by=None,
    by_name: str = "",
    description: str = "",
) -> Evidence:
    """Keep an upload that accounts.uploads.check() accepted with the item; by the user, or
    (by None) through the department's link by the person named by_name."""
    evidence = Evidence(
        followup=item,
        file=upload,
        filename=checked.filename,
        file_type=checked.file_type,
        content_type=checked.content_type,
        size=upload.size,
        description=description.strip(),
        uploaded_by=by,
        uploaded_by_name=by_name.strip(),
    )
    evidence.save()
    items.update(
        item,
        by,
        by_name=by_name,
        as_department=by is None,
        comment=_("Evidence added: %(name)s") % {"name": evidence.filename},
    )
    return evidence


@transaction.atomic
def remove(evidence: Evidence, by) -> None:
    """Delete the evidence and say so in the item's history; the file goes after commit."""
    name, storage = evidence.file.name, evidence.file.storage
    item = evidence.followup
    evidence.delete()
    items.update(item, by, comment=_("Evidence removed: %(name)s") % {"name": evidence.filename})
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def of_item(item: FollowUp) -> list[Evidence]:
    """The item's evidence, oldest first, with who added it (one query)."""
    return list(item.evidence.select_related("uploaded_by__profile"))
