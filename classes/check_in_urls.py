"""/kelas/hadir/: residents check in at a class meeting with the QR code on the facilitator's screen."""

from django.urls import path

from classes import check_in_views

urlpatterns = [
    path("<int:session_id>/<int:window>/<str:signature>/", check_in_views.check_in, name="class_check_in"),
]
