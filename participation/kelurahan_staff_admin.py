"""The kelurahan staff role in the admin: giving it, and its scope in the page tree."""
