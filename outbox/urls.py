from django.urls import path
from django.http import HttpResponse
app_name = "outbox"
urlpatterns = [path("", lambda r: HttpResponse(status=501), name="message_list")]
