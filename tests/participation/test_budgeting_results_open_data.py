"""The budgeting turnout on /data/ (reports.open_data_budgeting): per call whose results are public, per
kelurahan and gender, small counts hidden; calls still counting are not published."""

import csv
import io

import pytest
from django.urls import reverse

from participation.budgeting_phases import Phase
from participation.models import Ballot, PollingPlace
from tests import factories
from tests.participation import budgeting_factories as bf

pytestmark = pytest.mark.django_db


def test_budgeting_csv_has_the_turnout_of_calls_with_public_results_only(client, site_tree):
    gunung_bahagia = factories.region_chain()
    done = bf.call(site_tree, phase=Phase.RESULTS, title="=Usulan Warga 2025")
    counting = bf.call(site_tree, phase=Phase.COUNTING, title="Usulan Warga Dihitung")
    for call in (done, counting):
        for n in range(6):
            voter = bf.resident_in_area(f"Pemilih {call.pk} {n}")
            Ballot.objects.create(call=call, voter=voter, kelurahan=gunung_bahagia, gender="perempuan")
        PollingPlace.objects.create(call=call, name="TPS", kelurahan=gunung_bahagia, ballots_cast=3)

    response = client.get(reverse("open_data:budgeting_csv"))

    assert response.status_code == 200
    assert 'filename="penganggaran.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == ["call", "fiscal_year", "category", "code", "name", "kecamatan", "online", "paper", "total"]
    assert {line[0] for line in lines[1:]} == {"'=Usulan Warga 2025"}
    by_category = {(line[2], line[3]): line[6:] for line in lines[1:]}
    # Paper 3 is "<5"; the total 9 less the online 6 would give it back, so the online 6 is hidden ("x"),
    # and with it the online total and the women's 6 that equal it.
    assert by_category[("kelurahan", gunung_bahagia.pk)] == ["x", "<5", "9"]
    assert by_category[("jumlah", "")] == ["x", "<5", "9"]
    assert by_category[("gender", "perempuan")] == ["x", "", ""]
    assert by_category[("gender", "laki-laki")] == ["0", "", ""]
    assert "Pemilih" not in text


def test_open_data_page_links_the_budgeting_csv(client, site_tree):
    response = client.get(reverse("open_data:index"))
    assert reverse("open_data:budgeting_csv") in response.content.decode()
