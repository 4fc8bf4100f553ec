#!/usr/bin/env python3
"""The anonymous flood: what a stream of cookieless sign-in starts costs the server.

FLOOD_SECONDS (15) of GET /initiate-oauth at FLOOD_CONNECTIONS (50) with a non-ASCII `return_to`
of about 2 KB (refused: over the cap once encoded) and of 1 KB (kept in the sign-in's cookie),
against the release binary in memory mode, then against Redis. Reports the rise in the
process's RSS (memory mode; goal: 16 MB at most) and the keys Redis holds afterwards with their
time to live (goal: none that outlives 15 minutes). Also floods the callback with each start's
own state and a made-up code, the one way left for an anonymous client to make the server write
something, and reports what that left.

Run it through scripts/bench-flood, which builds the release binary first. Needs wrk and
redis-server (Debian packages).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the shared helpers: start/stop, wrk, RSS, the app's environment)

SECONDS = int(os.environ.get("FLOOD_SECONDS", "15"))
CONNECTIONS = int(os.environ.get("FLOOD_CONNECTIONS", "50"))
REDIS_PORT = 4030
GOAL_RSS_MB = 16
GOAL_TTL_SECS = 15 * 60


def return_to(characters):
    return "/" + "é" * characters


def flood_path(path_text):
    return "/initiate-oauth?return_to=" + urllib.parse.quote(path_text, safe="")


def flood(path):
    """wrk against `path` for SECONDS; returns (requests/s, non-2xx/3xx answers)."""
    bench.DURATION = SECONDS
    rate, _, _, errors = bench.wrk(bench.APP, path, CONNECTIONS, headers=("Accept: text/html",))
    return rate, errors


def callback_flood(count):
    """`count` sign-in starts each followed by its callback with a made-up code; the statuses."""
    statuses = {}
    for _ in range(count):
        status, headers, _, cookies = bench.request(bench.APP, "GET", "/initiate-oauth")
        assert status == 302, status
        state = urllib.parse.parse_qs(urllib.parse.urlsplit(headers["location"]).query)["state"][0]
        pending = next(c.split(";")[0] for c in cookies if "jsa-signin-" in c)
        query = urllib.parse.urlencode({"code": "made-up", "state": state})
        status = bench.request(bench.APP, "GET", f"/oauth/callback?{query}", {"Cookie": pending})[0]
        statuses[status] = statuses.get(status, 0) + 1
    return statuses


def redis_keys(cli):
    keys = subprocess.run(cli + ["--scan"], capture_output=True, text=True, check=True).stdout.split()
    ttls = []
    for key in keys:
        ttl = int(subprocess.run(cli + ["ttl", key], capture_output=True, text=True, check=True).stdout)
        ttls.append(ttl)
    return keys, ttls


def run_memory(report):
    app = bench.start([bench.BIN], env={**bench.app_env(), "ATLASSIAN_AUTH_URL": "http://127.0.0.1:9/auth",
                                        "ATLASSIAN_API_URL": "http://127.0.0.1:9/api"})
    bench.wait_ready(bench.APP)
    for _ in range(200):
        bench.request(bench.APP, "GET", flood_path(return_to(170)))
    idle = bench.rss_mb(app.pid)
    for label, characters in (("≈2 KB non-ASCII return_to (refused once encoded)", 700),
                              ("1 KB non-ASCII return_to (kept in the cookie)", 170)):
        before = bench.rss_mb(app.pid)
        rate, errors = flood(flood_path(return_to(characters)))
        after = bench.rss_mb(app.pid)
        verdict = "met" if after - idle <= GOAL_RSS_MB else "MISSED"
        report.append(f"| memory mode, {label} | {rate:,.0f} | {errors} | {before:.1f} → {after:.1f} MB "
                      f"(+{after - idle:.1f} over idle {idle:.1f}) | {verdict} (≤ {GOAL_RSS_MB} MB) |")
    bench.stop(app)


def run_redis(report):
    if not shutil.which("redis-server"):
        report.append("| Redis | — | — | redis-server is not installed | — |")
        return
    data = tempfile.mkdtemp()
    redis = bench.start(["redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT), "--save", "",
                         "--appendonly", "no", "--dir", data])
    cli = ["redis-cli", "-p", str(REDIS_PORT)]
    for _ in range(100):
        if subprocess.run(cli + ["ping"], capture_output=True, text=True).stdout.strip() == "PONG":
            break
        time.sleep(0.05)
    app = bench.start([bench.BIN], env={**bench.app_env(), "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}",
                                        "ATLASSIAN_AUTH_URL": "http://127.0.0.1:9/auth",
                                        "ATLASSIAN_API_URL": "http://127.0.0.1:9/api"})
    bench.wait_ready(bench.APP)
    rate, errors = flood(flood_path(return_to(700)))
    keys, ttls = redis_keys(cli)
    longest = max(ttls, default=0)
    verdict = "met" if not keys or (min(ttls) >= 0 and longest <= GOAL_TTL_SECS) else "MISSED"
    report.append(f"| Redis, ≈2 KB non-ASCII return_to | {rate:,.0f} | {errors} | {len(keys)} keys, "
                  f"longest TTL {longest} s | {verdict} (no key past {GOAL_TTL_SECS} s) |")
    statuses = callback_flood(500)
    keys, ttls = redis_keys(cli)
    answered = ", ".join(f"{count}× {status}" for status, count in sorted(statuses.items()))
    report.append(f"| Redis, 500 starts each with its callback and a made-up code | — | {answered} | "
                  f"{len(keys)} keys, longest TTL {max(ttls, default=0)} s | the open case (SECURITY.md): "
                  f"one mark per callback, gone within {GOAL_TTL_SECS // 60} min |")
    bench.stop(app)
    bench.stop(redis)
    shutil.rmtree(data, ignore_errors=True)


def main():
    report = [f"Anonymous flood: {SECONDS} s of GET /initiate-oauth at {CONNECTIONS} connections "
              f"(wrk, no cookies), release build.", "",
              "| run | req/s | non-2xx/3xx | what it left | goal |", "|---|---|---|---|---|"]
    run_memory(report)
    run_redis(report)
    print("\n".join(report))


if __name__ == "__main__":
    bench.run_main(main)
