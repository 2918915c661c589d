"""The "Participation" (Partisipasi) group of the admin menu, where every screen of participation sits.

Each part adds its own viewsets to the group without touching this file: a viewset registered on its
own (``register_admin_viewset``) with ``menu_hook = PARTICIPATION_MENU_HOOK`` and a ``menu_order``
appears in the group's submenu (Wagtail's ``ViewSetGroup.submenu_hook``). The group shows only to
whoever sees at least one of its items. Importing this module registers the group, once.

Orders in the submenu, so the parts do not collide: Suara Warga 100–199 (participation.feedback_admin),
kelurahan staff 200–299 (participation.kelurahan_staff_admin), forums and budgeting from 300.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

PARTICIPATION_MENU_HOOK = "register_participation_menu_item"


class ParticipationMenu(ViewSetGroup):
    menu_label = _("Participation")
    menu_name = "participation"
    menu_icon = "comment"
    menu_order = 280  # after the classes, the learners and the certificates
    submenu_hook = PARTICIPATION_MENU_HOOK


@hooks.register("register_admin_viewset")
def register_participation_menu():
    return ParticipationMenu()
