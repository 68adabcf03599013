"""Sphinx configuration for the stprogress documentation."""

from __future__ import annotations

import stprogress

project = "stprogress"
author = "stprogress developers"
copyright = "2026, stprogress developers"
release = stprogress.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "matplotlib.sphinxext.plot_directive",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# Intersphinx needs the network, which CI may not have; links to the standard library stay plain.
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}
nitpicky = False

html_theme = "furo"
html_title = "stprogress"
language = "en"

# Figures of docs/notebook.md are drawn by the build, from the code shown, with the Agg backend.
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]

# Attribute names such as ``events`` exist on several report classes; an unqualified mention in a
# docstring is prose, not a link, so an ambiguous one is not an error.
suppress_warnings = ["ref.python"]
