"""Four residents' enrolments across the class tests' two NGOs, for the completion records tests.

- Ani: Lestari's class (of its own course), Gunung Bahagia, perempuan, completed, certificate issued,
  3 of the class's 4 meetings attended.
- Budi: Cerdas's class (of its own course), Sepinggan, laki-laki, still learning, enrolled in January.
- Citra: no class, Lestari's course, Klandasan Ulu (Balikpapan Kota), gender not given, 1 of 2 modules.
- Dedi: no class, Cerdas's course, Gunung Bahagia, laki-laki, completed, certificate revoked.

Lestari answers for Ani (its class) and Citra (its course, no class); Cerdas for Budi and Dedi.
A test module binds the fixtures it uses to its own names: ``records = records_fixtures.records``.
"""

import datetime

import pytest
from django.utils import timezone

from certificates.models import Certificate, CertificateVersion
from classes.models import Attendance
from courses.models import ModuleProgress
from tests import factories
from tests.classes import conftest as class_fixtures

world = class_fixtures.world

WITA = datetime.timezone(datetime.timedelta(hours=8))


def _certificate(enrolment, code, *, revoked=False):
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        code=code,
        revoked_at=timezone.now() if revoked else None,
        revocation_reason="Nama salah." if revoked else "",
    )
    CertificateVersion.objects.create(
        certificate=certificate,
        number=1,
        name=enrolment.user.first_name,
        course_title=enrolment.course.title,
        organisation_name=enrolment.course.organisation.name,
        completed_on=enrolment.completed_at.date(),
        pdf=f"certificates/{code}-v1.pdf",
        sha256=code.ljust(64, "0"),
    )
    return certificate


@pytest.fixture
def records(world):
    own_course, other_course = world["own_course"], world["other_course"]
    other_course.topic = "anggaran"
    other_course.save(update_fields=["topic"])
    second_module = factories.module_page(own_course, title="Membuat Kompos")
    first_module = own_course.get_children().specific().first()
    gunung_bahagia = factories.kelurahan()
    sepinggan = factories.kelurahan("6471010005", "Sepinggan")
    klandasan = factories.kelurahan("6471040001", "Klandasan Ulu", kecamatan="Balikpapan Kota")

    ani = factories.learner(
        full_name="Ani Wulandari", email="ani@contoh.id", kelurahan=gunung_bahagia, gender="perempuan"
    )
    budi = factories.learner(full_name="Budi Santoso", phone="+6281234500001", kelurahan=sepinggan, gender="laki-laki")
    citra = factories.learner(full_name="Citra Dewi", email="citra@contoh.id", kelurahan=klandasan)
    dedi = factories.learner(
        full_name="Dedi Kurniawan", email="dedi@contoh.id", kelurahan=gunung_bahagia, gender="laki-laki"
    )

    enrolments = {
        "ani": factories.enrolment(
            user=ani,
            course=own_course,
            cohort=world["own"],
            enrolled_at=datetime.datetime(2026, 10, 5, 9, tzinfo=WITA),
            completed_at=datetime.datetime(2026, 11, 2, 10, tzinfo=WITA),
        ),
        "budi": factories.enrolment(
            user=budi,
            course=other_course,
            cohort=world["other"],
            enrolled_at=datetime.datetime(2026, 1, 15, 9, tzinfo=WITA),
        ),
        "citra": factories.enrolment(
            user=citra, course=own_course, enrolled_at=datetime.datetime(2026, 9, 1, 9, tzinfo=WITA)
        ),
        "dedi": factories.enrolment(
            user=dedi,
            course=other_course,
            enrolled_at=datetime.datetime(2026, 8, 20, 9, tzinfo=WITA),
            completed_at=datetime.datetime(2026, 9, 30, 10, tzinfo=WITA),
        ),
    }
    meetings = class_fixtures.add_meetings(world["own"], 4)
    for meeting in meetings[:3]:
        Attendance.objects.create(session=meeting, enrolment=enrolments["ani"], method=Attendance.Method.FORM)
    now = timezone.now()
    ModuleProgress.objects.create(
        enrolment=enrolments["citra"], module=first_module, read_at=now, completed_at=now, best_score_percent=80
    )
    ModuleProgress.objects.create(enrolment=enrolments["citra"], module=second_module, best_score_percent=60)
    certificates = {
        "ani": _certificate(enrolments["ani"], "7KQ2MX9D4T"),
        "dedi": _certificate(enrolments["dedi"], "8HJ3NP4R5V", revoked=True),
    }
    return {
        **world,
        "kelurahan": {"gunung bahagia": gunung_bahagia, "sepinggan": sepinggan, "klandasan": klandasan},
        "enrolments": enrolments,
        "certificates": certificates,
    }


@pytest.fixture
def page_query_store(monkeypatch):
    """An empty store of the report's kept page statements, and the viewers for whom the report's query
    was built since: (store, built)."""
    from reports import completion_records_views

    store = {}
    monkeypatch.setattr(completion_records_views, "_page_queries", store)
    built = []
    real = completion_records_views.completion_records

    def counting(**kwargs):
        built.append(kwargs["viewer"])
        return real(**kwargs)

    monkeypatch.setattr(completion_records_views, "completion_records", counting)
    return store, built
