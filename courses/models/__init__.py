from .attempts import QuizAttempt
from .enrolment import Enrolment, ModuleProgress
from .pages import CourseIndexPage, CoursePage, ModulePage, Topic
from .quizzes import QuizQuestion

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "ModulePage",
    "ModuleProgress",
    "QuizAttempt",
    "QuizQuestion",
    "Topic",
]
