"""Optional learned models, each behind one module and a fallback where it is absent."""
