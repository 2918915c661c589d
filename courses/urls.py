# /saya/: the resident's dashboard.
urlpatterns = []
