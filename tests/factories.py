"""Builders for test data. Pages are built the way an editor would: added under their parent and published."""

import datetime

import factory
from django.utils import timezone

from accounts.models import PrivacyNoticeSettings
from cms_pages.models import StandardPage
from cms_pages.services import home_page_install
from courses.models import CourseIndexPage, CoursePage, ModulePage, QuizQuestion
from organisations.models import Organisation
from organisations.services import government_role_grant, membership_set
from participation.models import BudgetingCallIndexPage, BudgetingCallPage, ForumIndexPage, ForumPage
from regions.models import Region


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Yayasan Contoh {n}")
    slug = factory.Sequence(lambda n: f"yayasan-contoh-{n}")
    kind = Organisation.Kind.NGO


def region_chain(village_code="6471010006", village_name="Gunung Bahagia"):
    """A kelurahan with its kecamatan, city and province."""
    province, _ = Region.objects.get_or_create(code="64", defaults={"name": "Kalimantan Timur", "level": "province"})
    city, _ = Region.objects.get_or_create(
        code="6471", defaults={"name": "Kota Balikpapan", "level": "regency", "parent": province}
    )
    district, _ = Region.objects.get_or_create(
        code=village_code[:7], defaults={"name": "Balikpapan Selatan", "level": "district", "parent": city}
    )
    village, _ = Region.objects.get_or_create(
        code=village_code, defaults={"name": village_name, "level": "village", "parent": district}
    )
    return village


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def home_page():
    return home_page_install(title="Beranda", hero_title="Belajar jadi warga aktif", hero_text="Kursus singkat.")


def site_tree(home):
    return {
        "home": home,
        "courses": publish(home, CourseIndexPage(title="Kursus", slug="kursus")),
        "forums": publish(home, ForumIndexPage(title="Forum Warga", slug="forum")),
        "budgeting": publish(home, BudgetingCallIndexPage(title="Penganggaran Partisipatif", slug="penganggaran")),
    }


def course_page(index, *, title="Hak dan Kewajiban Warga", organisation=None, topic="hak-warga", **fields):
    page = CoursePage(
        title=title,
        topic=topic,
        organisation=organisation or OrganisationFactory(),
        summary=fields.pop("summary", "Ringkasan kursus."),
        outcomes=fields.pop("outcomes", "<ul><li>Memahami hak warga</li></ul>"),
        duration_hours=fields.pop("duration_hours", 3),
        **fields,
    )
    return publish(index, page)


def module_page(course, *, title="Modul", questions=0, **fields):
    page = ModulePage(
        title=title,
        summary=fields.pop("summary", "Ringkasan modul."),
        body=fields.pop("body", [("paragraph", "<p>Isi pelajaran.</p>")]),
        **fields,
    )
    for number in range(questions):
        page.quiz_questions.add(
            QuizQuestion(
                kind=QuizQuestion.Kind.SINGLE,
                prompt=f"Pertanyaan {number + 1}?",
                choices=[
                    ("choice", {"text": "Jawaban benar", "is_correct": True}),
                    ("choice", {"text": "Jawaban salah", "is_correct": False}),
                ],
                explanation="Penjelasan.",
            )
        )
    return publish(course, page)


def forum_page(index, *, title="Forum Warga Gunung Bahagia", starts_at=None, ends_at=None, **fields):
    starts_at = starts_at or timezone.now() + datetime.timedelta(days=7)
    page = ForumPage(
        title=title,
        kelurahan=fields.pop("kelurahan", None) or region_chain(),
        starts_at=starts_at,
        ends_at=ends_at or starts_at + datetime.timedelta(hours=2),
        venue=fields.pop("venue", "Aula Kantor Kelurahan Gunung Bahagia"),
        agenda=fields.pop("agenda", "<ul><li>Laporan kelurahan</li></ul>"),
        **fields,
    )
    return publish(index, page)


def budgeting_call_page(index, *, title="Usulan Warga Balikpapan Selatan", **fields):
    today = timezone.localdate()
    page = BudgetingCallPage(
        title=title,
        area=fields.pop("area", None) or region_chain().parent,
        scope=fields.pop("scope", "<p>Perbaikan drainase lingkungan.</p>"),
        ceiling_rupiah=fields.pop("ceiling_rupiah", 150_000_000),
        fiscal_year=fields.pop("fiscal_year", today.year + 1),
        proposals_open=fields.pop("proposals_open", today),
        proposals_close=fields.pop("proposals_close", today + datetime.timedelta(days=30)),
        eligibility=fields.pop("eligibility", "<p>Warga Balikpapan Selatan.</p>"),
        total_budget_rupiah=fields.pop("total_budget_rupiah", 1_000_000_000),
        **fields,
    )
    # The later phases follow the proposal period unless given: review, voting, counting, follow-up.
    page.voting_open = page.voting_open or page.proposals_close + datetime.timedelta(days=15)
    page.voting_close = page.voting_close or page.voting_open + datetime.timedelta(days=14)
    page.results_on = page.results_on or page.voting_close + datetime.timedelta(days=7)
    page.follow_up_from = page.follow_up_from or page.results_on + datetime.timedelta(days=30)
    return publish(index, page)


def standard_page(parent, *, title="Tentang Sekolah Warga", **fields):
    page = StandardPage(
        title=title, intro=fields.pop("intro", "Tentang kami."), body=[("paragraph", "<p>Isi halaman.</p>")], **fields
    )
    return publish(parent, page)


def privacy_notice(home, *, title="Pemberitahuan Privasi", slug="privasi"):
    """A published page under `home`, chosen as its site's privacy notice (Settings → Privacy notice)."""
    page = standard_page(home, title=title, slug=slug)
    chosen = PrivacyNoticeSettings.for_site(home.get_site())
    chosen.privacy_notice_page = page
    chosen.save()
    return page


# --- learning journey


def resident(username="warga", password="kata-sandi-rahasia"):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username=username, password=password, first_name="Siti Rahma")


def users_with_roles(*, members=(), government=()):
    """One user per role, named after it (spaces become hyphens): `members` are (role, organisation,
    membership role) triples, `government` (role, group) pairs of the city's staff groups."""
    users = {}
    for role, organisation, membership_role in members:
        users[role] = resident(username=role.replace(" ", "-"))
        membership_set(user=users[role], organisation=organisation, role=membership_role)
    for role, group in government:
        users[role] = resident(username=role.replace(" ", "-"))
        government_role_grant(user=users[role], group_name=group)
    return users


def quiz_question(*, prompt, choices, kind="single", explanation="Penjelasan."):
    """choices: (text, is_correct) pairs."""
    return QuizQuestion(
        kind=kind,
        prompt=prompt,
        choices=[("choice", {"text": text, "is_correct": correct}) for text, correct in choices],
        explanation=explanation,
    )


def module_with_quiz(course, *, title, questions):
    page = ModulePage(title=title, summary="Ringkasan.", body=[("paragraph", "<p>Isi.</p>")])
    # In the given order, as the editor's inline panel numbers them: without a sort order, PostgreSQL
    # returns the questions in any order.
    for number, question in enumerate(questions):
        question.sort_order = number
        page.quiz_questions.add(question)
    return publish(course, page)


# --- accounts


def kelurahan(code="6471010006", name="Gunung Bahagia", *, kecamatan="Balikpapan Selatan"):
    """A kelurahan of Kota Balikpapan under the named kecamatan (both created if missing)."""
    city = region_chain().parent.parent
    district, _ = Region.objects.get_or_create(
        code=code[:7], defaults={"name": kecamatan, "level": "district", "parent": city}
    )
    village, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "level": "village", "parent": district}
    )
    return village


def learner(*, full_name="Siti Rahmawati", password="kata-sandi-rahasia", email=None, phone=None, **profile):
    """A resident with a learner profile, as accounts.services.resident_sign_up leaves one."""
    from django.contrib.auth import get_user_model

    from accounts.models import LearnerProfile
    from accounts.services import username_for

    user = get_user_model().objects.create_user(
        username=username_for(full_name), password=password, first_name=full_name, email=email, phone=phone
    )
    LearnerProfile.objects.create(
        user=user,
        kelurahan=profile.pop("kelurahan", None) or kelurahan(),
        consent_given_at=profile.pop("consent_given_at", None) or timezone.now(),
        privacy_notice_version=profile.pop("privacy_notice_version", "2026-11"),
        **profile,
    )
    return user


def enrolment(*, user, course, cohort=None, enrolled_at=None, **fields):
    """An enrolment in `course`, taken in `cohort` (a class) when given, as joining or a roster leaves it.
    With `enrolled_at` it was made then rather than now; with `completed_at` it is completed."""
    from classes.models import CohortEnrolment
    from courses.models import Enrolment

    if fields.get("completed_at"):
        fields.setdefault("status", Enrolment.Status.COMPLETED)
    enrolment = Enrolment.objects.create(user=user, course=course, **fields)
    if enrolled_at is not None:  # set on insert (auto_now_add): moved to the time the test needs
        Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=enrolled_at)
        enrolment.enrolled_at = enrolled_at
    if cohort is not None:
        CohortEnrolment.objects.create(enrolment=enrolment, cohort=cohort)
    return enrolment


# --- participation


def suara_warga_page(home, *, title="Suara Warga", slug="suara-warga", **fields):
    from participation.models import SuaraWargaPage

    return publish(home, SuaraWargaPage(title=title, slug=slug, **fields))


def feedback_category(name="Jalan dan drainase", *, response_days=7, **fields):
    from participation.models import FeedbackCategory

    category, _ = FeedbackCategory.objects.get_or_create(
        name=name, defaults={"response_days": response_days, **fields}
    )
    return category


def feedback(
    *,
    category=None,
    kelurahan=None,
    text="Saluran air di RT 05 tersumbat sejak seminggu.",
    sender=None,
    sender_name="",
    sender_email="",
    sender_phone="",
    received_at=None,
):
    """A Suara Warga item as a resident sends it (participation.feedback.feedback_submit)."""
    from participation.feedback import feedback_submit

    return feedback_submit(
        category=category or feedback_category(),
        kelurahan=kelurahan or region_chain(),
        text=text,
        sender=sender,
        sender_name=sender_name,
        sender_email=sender_email,
        sender_phone=sender_phone,
        now=received_at,
    )


def kelurahan_staff(username="staf-gunungbahagia", *, region=None, by=None):
    """Kelurahan staff of `region` (Gunung Bahagia unless given)."""
    from django.contrib.auth import get_user_model

    from participation.kelurahan_staff import kelurahan_staff_grant

    user = get_user_model().objects.create_user(username=username, password="kata-sandi-rahasia", first_name="Staf")
    kelurahan_staff_grant(user=user, region=region or region_chain(), by=by)
    return user
