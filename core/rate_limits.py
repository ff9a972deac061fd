"""Rate limits per visitor or per key, counted an hour in the cache: the one home for the
portal's own limits (seminar sign-ups, the link sent again, "Was this page easy to
understand?"). allauth keeps its own for log-in (``ACCOUNT_RATE_LIMITS``)."""

from allauth.account.adapter import get_adapter as get_account_adapter
from django.core.cache import cache

HOUR = 60 * 60


def count_this_hour(key: str) -> int:
    """Add one to a count kept in the cache for an hour (shared by every app process when
    REDIS_URL is set); return the new count."""
    if cache.add(key, 1, timeout=HOUR):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # The hour ran out between add() and incr().
        cache.set(key, 1, timeout=HOUR)
        return 1


def client_ip(request) -> str:
    """The visitor's address, as the log-in limits see it: allauth's ``get_client_ip``
    reads X-Forwarded-For when ALLAUTH_TRUSTED_PROXY_COUNT says there are proxies."""
    return get_account_adapter(request).get_client_ip(request)


def visitor_over_limit(request, name: str, most: int) -> bool:
    """Count one more ``name`` from this visitor; True past ``most`` in an hour."""
    return count_this_hour(f"{name}:ip:{client_ip(request)}") > most
