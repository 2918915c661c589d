# /saya/profil/ (filled in by the accounts work).
urlpatterns = []
