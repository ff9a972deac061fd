"""Security headers for the responses that Django's middleware never sees.

whitenoise answers requests for static files before the rest of the middleware runs, so
it adds these itself (``WHITENOISE_ADD_HEADERS_FUNCTION``): framing forbidden, a strict
Content Security Policy (a picture or style sheet opened on its own can run nothing), and
the same Permissions-Policy as the pages.
"""

STATIC_FILE_CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'"
)


def permissions_policy_header() -> str:
    from django.conf import settings

    return ", ".join(
        f"{feature}=({' '.join(allowed)})"
        for feature, allowed in sorted(settings.PERMISSIONS_POLICY.items())
    )


def add_static_file_headers(headers, path: str, url: str) -> None:
    headers["Content-Security-Policy"] = STATIC_FILE_CSP
    headers["X-Frame-Options"] = "DENY"
    headers["Permissions-Policy"] = permissions_policy_header()


def is_same_origin(request) -> bool:
    """A POST sent by a page of ours, checked without a CSRF token: the browser's Origin
    header (every current browser sends it with a form's POST) is this site or one of
    CSRF_TRUSTED_ORIGINS; with no Origin, ``Sec-Fetch-Site: same-origin`` will do. For the
    forms on pages the page cache keeps (a token would set a cookie, and a page that sets
    one is never cached): "Was this page easy to understand?" (``easyread/views.py``)."""
    from django.conf import settings

    origin = request.headers.get("origin")
    if origin:
        own = f"{request.scheme}://{request.get_host()}"
        return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
    return request.headers.get("sec-fetch-site") == "same-origin"
