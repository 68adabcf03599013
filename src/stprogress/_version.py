"""The version of stprogress, kept in one place for the build and the package."""

__version__ = "0.1.0.dev0"
