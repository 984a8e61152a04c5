"""PLACEHOLDER: being written."""

from celery import shared_task


@shared_task
def deliver(message_id: int) -> None:
    pass
