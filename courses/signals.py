"""What the learning journey announces, for certificates and cohorts to listen to.

``enrolment_completed`` is sent once per enrolment, after the transaction that
recorded the completion has committed: receivers may enqueue tasks straight away.
Arguments: ``enrolment``.
"""

from django.dispatch import Signal

enrolment_completed = Signal()
