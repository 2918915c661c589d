"""Placeholder: the verification views are being written."""

from django.http import Http404


def lookup(request):
    raise Http404


def verify(request, code):
    raise Http404


def credential(request, code):
    raise Http404
