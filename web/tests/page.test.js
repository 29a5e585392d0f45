// Browser tests of seedshard.html in Chromium. usage: node page.test.js PAGE SET_JSON CLI_JSON CHROMIUM
// Any failure exits non-zero. Every request the page makes is recorded, and any other than
// the page itself fails the run.
"use strict";
const fs = require("fs");
const assert = require("assert/strict");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

const [pagePath, setPath, cliPath, chromiumPath] = process.argv.slice(2);
const set = JSON.parse(fs.readFileSync(setPath, "utf8"));
const cli = JSON.parse(fs.readFileSync(cliPath, "utf8"));
const pageUrl = pathToFileURL(pagePath).href;
const fingerprints = cli.readings.map((r) => r.wallet.fingerprint);

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

async function openPage(browser, viewport) {
  const context = await browser.newContext({ viewport: viewport || { width: 1000, height: 800 } });
  const requests = [];
  // Every request is recorded; any but the page itself is refused.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url === pageUrl) return route.continue();
    requests.push(url);
    return route.abort();
  });
  context.on("request", (r) => {
    if (r.url() !== pageUrl) requests.push(r.url());
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(pageUrl);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  return { context, page, requests, errors };
}

async function done({ context, requests, errors }) {
  await context.close();
  assert.deepEqual([...new Set(requests)], [], "the page made network requests");
  assert.deepEqual(errors, [], "the page reported errors");
}

function damaged(share, position) {
  const w = share.split(" ");
  w[position - 1] = "?";
  return w.join(" ");
}

test("the page carries its Content-Security-Policy", async (browser) => {
  const t = await openPage(browser);
  const csp = await t.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /^default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+' 'wasm-unsafe-eval'; style-src 'sha256-[^']+';/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  await done(t);
});

test("two-level set from the reference: stray, duplicate, ? word, wrong passphrase retried", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await page.getByRole("button", { name: "Recover", exact: true }).click();
  const g1 = set.groups[0];
  const g2 = set.groups[1];
  const lines = [
    "# group 1",
    g1[0],
    set.stray,
    damaged(g1[1], 7),
    g1[0],
    "# group 2",
    g2[0],
    g2[2],
    g2[4],
  ];
  await page.getByRole("textbox", { name: "Shares" }).fill(lines.join("\n"));
  const pass = page.getByLabel("SLIP-39 passphrase");
  assert.equal(await pass.getAttribute("type"), "password");
  await pass.fill("wrong horse");
  await page.getByText("More: the BIP-39 passphrase").click();
  await page.getByRole("textbox", { name: "Fingerprint or address from the owner sheet" }).fill(fingerprints[0]);
  await page.getByRole("button", { name: "Recover wallet" }).click();
  // The wrong passphrase opens other wallets: said, and asked again, the shares kept.
  await page.getByRole("alert").filter({ hasText: "Type the SLIP-39 passphrase again" }).waitFor();
  assert.equal(await pass.inputValue(), "");
  assert.ok(await pass.evaluate((el) => el === document.activeElement), "the passphrase box has the focus");
  assert.equal(await page.getByRole("textbox", { name: "Shares" }).inputValue(), lines.join("\n"));
  assert.equal(await page.getByText("Fingerprint " + fingerprints[0], { exact: true }).count(), 0);
  const report = await page.locator("#share-list").innerText();
  assert.match(report, /Line 3: .*another set.*set aside/);
  assert.match(report, /Line 4: group 1 share \d+: fits/);
  assert.match(report, /word 7 was unreadable; the checksum gives [A-Z]+: compare with the card/);
  assert.match(report, /Line 5: .*the same share as line 2: set aside/);
  // Again with the right passphrase: both readings, the same fingerprints as the CLI.
  await pass.fill(set.passphrase);
  await pass.press("Enter");
  for (const fp of fingerprints) {
    await page.getByText("Fingerprint " + fp, { exact: true }).waitFor();
  }
  await page.getByText("Reading 1 is the wallet you expect.").waitFor();
  // No secret in the page before it is asked for.
  let html = await page.content();
  assert.ok(!html.includes(set.secret_hex), "the secret is in the page before Show");
  await page.getByRole("button", { name: "Show the hex (master secret) of reading 1" }).click();
  await page.getByText(set.secret_hex, { exact: true }).waitFor();
  await page.getByRole("button", { name: "Hide the secret" }).click();
  html = await page.content();
  assert.ok(!html.includes(set.secret_hex), "the secret stays in the page after Hide");
  await done(t);
});

test("checking a pile shows no secret and no wallet", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await page.getByRole("button", { name: "Recover", exact: true }).click();
  await page.getByRole("textbox", { name: "Shares" }).fill([set.groups[0][0], set.groups[2][0]].join("\n"));
  await page.getByRole("button", { name: "Check shares" }).click();
  await page.getByRole("alert").filter({ hasText: "not enough shares" }).waitFor();
  await page.getByRole("textbox", { name: "Shares" }).fill([set.groups[0][0], set.groups[0][2], set.groups[2][0]].join("\n"));
  await page.getByRole("button", { name: "Check shares" }).click();
  await page.getByText("These shares recover the wallet (no secret was opened).").waitFor();
  assert.ok(await page.locator("#wallet").isHidden());
  assert.equal(await page.getByText(/^Fingerprint [0-9a-f]{8}$/).count(), 0);
  await done(t);
});

test("by keyboard alone on a 360 px screen", async (browser) => {
  const t = await openPage(browser, { width: 360, height: 740 });
  const { page } = t;
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Recover");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "shares");
  await page.keyboard.insertText([set.groups[0][1], set.groups[0][2], set.groups[2][0]].join("\n"));
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "slip39-passphrase");
  await page.keyboard.insertText(set.passphrase);
  await page.keyboard.press("Enter");
  await page.getByText("Fingerprint " + fingerprints[0], { exact: true }).waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide on a 360 px screen`);
  // Every control has a name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("input, textarea, button, select")]
      .filter((el) => !el.labels?.length && !el.textContent.trim() && !el.getAttribute("aria-label"))
      .map((el) => el.outerHTML));
  assert.deepEqual(unnamed, []);
  await done(t);
});

(async () => {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  let failed = 0;
  for (const { name, fn } of tests) {
    try {
      await fn(browser);
      console.log(`ok - ${name}`);
    } catch (e) {
      failed++;
      console.log(`FAILED - ${name}\n${e.stack || e}`);
    }
  }
  await browser.close();
  console.log(`${tests.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
