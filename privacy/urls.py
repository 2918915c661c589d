"""/saya/data/ and /saya/persetujuan/: the resident's own data and consents."""

from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("data/", views.data, name="data"),
    path("data/unduh/", views.data_download, name="data_download"),
    path("data/hapus/", views.account_delete, name="account_delete"),
    path("persetujuan/", views.consent, name="consent"),
    path("persetujuan/data-pilihan/tarik/", views.optional_data_withdraw, name="optional_data_withdraw"),
]
