"""The public open data: /data/, /data/ringkasan.csv and /data/forum.csv (reports.open_data_views)."""

from django.urls import path

from reports import open_data_budgeting, open_data_views

app_name = "open_data"
urlpatterns = [
    path("", open_data_views.index, name="index"),
    path("ringkasan.csv", open_data_views.csv_download, name="csv"),
    path("forum.csv", open_data_views.forum_csv_download, name="forum_csv"),
    path("penganggaran.csv", open_data_budgeting.budgeting_csv_download, name="budgeting_csv"),
]
