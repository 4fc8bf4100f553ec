#!/usr/bin/env python3
"""The benchmark: the release binary against the standalone sandbox with injected latency, and the
original FastAPI app against the same upstream in the same run. Prints a Markdown report.

Run it through scripts/bench, which builds the release binary first. Settings (environment):
LATENCY_MS (20), DURATION (10, seconds per load run), SESSIONS (10000, for the memory figure),
PEER (1; 0 skips the FastAPI app), COLD_STARTS (7), BULK_ISSUES (60: the sandbox's rich bulk issues
the rich load run cycles through).
"""
import base64
import hashlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import tempfile
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "jira-sso-auth")
PEER_DIR = os.environ.get("PEER_DIR", os.path.join(ROOT, "..", "shared", "bench", "fastapi-original"))
APP, SANDBOX, PEER = 4000, 4010, 4020
LATENCY_MS = int(os.environ.get("LATENCY_MS", "20"))
DURATION = int(os.environ.get("DURATION", "10"))
SESSIONS = int(os.environ.get("SESSIONS", "10000"))
COLD_STARTS = int(os.environ.get("COLD_STARTS", "7"))
WITH_PEER = os.environ.get("PEER", "1") != "0"
BULK_ISSUES = int(os.environ.get("BULK_ISSUES", "60"))
ALICE = "5b10a2844c20165700ede21g"
ACME = "11111111-2222-4333-8444-555555555555"
GLOBEX = "22222222-3333-4444-8555-666666666666"
INITECH = "33333333-4444-4555-8666-777777777777"
CLIENT_ID, CLIENT_SECRET = "bench-client", "bench-secret"
ISSUE_PATH = f"/sites/{ACME}/issues/ACME-2"
RICH_ISSUE_PATH = f"/sites/{ACME}/issues/ACME-1"
# The load runs cycle through many distinct issues, so that no cache of one page flatters them:
# every typical issue Alice can see (all but ACME-1), and the sandbox's bulk issues, each as rich
# as ACME-1 and each its own (ACME-101 onwards; `jira-sso-auth sandbox --bulk-issues N`).
TYPICAL_PATHS = [f"/sites/{site}/issues/{project}-{n}"
                 for site, project in [(ACME, "ACME"), (ACME, "WEB"), (GLOBEX, "GLX"), (GLOBEX, "OPS"), (INITECH, "TPS")]
                 for n in range(1, 13) if (project, n) != ("ACME", 1)]
RICH_PATHS = [f"/sites/{ACME}/issues/ACME-{101 + n}" for n in range(BULK_ISSUES)]


def upstream_path(page_path):
    """The upstream request behind an issue page, as app/src/atlassian/rest.rs makes it."""
    _, _, site, _, key = page_path.split("/")
    return f"/api/ex/jira/{site}/rest/api/3/issue/{key}?" + urllib.parse.urlencode({
        "fields": "summary,status,issuetype,priority,assignee,reporter,description,labels,components,"
                  "fixVersions,parent,subtasks,issuelinks,attachment,created,updated,resolutiondate,comment"})


UPSTREAM_ISSUE_PATH = upstream_path(ISSUE_PATH)

children = []


def log(message):
    print(f"  … {message}", file=sys.stderr, flush=True)


def request(port, method, path, headers=None, body=None):
    """One HTTP/1.1 request on a fresh connection; returns (status, headers dict, body bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    result = (response.status, {k.lower(): v for k, v in response.getheaders()}, data,
              response.headers.get_all("set-cookie") or [])
    connection.close()
    return result


class Browser:
    """Enough of a browser for the OAuth dance: a cookie jar per host port, no auto-redirects."""

    def __init__(self):
        self.cookies = {}

    def cookie_header(self, port):
        jar = self.cookies.get(port, {})
        return "; ".join(f"{k}={v}" for k, v in jar.items())

    def go(self, port, method, path, body=None, content_type=None):
        headers = {"Accept": "text/html"}
        if self.cookie_header(port):
            headers["Cookie"] = self.cookie_header(port)
        if content_type:
            headers["Content-Type"] = content_type
        status, response_headers, data, set_cookies = request(port, method, path, headers, body)
        for line in set_cookies:
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in line:
                self.cookies.setdefault(port, {}).pop(name, None)
            else:
                self.cookies.setdefault(port, {})[name] = value
        return status, response_headers, data


def split(url):
    parsed = urllib.parse.urlsplit(url.replace(" ", "%20"))
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    return parsed.port, path, parsed


def consent(port, account_id, challenge=None):
    """Initiate at the app, then accept on the sandbox's consent screen (with `challenge` in place
    of the app's PKCE challenge, when given). Returns the browser, the sandbox's port, the
    authorize parameters and the callback URL the sandbox redirects to."""
    browser = Browser()
    status, headers, _ = browser.go(port, "GET", "/initiate-oauth")
    assert status == 302, status
    sandbox_port, authorize_path, parsed = split(headers["location"])
    status, _, _ = browser.go(sandbox_port, "GET", authorize_path)
    assert status == 200, f"consent screen: {status}"
    params = urllib.parse.parse_qsl(parsed.query, keep_blank_values=True)
    if challenge:
        params = [(k, challenge if k == "code_challenge" else v) for k, v in params]
    form = params + [("account_id", account_id), ("decision", "accept")]
    status, headers, _ = browser.go(sandbox_port, "POST", parsed.path, urllib.parse.urlencode(form),
                                    "application/x-www-form-urlencoded")
    assert status == 302, f"consent: {status}"
    return browser, sandbox_port, dict(params), headers["location"]


def sign_in(port, account_id=ALICE):
    """The real flow: initiate → consent screen → accept → callback. Returns the Cookie header."""
    browser, _, _, callback = consent(port, account_id)
    _, callback_path, _ = split(callback)
    status, _, _ = browser.go(port, "GET", callback_path)
    assert status in (200, 303), f"callback: {status}"
    return browser.cookie_header(port)


def upstream_token(port, account_id=ALICE):
    """An access token from the sandbox through the same consent, exchanged by the bench itself:
    what the app sends upstream, so the upstream can be measured alone. The code is bound to a
    PKCE challenge of the bench's own (the app's verifier never leaves its sealed cookie)."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    _, sandbox_port, params, callback = consent(port, account_id, challenge)
    code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(callback).query))["code"]
    body = json.dumps({"grant_type": "authorization_code", "client_id": CLIENT_ID,
                       "client_secret": CLIENT_SECRET, "code": code,
                       "redirect_uri": params["redirect_uri"], "code_verifier": verifier})
    status, _, data, _ = request(sandbox_port, "POST", "/auth/oauth/token",
                                 {"Content-Type": "application/json"}, body)
    assert status == 200, f"token exchange: {status}"
    return json.loads(data)["access_token"]


def start(command, env=None, cwd=ROOT):
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    children.append(process)
    return process


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    if process in children:
        children.remove(process)


def wait_ready(port, timeout=120):
    """Seconds until GET /health-check answers 200, polling as fast as a client can."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            if request(port, "GET", "/health-check")[0] == 200:
                return time.perf_counter() - started
        except OSError:
            pass
    raise RuntimeError(f"nothing answered on :{port}")


def app_env():
    return {
        "APP_URL": f"http://127.0.0.1:{APP}",
        "LEPTOS_SITE_ADDR": f"127.0.0.1:{APP}",
        "LEPTOS_SITE_ROOT": os.path.join(ROOT, "target", "site"),
        "LEPTOS_OUTPUT_NAME": "jira-sso-auth",
        "ATLASSIAN_CLIENT_ID": CLIENT_ID,
        "ATLASSIAN_CLIENT_SECRET": CLIENT_SECRET,
        "ATLASSIAN_AUTH_URL": f"http://127.0.0.1:{SANDBOX}/auth",
        "ATLASSIAN_API_URL": f"http://127.0.0.1:{SANDBOX}/api",
        "SESSION_SECRET": "a benchmark session secret, 32 bytes or more",
        "RUST_LOG": "warn",
        # As the Dockerfile sets it: mimalloc commits arena memory lazily (idle RSS 15 MB, not 23).
        "MIMALLOC_ARENA_EAGER_COMMIT": "0",
    }


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def wrk(port, path, connections, cookie=None, headers=("Accept: text/html",)):
    """Runs wrk on `path`, or round-robin through a list of paths; returns (req/s, p50 ms,
    p99 ms, non-2xx/3xx count)."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{DURATION}s", "--latency", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    for header in headers:
        command += ["-H", header]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if isinstance(path, list):
            script.write("local paths = {" + ",".join(json.dumps(p) for p in path) + "}\n"
                         "local n = math.random(#paths)\n"
                         "request = function()\n  n = n % #paths + 1\n"
                         "  return wrk.format(nil, paths[n])\nend\n")
            script.flush()
            command += ["-s", script.name]
            path = path[0]
        command += [f"http://127.0.0.1:{port}{path}"]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def millis(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rate, millis("50"), millis("99"), int(errors.group(1)) if errors else 0


def set_latency(ms):
    body = json.dumps({"latency_ms": ms})
    status = request(SANDBOX, "PUT", "/control/faults", {"Content-Type": "application/json"}, body)[0]
    assert status in (200, 204), status


def stats():
    return json.loads(request(SANDBOX, "GET", "/control/stats")[2])


def upstream_calls(path, cookie):
    before = stats()["api_requests"]
    status = request(APP, "GET", path, {"Cookie": cookie, "Accept": "text/html"})[0]
    assert status == 200, (path, status)
    return stats()["api_requests"] - before


def single_latency(path, cookie, runs=30):
    """Median wall time of one request at a time (no concurrency)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        status = request(APP, "GET", path, {"Cookie": cookie, "Accept": "text/html"})[0]
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200, status
    return statistics.median(times)


def distinct_latency(port, paths, headers):
    """Median wall time of one request at a time on one kept-alive connection (as the app keeps
    its connections to Atlassian), each to the next of `paths`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for path in paths:
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status == 200, (path, response.status)
    connection.close()
    return statistics.median(times)


def first_visit_bytes(cookie, path="/dashboard"):
    """Compressed bytes a first visit of a page transfers: HTML, CSS, JS, WASM, and the images
    it shows (attachments and their previews, through the app)."""
    encoding = {"Accept-Encoding": "br, gzip"}
    status, _, html, _ = request(APP, "GET", path, {"Cookie": cookie, "Accept": "text/html", **encoding})
    assert status == 200, status
    text = request(APP, "GET", path, {"Cookie": cookie, "Accept": "text/html"})[2].decode()
    sizes = {"html": len(html)}
    for kind, pattern in [("css", r'href="(/pkg/[^"]+\.css)"'), ("js", r'(/pkg/[^"\']+\.js)'),
                          ("wasm", r'(/pkg/[^"\']+\.wasm)'),
                          ("images", r'<img src="(/sites/[^"]+/attachments/[^"]+)"')]:
        for asset in sorted(set(re.findall(pattern, text))):
            _, _, body, _ = request(APP, "GET", asset, {"Cookie": cookie, **encoding})
            sizes[kind] = sizes.get(kind, 0) + len(body)
    return sizes


def many_sessions(count):
    """Signs `count` sessions in through the real flow, 8 at a time."""
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: sign_in(APP), range(count)))


def lighthouse(path, cookie, preset):
    """Lighthouse performance and accessibility scores (0–100) of one page, headless Chromium."""
    binary = os.path.join(ROOT, "bench", "node_modules", ".bin", "lighthouse")
    if not os.path.exists(binary):
        return None
    with tempfile.TemporaryDirectory() as profile:
        command = [binary, f"http://127.0.0.1:{APP}{path}", "--quiet", "--output=json", "--output-path=stdout",
                   "--only-categories=performance,accessibility",
                   f"--chrome-path={os.environ.get('CHROMIUM_PATH', '/usr/bin/chromium')}",
                   f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir={profile}"]
        if preset == "desktop":
            command.append("--preset=desktop")
        if cookie:
            command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
        # Lighthouse now and then exits 1 on this machine (Chromium's headless start); once more,
        # then the score is left out rather than the whole report.
        for attempt in range(2):
            run = subprocess.run(command, capture_output=True, text=True)
            if run.returncode == 0:
                break
            log(f"lighthouse {path} ({preset}) failed, attempt {attempt + 1}: {run.stderr.strip()[-300:]}")
        else:
            return None
        report = json.loads(run.stdout)
    categories = report["categories"]
    return round(categories["performance"]["score"] * 100), round(categories["accessibility"]["score"] * 100)


def cpu_seconds(pid):
    """User + system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sample_rss(pid, stop_event, samples):
    while not stop_event.is_set():
        samples.append(rss_mb(pid))
        time.sleep(0.2)


def under_load(pid, run):
    samples, done = [], threading.Event()
    sampler = threading.Thread(target=sample_rss, args=(pid, done, samples))
    sampler.start()
    try:
        return run(), max(samples or [0.0])
    finally:
        done.set()
        sampler.join()


def main():
    report = []
    out = report.append
    callbacks = [f"http://127.0.0.1:{APP}/oauth/callback", f"http://127.0.0.1:{PEER}/oauth/callback"]
    sandbox = start_sandbox(callbacks)

    log("cold starts")
    cold = []
    for _ in range(COLD_STARTS):
        app = start([BIN], app_env())
        cold.append(wait_ready(APP) * 1000)
        stop(app)
    app = start([BIN], app_env())
    wait_ready(APP)
    time.sleep(1)
    idle_rss = rss_mb(app.pid)

    log("signing in")
    cookie = sign_in(APP)
    set_latency(0)
    calls = {
        "dashboard, first view": upstream_calls("/dashboard", cookie),
        "dashboard, warm session": upstream_calls("/dashboard", cookie),
        "issue page, warm session": upstream_calls(ISSUE_PATH, cookie),
        "rich issue page, first view": upstream_calls(RICH_PATHS[0], cookie),
        "rich issue page, seen before": upstream_calls(RICH_PATHS[0], cookie),
    }
    for path in TYPICAL_PATHS + RICH_PATHS:
        assert request(APP, "GET", path, {"Cookie": cookie, "Accept": "text/html"})[0] == 200, path
    set_latency(LATENCY_MS)
    single = {path: single_latency(path, cookie) for path in ["/dashboard", ISSUE_PATH, RICH_ISSUE_PATH]}
    single_distinct = {kind: distinct_latency(APP, paths, {"Cookie": cookie, "Accept": "text/html"})
                       for kind, paths in [("typical", TYPICAL_PATHS), ("rich", RICH_PATHS)]}

    log("load")
    results = {}
    for name, path, connections, use_cookie in [
        ("/health-check", "/health-check", 50, False),
        (f"typical issues, {len(TYPICAL_PATHS)} distinct", TYPICAL_PATHS, 50, True),
        (f"typical issues, {len(TYPICAL_PATHS)} distinct", TYPICAL_PATHS, 200, True),
        (f"rich issues, {len(RICH_PATHS)} distinct", RICH_PATHS, 50, True),
        ("one typical issue (ACME-2)", ISSUE_PATH, 50, True),
        ("one typical issue (ACME-2)", ISSUE_PATH, 200, True),
        ("one rich issue (ACME-1)", RICH_ISSUE_PATH, 50, True),
        ("dashboard", "/dashboard", 50, True),
    ]:
        cpu_before = (cpu_seconds(app.pid), cpu_seconds(sandbox.pid))
        (rate, p50, p99, errors), peak = under_load(
            app.pid, lambda: wrk(APP, path, connections, cookie if use_cookie else None))
        app_cpu, sandbox_cpu = (cpu_seconds(app.pid) - cpu_before[0], cpu_seconds(sandbox.pid) - cpu_before[1])
        requests_made = rate * DURATION
        results[(name, connections)] = (rate, p50, p99, errors, peak,
                                        app_cpu * 1000 / requests_made, sandbox_cpu * 1000 / requests_made)

    log("the upstream alone")
    token = upstream_token(APP)
    upstream_alone = wrk(SANDBOX, UPSTREAM_ISSUE_PATH, 50, None,
                         (f"Authorization: Bearer {token}", "Accept: application/json"))
    upstream_single = {kind: distinct_latency(SANDBOX, [upstream_path(p) for p in paths],
                                              {"Authorization": f"Bearer {token}", "Accept": "application/json"})
                       for kind, paths in [("typical", TYPICAL_PATHS), ("rich", RICH_PATHS)]}

    sizes = first_visit_bytes(cookie)
    rich_sizes = first_visit_bytes(cookie, RICH_ISSUE_PATH)

    log("lighthouse")
    scores = {}
    for name, path, use_cookie in [("login", "/", False), ("dashboard", "/dashboard", True),
                                   ("issue page", ISSUE_PATH, True),
                                   ("issue page with images (ACME-1)", RICH_ISSUE_PATH, True)]:
        for preset in ("mobile", "desktop"):
            scores[(name, preset)] = lighthouse(path, cookie if use_cookie else None, preset)

    peer = {}
    if WITH_PEER:
        log("the FastAPI peer")
        peer_dir = os.path.join(ROOT, "target", "bench-peer")
        if not os.path.exists(os.path.join(peer_dir, "run.sh")):
            shutil.copytree(PEER_DIR, peer_dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".venv"))
        peer_process = start(["./run.sh", str(PEER), "1"], {
            "ATLASSIAN_AUTH_URL": f"http://127.0.0.1:{SANDBOX}/auth",
            "ATLASSIAN_API_URL": f"http://127.0.0.1:{SANDBOX}/api",
            "CLIENT_ID": CLIENT_ID, "CLIENT_SECRET": CLIENT_SECRET,
        }, cwd=peer_dir)
        wait_ready(PEER, timeout=600)
        peer_cookie = sign_in(PEER)
        for connections in (50, 200):
            peer[connections] = wrk(PEER, "/issue/ACME-1", connections, peer_cookie)
        stop(peer_process)

    log(f"{SESSIONS} sessions, on a fresh process")
    stop(app)
    set_latency(0)
    app = start([BIN], app_env())
    wait_ready(APP)
    many_sessions(SESSIONS)
    time.sleep(1)
    sessions_rss = rss_mb(app.pid)
    stop(app)
    stop(sandbox)

    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"],
                         capture_output=True, text=True).stdout.strip()
    out(f"Machine: {os.cpu_count()} cores ({cpu}); upstream latency injected: {LATENCY_MS} ms; "
        f"{DURATION} s per load run; wrk, the app and the sandbox share the machine.\n")
    out("| load | req/s | p50 ms | p99 ms | errors | bound (conns ÷ latency) | of bound | peak RSS MB "
        "| app CPU ms / req | sandbox CPU ms / req |")
    out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (name, connections), (rate, p50, p99, errors, peak, app_cpu, sandbox_cpu) in results.items():
        bound = connections / (LATENCY_MS / 1000) if name != "/health-check" and LATENCY_MS else None
        out(f"| {name}, {connections} conns | {rate:,.0f} | {p50:.2f} | {p99:.2f} | {errors} | "
            f"{f'{bound:,.0f}' if bound else '–'} | {f'{rate / bound:.0%}' if bound else '–'} | {peak:.1f} "
            f"| {app_cpu:.3f} | {sandbox_cpu:.3f} |")
    out("")
    typical, rich = (results[(f"typical issues, {len(TYPICAL_PATHS)} distinct", 50)],
                     results[(f"rich issues, {len(RICH_PATHS)} distinct", 50)])
    rich_bound = 50 / (LATENCY_MS / 1000) if LATENCY_MS else None
    out(f"- Regression guard (issue #21's goals): app CPU per page across distinct issues at 50 connections: "
        f"typical {typical[5]:.3f} ms (goal ≤ 0.15), rich {rich[5]:.3f} ms (goal ≤ 0.25); rich pages at "
        + (f"{rich[0] / rich_bound:.0%}" if rich_bound else "–") + " of their latency bound (goal ≥ 90 %).")
    out("- One view alone over its upstream call (one request at a time on a kept-alive connection, through "
        "the distinct issues, each seen once before; the median page less the median of the same issues' "
        "upstream calls made alone the same way): " + ", ".join(
            f"{kind} {single_distinct[kind] - upstream_single[kind]:.2f} ms ({single_distinct[kind]:.2f} "
            f"against {upstream_single[kind]:.2f})" for kind in ("typical", "rich")) + " (goal ≤ 0.5 ms).")
    issue50 = results[("one typical issue (ACME-2)", 50)]
    rate, up50, up99, up_errors = upstream_alone
    assert up_errors == 0, f"the upstream alone answered {up_errors} errors"
    out(f"- Overhead over the upstream, issue page at 50 connections: p50 {issue50[1] - up50:.2f} ms, "
        f"p99 {issue50[2] - up99:.2f} ms: the page's p50/p99 less the upstream's own, measured alone "
        f"with the app's request at 50 connections ({rate:,.0f} req/s, p50 {up50:.2f} ms, p99 {up99:.2f} ms; "
        f"injected {LATENCY_MS} ms). Over the injected latency: p50 {issue50[1] - LATENCY_MS:.2f} ms, "
        f"p99 {issue50[2] - LATENCY_MS:.2f} ms. One upstream call: the issue with its comments embedded.")
    out(f"- One request at a time (median of 30): dashboard {single['/dashboard']:.2f} ms, issue page "
        f"{single[ISSUE_PATH]:.2f} ms, richest issue {single[RICH_ISSUE_PATH]:.2f} ms "
        f"(slowest single upstream call: {LATENCY_MS} ms).")
    out("- Upstream calls per page view: " + ", ".join(f"{k} {v}" for k, v in calls.items()) + ".")
    out(f"- Cold start (exec → first 200 on /health-check), median of {COLD_STARTS}: {statistics.median(cold):.1f} ms "
        f"(min {min(cold):.1f}, max {max(cold):.1f}).")
    out(f"- RSS: idle {idle_rss:.1f} MB; with {SESSIONS:,} signed-in sessions in the memory store {sessions_rss:.1f} MB.")
    total = sum(sizes.values())
    out("- First visit of the dashboard, compressed: " + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in sizes.items())
        + f"; total {total / 1024:.1f} KB.")
    out("- First visit of the issue page with images (ACME-1), compressed: "
        + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in rich_sizes.items())
        + f"; total {sum(rich_sizes.values()) / 1024:.1f} KB.")
    if any(scores.values()):
        out("")
        out("| Lighthouse 12.2.3 | mobile: performance | mobile: accessibility | desktop: performance | desktop: accessibility |")
        out("|---|---:|---:|---:|---:|")
        for name in ("login", "dashboard", "issue page", "issue page with images (ACME-1)"):
            mobile, desktop = (scores[(name, preset)] or ("–", "–") for preset in ("mobile", "desktop"))
            out(f"| {name} | {mobile[0]} | {mobile[1]} | {desktop[0]} | {desktop[1]} |")
    if peer:
        out("")
        out("| FastAPI peer, /issue/ACME-1 | req/s | p50 ms | p99 ms | errors | ours ÷ peer |")
        out("|---|---:|---:|---:|---:|---:|")
        for connections, (rate, p50, p99, errors) in peer.items():
            ours = results[("one typical issue (ACME-2)", connections)][0]
            out(f"| {connections} conns | {rate:,.1f} | {p50:.1f} | {p99:.1f} | {errors} | {ours / rate:,.0f}× |")
    print("\n".join(report))


def start_sandbox(callbacks):
    """The standalone sandbox on SANDBOX with BULK_ISSUES rich bulk issues, its rate limits off:
    load runs measure the app, not Atlassian's rate limits (the rate-limit simulation has its own)."""
    sandbox = start([BIN, "sandbox", "--port", str(SANDBOX), "--client-id", CLIENT_ID,
                     "--client-secret", CLIENT_SECRET, "--bulk-issues", str(BULK_ISSUES)]
                    + sum((["--callback", c] for c in callbacks), []))
    wait_ready_sandbox()
    body = json.dumps({"enabled": False})
    assert request(SANDBOX, "PUT", "/control/quota", {"Content-Type": "application/json"}, body)[0] == 204
    return sandbox


def wait_ready_sandbox():
    started = time.perf_counter()
    while time.perf_counter() - started < 30:
        try:
            request(SANDBOX, "GET", "/control/stats")
            return
        except OSError:
            time.sleep(0.01)
    raise RuntimeError("the sandbox did not start")


def run_main(entry):
    """Runs `entry`, then stops every process it started, however it ended."""
    try:
        entry()
    finally:
        for child in list(children):
            stop(child)


if __name__ == "__main__":
    run_main(main)
