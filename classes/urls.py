"""/kelas/: residents join a class with its code or link (and check in at its meetings)."""

from django.urls import include, path

from classes import views

urlpatterns = [
    path("gabung/", views.cohort_join_lookup, name="class_join_lookup"),
    path("gabung/<str:code>/", views.cohort_join, name="class_join"),
    path("hadir/", include("classes.check_in_urls")),
]
