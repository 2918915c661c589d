"""Residents' proposals to a budgeting call (participation.budgeting_proposals and its views): the public list
with its filters and "Terlatih", sending a proposal (and every refusal of proposal_permission), one
proposal's page with its review, and changing it while proposals are taken."""

import io
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from participation.budgeting_eligibility import Refusal, proposal_permission
from participation.budgeting_phases import Phase
from participation.budgeting_proposals import ProposalError, proposal_create, proposals_public
from participation.models import BudgetingCategory, Proposal
from tests import factories
from tests.participation import budgeting_factories as budgeting


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def call(site_tree):
    return budgeting.call(site_tree, phase=Phase.PROPOSALS, ceiling_rupiah=200_000_000)


@pytest.fixture
def resident(db):
    return budgeting.resident_in_area("Siti Rahmawati")


def another_kelurahan_of_the_area():
    return factories.region_chain("6471010004", "Sungai Nangka")


def kelurahan_outside_the_area():
    return factories.region_chain("6471020001", "Margasari")


def phone_photo():
    """A JPEG with the phone's make and a GPS position in its EXIF."""
    image = Image.new("RGB", (3000, 2000), "green")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telepon Siti"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({ExifTags.GPS.GPSLatitudeRef: "S"})
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif)
    return SimpleUploadedFile("drainase.jpg", output.getvalue(), content_type="image/jpeg")


def list_url(call):
    return call.url + "usulan/"


def new_url(call):
    return call.url + "usulan/baru/"


def proposal_url(proposal):
    return f"{proposal.call.url}usulan/{proposal.pk}/"


def form_data(call, **changes):
    data = {
        "title": "Perbaikan drainase Jl. Mawar",
        "description": "Saluran air di Jl. Mawar tersumbat dan meluap setiap hujan deras.",
        "kelurahan": factories.region_chain().code,
        "rt": "003",
        "rw": "07",
        "address": "Jl. Mawar, depan masjid",
        "latitude": "-1.268300",
        "longitude": "116.828900",
        "category": str(call.categories.get(name="Drainase").pk),
        "estimated_cost": "50000000",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def assert_never_cached(response):
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


# --- The list


def test_the_list_shows_public_proposals_with_cost_status_and_a_merged_ones_target(client, call):
    kept = budgeting.proposal(call, title="Lampu jalan RT 05", cost=30_000_000)
    feasible = budgeting.proposal(
        call, title="Taman bermain RT 02", cost=80_000_000, status=Proposal.Status.FEASIBLE, reviewed_cost=75_000_000
    )
    merged = budgeting.proposal(call, title="Drainase Jl. Mawar lagi", status=Proposal.Status.MERGED)
    Proposal.objects.filter(pk=merged.pk).update(merged_into=feasible)
    budgeting.proposal(call, title="Usulan kasar disembunyikan", status=Proposal.Status.HIDDEN, review_reason="x")

    response = client.get(list_url(call))

    assert response.status_code == 200
    assert_never_cached(response)
    content = response.content.decode()
    assert "Lampu jalan RT 05" in content and "Taman bermain RT 02" in content
    assert "Usulan kasar disembunyikan" not in content
    assert "Rp 75.000.000" in content and "Rp 80.000.000" in content
    assert f'href="{proposal_url(feasible)}"' in content  # the merged one points to its target
    assert list(response.context["proposals"]) == [kept, feasible, merged]


def test_the_list_filters_by_kelurahan_and_category(client, call):
    drainage, lights = BudgetingCategory.objects.get(name="Drainase"), BudgetingCategory.objects.get(name="Penerangan")
    sungai_nangka = another_kelurahan_of_the_area()
    here = budgeting.proposal(call, title="Drainase Gunung Bahagia", category=drainage)
    budgeting.proposal(call, title="Drainase Sungai Nangka", category=drainage, kelurahan=sungai_nangka)
    budgeting.proposal(call, title="Lampu Gunung Bahagia", category=lights)

    response = client.get(list_url(call), {"kelurahan": here.kelurahan_id, "kategori": drainage.pk})

    assert list(response.context["proposals"]) == [here]
    assert response.context["filtered"]


def test_a_filter_naming_nothing_leads_to_the_list_without_it(client, call):
    response = client.get(list_url(call), {"kelurahan": "9999999999"})

    assert response.status_code == 302
    assert response["Location"] == list_url(call)


def test_trained_marks_only_the_authors_who_completed_the_calls_course(client, site_tree):
    course = factories.course_page(site_tree["courses"])
    call = budgeting.call(site_tree, prerequisite_course=course)
    trained_author, other_author = budgeting.resident_in_area("Terlatih Satu"), budgeting.resident_in_area("Belum")
    factories.enrolment(user=trained_author, course=course, completed_at="2026-01-05T10:00+08:00")
    factories.enrolment(user=other_author, course=course)
    trained = budgeting.proposal(call, author=trained_author, title="Usulan warga terlatih")
    untrained = budgeting.proposal(call, author=other_author, title="Usulan warga belum terlatih")

    by_id = {proposal.pk: proposal.trained for proposal in proposals_public(call=call)}

    assert by_id == {trained.pk: True, untrained.pk: False}
    content = client.get(list_url(call)).content.decode()
    assert content.count("proposal-trained") == 1


def test_the_list_of_twenty_proposals_takes_as_many_queries_as_the_list_of_one(
    client, site_tree, django_assert_max_num_queries
):
    course = factories.course_page(site_tree["courses"])
    call = budgeting.call(site_tree, prerequisite_course=course)
    author = budgeting.resident_in_area("Penulis Pertama")
    factories.enrolment(user=author, course=course, completed_at="2026-01-05T10:00+08:00")
    first = budgeting.proposal(call, author=author, title="Usulan nomor 0")
    first.photo.save("a.jpg", ContentFile(b"x"), save=True)
    client.get(list_url(call))  # Wagtail's site root and the like, cached once
    with django_assert_max_num_queries(20) as one:
        client.get(list_url(call))
    for number in range(1, 20):
        budgeting.proposal(call, author=author, title=f"Usulan nomor {number}", status=Proposal.Status.FEASIBLE)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(list_url(call))

    assert len(response.context["proposals"]) == 20


def test_the_list_is_paginated_at_twenty(client, call):
    author = budgeting.resident_in_area("Penulis")
    for number in range(21):
        budgeting.proposal(call, author=author, title=f"Usulan nomor {number}")

    first, second = client.get(list_url(call)), client.get(list_url(call), {"halaman": 2})

    assert len(first.context["proposals"]) == 20 and first.context["next_url"] == list_url(call) + "?halaman=2"
    assert [proposal.title for proposal in second.context["proposals"]] == ["Usulan nomor 20"]
    assert client.get(list_url(call), {"halaman": 3}).status_code == 302


# --- Sending a proposal


def test_an_anonymous_visitor_is_sent_to_log_in(client, call):
    response = client.get(new_url(call))

    assert response.status_code == 302
    assert response["Location"].endswith("?next=" + new_url(call))


@pytest.mark.parametrize(
    ("refusal", "make_resident"),
    [
        (
            (Refusal.OUTSIDE_AREA,),
            lambda: budgeting.resident_in_area("Warga Luar", kelurahan=kelurahan_outside_the_area()),
        ),
        # An account without a resident's profile (staff, say): no kelurahan, so none in the area.
        ((Refusal.NO_PROFILE, Refusal.OUTSIDE_AREA), lambda: get_user_model().objects.create_user("tanpa-profil")),
    ],
)
def test_a_resident_who_may_not_propose_is_refused_with_the_reason(client, call, refusal, make_resident):
    user = make_resident()
    client.force_login(user)
    permission = proposal_permission(call, user)
    assert permission.refusal in refusal

    page = client.get(new_url(call))
    posted = client.post(new_url(call), form_data(call))

    assert page.status_code == 403 and posted.status_code == 403
    assert str(permission.reason) in page.content.decode()
    assert_never_cached(page)
    assert not Proposal.objects.exists()


def test_a_resident_without_the_calls_course_is_refused(client, site_tree, resident):
    call = budgeting.call(site_tree, prerequisite_course=factories.course_page(site_tree["courses"]))
    client.force_login(resident)

    response = client.post(new_url(call), form_data(call))

    assert response.status_code == 403
    assert response.context["reason"] == proposal_permission(call, resident).reason
    assert not Proposal.objects.exists()


def test_proposals_are_refused_outside_the_proposal_period(client, site_tree, resident):
    call = budgeting.call(site_tree, phase=Phase.REVIEW)
    client.force_login(resident)

    response = client.post(new_url(call), form_data(call))

    assert response.status_code == 403
    assert proposal_permission(call, resident).refusal == Refusal.PHASE_CLOSED
    assert not Proposal.objects.exists()


def test_the_form_offers_the_areas_kelurahan_and_the_calls_categories_with_the_residents_own_chosen(
    client, call, resident
):
    another_kelurahan_of_the_area(), kelurahan_outside_the_area()
    BudgetingCategory.objects.create(name="Bukan kategori panggilan ini")
    client.force_login(resident)

    form = client.get(new_url(call)).context["form"]

    assert {region.name for region in form.fields["kelurahan"].queryset} == {"Gunung Bahagia", "Sungai Nangka"}
    assert set(form.fields["category"].queryset) == set(call.categories.all())
    assert form.initial["kelurahan"] == resident.learner_profile.kelurahan_id


def test_a_resident_sends_a_proposal_with_a_photo_made_safe(client, call, resident):
    client.force_login(resident)

    response = client.post(new_url(call), {**form_data(call), "photo": phone_photo()})

    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == proposal_url(proposal)
    assert proposal.author == resident and proposal.call == call
    assert proposal.status == Proposal.Status.SUBMITTED
    assert (proposal.rt, proposal.rw, proposal.estimated_cost) == ("003", "07", 50_000_000)
    assert str(proposal.latitude) == "-1.268300"
    with Image.open(proposal.photo.path) as image:
        assert max(image.size) <= 1600 and not image.getexif()
    page = client.get(response["Location"])
    assert "Perbaikan drainase Jl. Mawar" in page.content.decode()
    assert [str(message) for message in page.context["messages"]]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"estimated_cost": "200000001"}, "estimated_cost"),
        ({"estimated_cost": "0"}, "estimated_cost"),
        ({"kelurahan": "6471020001"}, "kelurahan"),
        ({"rt": "12a"}, "rt"),
        ({"rw": "1234"}, "rw"),
        ({"longitude": ""}, "longitude"),
        ({"title": "Jl"}, "title"),
    ],
)
def test_a_form_with_a_mistake_comes_back_with_the_error_next_to_its_field_and_nothing_saved(
    client, call, resident, changes, field
):
    kelurahan_outside_the_area()
    client.force_login(resident)

    response = client.post(new_url(call), form_data(call, **changes))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Proposal.objects.exists()


def test_an_estimate_above_the_ceiling_is_refused_naming_the_ceiling(client, call, resident):
    client.force_login(resident)

    response = client.post(new_url(call), form_data(call, estimated_cost="250000000"))

    assert "Rp 200.000.000" in response.context["form"].errors["estimated_cost"][0]
    assert not Proposal.objects.exists()


def test_a_category_the_call_does_not_offer_is_refused(client, call, resident):
    other = BudgetingCategory.objects.create(name="Bukan kategori panggilan ini")
    client.force_login(resident)

    response = client.post(new_url(call), form_data(call, category=str(other.pk)))

    assert "category" in response.context["form"].errors
    assert not Proposal.objects.exists()


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_saved(client, call, resident, tmp_path):
    client.force_login(resident)
    not_a_photo = SimpleUploadedFile("surat.jpg", b"%PDF-1.4 bukan foto", content_type="image/jpeg")

    response = client.post(new_url(call), {**form_data(call), "photo": not_a_photo})

    assert "photo" in response.context["form"].errors
    assert not Proposal.objects.exists()
    assert not list(tmp_path.rglob("*.jpg"))


def test_the_service_checks_the_call_again_whatever_the_form_let_through(call, resident):
    fields = {
        "title": "Perbaikan drainase",
        "description": "Saluran air tersumbat setiap hujan deras di RT 03.",
        "kelurahan": kelurahan_outside_the_area(),
        "rt": "3",
        "rw": "7",
        "address": "",
        "latitude": None,
        "longitude": None,
        "category": call.categories.first(),
        "estimated_cost": 10_000_000,
    }
    with pytest.raises(ProposalError) as refused:
        proposal_create(call=call, author=resident, fields=fields)
    assert refused.value.field == "kelurahan"
    with pytest.raises(ProposalError):
        proposal_create(
            call=call,
            author=resident,
            fields={**fields, "kelurahan": factories.region_chain(), "estimated_cost": 300_000_000},
        )
    assert not Proposal.objects.exists()


# --- One proposal's page


def test_the_proposals_page_shows_its_place_cost_review_and_a_whatsapp_link(client, call, settings):
    settings.SITE_URL = "https://sekolahwarga.example"
    proposal = budgeting.proposal(
        call,
        title="Lampu jalan RT 05",
        cost=40_000_000,
        status=Proposal.Status.NOT_FEASIBLE,
        review_reason="Sudah dianggarkan Dinas Perhubungan tahun ini.",
        rt="005",
        rw="02",
        latitude="-1.268300",
        longitude="116.828900",
    )

    response = client.get(proposal_url(proposal))

    content = response.content.decode()
    assert response.status_code == 200
    assert_never_cached(response)
    assert "Sudah dianggarkan Dinas Perhubungan tahun ini." in content
    assert "https://www.openstreetmap.org/?mlat=-1.268300&amp;mlon=116.828900#map=18/-1.268300/116.828900" in content
    expected = "https://wa.me/?text=" + quote(
        f"Lampu jalan RT 05 https://sekolahwarga.example{proposal_url(proposal)}", safe=""
    )
    assert response.context["share_url"] == expected
    assert "<script" not in content.split('class="share-whatsapp"')[0][-200:]
    assert "edit_url" not in response.context  # not its author


def test_a_hidden_proposals_page_says_only_that_it_was_hidden_and_why(client, call):
    proposal = budgeting.proposal(
        call,
        title="Judul kasar",
        description="Isi usulan yang kasar dan menyinggung warga lain.",
        status=Proposal.Status.HIDDEN,
        review_reason="Menyinggung warga lain.",
    )

    response = client.get(proposal_url(proposal))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Menyinggung warga lain." in content
    assert "Judul kasar" not in content and "Isi usulan yang kasar" not in content


def test_a_proposal_of_another_call_is_not_found_here(client, site_tree, call):
    other = budgeting.call(site_tree, title="Panggilan lain")
    proposal = budgeting.proposal(other)

    assert client.get(f"{call.url}usulan/{proposal.pk}/").status_code == 404


def test_its_author_sees_the_edit_link_while_proposals_are_taken(client, call, resident):
    proposal = budgeting.proposal(call, author=resident)
    client.force_login(resident)

    response = client.get(proposal_url(proposal))

    assert response.context["edit_url"] == proposal_url(proposal) + "ubah/"


# --- Changing it


def test_its_author_changes_the_proposal_while_proposals_are_taken(client, call, resident):
    proposal = budgeting.proposal(call, author=resident)
    client.force_login(resident)
    assert client.get(proposal_url(proposal) + "ubah/").status_code == 200

    response = client.post(
        proposal_url(proposal) + "ubah/",
        form_data(call, title="Drainase Jl. Mawar diperbaiki", estimated_cost="60000000"),
    )

    assert response.status_code == 302 and response["Location"] == proposal_url(proposal)
    proposal.refresh_from_db()
    assert (proposal.title, proposal.estimated_cost) == ("Drainase Jl. Mawar diperbaiki", 60_000_000)


def test_another_resident_may_not_change_a_proposal(client, call, resident):
    proposal = budgeting.proposal(call, title="Judul asli")
    client.force_login(resident)

    page = client.get(proposal_url(proposal) + "ubah/")
    posted = client.post(proposal_url(proposal) + "ubah/", form_data(call, title="Judul diubah orang lain"))

    assert page.status_code == 403 and posted.status_code == 403
    proposal.refresh_from_db()
    assert proposal.title == "Judul asli"


def test_after_the_proposal_period_the_author_is_told_and_nothing_changes(client, site_tree, resident):
    call = budgeting.call(site_tree, phase=Phase.REVIEW)
    proposal = budgeting.proposal(call, author=resident, title="Judul asli")
    client.force_login(resident)

    response = client.post(proposal_url(proposal) + "ubah/", form_data(call, title="Judul terlambat"), follow=True)

    assert response.redirect_chain[0][0] == proposal_url(proposal)
    assert [str(message) for message in response.context["messages"]]
    assert "edit_url" not in response.context
    proposal.refresh_from_db()
    assert proposal.title == "Judul asli"


def test_its_author_replaces_and_removes_the_photo(client, call, resident):
    proposal = budgeting.proposal(call, author=resident)
    client.force_login(resident)

    client.post(proposal_url(proposal) + "ubah/", {**form_data(call), "photo": phone_photo()})
    proposal.refresh_from_db()
    assert proposal.photo

    client.post(proposal_url(proposal) + "ubah/", {**form_data(call), "photo_removed": "on"})
    proposal.refresh_from_db()
    assert not proposal.photo


# --- On the resident's dashboard


def test_the_dashboard_part_lists_the_residents_own_proposals_in_one_query(
    call, resident, django_assert_max_num_queries
):
    from participation.budgeting_proposal_views import proposals_part

    mine = budgeting.proposal(call, author=resident, title="Usulan saya sendiri")
    budgeting.proposal(call, title="Usulan warga lain")
    call.url  # Wagtail's site root paths, cached once  # noqa: B018

    with django_assert_max_num_queries(1):
        html = proposals_part(resident)

    assert "Usulan saya sendiri" in html and proposal_url(mine) in html
    assert "Usulan warga lain" not in html
    assert proposals_part(budgeting.resident_in_area("Tanpa Usulan")) == ""
