"""What the apps above accounts announce about residents' records, for privacy to listen to.

``resident_records_exported`` is sent when staff or a facilitator export rows that hold residents
(a spreadsheet of learners, of completion records, of a class's progress). Privacy logs it for every
resident in them, who sees it in their data download (UU 27/2022): privacy.receivers. It is defined
here, below every app that exports, so that each can send it without importing privacy.
Arguments: ``viewer``, who exported; ``rows``, a queryset of the exported rows, each with a
``user_id`` (the resident), read in the database and never brought through Python; and, optional,
``export_id``, the id of a worker-built export (reports.ReportExport): a run again replaces its log.
Sent inside the exporter's transaction, if it has one: the log is written with the export or not at all.
"""

from django.dispatch import Signal

resident_records_exported = Signal()
