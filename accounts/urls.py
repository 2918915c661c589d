"""/akun/: sign up, log in, log out, password reset (addresses fixed by DESIGN.md), and invitation codes."""

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("daftar/", views.sign_up, name="sign_up"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("sandi/", views.PasswordResetView.as_view(), name="password_reset"),
    path("sandi/terkirim/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("sandi/baru/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("sandi/selesai/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    # Printed on the facilitators' sheets and carried by QR codes and e-mails: keep these addresses.
    path("aktifkan/", views.activate, name="activate"),
    path("aktifkan/<str:code>/", views.activate_with_code, name="activate_with_code"),
]
