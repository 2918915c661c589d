"""A forum organiser's screens in the admin (participation.forum_admin_views): their addresses, the buttons
that reach them from the page explorer and the page editor, and their lines in the page's history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from participation import forum_admin_views
from participation.forum_attendance import LOG_ATTENDANCE_LIST, LOG_DOOR_ADD
from participation.models import ForumPage
from participation.scope import EVERYWHERE, kelurahan_scope


@hooks.register("register_admin_urls")
def register_forum_admin_urls():
    return forum_admin_views.urlpatterns


def organises(page, user):
    """Whether to offer `user` the organiser's screens of `page`: a forum of a kelurahan where they act.
    The explorer may hand over a page that is not specific: kelurahan staff meet only their own forums
    there (participation.scope), so acting somewhere is then enough; the screens check again."""
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, ForumPage):
        return False
    scope = kelurahan_scope(user)
    if scope is EVERYWHERE:
        return True
    kelurahan_id = getattr(page, "kelurahan_id", None)
    return kelurahan_id in scope if kelurahan_id is not None else bool(scope)


class ForumScreenButton(PageMenuItem):
    def __init__(self, *, page, screen, label, icon_name, priority):
        super().__init__(label=label, icon_name=icon_name, priority=priority, page=page)
        self.screen = screen

    @property
    def url(self):
        return forum_admin_views.forum_admin_url(self.screen, self.page)

    def is_shown(self, user):
        return organises(self.page, user)


SCREENS = [
    ("participants", _("Participants"), "group"),
    ("attendance", _("Attendance list"), "tasks"),
    ("check_in_qr", _("QR check-in"), "view"),
    ("sign_in_sheet", _("Sign-in sheet"), "doc-full"),
    ("questions", _("Questions"), "help"),
]


def _buttons(page, screens, first_priority):
    return [
        ForumScreenButton(page=page, screen=screen, label=label, icon_name=icon, priority=first_priority + i)
        for i, (screen, label, icon) in enumerate(screens)
    ]


@hooks.register("register_page_listing_more_buttons")
def forum_listing_buttons(page, user, next_url=None):
    """The explorer's "more" menu of a forum: its participants and its questions."""
    return _buttons(page, [SCREENS[0], SCREENS[4]], 45)


@hooks.register("register_page_header_buttons")
def forum_header_buttons(page, user, view_name, next_url=None):
    """The page editor's (and the explorer's header) menu of a forum: every organiser's screen."""
    return _buttons(page, SCREENS, 75)


@hooks.register("register_log_actions")
def register_forum_log_actions(actions):
    actions.register_action(LOG_DOOR_ADD, _("Add someone at the door"), _("Someone added at the door"))
    actions.register_action(LOG_ATTENDANCE_LIST, _("Save the attendance list"), _("Attendance list saved"))
