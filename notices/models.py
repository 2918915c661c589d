"""A notice to a resident: a reply to their feedback now; a review of their proposal or a reminder later.

Many residents have no e-mail address, so every notice to an account is kept here and listed on their
dashboard (/saya/) as unread until they have seen it; e-mail is one more way it goes out, where there
is an address (notices.services.notice_send, the one way to send one).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="notices"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    # A path on this site where the resident reads more (the tracking page of their feedback, …).
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "seen_at", "-created_at"])]

    def __str__(self):
        return self.subject
