"""Every page the public sees carries the strict Content-Security-Policy; the Wagtail admin its own."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from certificates.services import certificate_issue
from courses import services as course_services
from courses.models import Enrolment
from tests import factories

pytestmark = pytest.mark.django_db


def policy_of(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


def assert_public_policy(policy):
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in " ".join(sum(policy.values(), []))
    assert "'unsafe-eval'" not in " ".join(sum(policy.values(), []))


class PublicSite:
    """Builds only what the page asked for needs, and says where it is."""

    def __init__(self, tree, client):
        self.tree, self.client = tree, client

    def course(self):
        return factories.course_page(self.tree["courses"])

    def module(self):
        return factories.module_page(self.course(), title="Hak atas informasi", questions=2)

    def resident(self):
        user = factories.learner()
        self.client.force_login(user)
        return user

    def logged_in(self, path):
        self.resident()
        return path

    def certificate(self):
        course = self.course()
        enrolment = Enrolment.objects.create(
            user=factories.learner(), course=course, status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
        )
        return certificate_issue(enrolment_id=enrolment.pk)

    def quiz(self):
        module = self.module()
        user = self.resident()
        course_services.enrolment_create(user=user, course=module.get_parent().specific)
        course_services.quiz_attempt_open(user=user, module=module)
        return module.url + module.reverse_subpage("quiz")


PUBLIC_PAGES = {
    "home": lambda site: "/",
    "course index": lambda site: "/kursus/",
    "course": lambda site: site.course().url,
    "module": lambda site: site.module().url,
    "quiz": lambda site: site.quiz(),
    "forum index": lambda site: "/forum/",
    "forum": lambda site: factories.forum_page(site.tree["forums"]).url,
    "budgeting index": lambda site: "/penganggaran/",
    "budgeting call": lambda site: factories.budgeting_call_page(site.tree["budgeting"]).url,
    "standard page": lambda site: factories.standard_page(site.tree["home"]).url,
    "certificate lookup": lambda site: "/sertifikat/verifikasi/",
    "certificate": lambda site: f"/sertifikat/verifikasi/{site.certificate().code}/",
    "open data": lambda site: "/data/",
    "sign up": lambda site: "/akun/daftar/",
    "log in": lambda site: "/akun/masuk/",
    "password reset": lambda site: "/akun/sandi/",
    "invitation code": lambda site: "/akun/aktifkan/",
    "dashboard": lambda site: site.logged_in("/saya/"),
    "profile": lambda site: site.logged_in("/saya/profil/"),
    "not found": lambda site: "/tidak-ada-halaman-ini/",
}


@pytest.mark.parametrize("kind", PUBLIC_PAGES)
def test_every_public_page_sends_the_strict_policy(client, site_tree, kind):
    path = PUBLIC_PAGES[kind](PublicSite(site_tree, client))

    response = client.get(path)

    assert response.status_code == (404 if kind == "not found" else 200), path
    assert_public_policy(policy_of(response))


def test_a_page_served_from_the_page_cache_keeps_the_policy(client, site_tree, settings):
    settings.PAGE_CACHE_ENABLED = True
    client.get("/kursus/")

    response = client.get("/kursus/")

    assert response["X-Page-Cache"] == "hit"
    assert_public_policy(policy_of(response))


def test_lesson_videos_may_be_embedded_from_the_video_hosts_only(client, site_tree, settings):
    policy = policy_of(client.get("/"))

    assert policy["frame-src"] == settings.VIDEO_EMBED_ORIGINS
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]


def test_an_embedded_video_keeps_its_shape_without_an_inline_style(client, site_tree):
    course = factories.course_page(site_tree["courses"])
    video = ("video", {"video": "https://video.example/abc123", "caption": "Cara mengajukan permohonan"})
    module = factories.module_page(course, body=[video])

    soup = BeautifulSoup(client.get(module.url).content, "html.parser")

    assert soup.select_one("figure.video .responsive-object iframe")["src"] == "https://video.example/embed/abc123"
    assert soup.select("main [style]") == []  # style-src 'self' would refuse it


def test_the_wagtail_admin_gets_its_own_looser_policy(admin_client, site_tree):
    policy = policy_of(admin_client.get("/admin/"))

    # Wagtail's inline panels and date pickers are inline scripts: allowed in the admin only.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]  # the page preview is a frame of the admin
    assert policy["default-src"] == ["'self'"]  # it connects to nothing but this site


def test_production_sends_hsts_and_keeps_every_cookie_to_https():
    from tests.lms.test_settings import PRODUCTION_ENV, read_settings

    values = read_settings(
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
        "CONTENT_SECURITY_POLICY",
        settings_module="lms.settings.production",
        **PRODUCTION_ENV,
    )

    assert values.pop("SECURE_HSTS_SECONDS") >= 365 * 24 * 60 * 60
    assert values.pop("CONTENT_SECURITY_POLICY")["DIRECTIVES"]["script-src"] == ["'self'"]
    assert all(values.values()), values
