"""A budgeting call's page (participation.budgeting_call_views): what it says of the call (area, budgets,
categories, the voting rule), its timeline with today marked, what the visitor may do now or why not (with
what helps: a log-in link, the course, the kelurahan office), the forums that decide on it, its query
count and its cache headers; and the list of calls with their current phase."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from participation.budgeting_phases import Phase
from participation.models import BudgetingCallPage
from regions.models import KelurahanOffice
from tests import factories
from tests.participation import budgeting_factories as budgeting

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def next_step(page_soup):
    return page_soup.select_one("section.next-step")


def get(client, call, user=None):
    if user is not None:
        client.force_login(user)
    return client.get(call.url)


# --- what the page says of the call


def test_the_page_shows_area_budgets_per_kelurahan_categories_and_the_approval_limit(client, site_tree):
    gunung_bahagia = factories.region_chain()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    call = budgeting.call(
        site_tree,
        kelurahan_budgets=[(gunung_bahagia, 300_000_000), (damai, 200_000_000)],
        voting_rule=BudgetingCallPage.VotingRule.APPROVAL,
        approval_limit=4,
    )
    page = soup(get(client, call))
    assert "Balikpapan Selatan" in page.select_one(".eyebrow").text
    assert page.select_one(".call-total-budget").text.replace(",", ".") == "Rp 500.000.000"
    assert page.select_one(".call-ceiling").text.replace(",", ".") == "Rp 200.000.000"
    budgets = [[cell.text for cell in row.select("th, td")] for row in page.select(".kelurahan-budgets tbody tr")]
    assert [name for name, _ in budgets] == ["Damai", "Gunung Bahagia"]
    assert [name.text for name in page.select(".call-categories strong")] == [
        "Drainase",
        "Jalan",
        "Kebersihan",
        "Penerangan",
        "Taman",
    ]
    assert "4" in page.select_one(".voting-rule").text


def test_a_knapsack_call_tells_a_resident_the_budget_of_their_kelurahan(client, site_tree):
    gunung_bahagia = factories.region_chain()
    call = budgeting.call(site_tree, kelurahan_budgets=[(gunung_bahagia, 300_000_000)])
    resident = budgeting.resident_in_area()
    rule = soup(get(client, call, resident)).select_one(".voting-rule").text
    assert "Gunung Bahagia" in rule
    assert "300" in rule


def test_a_call_without_budgets_per_kelurahan_shows_no_table(client, site_tree):
    call = budgeting.call(site_tree)
    assert soup(get(client, call)).select_one(".kelurahan-budgets") is None


# --- the timeline


@pytest.mark.parametrize(
    ("phase", "current"),
    [
        (Phase.PROPOSALS, Phase.PROPOSALS),
        (Phase.REVIEW, Phase.REVIEW),
        (Phase.VOTING, Phase.VOTING),
        (Phase.COUNTING, Phase.RESULTS),  # counting belongs to the results' step
        (Phase.RESULTS, Phase.RESULTS),
        (Phase.FOLLOW_UP, Phase.FOLLOW_UP),
    ],
)
def test_the_timeline_is_an_ordered_list_of_five_steps_with_today_marked(client, site_tree, phase, current):
    call = budgeting.call(site_tree, phase=phase)
    page = soup(get(client, call))
    steps = page.select("ol.call-timeline > li")
    assert len(steps) == 5
    marked = [index for index, step in enumerate(steps) if step.get("aria-current") == "step"]
    order = [Phase.PROPOSALS, Phase.REVIEW, Phase.VOTING, Phase.RESULTS, Phase.FOLLOW_UP]
    assert marked == [order.index(current)]
    assert "is-current" in steps[marked[0]]["class"]
    assert all("is-past" in step["class"] for step in steps[: marked[0]])
    assert page.select_one("script") is None  # no JavaScript


def test_before_it_opens_no_step_is_marked_and_the_page_says_when_it_opens(client, site_tree):
    call = budgeting.call(site_tree, phase=Phase.UPCOMING)
    page = soup(get(client, call))
    assert page.select('[aria-current="step"]') == []
    assert "next-step-wait" in next_step(page)["class"]


# --- what the visitor may do now


def test_an_anonymous_visitor_during_proposals_is_told_to_log_in_and_comes_back_after(client, site_tree):
    call = budgeting.call(site_tree, phase=Phase.PROPOSALS)
    step = next_step(soup(get(client, call)))
    assert step["data-refusal"] == "not-logged-in"
    login = step.select_one("a.next-step-login")["href"]
    assert login.startswith("/akun/masuk/") or "masuk" in login
    assert "next=" + call.url.replace("/", "%2F") in login
    assert step.select_one("a.next-step-action") is None


def test_a_resident_of_the_area_during_proposals_gets_the_link_to_propose(client, site_tree):
    call = budgeting.call(site_tree, phase=Phase.PROPOSALS)
    step = next_step(soup(get(client, call, budgeting.resident_in_area())))
    assert step["data-refusal"] == ""
    assert step.select_one("a.next-step-action")["href"] == call.url + "usulan/baru/"
    assert call.url + "usulan/" in [link["href"] for link in step.select("a")]


def test_a_resident_outside_the_area_is_told_why_they_may_not_propose(client, site_tree):
    call = budgeting.call(site_tree, phase=Phase.PROPOSALS)
    elsewhere = factories.region_chain(village_code="6471020001", village_name="Klandasan Ilir")
    step = next_step(soup(get(client, call, budgeting.resident_in_area(kelurahan=elsewhere))))
    assert step["data-refusal"] == "outside-area"
    assert step.select_one(".next-step-reason").text.strip()
    assert step.select_one("a.next-step-action") is None


def test_a_resident_without_the_course_gets_a_link_to_it(client, site_tree):
    course = factories.course_page(site_tree["courses"])
    call = budgeting.call(site_tree, phase=Phase.PROPOSALS, prerequisite_course=course)
    step = next_step(soup(get(client, call, budgeting.resident_in_area())))
    assert step["data-refusal"] == "course-not-completed"
    assert course.url in [link["href"] for link in step.select(".next-step-course a")]
    assert step.select_one("a.next-step-action") is None


def test_an_unverified_resident_during_voting_is_sent_to_their_kelurahan_office_with_the_ktp(client, site_tree):
    call = budgeting.call(site_tree, phase=Phase.VOTING)
    resident = budgeting.resident_in_area()
    KelurahanOffice.objects.create(
        kelurahan=resident.learner_profile.kelurahan,
        name="Kantor Kelurahan Gunung Bahagia",
        address="Jl. Sepinggan No. 1",
        opening_hours="Senin–Jumat 08.00–15.00 WITA",
    )
    KelurahanOffice.objects.create(
        kelurahan=factories.kelurahan(code="6471010007", name="Damai"),
        name="Kantor Kelurahan Damai",
        address="Jl. Damai",
        opening_hours="Senin–Jumat",
    )
    step = next_step(soup(get(client, call, resident)))
    assert step["data-refusal"] == "not-verified"
    offices = [office.select_one("h3").text for office in step.select(".kelurahan-office")]
    assert offices == ["Kantor Kelurahan Gunung Bahagia"]
    assert "/akun/sandi/" not in str(step)
    assert step.select_one("a.next-step-action") is None


def test_a_verified_resident_during_voting_gets_the_link_to_vote(client, site_tree):
    call = budgeting.call(site_tree, phase=Phase.VOTING)
    step = next_step(soup(get(client, call, budgeting.resident_in_area(verified=True))))
    assert step["data-refusal"] == ""
    assert step.select_one("a.next-step-action")["href"] == call.url + "pilih/"


@pytest.mark.parametrize(
    ("phase", "route"),
    [(Phase.REVIEW, "usulan/"), (Phase.COUNTING, "usulan/"), (Phase.RESULTS, "hasil/"), (Phase.FOLLOW_UP, "hasil/")],
)
def test_outside_proposals_and_voting_the_page_leads_to_reading(client, site_tree, phase, route):
    call = budgeting.call(site_tree, phase=phase)
    step = next_step(soup(get(client, call, budgeting.resident_in_area(verified=True))))
    assert step.select_one("a.next-step-action")["href"] == call.url + route


# --- the forums that decide on it


def test_the_page_lists_the_live_public_forums_that_decide_on_the_call(client, site_tree):
    call = budgeting.call(site_tree)
    soon = timezone.now() + datetime.timedelta(days=3)
    factories.forum_page(site_tree["forums"], title="Musrenbang Gunung Bahagia", budgeting_call=call, starts_at=soon)
    draft = factories.forum_page(site_tree["forums"], title="Musrenbang Draf", budgeting_call=call)
    draft.unpublish()
    private = factories.forum_page(site_tree["forums"], title="Musrenbang Tertutup", budgeting_call=call)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    factories.forum_page(site_tree["forums"], title="Forum Lain")
    titles = [link.text for link in soup(get(client, call)).select(".call-forums a")]
    assert titles == ["Musrenbang Gunung Bahagia"]


# --- cost and caching


def test_the_page_query_count_is_bounded_with_forums_budgets_and_a_signed_in_resident(
    client, site_tree, django_assert_max_num_queries
):
    gunung_bahagia = factories.region_chain()
    kelurahan = [gunung_bahagia] + [
        factories.kelurahan(code=f"647101000{digit}", name=f"Kelurahan {digit}") for digit in (7, 8, 9)
    ]
    course = factories.course_page(site_tree["courses"])
    call = budgeting.call(
        site_tree,
        phase=Phase.VOTING,
        prerequisite_course=course,
        kelurahan_budgets=[(region, 100_000_000) for region in kelurahan],
    )
    for index in range(3):
        factories.forum_page(
            site_tree["forums"], title=f"Musrenbang {index}", budgeting_call=call, kelurahan=kelurahan[index]
        )
    client.force_login(budgeting.resident_in_area(verified=True))
    client.get(call.url)  # the session, the site and the menus, once
    with django_assert_max_num_queries(30):
        response = client.get(call.url)
    assert response.status_code == 200
    assert len(BeautifulSoup(response.content, "html.parser").select(".call-forums li")) == 3


def test_the_page_is_kept_by_no_cache(client, site_tree):
    call = budgeting.call(site_tree)
    response = client.get(call.url)
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-cache" in cache_control


# --- the list of calls


def test_the_list_of_calls_shows_each_call_with_its_current_phase(client, site_tree):
    budgeting.call(site_tree, phase=Phase.PROPOSALS, title="Usulan Sekarang")
    budgeting.call(site_tree, phase=Phase.VOTING, title="Pemilihan Sekarang")
    budgeting.call(site_tree, phase=Phase.UPCOMING, title="Belum Dibuka")
    page = soup(client.get(site_tree["budgeting"].url))
    phases = {card.select_one("h2").text.strip(): card["data-phase"] for card in page.select(".budgeting-call-card")}
    assert phases == {
        "Usulan Sekarang": Phase.PROPOSALS,
        "Pemilihan Sekarang": Phase.VOTING,
        "Belum Dibuka": Phase.UPCOMING,
    }
    assert all(card.select_one(".call-phase-now").text.strip() for card in page.select(".budgeting-call-card"))


def test_the_list_of_calls_query_count_does_not_grow_with_calls(client, site_tree, django_assert_max_num_queries):
    for index in range(5):
        budgeting.call(site_tree, phase=Phase.PROPOSALS, title=f"Usulan {index}")
    client.get(site_tree["budgeting"].url)
    with django_assert_max_num_queries(15):
        response = client.get(site_tree["budgeting"].url)
    assert len(BeautifulSoup(response.content, "html.parser").select(".budgeting-call-card")) == 5
