"""A call's results (being written for issue 20)."""


def winning_proposal_ids(call):
    """The ids of the proposals that won ``call`` (empty before its results are public)."""
    return set()
