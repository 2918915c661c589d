"""Every public form field renders through one template (core/forms/field.html, the FORM_RENDERER's)."""

from bs4 import BeautifulSoup
from django import forms

from core.forms import without_optional_marker


class ExampleForm(forms.Form):
    name = forms.CharField(label="Nama", help_text="Seperti di sertifikat.")
    birth_year = forms.IntegerField(label="Tahun lahir", required=False)
    email = without_optional_marker(forms.EmailField(label="Surel", required=False))
    agree = forms.BooleanField(label="Saya setuju")


def field_group(form, name):
    return BeautifulSoup(form[name].as_field_group(), "html.parser").find(class_="field")


def test_a_field_has_its_label_help_and_control_tied_together():
    field = field_group(ExampleForm(), "name")

    assert field.find("label", attrs={"for": "id_name"}).get_text(strip=True) == "Nama"
    assert field.find(class_="help", id="id_name_helptext").get_text(strip=True) == "Seperti di sertifikat."
    assert field.find("input", id="id_name")["aria-describedby"] == "id_name_helptext"
    assert not field.find(class_="errorlist")


def test_an_error_stands_next_to_its_field_and_the_control_says_so():
    form = ExampleForm({"name": "", "birth_year": "tahun"})
    form.is_valid()

    field = field_group(form, "birth_year")

    assert "field-has-error" in field["class"]
    assert field.find("ul", class_="errorlist", id="id_birth_year_error")
    control = field.find("input", id="id_birth_year")
    assert control["aria-invalid"] == "true"
    assert control["aria-describedby"] == "id_birth_year_error"


def test_an_optional_field_says_so_unless_the_form_explains_when_it_is_needed():
    form = ExampleForm()

    assert field_group(form, "birth_year").find("label").find(class_="optional").get_text() == "(tidak wajib)"
    assert not field_group(form, "name").find(class_="optional")
    assert not field_group(form, "email").find(class_="optional")


def test_a_checkbox_comes_before_its_label():
    field = field_group(ExampleForm(), "agree")

    assert "field-check" in field["class"]
    assert field.find().name == "input"
    assert field.find("label", attrs={"for": "id_agree"})
