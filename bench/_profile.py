"""Where a bench step spends its time: a cProfile printed after the timing (the profiler
slows what it watches), its top costs by cumulative and by own time."""

import io
import os
import pstats


def print_profile(profile, top: int, keep_env: str) -> None:
    """Print the `top` costs of `profile`; keep it for pstats in the file the environment
    variable `keep_env` names, if set."""
    if path := os.environ.get(keep_env):
        profile.dump_stats(path)
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    print(out.getvalue())
