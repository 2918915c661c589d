"""Receivers that keep the participation groups' permissions in place (connected in participation.apps).

participation.kelurahan_staff.participation_permissions_install gives the kelurahan staff and government
staff groups their permissions, on the models and on the forum and budgeting-call indexes; it changes
nothing when run again. It runs:

- when a forum or budgeting-call index is made (a new site, or one rebuilt): its pages get the groups'
  permissions at once;
- when the government's groups are installed (organisations.signals.content_review_installed, sent by
  organisations.services.content_review_install, which every grant of a government role runs): government
  staff act in participation from their first day, with or without a forum index;
- after ``migrate`` on a site already set up (a forum index or the government staff group exists): the site
  that had forums before issue 18 gets the kelurahan staff group and the permissions of the Suara Warga
  models, which exist only once Django has made them at the end of that same ``migrate``. A data migration
  could not give those (they are made after the migrations run) and would repeat the install in historical
  models; a new, empty database is left alone.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group

from organisations.models import GOVERNMENT_STAFF_GROUP
from participation.kelurahan_staff import participation_permissions_install
from participation.models import ForumIndexPage


def permissions_follow_new_index(sender, instance, created, raw=False, **kwargs):
    """post_save of the section pages: ForumIndexPage, BudgetingCallIndexPage, SuaraWargaPage."""
    if created and not raw:
        participation_permissions_install()


def permissions_follow_content_review(sender, **kwargs):
    """organisations.signals.content_review_installed."""
    participation_permissions_install()


def permissions_after_migrate(sender, **kwargs):
    """post_migrate of participation (`sender`, its app config): on a site already set up only."""
    if ForumIndexPage.objects.exists() or Group.objects.filter(name=GOVERNMENT_STAFF_GROUP).exists():
        # Django makes our models' permissions in this same signal, but after this receiver (participation
        # is listed before django.contrib.auth, whose receiver makes them): make them first. It makes only
        # those missing.
        create_permissions(sender, verbosity=0)
        participation_permissions_install()
