#!/usr/bin/env python3
"""The rate-limit simulation: one company's people on two app instances sharing Redis, through a
working hour compressed into a few minutes, against the standalone sandbox with Atlassian's
hourly points quota. Each person checks in every few minutes: opens the dashboard (whose islands
ask for each site's "assigned to you" list), opens one to three issues from it, going back to the
dashboard between them. The same people, with the same random choices, go through three runs:

- naive, no quota: what the app with RATE_LIMITS=ignore asks for when nothing refuses it;
- naive: the same app under the quota (every page view asks Jira; a refusal is an error page);
- aware: the app as it is, under the same quota.

Prints a Markdown report. Run by scripts/bench after the load runs (SIMULATION=0 skips it), or
alone once the release binary is built: python3 bench/simulate.py. Settings (environment):
SIM_PEOPLE (500), SIM_HOUR (240: seconds that stand for an hour), SIM_QUOTA (points per site per
hour; by default four fifths of what the naive app asks of its busiest site, measured in the
first run, so that the load exhausts it with awareness off), SIM_SEED (1). Ports 4000, 4001 (the app), 4010 (the
sandbox), 4030 (Redis).
"""
import html
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

PEOPLE = int(os.environ.get("SIM_PEOPLE", "500"))
HOUR = int(os.environ.get("SIM_HOUR", "240"))
QUOTA = int(os.environ.get("SIM_QUOTA", "0"))
SEED = int(os.environ.get("SIM_SEED", "1"))
INSTANCES = (4000, 4001)
SANDBOX, REDIS = bench.SANDBOX, 4030
SCALE = HOUR / 3600
# How often a person clicks "Show them" on a list the app leaves for a click.
CLICK_SHARE = 0.3
# The sandbox's people with Jira sites: Alice (three sites), Bob and Dana (acme).
ACCOUNTS = [bench.ALICE, "5d53f3cbc6b9320d9ea5bdc2", "63f1a2b3c4d5e6f708192a3b"]


def instance_env(port):
    return {**bench.app_env(), "APP_URL": f"http://127.0.0.1:{port}",
            "LEPTOS_SITE_ADDR": f"127.0.0.1:{port}", "REDIS_URL": f"redis://127.0.0.1:{REDIS}"}


class Tally:
    """What the people saw, and how many pages they saw it on."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}

    def add(self, kind, outcome):
        with self.lock:
            self.counts[(kind, outcome)] = self.counts.get((kind, outcome), 0) + 1

    def get(self, kind, outcome):
        return self.counts.get((kind, outcome), 0)


def plan(rng):
    """One person's hour: (at, action) in hour seconds; actions are "dashboard" and "issue"."""
    steps, at = [], rng.uniform(0, 300)
    while at < 3600:
        issues = rng.choice([1, 1, 2, 2, 3])
        steps.append((at, "dashboard"))
        for n in range(issues):
            at += rng.uniform(5, 20)
            steps.append((at, "issue"))
            at += rng.uniform(30, 120)
            if n + 1 < issues:
                steps.append((at, "dashboard"))
        at += rng.expovariate(1 / 480)
    return [(at, action) for at, action in steps if at < 3600]


class Person:
    """One simulated person: their session on their instance, what their lists showed them."""

    def __init__(self, number, port, cookie, seed):
        self.number, self.port, self.cookie = number, port, cookie
        # Separate streams, so that a choice made in one run only (a click on a list left for
        # one) does not shift the others.
        self.choices, self.clicks = random.Random(seed), random.Random(seed + 1)
        self.sites = []  # their Jira sites, as their dashboard showed them
        self.seen = {}  # cloud id → issue keys from their lists

    def get(self, path):
        status, _, body, _ = bench.request(self.port, "GET", path,
                                           {"Cookie": self.cookie, "Accept": "text/html"})
        return status, body.decode("utf-8", "replace")

    def assigned(self, cloud_id, pool):
        status, _, body, _ = bench.request(
            self.port, "POST", "/api/assigned",
            {"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"},
            urllib.parse.urlencode({"cloud_id": cloud_id, "refresh": "false"}))
        if status != 200:
            return "error"
        page = json.loads(body)
        keys = [issue["key"] for issue in page["issues"]]
        if keys:
            self.seen[cloud_id] = keys
            pool.add(cloud_id, keys)
        return "cached" if page.get("as_of") else "fresh"

    def dashboard(self, tally, pool):
        """The page, then each site's list as its island asks for it; a list the app leaves for a
        click is clicked three times in ten."""
        status, html_text = self.get("/dashboard")
        if status != 200:
            tally.add("dashboard", "error")
            return
        outcomes, sites = [], []
        for props in re.findall(r'data-props="([^"]*)"', html_text):
            props = json.loads(html.unescape(props))
            if "cloud_id" not in props or "on_request" not in props:
                continue
            sites.append(props["cloud_id"])
            click = self.clicks.random() < CLICK_SHARE
            if props["on_request"] and not click:
                outcomes.append("left for a click")
                continue
            outcomes.append(self.assigned(props["cloud_id"], pool))
        self.sites = sites or self.sites
        for outcome in outcomes:
            tally.add("list", outcome)
        if "error" in outcomes:
            tally.add("dashboard", "error")
        elif "left for a click" in outcomes:
            tally.add("dashboard", "partial")
        else:
            tally.add("dashboard", "cached" if "cached" in outcomes else "fresh")

    def issue(self, tally, pool):
        """One of the issues their lists showed them (seven times in ten), else one anyone's
        list showed on one of their sites."""
        site = self.choices.choice(self.sites) if self.sites else None
        mine, company = self.seen.get(site, []), pool.get(site) if site else []
        mine_first = self.choices.random() < 0.7
        keys = (mine or company) if mine_first else (company or mine)
        if not keys:
            tally.add("issue", "error")
            return
        key = self.choices.choice(keys)
        status, html_text = self.get(f"/sites/{site}/issues/{key}")
        if status != 200:
            tally.add("issue", "error")
        else:
            tally.add("issue", "cached" if 'data-testid="as-of"' in html_text else "fresh")

    def live(self, steps, start, tally, pool):
        for at, action in steps:
            delay = start + at * SCALE - time.time()
            if delay > 0:
                time.sleep(delay)
            try:
                if action == "dashboard":
                    self.dashboard(tally, pool)
                else:
                    self.issue(tally, pool)
            except Exception:  # noqa: BLE001 - whatever went wrong, the person saw an error
                tally.add(action, "error")


def set_quota(points):
    # Atlassian's 100 calls a second per endpoint, in compressed time.
    burst = int(100 / SCALE)
    body = json.dumps({"enabled": True, "points": points, "window_secs": HOUR, "burst_per_second": burst})
    status = bench.request(SANDBOX, "PUT", "/control/quota", {"Content-Type": "application/json"}, body)[0]
    assert status == 204, status


def sandbox_totals():
    """Points charged per site, calls refused, and API requests, since the sandbox started."""
    _, _, body, _ = bench.request(SANDBOX, "GET", "/control/quota")
    sites = json.loads(body)["sites"]
    _, _, stats, _ = bench.request(SANDBOX, "GET", "/control/stats")
    return ({site: figures["charged_total"] for site, figures in sites.items()},
            sum(s["refused_for_quota_total"] for s in sites.values()),
            sum(s["refused_total"] - s["refused_for_quota_total"] for s in sites.values()),
            json.loads(stats)["api_requests"])


def run(name, points, env):
    """One run: fresh Redis and instances, everyone signed in, then the hour from the start of a
    quota window (the sandbox starts one when the quota is set). Returns the tally and the
    sandbox's figures for it."""
    bench.log(f"simulation: {name}")
    redis_dir = tempfile.mkdtemp(prefix="sim-redis-")
    redis = bench.start(["redis-server", "--port", str(REDIS), "--save", "", "--appendonly", "no",
                         "--dir", redis_dir])
    apps = [bench.start([bench.BIN], {**instance_env(port), **env}) for port in INSTANCES]
    for port in INSTANCES:
        bench.wait_ready(port)
    rng = random.Random(SEED)
    people = []
    with ThreadPoolExecutor(8) as pool:
        cookies = list(pool.map(
            lambda n: bench.sign_in(INSTANCES[n % 2], ACCOUNTS[n % len(ACCOUNTS)]), range(PEOPLE)))
    for number, cookie in enumerate(cookies):
        people.append((Person(number, INSTANCES[number % 2], cookie, rng.randrange(2 ** 32)),
                       plan(random.Random(rng.random()))))
    set_quota(points)
    start = time.time()
    before = sandbox_totals()
    tally, pool = Tally(), Pool()
    threads = [threading.Thread(target=person.live, args=(steps, start, tally, pool), daemon=True)
               for person, steps in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = sandbox_totals()
    for process in apps + [redis]:
        bench.stop(process)
    charged = {site: points - before[0].get(site, 0) for site, points in after[0].items()}
    return tally, charged, after[1] - before[1], after[2] - before[2], after[3] - before[3]


class Pool:
    """Every issue key anyone has seen in a list, per site: the company's issues to look up."""

    def __init__(self):
        self.lock = threading.Lock()
        self.keys = {}

    def add(self, site, keys):
        with self.lock:
            known = self.keys.setdefault(site, [])
            known.extend(key for key in keys if key not in known)

    def get(self, site):
        with self.lock:
            return list(self.keys.get(site, []))


def report(results, quota):
    out = []
    out.append(f"{PEOPLE} people (a third each signed in as Alice, three sites, and as Bob and Dana, "
               f"acme) on two instances sharing Redis, each person always on the same instance (session "
               f"affinity assumed to hold; copies are per instance); an hour compressed into {HOUR} s; "
               f"quota {quota:,} points per site per hour"
               f"{'' if QUOTA else ' (four fifths of what the naive app asks of its busiest site)'}, "
               f"burst 100 calls a second per endpoint in compressed time. A list the app leaves for a "
               f"click is clicked {CLICK_SHARE:.0%} of the time. Naive: `RATE_LIMITS=ignore`, the app "
               f"without any of its rate-limit awareness (no pacing, reuse, spent-site copies, burst "
               f"retry or admission control). Same people and random choices in each run.\n")
    out.append("| run | page views | fresh | cached | partial | error | lists asked | lists left for a click "
               "| points | on acme | points per person-hour | Jira calls | calls per page view "
               "| 429s (quota) | 429s (burst) |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in ("aware", "naive", "naive, no quota"):
        tally, charged, refused, bursts, calls = results[name]
        outcomes = ("fresh", "cached", "partial", "error")
        views = sum(tally.get(kind, o) for kind in ("dashboard", "issue") for o in outcomes)
        fresh, cached, partial, error = (tally.get("dashboard", o) + tally.get("issue", o) for o in outcomes)
        lists = sum(tally.get("list", o) for o in ("fresh", "cached", "error"))
        points = sum(charged.values())
        out.append(f"| {name} | {views:,} | {fresh:,} | {cached:,} | {partial:,} | {error:,} | {lists:,} "
                   f"| {tally.get('list', 'left for a click'):,} | {points:,} | {charged.get(bench.ACME, 0):,} "
                   f"| {points / PEOPLE:,.1f} | {calls:,} | {calls / max(views, 1):.2f} | {refused:,} | {bursts:,} |")
    points = {name: sum(result[1].values()) for name, result in results.items()}
    out.append("")
    out.append(f"- Aware ÷ naive, points per person-hour: {points['aware'] / max(points['naive'], 1):.0%} "
               f"(÷ the naive app's demand, measured without a quota: "
               f"{points['aware'] / max(points['naive, no quota'], 1):.0%}).")
    return "\n".join(out)


def main():
    sandbox = bench.start([bench.BIN, "sandbox", "--port", str(SANDBOX), "--client-id", bench.CLIENT_ID,
                           "--client-secret", bench.CLIENT_SECRET]
                          + sum((["--callback", f"http://127.0.0.1:{port}/oauth/callback"]
                                 for port in INSTANCES), []))
    bench.wait_ready_sandbox()
    naive = {"RATE_LIMITS": "ignore"}
    results = {"naive, no quota": run("naive, no quota", 10 ** 12, naive)}
    quota = QUOTA or int(max(results["naive, no quota"][1].values()) * 0.8)
    results["naive"] = run("naive", quota, naive)
    results["aware"] = run("aware", quota, {})
    bench.stop(sandbox)
    print(report(results, quota))


if __name__ == "__main__":
    bench.run_main(main)
