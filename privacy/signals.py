"""What privacy announces, for the apps above it that hold residents' data of their own.

``resident_erased`` is sent once per erasure (privacy.services.erase_resident), inside its
transaction, after the account is erased and before the resident's access log is deleted: a receiver
may still read there what held them (reports deletes the exports that did). A receiver that fails
undoes the erasure. Arguments: ``user``, the erased account.
"""

from django.dispatch import Signal

resident_erased = Signal()
