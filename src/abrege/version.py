"""The version of abrege, in a module of its own so that the modules that quote it (the
user agent, ``--version``) need not import the package they belong to."""

__version__ = "0.1.0"
