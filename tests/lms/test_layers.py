"""The one-way layers of docs/architecture.md, where import-linter cannot see them.

``lint-imports`` checks Python imports. Apps also depend on each other through names that Django and
Wagtail resolve at run time: a model relation ("certificates.CertificateTemplate"), a page type named
in ``parent_page_types`` or ``subpage_types``, a ``{% load %}`` of another app's tag library, a
migration's dependency. Each of these is held here to the same rule: an app depends only on itself
and on apps below it. The layers are read from the import-linter contract in pyproject.toml, so
there is one list.

Templates belong to the app whose folder they are in: ``<app>/templates/``, or ``templates/<app>/``
at the top level. The rest of the top level (base.html, includes/, blocks/, error pages, overrides
of Wagtail's templates) is the site's frame and counts as ``lms``, the top layer: it may load any
library.
"""

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import NamedTuple

from django.apps import apps
from django.db.migrations.loader import MigrationLoader
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.template import engines
from django.template.backends.django import DjangoTemplates
from wagtail.models import Page

REPO = Path(__file__).resolve().parents[2]

# Migrations already written keep their dependencies (issue 16): these two were written before the
# layers were enforced, and a database migrated with them must still find them. New ones follow the layers.
WRITTEN_BEFORE_THE_LAYERS = {
    ("courses", "0004_coursepage_certificate_template", "certificates"),
    ("privacy", "0001_initial", "reports"),
}

LOAD_TAG = re.compile(r"{%\s*load\s+(?P<names>.+?)\s*%}")


class Dependency(NamedTuple):
    where: str  # what a reader opens to fix it: a model field, a page type's attribute, a file
    app: str
    on: str  # the app depended on: one of ours, or None for Django, Wagtail and third parties


def importlinter_config():
    return tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]


@cache
def layers():
    """Our apps from the top layer to the bottom one, as the import-linter layers contract lists them."""
    (contract,) = [contract for contract in importlinter_config()["contracts"] if contract["type"] == "layers"]
    return tuple(contract["layers"])


def upward(dependencies, layer_names, allowed=frozenset()):
    """A message for each dependency of an app on an app above it, naming the place and both layers."""
    position = {name: index for index, name in enumerate(layer_names)}
    problems = []
    for dependency in dependencies:
        if dependency.app not in position or dependency.on not in position:
            continue  # Django, Wagtail and third-party apps sit below all of ours
        if position[dependency.on] < position[dependency.app] and dependency not in allowed:
            problems.append(
                f"{dependency.where}: {dependency.app} (layer {position[dependency.app] + 1}) depends on "
                f"{dependency.on} (layer {position[dependency.on] + 1}), which is above it"
            )
    return problems


def report(problems):
    return (
        "An app depends on an app above it (layers counted from the top, see docs/architecture.md):\n  "
        + "\n  ".join(problems)
    )


def app_of_label(app_label):
    """Our app (a top-level package) for a Django app label, or None if the label is not one of ours."""
    try:
        package = apps.get_app_config(app_label).name.split(".")[0]
    except LookupError:
        return None
    return package if package in layers() else None


def app_of_model(model):
    return app_of_label(model._meta.app_label)


# Model relations


def relation_dependencies():
    """Every forward relation (foreign key, one-to-one incl. a parent link, many-to-many, ParentalKey,
    GenericRelation) declared on a model of ours, with the app of the model it points at."""
    for model in apps.get_models():
        app = app_of_model(model)
        if app is None:
            continue
        for field in model._meta.get_fields(include_parents=False, include_hidden=True):
            if isinstance(field, ForeignObjectRel) or not field.is_relation or field.related_model is None:
                continue  # reverse accessors are the other model's fields; a GenericForeignKey has no target
            yield Dependency(f"{model._meta.label}.{field.name}", app, app_of_model(field.related_model))


# Page types


def named_page_type_app(name, app):
    """The app of a page type as parent_page_types and subpage_types name it: "app_label.Model", a bare
    "Model" (Wagtail reads it in the page's own app), or the model class itself."""
    if not isinstance(name, str):
        return app_of_model(name)
    if "." not in name:
        return app
    return app_of_label(name.split(".")[0])


def page_type_dependencies_of(where, app, names):
    for name in names or ():
        label = name if isinstance(name, str) else name._meta.label
        yield Dependency(f"{where} names {label}", app, named_page_type_app(name, app))


def page_type_dependencies():
    for model in apps.get_models():
        app = app_of_model(model)
        if app is None or not issubclass(model, Page):
            continue
        for attribute in ("parent_page_types", "subpage_types"):
            where = f"{model._meta.label}.{attribute}"
            yield from page_type_dependencies_of(where, app, getattr(model, attribute, None))


# {% load %} in templates


def template_libraries():
    """Each tag library Django can load, by name, with the module it comes from."""
    libraries = {}
    for engine in engines.all():
        if isinstance(engine, DjangoTemplates):
            libraries.update(engine.engine.libraries)
    return libraries


def our_templates():
    """(template file, the app it belongs to) for every template of ours."""
    site_templates = REPO / "templates"
    for path in sorted(site_templates.rglob("*")):
        if path.is_file():
            folders = path.relative_to(site_templates).parts[:-1]
            yield path, folders[0] if folders and folders[0] in layers() else "lms"
    for app in layers():
        for path in sorted((REPO / app / "templates").rglob("*")):
            if path.is_file():
                yield path, app


def loaded_libraries(text):
    """The tag libraries a template loads: {% load a b %} loads a and b; {% load x y from lib %} loads lib."""
    for match in LOAD_TAG.finditer(text):
        names = match["names"].split()
        yield from names[-1:] if "from" in names else names


def load_dependencies_of(where, app, text, libraries):
    for library in loaded_libraries(text):
        if library in libraries:
            yield Dependency(f"{where} loads {library} ({libraries[library]})", app, app_of_module(libraries[library]))


def app_of_module(module):
    package = module.split(".")[0]
    return package if package in layers() else None


def load_dependencies():
    libraries = template_libraries()
    for path, app in our_templates():
        where = path.relative_to(REPO).as_posix()
        yield from load_dependencies_of(where, app, path.read_text(encoding="utf-8"), libraries)


def unknown_libraries():
    """Loads this test cannot place in a layer (and Django could not load either)."""
    libraries = template_libraries()
    for path, _app in our_templates():
        for library in loaded_libraries(path.read_text(encoding="utf-8")):
            if library not in libraries:
                yield f"{path.relative_to(REPO).as_posix()} loads {library}, a library Django does not know"


# Migrations


def migration_dependencies():
    for (app_label, name), migration in MigrationLoader(None, ignore_no_migrations=True).disk_migrations.items():
        app = app_of_label(app_label)
        if app is None:
            continue
        for dependency_label, _dependency_name in migration.dependencies:
            yield Dependency(f"{app_label}/migrations/{name}", app, app_of_label(dependency_label))


def grandfathered_migration_dependencies():
    return {Dependency(f"{app}/migrations/{name}", app, on) for app, name, on in WRITTEN_BEFORE_THE_LAYERS}


# The checks


def test_the_layers_name_each_app_of_ours_once():
    """import-linter checks only the packages it is told about: a new app must take its place in the layers."""
    names = layers()
    in_the_repo = {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(REPO) and not Path(config.path).is_relative_to(REPO / ".venv")
    }

    assert all(name.isidentifier() for name in names), f"one app per layer, as this test reads them: {names}"
    assert len(names) == len(set(names))
    assert set(importlinter_config()["root_packages"]) == set(names)
    assert in_the_repo - set(names) == set(), "installed apps of ours missing from the layers in pyproject.toml"


def test_model_relations_point_at_the_same_app_or_below():
    problems = upward(relation_dependencies(), layers())

    assert not problems, report(problems)


def test_page_types_name_page_types_of_the_same_app_or_below():
    problems = upward(page_type_dependencies(), layers())

    assert not problems, report(problems)


def test_templates_load_tag_libraries_of_their_app_or_below():
    problems = upward(load_dependencies(), layers())

    assert not problems, report(problems)


def test_templates_load_only_libraries_django_knows():
    unknown = list(unknown_libraries())

    assert not unknown, "\n".join(unknown)


def test_migrations_depend_on_the_same_app_or_below():
    problems = upward(migration_dependencies(), layers(), allowed=grandfathered_migration_dependencies())

    assert not problems, report(problems)


# The checks can fail: each scan sees what it must, and an upward dependency is reported.


def test_an_upward_dependency_is_reported_with_both_layers():
    layer_names = ["lms", "cms_pages", "courses", "core"]
    dependencies = [
        Dependency("courses.CoursePage.sponsor", "courses", "cms_pages"),  # up: reported
        Dependency("cms_pages.HomePage.featured_course", "cms_pages", "courses"),  # down: fine
        Dependency("courses.ModulePage.course", "courses", "courses"),  # same app: fine
        Dependency("courses.CoursePage.owner", "courses", None),  # not one of ours: fine
    ]

    assert upward(dependencies, layer_names) == [
        "courses.CoursePage.sponsor: courses (layer 3) depends on cms_pages (layer 2), which is above it"
    ]
    assert upward(dependencies, layer_names, allowed={dependencies[0]}) == []


def test_the_relation_scan_sees_foreign_keys():
    assert Dependency("courses.Enrolment.user", "courses", "accounts") in set(relation_dependencies())


def test_a_page_type_naming_a_higher_app_is_reported():
    named = list(
        page_type_dependencies_of("courses.CourseIndexPage.parent_page_types", "courses", ["cms_pages.HomePage"])
    )

    assert upward(named, layers()) == [
        f"courses.CourseIndexPage.parent_page_types names cms_pages.HomePage: courses (layer "
        f"{layers().index('courses') + 1}) depends on cms_pages (layer {layers().index('cms_pages') + 1}), "
        "which is above it"
    ]
    assert Dependency("courses.CoursePage.subpage_types names courses.ModulePage", "courses", "courses") in set(
        page_type_dependencies()
    )


def test_the_template_scan_reads_both_forms_of_load():
    text = "{% load i18n wagtailcore_tags %}<p>{% load translate from i18n %}</p>{% load navigation_tags %}"

    assert list(loaded_libraries(text)) == ["i18n", "wagtailcore_tags", "i18n", "navigation_tags"]


def test_a_template_loading_a_higher_apps_library_is_reported():
    libraries = {"navigation_tags": "cms_pages.templatetags.navigation_tags", "i18n": "django.templatetags.i18n"}
    text = "{% load i18n navigation_tags %}"

    loads = list(load_dependencies_of("templates/courses/course_page.html", "courses", text, libraries))

    assert [dependency.on for dependency in loads] == [None, "cms_pages"]
    assert len(upward(loads, layers())) == 1


def test_the_template_scan_sees_the_site_frame_and_app_folders():
    found = {(path.relative_to(REPO).as_posix(), app) for path, app in our_templates()}

    assert ("templates/base.html", "lms") in found
    assert ("templates/courses/course_page.html", "courses") in found
    assert ("accounts/templates/accounts/login.html", "accounts") in found
    assert any(dependency.on == "cms_pages" for dependency in load_dependencies() if dependency.app == "lms")


def test_the_migration_scan_sees_dependencies():
    found = set(migration_dependencies())

    assert Dependency("courses/migrations/0001_initial", "courses", "organisations") in found
    assert grandfathered_migration_dependencies() <= found, "a grandfathered dependency is gone: drop it from the list"
