"""Paper ballots in the admin (participation.budgeting_tally_views): the "Paper ballots" screens in the
Participation menu, and the lines their changes leave in Wagtail's audit log. Each tally's own history
(entries and corrections, with reasons) is PaperTallyChange, shown on the polling place's screen."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from participation.budgeting_tallies import LOG_BALLOTS_CAST, LOG_POLLING_PLACE_CREATE
from participation.budgeting_tally_views import TallyViewSet


@hooks.register("register_admin_viewset")
def register_tally_viewset():
    return TallyViewSet()


@hooks.register("register_log_actions")
def register_tally_log_actions(actions):
    actions.register_action(LOG_POLLING_PLACE_CREATE, _("Add a polling place"), _("Polling place added"))
    actions.register_action(LOG_BALLOTS_CAST, _("Change the paper ballots cast"), _("Paper ballots cast changed"))
