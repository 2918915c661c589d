from .attempts import QuizAttempt
from .enrolment import Enrolment, ModuleProgress
from .grants import CourseGrant
from .pages import CourseIndexPage, CoursePage, ForumAttendance, ModulePage, Topic
from .quizzes import QuizQuestion

__all__ = [
    "CourseGrant",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "ForumAttendance",
    "ModulePage",
    "ModuleProgress",
    "QuizAttempt",
    "QuizQuestion",
    "Topic",
]
