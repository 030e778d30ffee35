"""EDGE: timelines written out as JSON, Markdown (and, later, CSV, TimelineJS, HTML)."""
