"""Answers about a user kept on the user object for the rest of the request."""


def remembered(user, name, answer):
    """`answer()`, asked once per user object: an admin page asks who may do what for every menu item,
    button and permission policy, and a request's user object lives only as long as the request."""
    if name not in user.__dict__:
        user.__dict__[name] = answer()
    return user.__dict__[name]
