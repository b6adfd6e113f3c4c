from fanzha.audit import context


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = context.begin()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = context.current_request_id()
            return response
        finally:
            context.end(token)
