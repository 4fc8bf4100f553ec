import { defineConfig } from "@playwright/test";

// The release binary in sandbox mode, on its own port so a dev server on :3000 does not interfere.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // The sandbox's fault injection is one setting for the whole server, so the tests that inject
  // faults run after all the others, one at a time (faults.spec.ts is serial).
  projects: [
    { name: "main", testIgnore: /faults\.spec\.ts/ },
    { name: "faults", testMatch: /faults\.spec\.ts/, dependencies: ["main"] },
  ],
  webServer: process.env.E2E_NO_WEBSERVER
    ? undefined
    : {
        command: "./target/release/jira-sso-auth",
        cwd: "..",
        url: `${baseURL}/health-check`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: "ignore",
        stderr: "pipe",
        env: {
          LEPTOS_SITE_ROOT: "target/site",
          LEPTOS_SITE_PKG_DIR: "pkg",
          LEPTOS_OUTPUT_NAME: "jira-sso-auth",
          LEPTOS_ENV: "PROD",
          LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
          APP_URL: baseURL,
          RUST_LOG: "warn",
        },
      },
});
