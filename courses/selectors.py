"""Reads for the course pages. Each returns exactly what its page shows, in few queries."""

from courses.models import CoursePage, ModulePage


def course_list(*, index_page, topic=None):
    """Published courses under the index, with their organisation, newest last edited first."""
    courses = (
        CoursePage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("organisation", "cover_image")
        .order_by("title")
    )
    if topic:
        courses = courses.filter(topic=topic)
    return courses


def course_modules(*, course):
    """The course's published modules in the order the author arranged them."""
    return (
        ModulePage.objects.child_of(course)
        .live()
        .public()
        .order_by("path")
        .only("id", "title", "slug", "url_path", "path", "depth", "summary", "estimated_minutes")
    )


def module_position(*, module):
    """Where a module sits in its course: "Modul 2 dari 4", previous and next."""
    siblings = list(
        ModulePage.objects.sibling_of(module)
        .live()
        .public()
        .order_by("path")
        .only("id", "title", "slug", "url_path", "path", "depth")
    )
    ids = [sibling.id for sibling in siblings]
    # A draft being previewed is not among the live siblings.
    index = ids.index(module.id) if module.id in ids else None
    return {
        "module_number": index + 1 if index is not None else None,
        "module_count": len(siblings),
        "previous_module": siblings[index - 1] if index else None,
        "next_module": siblings[index + 1] if index is not None and index + 1 < len(siblings) else None,
    }
