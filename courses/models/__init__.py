from .attempts import QuizAttempt
from .cohorts import Attendance, Cohort, CohortSession
from .enrolment import Enrolment, ModuleProgress
from .grants import CourseGrant
from .pages import CourseIndexPage, CoursePage, ModulePage, Topic
from .quizzes import QuizQuestion

__all__ = [
    "Attendance",
    "Cohort",
    "CohortSession",
    "CourseGrant",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "ModulePage",
    "ModuleProgress",
    "QuizAttempt",
    "QuizQuestion",
    "Topic",
]
