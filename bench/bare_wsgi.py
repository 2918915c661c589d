"""A bare WSGI hello world, without Django: served beside the site by bench/bench_learning_pages.py with the
same gunicorn options, so that the results show what the production stack (Django, its middleware, the
settings) costs a request on top of gunicorn itself. Not a baseline of any target: hello world stays the
site's own ``/hello/``, through the whole middleware stack."""

BODY = b"Hello"


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))])
    return [BODY]
