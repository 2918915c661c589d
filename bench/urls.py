"""The site's URLs plus ``/hello/``, the benchmark's baseline, and ``/bench/publish/``; used only by
bench/settings.py."""

from django.http import HttpResponse
from django.urls import path

from core.page_cache import page_cache_invalidate
from lms.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello")


def publish(request):
    """What publishing a page does to the page cache: every cached page goes stale (bench/wrk_shared_links.lua
    asks for it every 50th request of the shared-links mix)."""
    page_cache_invalidate()
    return HttpResponse(status=204)


urlpatterns = [path("hello/", hello), path("bench/publish/", publish), *site_urlpatterns]
