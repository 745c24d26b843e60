"""One exception type for every input problem, so callers (and the CLI) can report it in one
line and go on with the next article."""


class AbregeError(ValueError):
    """An article could not be summarised; the message says why, in one line."""
