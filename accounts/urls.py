# Filled in by the accounts work: sign-up, log-in, log-out, password reset.
urlpatterns = []
