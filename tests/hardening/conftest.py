"""Hypothesis settings for the hardening suite: a fixed seed and a bounded number of examples
in every run, so CI is quick and repeatable; `scripts/fuzz.sh N` is the long, random run."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "hardening",
    derandomize=True,  # the same examples every run
    deadline=None,  # the time limits under test are the project's own
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
settings.load_profile("hardening")
