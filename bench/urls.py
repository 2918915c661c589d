"""The site's URLs plus ``/hello/``, the benchmark's baseline; used only by bench/settings.py."""

from django.http import HttpResponse
from django.urls import path

from lms.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello")


urlpatterns = [path("hello/", hello), *site_urlpatterns]
