"""PLACEHOLDER: being written."""

from django.http import HttpResponse


def contact_create(request, *args, **kwargs):
    return HttpResponse(status=501)


def contact_edit(request, *args, **kwargs):
    return HttpResponse(status=501)


def contact_import(request, *args, **kwargs):
    return HttpResponse(status=501)


def contact_list(request, *args, **kwargs):
    return HttpResponse(status=501)


def hostunit_create(request, *args, **kwargs):
    return HttpResponse(status=501)


def hostunit_detail(request, *args, **kwargs):
    return HttpResponse(status=501)


def hostunit_edit(request, *args, **kwargs):
    return HttpResponse(status=501)


def hostunit_list(request, *args, **kwargs):
    return HttpResponse(status=501)
