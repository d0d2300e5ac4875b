"""Built-in scheme families, one module each, imported by the registry on first use.

Named ``families`` rather than ``schemes`` so that the subpackage never shadows the public
function ``hashcompat.schemes()``.
"""
