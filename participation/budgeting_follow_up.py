"""The follow-up of a call's winning proposals (being written for issue 20)."""


def proposal_updates(proposal):
    """The dated updates on ``proposal``'s work, newest first."""
    return list(proposal.updates.all())
