"""`make bench`: page timings, a load test and a scale-out check (see README, Benchmarks)."""
