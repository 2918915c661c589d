"""The public open data: /data/ and /data/ringkasan.csv (reports.open_data_views)."""

from django.urls import path

from reports import open_data_views

app_name = "open_data"
urlpatterns = [
    path("", open_data_views.index, name="index"),
    path("ringkasan.csv", open_data_views.csv_download, name="csv"),
]
