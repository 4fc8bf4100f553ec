#!/usr/bin/env python3
"""Instructions per page, counted by Valgrind's callgrind: the regression guard of issue #21 that
does not move with the machine's load. CPU time per page on a shared two-core machine moves by
±15 % between runs of the same build; an instruction count moves by under 0.5 %.

Run it through scripts/bench-instructions (which builds the release binary first). It starts the
standalone sandbox (no latency, no rate limits, 60 rich bulk issues) and the app under callgrind,
signs Alice in, opens every page twice (so that kept renderings are warm, as in the load runs),
then counts the app's instructions over one sequential pass through each kind of page on one
kept-alive connection: the 59 typical issues, the 60 rich issues, the dashboard 30 times.
Instructions are not time (a memcpy counts many; a cache miss counts none), so use it to compare
builds, and the load runs for what a page costs.
"""
import glob
import http.client
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

# BIN=path/to/another/build compares builds (the site files are the checkout's).
bench.BIN = os.environ.get("BIN", bench.BIN)
OUT = os.path.join(bench.ROOT, "target", "callgrind")


def count(pid, out, label):
    """The instructions counted since the last zeroing, read from the dump callgrind writes."""
    before = set(glob.glob(f"{out}.{pid}*"))
    subprocess.run(["callgrind_control", "--dump=" + label, str(pid)], check=True, capture_output=True)
    for _ in range(100):
        new = set(glob.glob(f"{out}.{pid}*")) - before
        if new:
            break
        time.sleep(0.1)
    (dump,) = new
    time.sleep(0.2)
    with open(dump, errors="replace") as lines:
        for line in lines:
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise RuntimeError(f"no totals in {dump}")


def main():
    os.makedirs(OUT, exist_ok=True)
    out = os.path.join(OUT, "app")
    for old in glob.glob(out + ".*"):
        os.remove(old)
    bench.start_sandbox([f"http://127.0.0.1:{bench.APP}/oauth/callback"])
    app = bench.start(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}.%p", bench.BIN],
                      bench.app_env())
    bench.wait_ready(bench.APP, timeout=600)
    bench.set_latency(0)
    cookie = bench.sign_in(bench.APP)
    headers = {"Cookie": cookie, "Accept": "text/html"}
    kinds = [(f"typical issues, {len(bench.TYPICAL_PATHS)} distinct", bench.TYPICAL_PATHS),
             (f"rich issues, {len(bench.RICH_PATHS)} distinct", bench.RICH_PATHS),
             ("dashboard, 30 times", ["/dashboard"] * 30)]
    for _ in range(2):
        for path in bench.TYPICAL_PATHS + bench.RICH_PATHS + ["/dashboard"]:
            assert bench.request(bench.APP, "GET", path, headers)[0] == 200, path
    connection = http.client.HTTPConnection("127.0.0.1", bench.APP, timeout=120)

    def get(path):
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, (path, response.status)

    get("/health-check")
    rows = []
    for number, (name, paths) in enumerate(kinds):
        subprocess.run(["callgrind_control", "--zero", str(app.pid)], check=True, capture_output=True)
        for path in paths:
            get(path)
        rows.append((name, count(app.pid, out, f"kind{number}") / len(paths)))
    print("| page (sequential, warm) | instructions per page |")
    print("|---|---:|")
    for name, instructions in rows:
        print(f"| {name} | {instructions / 1e6:.3f} M |")


if __name__ == "__main__":
    bench.run_main(main)
