"""/saya/profil/: the resident's own profile."""

from django.urls import path

from accounts import views

app_name = "profile"

urlpatterns = [
    path("", views.profile_edit, name="edit"),
]
