"""One exception type for every input problem, so callers (and the CLI) can report it in one
line and go on with the next article."""


class AbregeError(ValueError):
    """An article could not be summarised; the message says why, in one line."""


def internal_error(error: Exception) -> str:
    """The one-line reason for a bug met on one article: reported, so the batch goes on."""
    return f"internal error ({type(error).__name__}: {error}); please report it"
