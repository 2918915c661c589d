from courses.blocks import LessonBodyBlock


class StandardBodyBlock(LessonBodyBlock):
    """Standard pages (about, privacy) use the same building blocks as lessons."""
