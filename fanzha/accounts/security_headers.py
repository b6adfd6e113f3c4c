"""Response headers that keep pages safe in the browser.

ContentSecurityPolicyMiddleware: scripts, styles, images, fonts and requests from this site only;
no inline script or event handler (pages load their scripts from static files; chart data travels
in json_script blocks); inline styles stay allowed (style attributes for bar widths and chart
heights, and the styles ECharts, Bootstrap and htmx set).

PrivateNoStoreMiddleware: a response to a signed-in user (session or API token) may carry personal
data, so no browser or proxy may keep a copy."""

from django.utils.cache import add_never_cache_headers

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class PrivateNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)  # an API token's user too: DRF sets it on the request
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
