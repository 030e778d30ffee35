"""Ways to run ingest's per-file work: the single process (``newsline.jobs.ingest``) or Dask.

Each engine runs the same per-file functions and writes through the same store calls, so the
store holds the same content whichever ran. Third-party engines are imported by their own
module only, when chosen.
"""

from __future__ import annotations

ENGINES = ("single", "dask")
