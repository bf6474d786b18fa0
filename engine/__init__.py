"""muni subpackage."""
