"""What a shared link adds to an address (utm_*, fbclid) is taken off before the page cache's key is made,
and only that: a listed parameter stays, however the link spells it (core.page_cache.keep_listed_query_parameters)."""

import pytest
from django.test import RequestFactory

from core.page_cache import keep_listed_query_parameters


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("utm_source=whatsapp&utm_medium=social&utm_campaign=5f2a&fbclid=IwAR0x", ""),
        ("topik=lingkungan&utm_source=whatsapp", "topik=lingkungan"),
        # An escape that spells a listed name, and a listed name inside another parameter's value.
        ("%74opik=lingkungan&fbclid=IwAR0x", "topik=lingkungan"),
        ("utm_campaign=kode-promo-halaman", ""),
        ("utm_campaign=kode-promo&kode=AB12", "kode=AB12"),
        ("topik=b&topik=a&halaman=2", "halaman=2&topik=a&topik=b"),
    ],
)
def test_only_listed_parameters_stay_on_the_address(query, kept):
    request = RequestFactory().get(f"/kursus/?{query}")
    keep_listed_query_parameters(request)
    assert request.META["QUERY_STRING"] == kept
    assert request.GET.urlencode() == kept
    assert request.get_full_path() == ("/kursus/?" + kept if kept else "/kursus/")
