from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from courses.hooks import register_course_leads_to, register_participation_part
        from participation.dashboard_parts import feedback_part, forum_part
        from participation.learning_links import budgeting_calls_for_course, forums_for_course

        # What courses asks of the apps above it (courses.hooks): the forums and budgeting calls a
        # course prepares for, on its page, and the resident's participation on their dashboard.
        register_course_leads_to(forums_for_course)
        register_course_leads_to(budgeting_calls_for_course)
        register_participation_part(feedback_part)
        register_participation_part(forum_part)
        from participation.budgeting_proposal_views import proposals_part

        register_participation_part(proposals_part)
        # A course that names a forum completes once the resident attended one of its kind.
        from courses.hooks import register_completion_requirement
        from participation.forum_course_requirement import forum_attendance_requirement

        register_completion_requirement(forum_attendance_requirement)
        self.kelurahan_staff_connect()
        self.page_cache_connect()
        self.forum_connect()
        # Wagtail's site history keeps to the person's kelurahan (participation.feedback_audit_log).
        from participation.feedback_audit_log import feedback_log_entries_scoped

        feedback_log_entries_scoped()

    def page_cache_connect(self):
        """A category's name shows on /suara-warga/ and the home page, which the anonymous page cache keeps:
        adding, renaming or deleting one makes them stale, as a change to an item does (participation.feedback).
        A call's budgets per kelurahan are remembered for its ballot (participation.budgeting_pools) until the
        next publish; saving or deleting a budget row bumps the version as well. The ballot's
        proposals are kept for it until one of them is saved or deleted (participation.budgeting_ballots)."""
        from django.db.models.signals import post_delete, post_save

        from core.page_cache import page_cache_invalidate
        from participation.budgeting_ballots import votable_proposals_forget
        from participation.models import FeedbackCategory, KelurahanBudget, Proposal

        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(page_cache_invalidate, sender=FeedbackCategory, dispatch_uid=f"page-cache-category-{name}")
            signal.connect(page_cache_invalidate, sender=KelurahanBudget, dispatch_uid=f"page-cache-budget-{name}")
            signal.connect(votable_proposals_forget, sender=Proposal, dispatch_uid=f"votable-proposals-{name}")

    def forum_connect(self):
        """A forum published with more places gives them to its waiting list at once."""
        from wagtail.signals import page_published

        from participation.forum_registration import forum_capacity_followed
        from participation.models import ForumPage

        page_published.connect(forum_capacity_followed, sender=ForumPage, dispatch_uid="forum-capacity-followed")

    def kelurahan_staff_connect(self):
        """The kelurahan staff role's scope in the page tree, and the groups' permissions kept in place."""
        from django.db.models.signals import post_migrate, post_save

        from courses.page_permissions import register_page_scope
        from organisations.signals import content_review_installed
        from participation import receivers
        from participation.models import BudgetingCallIndexPage, ForumIndexPage, SuaraWargaPage
        from participation.scope import forum_pages_in_kelurahan_scope

        # Every admin view that lists or names pages leaves out other kelurahan's forums for kelurahan
        # staff (courses.page_permissions.pages_in_scope).
        register_page_scope(forum_pages_in_kelurahan_scope)
        for index_model in (ForumIndexPage, BudgetingCallIndexPage, SuaraWargaPage):
            post_save.connect(
                receivers.permissions_follow_new_index,
                sender=index_model,
                dispatch_uid=f"participation-permissions-{index_model.__name__}",
            )
        content_review_installed.connect(
            receivers.permissions_follow_content_review, dispatch_uid="participation-permissions-review"
        )
        post_migrate.connect(
            receivers.permissions_after_migrate, sender=self, dispatch_uid="participation-permissions-migrate"
        )
