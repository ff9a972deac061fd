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
