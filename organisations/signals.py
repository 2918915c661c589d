"""What organisations announce, for the apps above them that give permissions on their own pages.

Organisations know nothing of courses: the authors' permissions on course pages and the review
workflow on the course indexes are given by courses, listening to these (courses.authoring).

``organisation_groups_installed`` is sent inside the transaction that made or completed an
organisation's groups (organisations.services.organisation_groups_install), each time it runs.
Arguments: ``organisation``.

``content_review_installed`` is sent inside the transaction that installed the reviewers' groups and
the review workflow (organisations.services.content_review_install), each time it runs.
Arguments: ``workflow``, ``reviewers`` (the reviewers' group).

Receivers must change nothing when run again.
"""

from django.dispatch import Signal

organisation_groups_installed = Signal()
content_review_installed = Signal()
