"""Public certificate addresses (/sertifikat/...): verification for anyone, the download for its owner."""

from django.urls import path

from certificates import verification_views, views

app_name = "certificates"

urlpatterns = [
    path("verifikasi/", verification_views.lookup, name="lookup"),
    path("verifikasi/<str:code>.json", verification_views.credential, name="credential"),
    path("verifikasi/<str:code>/", verification_views.verify, name="verify"),
    path("<str:code>/unduh/", views.download, name="download"),
]
