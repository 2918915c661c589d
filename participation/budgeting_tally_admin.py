"""Paper ballots in the admin (participation.budgeting_tally_views): the "Paper ballots" screens in the
Participation menu, and the lines their changes leave in Wagtail's audit log. Each tally's own history
(entries and corrections, with reasons) is PaperTallyChange, shown on the polling place's screen. A call's
page editor offers its paper ballots in its header menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from participation.budgeting_tallies import LOG_BALLOTS_CAST, LOG_POLLING_PLACE_CREATE
from participation.budgeting_tally_views import TallyViewSet, may_enter_tallies
from participation.models import BudgetingCallPage


@hooks.register("register_admin_viewset")
def register_tally_viewset():
    return TallyViewSet()


@hooks.register("register_log_actions")
def register_tally_log_actions(actions):
    actions.register_action(LOG_POLLING_PLACE_CREATE, _("Add a polling place"), _("Polling place added"))
    actions.register_action(LOG_BALLOTS_CAST, _("Change the paper ballots cast"), _("Paper ballots cast changed"))


class PaperBallotsButton(PageMenuItem):
    """The page editor's (and the explorer's header) menu of a budgeting call: its paper ballots."""

    @property
    def url(self):
        return reverse("budgeting_tallies:call", args=[self.page.pk])

    def is_shown(self, user):
        specific_class = self.page.specific_class
        return specific_class is not None and issubclass(specific_class, BudgetingCallPage) and may_enter_tallies(user)


@hooks.register("register_page_header_buttons")
def paper_ballots_header_button(page, user, view_name, next_url=None):
    return [PaperBallotsButton(label=_("Paper ballots"), icon_name="doc-full", priority=85, page=page)]
