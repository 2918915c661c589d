from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reading across the other apps for government staff and the public: completion records, their
    exports, the learner record, the admin dashboard and the open data. Nobody imports this app."""

    name = "reports"
    verbose_name = _("Reports")
