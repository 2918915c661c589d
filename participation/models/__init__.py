"""participation's models, one module per concern: page types, kelurahan staff, Suara Warga, forum registrations,
participatory budgeting."""

from participation.models.budgeting import (
    Ballot,
    BallotChoice,
    BudgetingCategory,
    KelurahanBudget,
    PaperTally,
    PaperTallyChange,
    PollingPlace,
    Proposal,
    ProposalUpdate,
    ResidentVerification,
)
from participation.models.feedback import Feedback, FeedbackCategory
from participation.models.forums import ForumQuestion, ForumRegistration, ForumSchedule
from participation.models.kelurahan_staff import KELURAHAN_STAFF_GROUP, KelurahanStaffAssignment
from participation.models.pages import (
    BudgetingCallIndexPage,
    BudgetingCallPage,
    ForumIndexPage,
    ForumPage,
    SuaraWargaPage,
)

__all__ = [
    "Ballot",
    "BallotChoice",
    "BudgetingCategory",
    "KelurahanBudget",
    "PaperTally",
    "PaperTallyChange",
    "PollingPlace",
    "Proposal",
    "ProposalUpdate",
    "ResidentVerification",
    "KELURAHAN_STAFF_GROUP",
    "BudgetingCallIndexPage",
    "BudgetingCallPage",
    "Feedback",
    "FeedbackCategory",
    "ForumIndexPage",
    "ForumPage",
    "ForumQuestion",
    "ForumRegistration",
    "ForumSchedule",
    "KelurahanStaffAssignment",
    "SuaraWargaPage",
]
