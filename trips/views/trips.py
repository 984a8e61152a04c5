"""PLACEHOLDER: being written."""

from django.http import HttpResponse


def item_create(request, *args, **kwargs):
    return HttpResponse(status=501)


def item_delete(request, *args, **kwargs):
    return HttpResponse(status=501)


def item_duplicate(request, *args, **kwargs):
    return HttpResponse(status=501)


def item_edit(request, *args, **kwargs):
    return HttpResponse(status=501)


def trip_create(request, *args, **kwargs):
    return HttpResponse(status=501)


def trip_detail(request, *args, **kwargs):
    return HttpResponse(status=501)


def trip_edit(request, *args, **kwargs):
    return HttpResponse(status=501)


def trip_list(request, *args, **kwargs):
    return HttpResponse(status=501)
