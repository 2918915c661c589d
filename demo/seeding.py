"""Builds the demo site from the data in demo/content/.

Every step looks for what it would create and leaves existing rows alone, so a second
run changes nothing. Pages are validated before they are saved, because Wagtail skips
validation for drafts and this is the only author these pages have.
"""

import calendar
import datetime
import json

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Page

from accounts.models import PrivacyNoticeSettings
from accounts.services import resident_profile_for_demo
from certificates.services import certificate_issue
from classes.attendance import attendance_record
from classes.models import Cohort, CohortMeeting
from classes.roster import roster_import
from classes.services import cohort_join
from cms_pages.models import StandardPage
from cms_pages.services import home_page_install
from courses.grant_services import course_grant
from courses.models import CourseGrant, CourseIndexPage, CoursePage, ModulePage, QuizQuestion
from courses.services import enrolment_create, module_mark_read, quiz_attempt_open, quiz_attempt_submit
from demo.budgeting import seed_budgeting
from demo.certificate_images import seed_certificate_images
from demo.content import accounts, courses, participation, regions, site
from demo.forums import seed_forum_participation
from demo.offices import seed_offices
from demo.participation import seed_participation
from organisations.models import Membership, Organisation
from organisations.services import (
    GOVERNMENT_STAFF_GROUP,
    REVIEWERS_GROUP,
    content_review_install,
    government_role_grant,
    membership_set,
    organisation_groups_install,
)
from participation.models import (
    BudgetingCallIndexPage,
    BudgetingCallPage,
    ForumIndexPage,
    ForumPage,
    SuaraWargaPage,
)
from regions.models import Region


def database_has_content():
    """True once anyone has used the database: `make run` seeds only an empty one."""
    return get_user_model().objects.exists() or CoursePage.objects.exists()


@transaction.atomic
def seed_demo(*, today=None):
    today = today or timezone.localdate()
    seed_regions()
    organisations = seed_organisations()
    seed_certificate_images()  # sample logos and signatory (CONTOH), before warga2's certificate is issued
    seed_accounts()
    User = get_user_model()
    resident_profile_for_demo(User.objects.get(username="warga1"), kelurahan_code="6471010006", phone="0812 0000 0001")
    resident_profile_for_demo(User.objects.get(username="warga2"), kelurahan_code="6471010007", phone="0812 0000 0002")
    home = home_page_install(
        title=site.HOME["title"],
        hero_title=site.HOME["hero_title"],
        hero_text=site.HOME["hero_text"],
        body=site.HOME["body"],
    )
    course_index, forum_index, budgeting_index, _suara_warga = (
        child_page(home, page_class, slug=slug, title=data["title"], intro=data["intro"], show_in_menus=True)
        for page_class, slug, data in [
            (CourseIndexPage, "kursus", site.COURSE_INDEX),
            (ForumIndexPage, "forum", site.FORUM_INDEX),
            (BudgetingCallIndexPage, "penganggaran", site.BUDGETING_INDEX),
            (SuaraWargaPage, participation.SUARA_WARGA_PAGE["slug"], participation.SUARA_WARGA_PAGE),
        ]
    )
    course_pages = {course["slug"]: seed_course(course_index, course, organisations) for course in courses.COURSES}
    for forum in site.FORUMS:
        seed_forum(forum_index, forum, course_pages, today)
    for call in site.BUDGETING_CALLS:
        seed_budgeting_call(budgeting_index, call, course_pages, today)
    seed_learning(course_pages)
    seed_roles(organisations)
    # After the forum index (the role's page permissions are given on it) and the government staff group.
    seed_participation()
    seed_course_grants(course_pages, organisations)
    seed_classes(course_pages, organisations, today)
    # After the classes (their rosters' residents take part) and the kelurahan staff (the organiser).
    seed_forum_participation()
    # After the kelurahan staff and the residents' profiles: proposals, ballots, tallies and follow-up.
    seed_budgeting(budgeting_index=budgeting_index, today=today)
    seed_offices()  # the reset page's "where to go" for phone-only residents
    standard_pages = {
        standard["slug"]: child_page(
            home,
            StandardPage,
            slug=standard["slug"],
            title=standard["title"],
            intro=standard["intro"],
            body=stream(standard["body"]),
            show_in_menus=standard["slug"] == "tentang",
        )
        for standard in site.STANDARD_PAGES
    }
    seed_privacy_notice(home, standard_pages[site.PRIVACY_NOTICE_SLUG])
    return home


def seed_privacy_notice(home, page):
    """The demo's privacy notice is the one sign-up links to (Settings → Privacy notice), unless one is chosen."""
    chosen = PrivacyNoticeSettings.for_site(home.get_site())
    if chosen.privacy_notice_page_id is None:
        chosen.privacy_notice_page = page
        chosen.save(update_fields=["privacy_notice_page"])


def seed_learning(course_pages):
    """warga1 has started a course; warga2 has completed one, through the same services residents use."""
    User = get_user_model()
    started = enrolment_create(
        user=User.objects.get(username="warga1"), course=course_pages["hak-dan-kewajiban-warga"]
    )
    module_mark_read(user=started.user, module=ModulePage.objects.child_of(started.course).first())

    graduate = User.objects.get(username="warga2")
    course = course_pages["pengelolaan-lingkungan-dan-sampah"]
    completed = enrolment_create(user=graduate, course=course)
    for module in ModulePage.objects.child_of(course).live().order_by("path"):
        module_mark_read(user=graduate, module=module)
        attempt = quiz_attempt_open(user=graduate, module=module)
        if attempt is not None:
            answers = {
                str(question["id"]): [choice["id"] for choice in question["choices"] if choice["is_correct"]]
                for question in attempt.questions
            }
            quiz_attempt_submit(user=graduate, token=attempt.token, answers=answers)
    # Issued here rather than by a worker after the commit, so that the verification page can be
    # tried at once even when a broker is configured and no worker runs yet.
    certificate_issue(enrolment_id=completed.pk)


def seed_roles(organisations):
    """The demo partners' memberships, and the reviewers and government staff with their workflow."""
    content_review_install()
    for organisation in organisations.values():
        organisation_groups_install(organisation)
    User = get_user_model()
    roles = {"author": Membership.Role.AUTHOR, "facilitator": Membership.Role.FACILITATOR}
    groups = {"government staff": GOVERNMENT_STAFF_GROUP, "content reviewer": REVIEWERS_GROUP}
    for account in accounts.ACCOUNTS:
        user = User.objects.get(username=account["username"])
        if account["role"] in roles:
            organisation = organisations[account["organisation"]]
            membership_set(user=user, organisation=organisation, role=roles[account["role"]])
        elif account["role"] in groups:
            government_role_grant(user=user, group_name=groups[account["role"]])


def seed_course_grants(course_pages, organisations):
    """The demo's course grants, through the service (so they are in the audit log); once each."""
    User = get_user_model()
    for data in site.COURSE_GRANTS:
        course, organisation = course_pages[data["course"]], organisations[data["organisation"]]
        if not CourseGrant.objects.active().filter(course=course, organisation=organisation).exists():
            course_grant(course=course, organisation=organisation, by=User.objects.get(username=data["granted_by"]))


def seed_classes(course_pages, organisations, today):
    """A class per NGO partner, with meetings, learners from a roster and one who joined by code."""
    User = get_user_model()
    for data in site.CLASSES:
        facilitator = User.objects.get(username=data["facilitator"])
        starts_on = today - datetime.timedelta(days=14)
        cohort, created = Cohort.objects.get_or_create(
            name=data["name"],
            defaults={
                "course": course_pages[data["course"]],
                "organisation": organisations[data["organisation"]],
                "kelurahan": Region.objects.get(code=data["kelurahan"]),
                "mode": data["mode"],
                "starts_on": starts_on,
                "ends_on": starts_on + datetime.timedelta(days=60),
                "capacity": data["capacity"],
                "min_attendance_percent": data["min_attendance_percent"],
            },
        )
        if not created:
            continue
        cohort.full_clean()
        cohort.facilitators.add(facilitator)
        for week, (title, venue) in enumerate(data["meetings"]):
            meeting_day = starts_on + datetime.timedelta(weeks=week)
            CohortMeeting.objects.create(
                cohort=cohort,
                title=title,
                venue=venue,
                starts_at=timezone.make_aware(datetime.datetime.combine(meeting_day, datetime.time(9))),
            )
        rows = ["nama;telepon;kelurahan", *(";".join(row) for row in data["roster"])]
        roster_import(cohort=cohort, data="\n".join(rows).encode(), by=facilitator)
        for username in data["joined_with_code"]:
            cohort_join(user=User.objects.get(username=username), code=cohort.enrolment_code)
        # The first meeting has been held: everyone came.
        learners = cohort.cohort_enrolments.values_list("enrolment_id", flat=True)
        attendance_record(
            session=cohort.sessions.order_by("starts_at").first(), present_enrolment_ids=learners, by=facilitator
        )


def seed_regions():
    for code, parent_code, level, name in regions.BALIKPAPAN_REGIONS:
        Region.objects.get_or_create(code=code, defaults={"name": name, "level": level, "parent_id": parent_code})


def seed_organisations():
    organisations = {}
    for data in site.ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=data["slug"], defaults={"name": data["name"], "kind": data["kind"], "website": data["website"]}
        )
        organisations[organisation.slug] = organisation
    return organisations


def seed_accounts():
    User = get_user_model()
    for account in accounts.ACCOUNTS:
        if User.objects.filter(username=account["username"]).exists():
            continue
        superuser = account["role"] == "superuser"
        user = User(
            username=account["username"],
            first_name=account["first_name"],
            last_name=account["last_name"],
            email=f"{account['username']}@sekolahwarga.example",
            is_staff=superuser,
            is_superuser=superuser,
        )
        user.set_password(accounts.DEMO_PASSWORD)
        user.full_clean()
        user.save()


def seed_course(course_index, data, organisations):
    course = child_page(
        course_index,
        CoursePage,
        slug=data["slug"],
        title=data["title"],
        topic=data["topic"],
        organisation=organisations[data["organisation"]],
        summary=data["summary"],
        outcomes="<ul>" + "".join(f"<li>{outcome}</li>" for outcome in data["outcomes"]) + "</ul>",
        duration_hours=data["duration_hours"],
    )
    for module in data["modules"]:
        seed_module(course, module)
    return course


def seed_module(course, data):
    questions = [
        QuizQuestion(
            kind=question["kind"],
            prompt=question["prompt"],
            choices=json.dumps(
                [
                    {"type": "choice", "value": {"text": text, "is_correct": correct}}
                    for text, correct in question["choices"]
                ]
            ),
            explanation=question["explanation"],
            sort_order=number,
        )
        for number, question in enumerate(data.get("quiz", []))
    ]
    for question in questions:
        question.full_clean(exclude=["module"])  # the quiz rules: one correct answer, two true/false choices...
    return child_page(
        course,
        ModulePage,
        slug=data["slug"],
        title=data["title"],
        summary=data["summary"],
        estimated_minutes=data["estimated_minutes"],
        body=stream(data["body"]),
        quiz_questions=questions,
    )


def seed_forum(forum_index, data, course_pages, today):
    hour, minute = (int(part) for part in data["time"].split(":"))
    day = month_day(today, data["month_offset"], data["day"])
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
    return child_page(
        forum_index,
        ForumPage,
        slug=data["slug"],
        title=data["title"],
        kelurahan=Region.objects.get(code=data.get("kelurahan_code", "6471010006")),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=data.get("minutes_long", 120)),
        venue=data["venue"],
        kind=data.get("kind", ForumPage.Kind.MONTHLY),
        capacity=data.get("capacity"),
        agenda=data["agenda"],
        minutes=data["minutes"],
        decisions=data.get("decisions", ""),
        related_courses=[course_pages[slug] for slug in data["related_courses"]],
    )


def seed_budgeting_call(budgeting_index, data, course_pages, today):
    return child_page(
        budgeting_index,
        BudgetingCallPage,
        slug=data["slug"],
        title=data["title"],
        area=Region.objects.get(code=data["area_code"]),
        scope=data["scope"],
        ceiling_rupiah=data["ceiling_rupiah"],
        fiscal_year=today.year + data["fiscal_year_offset"],
        proposals_open=month_day(today, data["opens_month_offset"], data["opens_day"]),
        proposals_close=month_day(today, data["closes_month_offset"], data["closes_day"]),
        **budgeting_later_phases(month_day(today, data["closes_month_offset"], data["closes_day"])),
        total_budget_rupiah=data["ceiling_rupiah"] * 10,
        eligibility=data["eligibility"],
        prerequisite_course=course_pages.get(data["prerequisite_course"]),
        body=data["body"],
    )


def budgeting_later_phases(proposals_close):
    """Review, voting, counting and follow-up after a proposal period, at the usual pace: two weeks of review,
    two of voting, a week of counting, follow-up a month after the results."""
    voting_open = proposals_close + datetime.timedelta(days=15)
    voting_close = voting_open + datetime.timedelta(days=14)
    results_on = voting_close + datetime.timedelta(days=7)
    return {
        "voting_open": voting_open,
        "voting_close": voting_close,
        "results_on": results_on,
        "follow_up_from": results_on + datetime.timedelta(days=30),
    }


def child_page(parent, page_class, *, slug, **fields):
    """The published child of `parent` with this slug, created if missing (never changed if present)."""
    existing = Page.objects.child_of(parent).filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = page_class(slug=slug, **fields)
    validate_streams(page)
    parent.add_child(instance=page)  # Page.save() runs full_clean() on the page itself
    page.save_revision().publish()
    return page


def validate_streams(page):
    for field in page._meta.fields:
        if isinstance(field, StreamField):
            field.stream_block.clean(getattr(page, field.name))


def stream(blocks):
    """(block type, value) pairs from demo/content as the raw JSON a StreamField stores."""
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


def month_day(today, month_offset, day):
    """The given day of the month `month_offset` months from today's (clamped to the month's length)."""
    month_index = today.month - 1 + month_offset
    year, month = today.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))
