// Hostile text everywhere a page shows Atlassian's data: the sandbox's XSS project has one issue
// per payload of app/src/sandbox/payloads.rs (summary, label, description text and ADF attributes,
// comments), on a site whose name and URL are hostile, seen by a person whose name, e-mail and
// picture URL are. Each page fails on any dialog, any script or inline handler the page did not
// ship, any javascript: URL, any Content-Security-Policy violation, any response the browser got
// that carries a token or the client secret, and must show the payload as the text it is.
// Callback error descriptions and the lookup box get payloads too.
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { waitForHydration } from "./fixtures/pages";

const HOSTILE = "44444444-5555-4666-8777-888888888888";

/** The payloads, read from the sandbox's source so the two lists cannot drift apart. */
const PAYLOADS: string[] = (() => {
  const source = readFileSync(resolve(__dirname, "../../app/src/sandbox/payloads.rs"), "utf8");
  const list = source.slice(source.indexOf("&[") + 2, source.indexOf("];"));
  return [...list.matchAll(/^\s*"((?:[^"\\]|\\.)*)",$/gm)].map(([, literal]) =>
    literal.replace(/\\u\{([0-9a-fA-F]+)\}|\\(.)/g, (_, hex: string | undefined, escaped: string | undefined) => {
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return { t: "\t", n: "\n", r: "\r", "0": "\0" }[escaped!] ?? escaped!;
    }),
  );
})();

test("there are at least 60 payloads", () => {
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(60);
  expect(new Set(PAYLOADS).size).toBe(PAYLOADS.length);
});

/** What must never reach a browser: sandbox token prefixes and the sandbox client secret. */
const SECRETS = ["sbx_at_", "sbx_rt_", "sandbox-client-secret"];

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

/** Records dialogs and CSP violations from the first script on; `check` asserts the page clean. */
async function guard(page: Page) {
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  const leaks: string[] = [];
  page.on("response", async (response) => {
    const headers = Object.entries(await response.allHeaders())
      .filter(([name]) => name !== "set-cookie")
      .map(([name, value]) => `${name}: ${value}`)
      .join("\n");
    const body = /text|json|javascript/.test(response.headers()["content-type"] ?? "")
      ? await response.text().catch(() => "")
      : "";
    for (const secret of SECRETS) {
      if (headers.includes(secret) || body.includes(secret)) leaks.push(`${response.url()} carries ${secret}`);
    }
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[]; print: () => void; __printed?: boolean };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      w.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`),
    );
    w.print = () => {
      w.__printed = true;
    };
  });
  return async function check(where: string) {
    const found = await page.evaluate(() => {
      const w = window as unknown as { __violations: string[]; __xss?: unknown; __printed?: boolean };
      const foreignScripts = [...document.scripts]
        .filter((script) => {
          if (script.nonce) return false;
          if (!script.src) return true;
          const url = new URL(script.src);
          return url.origin !== location.origin || !url.pathname.startsWith("/pkg/");
        })
        .map((script) => script.outerHTML.slice(0, 120));
      const handlers: string[] = [];
      const urls: string[] = [];
      for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
          if (attribute.name.startsWith("on")) handlers.push(`${element.tagName} ${attribute.name}`);
          const value = attribute.value.replace(/[\s\0-\x1f]/g, "").toLowerCase();
          const isUrl = /^(href|src|srcset|action|formaction|xlink:href|data|poster|background|ping|cite)$/.test(attribute.name);
          if (isUrl && /^(javascript|vbscript):|^data:text\/html/.test(value)) urls.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
        }
      }
      const embedded = document.querySelectorAll("iframe, object, embed, frame, body base, meta[http-equiv]").length;
      return {
        foreignScripts,
        handlers,
        urls,
        embedded,
        violations: w.__violations,
        xss: w.__xss ?? null,
        printed: w.__printed ?? false,
      };
    });
    expect(leaks, `secrets in what the browser received on ${where}`).toEqual([]);
    expect(dialogs, `dialogs on ${where}`).toEqual([]);
    expect(consoleErrors, `CSP errors on ${where}`).toEqual([]);
    expect(found, where).toEqual({
      foreignScripts: [],
      handlers: [],
      urls: [],
      embedded: 0,
      violations: [],
      xss: null,
      printed: false,
    });
  };
}

async function signInAsMallory(page: Page) {
  await page.goto("/");
  await page.getByRole("link", { name: "Sign in with Atlassian" }).click();
  await page.getByRole("radio", { name: /Mallory/ }).check();
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("the dashboard shows a hostile person, site and issue list as text", async ({ page }) => {
  const check = await guard(page);
  await signInAsMallory(page);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mallory <img src=x onerror=alert('name')>");
  await expect(page.getByText("mallory+<script>@example.com")).toBeVisible();
  const hostileSite = page.getByRole("region", { name: "Assigned to you on <img src=x onerror=alert('site')>" });
  await expect(hostileSite).toHaveAttribute("aria-busy", "false");
  await expect(hostileSite.getByRole("link")).toHaveCount(10);
  await expect(hostileSite.getByRole("link").first()).toContainText("XSS-");
  await page.getByRole("button", { name: "More" }).click();
  await expect(hostileSite.getByRole("link")).toHaveCount(20);
  await check("the dashboard");
});

test("the lookup box explains hostile input as text", async ({ page }) => {
  const check = await guard(page);
  await signInAsMallory(page);
  await waitForHydration(page);
  for (const payload of PAYLOADS.slice(0, 8)) {
    await page.getByLabel("Issue key or link").fill(payload);
    await page.getByRole("button", { name: "Open issue" }).click();
    await expect(page.locator("#lookup-error")).toContainText("is not an issue key");
    await expect(page.getByLabel("Issue key or link")).toHaveValue(payload);
  }
  await check("the lookup form");
});

test("callback error descriptions are shown as text", async ({ page }) => {
  const check = await guard(page);
  for (const payload of PAYLOADS.slice(0, 12)) {
    await page.goto("/initiate-oauth");
    const state = new URL(page.url()).searchParams.get("state")!;
    const query = new URLSearchParams({ error: "server_error", error_description: payload, state });
    const response = await page.goto(`/oauth/callback?${query}`);
    expect(response!.status()).toBe(400);
    await expect(page.locator("main")).toContainText(collapse(payload));
    await check(`the callback with ${payload}`);
  }
});

const CHUNK = 16;
for (let first = 0; first < 64; first += CHUNK) {
  test(`issues XSS-${first + 1} to XSS-${first + CHUNK} show their payloads as text`, async ({ page }) => {
    test.setTimeout(90_000);
    const check = await guard(page);
    await signInAsMallory(page);
    for (const [index, payload] of PAYLOADS.slice(first, first + CHUNK).entries()) {
      const key = `XSS-${first + index + 1}`;
      await page.goto(`/sites/${HOSTILE}/issues/${key}`);
      const heading = page.getByRole("heading", { level: 1 });
      await expect(heading).toBeVisible();
      expect(collapse((await heading.textContent()) ?? ""), key).toBe(collapse(payload));
      await expect(page.locator(".description")).toContainText(collapse(payload));
      await waitForHydration(page);
      await check(key);
    }
  });
}
