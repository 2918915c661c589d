from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    """Activate the language the visitor chose, else Bahasa Indonesia.

    Django's LocaleMiddleware would follow the browser's Accept-Language header, and
    many residents' phones are set to English; the public site speaks Indonesian
    first, so only an explicit choice (the language cookie set by Django's
    ``set_language`` view) switches it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        # The same address answers in another language once the cookie is set.
        patch_vary_headers(response, ("Cookie",))
        return response
