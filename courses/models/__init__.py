from .pages import CourseIndexPage, CoursePage, ModulePage, Topic
from .quizzes import QuizQuestion

__all__ = ["CourseIndexPage", "CoursePage", "ModulePage", "QuizQuestion", "Topic"]
