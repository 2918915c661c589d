"""What the learning journey announces, for the apps above courses to listen to (certificates issues on it).

``enrolment_completed`` is sent once per enrolment, after the transaction that
recorded the completion has committed: receivers may enqueue tasks straight away.
Only courses.services.enrolment_complete sends it, for a completion online and one
recorded on paper alike. Arguments: ``enrolment``.
"""

from django.dispatch import Signal

enrolment_completed = Signal()
