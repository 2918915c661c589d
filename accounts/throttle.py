"""A fixed-window counter per client address, in Django's cache: the sign-up and look-up limits.

The window opens at an address's first request and closes `window` later, when the count starts
again. The counts live in Django's cache (``CACHE_URL``: shared by every process when it is Redis),
keyed on accounts.lockout.client_ip_address.
"""

from django.core.cache import cache
from django.utils import timezone

from accounts.lockout import client_ip_address


def fixed_window_hit(request, *, name, limit, window):
    """Count one request of kind `name` from this client address.

    Returns None while the address is within `limit` in its window, else the time its window closes
    (when it may try again).
    """
    address = client_ip_address(request)
    count_key, ends_key = f"{name}:{address}", f"{name}-window-ends:{address}"
    seconds = int(window.total_seconds())
    cache.add(ends_key, timezone.now() + window, timeout=seconds)  # the window opens at the first request
    cache.add(count_key, 0, timeout=seconds)
    try:
        count = cache.incr(count_key)
    except ValueError:  # the window closed between the two calls
        cache.set(count_key, 1, timeout=seconds)
        count = 1
    if count <= limit:
        return None
    ends = cache.get(ends_key)
    return ends if ends is not None and ends > timezone.now() else timezone.now() + window
