"""A certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (1EdTech OB 3.0.3, W3C VC 2.0).

``open_badge_credential`` is a plain function of the certificate, its current version and the
course, so that the PDF could carry the same document as an attachment later. Choices, checked
against the OB 3.0 AchievementCredential JSON schema and examples:

- ``id`` is the credential's own public address (``/sertifikat/verifikasi/<code>.json``, made
  absolute with ``SITE_URL``): the document is a *hosted* credential, verified by fetching it
  from its issuer's site. It carries no ``proof``: we hold no signing key yet, so it is not a
  verifiable credential in the cryptographic sense, and says nothing more than the HTML page.
- The earner has no ``id`` (residents have no DID or public URL). The spec asks for ``id`` or at
  least one ``identifier``: the subject's ``identifier`` is one ``IdentityObject`` of
  ``identityType`` ``name``, not hashed, holding the name printed on the certificate, which the
  public page shows anyway. Nothing else about the resident: no email, phone or kelurahan.
- ``validFrom`` is when the current version was issued (a re-issue after a name correction moves
  it); ``awardedDate`` keeps when the certificate was first made.
- The achievement is the course. Its ``id`` is a ``urn:uuid`` derived from the site and the
  course page's id, so it stays the same whatever editors do to the page's slug; its
  ``criteria.id`` is the course page's address, for people, when the page is published.
- The course's owner is the achievement's ``creator``; when another organisation ran the learner's
  class (with the owner's grant), it is the subject's ``source``, the organisation that assessed the
  achievement on the issuer's behalf. Both are ``Profile``s named as printed on the certificate.
- Revocation: OB 3.0 expresses it with ``credentialStatus`` of type ``1EdTechRevocationList``,
  which needs a revocation-list address that this site does not serve yet. Until it does, a
  revoked certificate's credential is still served, with ``validUntil`` set to the time it was
  revoked (VC 2.0: the moment the credential ceases to be valid) and the description saying so;
  verifiers that check validity dates treat it as no longer valid, and the reason is never shown.
"""

import uuid
from datetime import UTC

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.site_address import absolute_url

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CREDENTIAL_SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}


def credential_url(code):
    """The public address of a certificate's credential, which is also its ``id``."""
    return absolute_url(reverse("certificates:credential", kwargs={"code": code}))


def open_badge_credential(*, certificate, version, course):
    """The certificate's OpenBadgeCredential as a dict, in the active language.

    ``version``: the certificate's current version (its snapshot says who, what, by whom and
    when); ``course``: the course page the certificate is for (only its id and address are used).
    """
    home_url = absolute_url("/")
    completed_on = formats.date_format(version.completed_on, "DATE_FORMAT")
    withheld = certificate.holder_name_withheld_at is not None
    facts = {
        # The holder deleted their account: the credential still says what was achieved, not by whom.
        "name": _("A resident whose name is withheld at their request") if withheld else version.name,
        "course": version.course_title,
        "organisation": version.organisation_name,
        "date": completed_on,
    }
    if version.run_by_another:
        description = _(
            "%(name)s completed the course %(course)s of %(organisation)s, in a class run by %(runner)s, on %(date)s."
        ) % {**facts, "runner": version.runner_name}
    else:
        description = _("%(name)s completed the course %(course)s run by %(organisation)s on %(date)s.") % facts
    if certificate.revoked_at is not None:
        description += " " + _("This certificate was revoked on %(date)s and is no longer valid.") % {
            "date": formats.date_format(timezone.localtime(certificate.revoked_at), "DATE_FORMAT")
        }
    criteria = {
        "narrative": _(
            "Complete the course %(course)s, run by %(organisation)s: every module read and its quizzes passed "
            "on Sekolah Warga, or the class attended as its facilitator recorded."
        )
        % facts
    }
    course_url_parts = course.get_url_parts()
    if course_url_parts is not None:  # the course page's path on SITE_URL, whichever site serves it
        criteria["id"] = absolute_url(course_url_parts[2])
    credential = {
        "@context": CONTEXT,
        "id": credential_url(certificate.code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": _("Certificate of completion: %(course)s") % facts,
        "description": description,
        "issuer": {
            "id": home_url,
            "type": ["Profile"],
            "name": getattr(settings, "WAGTAIL_SITE_NAME", "") or version.organisation_name,
            "url": home_url,
        },
        "validFrom": _timestamp(version.issued_at),
        "awardedDate": _timestamp(certificate.created_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": version.name,
                }
            ],
            "achievement": {
                "id": achievement_id(course),
                "type": ["Achievement"],
                "achievementType": "CertificateOfCompletion",
                "name": version.course_title,
                "description": _("The course %(course)s, run by %(organisation)s on Sekolah Warga.") % facts,
                "criteria": criteria,
                "inLanguage": get_language() or settings.LANGUAGE_CODE,
                "creator": organisation_profile(version.organisation_name),
            },
        },
        "credentialSchema": [CREDENTIAL_SCHEMA],
    }
    if version.run_by_another:
        # OB 3.0: the subject's ``source`` assessed the achievement on the issuer's behalf; the class's organisation.
        credential["credentialSubject"]["source"] = organisation_profile(version.runner_name)
    if withheld:
        del credential["credentialSubject"]["identifier"]
    if certificate.revoked_at is not None:
        credential["validUntil"] = _timestamp(certificate.revoked_at)
    return credential


def organisation_profile(name):
    """An organisation as an OB 3.0 ``Profile``, by the name the certificate printed (organisations have
    no public address): its ``id`` is a ``urn:uuid`` derived from the site and that name."""
    return {
        "id": "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, absolute_url(f"/organisasi/#{name}"))),
        "type": ["Profile"],
        "name": name,
    }


def achievement_id(course):
    """A course's achievement id: stable across slug changes, the same in every credential for it."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, absolute_url(f"/kursus/#{course.pk}")))


def _timestamp(moment):
    """A DateTimeZ as the schema wants it: UTC, whole seconds, with its ``Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
