"""`make bench`: every member page at two sizes, a load test, a scale-out check, the targets.

1. Makes its own database, ``spirit_bench_run``, on the server DATABASE_URL names (or on
   the embedded server), migrates it and loads the group's real content.
2. For each size (1,000 then 100,000 findings; BENCH_SIZES changes them) it adds bench
   content with ``make_bench_data`` and times each page in-process with production
   settings and the page cache off (``bench/pages.py``). At the biggest size it also times
   search against a naive ``icontains`` search.
3. At the biggest size it starts gunicorn with production settings, Redis and several
   workers, and loads each page, a static file and a bare Django view with ``wrk``.
4. It starts a second gunicorn on the same database and Redis and checks that a change
   made in the admin through one is seen through the other at once (``bench/scaleout.py``).
5. It prints a table with each target met or missed, and writes it all as JSON to
   ``bench-results/``.

Benchmarks are not tests: this never fails because something is slow.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench-results"
DATABASE = "spirit_bench_run"
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,100000").split(",")]
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
PORTS = (int(os.environ.get("BENCH_PORT", "8311")), int(os.environ.get("BENCH_PORT", "8311")) + 1)

# The targets of issue 7, at the biggest size; searches have issue 16's.
TARGET_MS = 50
TARGET_SEARCH_MS = 30
TARGET_QUERIES = 10
TARGET_RATIO = 0.5
TARGET_KB = 60
TARGET_REQUESTS = 6


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- The database -----------------------------------------------------------------------


def bench_database_url() -> str:
    """Create (again) the bench database on the same server; return its DATABASE_URL."""
    import environ
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if url:
        config = environ.Env.db_url_config(url)
        params = {
            "host": config["HOST"] or None,
            "port": config["PORT"] or None,
            "user": config["USER"] or None,
            "password": config["PASSWORD"] or None,
            **config.get("OPTIONS", {}),
        }
        parts = urlsplit(url)
        bench_url = urlunsplit(parts._replace(path=f"/{DATABASE}"))
    else:
        sys.path.insert(0, str(ROOT))
        from core.embedded_db import database_settings

        config = database_settings()
        params = {"host": config["HOST"], "port": config["PORT"], "user": config["USER"]}
        bench_url = (
            f"postgres://{config['USER']}@/{DATABASE}"
            f"?host={quote(config['HOST'], safe='')}&port={config['PORT']}"
        )
    params = {key: value for key, value in params.items() if value is not None}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return bench_url


def production_environment(database_url: str, **extra: str) -> dict:
    """Production settings: DEBUG off, a new secret key, this machine only, no HTTPS."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "REDIS_URL", "PAGE_CACHE", "ALLOWED_HOSTS")
    }
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        # The bench settings: the product plus make_bench_data and the bare view.
        DJANGO_SETTINGS_MODULE="bench.settings",
        PAGE_CACHE="false",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str) -> str:
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    say(f"  manage.py {' '.join(args)}: {time.monotonic() - started:.0f} s")
    return result.stdout.strip()


# --- Servers and the load tool ----------------------------------------------------------


class Server:
    """A gunicorn on 127.0.0.1:port, stopped when the block ends."""

    def __init__(self, env: dict, port: int, workers: int):
        self.env, self.port, self.workers = env, port, workers
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"gunicorn on port {self.port} stopped") from None
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn on port {self.port} did not start")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def fetch(url: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", text).groups()
    return round(float(number) * UNITS[unit], 2)


def wrk(url: str, seconds: int, script: Path | None = None, extra_env=None) -> dict:
    """Requests per second and p50/p99 latency from wrk, for ``seconds``; with ``script``,
    wrk's Lua script chooses each request (bench/search_mix.lua: many searches)."""
    output = subprocess.run(
        [
            "wrk",
            *(["--script", str(script)] if script else []),
            "--threads",
            "2",
            "--connections",
            str(CONNECTIONS),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            "--header",
            "Accept-Encoding: br, gzip",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(extra_env or {})},
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _ms(latency["50"]),
        "p99_ms": _ms(latency["99"]),
        "errors": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def load_test(env: dict, targets: list[tuple[str, str]]) -> dict:
    """Each target with wrk through one gunicorn with several workers and Redis."""
    if shutil.which("wrk") is None:
        return {"error": "wrk is not installed (make bench installs Debian's wrk)"}
    results = []
    with Server(env, PORTS[0], WORKERS) as server:
        # Every worker loads the URLs, views and templates on its first requests: not timed.
        for _, path in targets:
            fetch(server.url(path))
        for path in ("/bench/bare/", targets[-1][1]):
            wrk(server.url(path), 3)
        # The bare view first and again last: the faster of the two is the reference.
        for name, path in [*targets, ("bare view, again", "/bench/bare/")]:
            fetch(server.url(path))  # fills the page cache
            status, headers, _ = fetch(server.url(path))
            result = {"name": name, "url": path, "status": status}
            result["page_cache"] = headers.get("X-Page-Cache", "not cached")
            try:
                result.update(wrk(server.url(path), SECONDS))
            except (subprocess.CalledProcessError, KeyError, AttributeError) as error:
                result["error"] = f"wrk gave no figures: {error!r}"
                say(f"  load {name:<20} {result['error']}")
                results.append(result)
                continue
            say(
                f"  load {name:<20} {result['requests_per_second']:>8.0f} req/s  "
                f"p50 {result['p50_ms']} ms  p99 {result['p99_ms']} ms  ({result['page_cache']})"
            )
            results.append(result)
    bare = max(
        (r.get("requests_per_second", 0) for r in results if r["name"].startswith("bare view")),
        default=0,
    )
    for result in results:
        rate = result.get("requests_per_second")
        result["ratio"] = round(rate / bare, 2) if bare and rate is not None else None
    return {
        "seconds": SECONDS,
        "workers": WORKERS,
        "connections": CONNECTIONS,
        "tool": subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split(
            "\n"
        )[0],
        "targets": results,
    }


SEARCH_SCRIPT = ROOT / "bench" / "search_mix.lua"
# Searches never in the mix (its words have 4 letters or more, and no digits): warm-up only.
WARM_UP_WORDS = ["PA", "CQC", "3360", "PAs+pay", "NHS", "DP"]


def member_cookie(env: dict) -> str:
    """A logged-in member's session cookie: members' pages are never from the page cache."""
    code = (
        "from django.test import Client; from spirit.models import User; "
        "user, _ = User.objects.get_or_create(email='bench-member@example.org', "
        "defaults={'username': 'bench-member'}); c = Client(); c.force_login(user); "
        "from django.conf import settings; "
        "print(settings.SESSION_COOKIE_NAME + '=' + c.cookies[settings.SESSION_COOKIE_NAME].value)"
    )
    return manage(env, "shell", "-c", code).splitlines()[-1]


def search_load_test(env: dict, urls: list[str]) -> dict:
    """Many different searches (findings and the whole site) as a logged-in member, through
    one gunicorn with several workers and Redis: every request is a real search."""
    if shutil.which("wrk") is None:
        return {"error": "wrk is not installed (make bench installs Debian's wrk)"}
    cookie = member_cookie(env)
    listing = RESULTS / "search-urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    # Searches that are not in the mix, so that each worker has read its search templates
    # and the glossary before the timing starts: a new worker's first search is slow, and
    # those few first searches of 4 workers made the p99 of a 10-second run.
    warming = RESULTS / "search-warm-up-urls.txt"
    warming.write_text(
        "".join(
            f"{page}?q={word}\n" for page in ("/findings/", "/search/") for word in WARM_UP_WORDS
        )
    )
    with Server(env, PORTS[0], WORKERS) as server:
        wrk(server.url("/bench/bare/"), 3)
        wrk(
            server.url("/"),
            3,
            script=SEARCH_SCRIPT,
            extra_env={"BENCH_COOKIE": cookie, "BENCH_URLS": str(warming)},
        )
        result = wrk(
            server.url("/"),
            SECONDS,
            script=SEARCH_SCRIPT,
            extra_env={"BENCH_COOKIE": cookie, "BENCH_URLS": str(listing)},
        )
    return {"different_searches": len(urls), "logged_in": True, **result}


def redis_available() -> bool:
    try:
        import redis

        client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
        client.flushdb()  # the bench's own Redis database: no pages left from an old run
        return True
    except Exception:  # noqa: BLE001 - any failure means: no Redis here
        return False


# --- Targets and the table --------------------------------------------------------------


def evaluate(sizes: dict, load: dict, scaleout: dict) -> list[dict]:
    """Each target of issue 7, met or missed, with the figure that decides it."""
    biggest = sizes[str(max(SIZES))]
    smallest = sizes[str(min(SIZES))]
    small_pages = {page["name"]: page for page in smallest["pages"]}
    load_by_name = {target["name"]: target for target in load.get("targets", [])}
    checks = []

    def check(page, what, met, figure):
        checks.append({"page": page, "target": what, "met": bool(met), "figure": figure})

    for page in biggest["pages"]:
        name = page["name"]
        if "error" in page:
            check(name, "page works", False, page["error"])
            continue
        target = TARGET_SEARCH_MS if "search" in name else TARGET_MS
        check(name, f"p95 <= {target} ms", page["p95_ms"] <= target, f"{page['p95_ms']} ms")
        if "search" not in name:
            check(
                name,
                f"<= {TARGET_QUERIES} queries",
                page["queries"] <= TARGET_QUERIES,
                page["queries"],
            )
        small = small_pages.get(name, {})
        check(
            name,
            "same queries at both sizes",
            small.get("queries") == page["queries"],
            f"{small.get('queries')} and {page['queries']}",
        )
        kb = round(page["page_br"] / 1024, 1)
        check(name, f"<= {TARGET_KB} KB compressed", kb <= TARGET_KB, f"{kb} KB")
        check(
            name,
            f"<= {TARGET_REQUESTS} requests",
            page["requests"] <= TARGET_REQUESTS,
            page["requests"],
        )
        loaded = load_by_name.get(name)
        if loaded and loaded.get("ratio") is not None:
            check(
                name,
                f"throughput >= {TARGET_RATIO} x bare view",
                loaded["ratio"] >= TARGET_RATIO,
                f"{loaded['ratio']} x",
            )
    if scaleout:
        check(
            "two app servers",
            "a change through one is seen through the other at once",
            scaleout.get("seen_at_once"),
            scaleout.get("summary", scaleout.get("error", "")),
        )
    return checks


def table(report: dict) -> str:
    sizes = report["sizes"]
    small, big = (str(min(SIZES)), str(max(SIZES)))
    targets = report["load"].get("targets", [])
    load = {t["name"]: t for t in targets if "error" not in t}
    rows = [
        (
            "page",
            f"{int(small):,}: med/p95 ms",
            f"{int(big):,}: med/p95 ms",
            "queries",
            "KB br",
            "requests",
            "req/s",
            "p50/p99 ms",
            "x bare",
            "cache",
        )
    ]
    small_pages = {p["name"]: p for p in sizes[small]["pages"]}
    for page in sizes[big]["pages"]:
        name = page["name"]
        other = small_pages.get(name, {})
        loaded = load.get(name, {})
        if "error" in page:
            rows.append((name, page["error"], "", "", "", "", "", "", "", ""))
            continue
        rows.append(
            (
                name,
                f"{other.get('median_ms', '-')} / {other.get('p95_ms', '-')}",
                f"{page['median_ms']} / {page['p95_ms']}",
                f"{other.get('queries', '-')} / {page['queries']}",
                f"{page['page_br'] / 1024:.1f}",
                str(page["requests"]),
                f"{loaded['requests_per_second']:.0f}" if loaded else "-",
                f"{loaded['p50_ms']} / {loaded['p99_ms']}" if loaded else "-",
                f"{loaded['ratio']}" if loaded else "-",
                loaded.get("page_cache", "-"),
            )
        )
    for name in ("static file", "bare view", "bare view, again"):
        if name in load:
            loaded = load[name]
            rows.append(
                (
                    name,
                    "",
                    "",
                    "",
                    "",
                    "",
                    f"{loaded['requests_per_second']:.0f}",
                    f"{loaded['p50_ms']} / {loaded['p99_ms']}",
                    f"{loaded['ratio']}",
                    "",
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    baseline = sizes[big].get("search_baseline")
    if baseline:
        lines.append("")
        lines.append(
            f"Search '{baseline['query']}' at {int(big):,} findings, p95: naive icontains "
            f"{baseline['naive']['p95_ms']} ms ({baseline['naive_matches']:,} found), "
            f"full-text query {baseline['app_query']['p95_ms']} ms "
            f"({baseline['app_matches']:,} found), search page {baseline.get('page_p95_ms')} ms. "
            f"Naive / page = {baseline.get('ratio')}; naive / query = {baseline['query_ratio']}."
        )
    for size, data in sizes.items():
        mix = data.get("search_mix")
        if mix:
            lines.append(
                f"Search mix at {int(size):,} findings ({mix['queries']} different searches, "
                f"each once, cold): findings p50/p95 {mix['findings']['median_ms']} / "
                f"{mix['findings']['p95_ms']} ms; whole site {mix['whole site']['median_ms']} / "
                f"{mix['whole site']['p95_ms']} ms."
            )
    search_load = report.get("search_load") or {}
    if "requests_per_second" in search_load:
        lines.append(
            f"Search load test ({search_load['different_searches']} URLs, logged-in member): "
            f"{search_load['requests_per_second']:.0f} req/s, p50/p99 "
            f"{search_load['p50_ms']} / {search_load['p99_ms']} ms, "
            f"{search_load['errors']} errors."
        )
    elif search_load.get("error"):
        lines.append(f"Search load test: {search_load['error']}")
    if report.get("scaleout"):
        lines.append(
            f"Scale out: {report['scaleout'].get('summary') or report['scaleout'].get('error')}"
        )
    if report["load"].get("error"):
        lines.append(f"Load test: {report['load']['error']}")
    for target in targets:
        if "error" in target:
            lines.append(f"Load test of {target['name']}: {target['error']}")
    lines.append("")
    checks = report["targets"]
    met = sum(1 for c in checks if c["met"])
    lines.append(f"Targets at {int(big):,} findings: {met} of {len(checks)} met.")
    for c in checks:
        if not c["met"]:
            lines.append(f"  MISSED  {c['page']}: {c['target']} ({c['figure']})")
    return "\n".join(lines)


def save(report: dict, name: str) -> None:
    (RESULTS / name).write_text(json.dumps(report, indent=2, default=str))


# --- The whole run ----------------------------------------------------------------------


def main() -> None:
    started = time.monotonic()
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    say(f"Benchmark database: {DATABASE}")
    database_url = bench_database_url()
    env = production_environment(database_url)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_seeds")
    report = {
        "started": stamp,
        "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()},
        "sizes": {},
        "load": {},
        "scaleout": {},
    }
    for size in SIZES:
        report["sizes"][str(size)] = {
            "made": manage(env, "make_bench_data", "--findings", str(size))
        }
        out = RESULTS / f"pages-{size}.json"
        command = [PYTHON, "-m", "bench.pages", "--label", str(size), "--out", str(out)]
        if size == max(SIZES):
            command.append("--baseline")
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        report["sizes"][str(size)].update(json.loads(out.read_text()))
        out.unlink()
        save(report, "partial.json")
    biggest = report["sizes"][str(max(SIZES))]
    if redis_available():
        served = production_environment(database_url, REDIS_URL=REDIS_URL)
        served.pop("PAGE_CACHE")
        targets = [("static file", biggest["static_url"]), ("bare view", "/bench/bare/")]
        targets += [(p["name"], p["url"]) for p in biggest["pages"] if "error" not in p]
        report["load"] = load_test(served, targets)
        report["search_load"] = search_load_test(served, biggest.get("search_urls", []))
        save(report, "partial.json")
        from bench.scaleout import check_scale_out

        report["scaleout"] = check_scale_out(served, lambda port: Server(served, port, 2), PORTS)
    else:
        report["load"] = {"error": f"no Redis at {REDIS_URL}: load test and scale-out not run"}
    report["targets"] = evaluate(report["sizes"], report["load"], report["scaleout"])
    report["seconds"] = round(time.monotonic() - started)
    text = table(report)
    report["table"] = text
    report["machine"]["load_average_at_end"] = os.getloadavg()
    for name in (f"bench-{stamp}.json", "latest.json"):
        save(report, name)
    (RESULTS / "partial.json").unlink(missing_ok=True)
    (RESULTS / "latest.txt").write_text(text + "\n")
    print(text)
    print(f"\nWritten to bench-results/bench-{stamp}.json in {report['seconds']} s.")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
