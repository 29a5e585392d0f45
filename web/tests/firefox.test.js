// Browser tests of seedshard.html in Firefox (Debian's firefox-esr, driven by puppeteer-core
// over WebDriver BiDi).
// usage: node firefox.test.js PAGE SET_JSON CLI_JSON FIREFOX PHRASE_JSON
// (SEEDSHARD_REF_PYTHON set.) Any failure exits non-zero. Every request the page makes is
// intercepted, and any other than the page itself or a data:/blob: URL is refused and fails
// the run. The controls are found by their accessible names, as page.test.js finds them.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const http = require("http");
const assert = require("assert/strict");
const puppeteer = require("puppeteer-core");
const common = require("./common");

const [pagePath, setPath, cliPath, firefoxPath, phrasePath] = process.argv.slice(2);
const { set, pageUrl, fingerprints, phraseWallet } = common.loadFixtures(pagePath, setPath, cliPath, phrasePath);
const { test, run } = common.runner();
assert.ok(process.env.SEEDSHARD_REF_PYTHON, "set SEEDSHARD_REF_PYTHON to a python with shamir-mnemonic 0.3.0");

// Firefox left to itself reaches the network (telemetry, updates, captive portal and
// connectivity checks, safe browsing lists, remote settings, push, DNS over HTTPS): all off,
// and every service URL that stays pointed at a closed port on this machine.
const nowhere = "http://127.0.0.1:9/";
const offlinePrefs = {
  "app.normandy.enabled": false,
  "app.normandy.api_url": "",
  "app.update.auto": false,
  "app.update.enabled": false,
  "app.update.url": nowhere,
  "browser.discovery.enabled": false,
  "browser.newtabpage.activity-stream.feeds.telemetry": false,
  "browser.newtabpage.activity-stream.telemetry": false,
  "browser.ping-centre.telemetry": false,
  "browser.region.network.url": "",
  "browser.region.update.enabled": false,
  "browser.safebrowsing.blockedURIs.enabled": false,
  "browser.safebrowsing.downloads.enabled": false,
  "browser.safebrowsing.downloads.remote.enabled": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.safebrowsing.provider.google.updateURL": "",
  "browser.safebrowsing.provider.google4.updateURL": "",
  "browser.safebrowsing.provider.mozilla.updateURL": "",
  "browser.search.update": false,
  "browser.topsites.contile.enabled": false,
  "browser.urlbar.quicksuggest.enabled": false,
  "captivedetect.canonicalURL": "",
  "datareporting.healthreport.uploadEnabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "dom.push.connection.enabled": false,
  "dom.push.enabled": false,
  "dom.push.serverURL": "",
  "extensions.blocklist.enabled": false,
  "extensions.getAddons.cache.enabled": false,
  "extensions.systemAddon.update.enabled": false,
  "extensions.update.enabled": false,
  "geo.enabled": false,
  "identity.fxaccounts.enabled": false,
  "media.gmp-manager.updateEnabled": false,
  "messaging-system.rsexperimentloader.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "network.dns.disablePrefetch": true,
  "network.predictor.enabled": false,
  "network.prefetch-next": false,
  "network.trr.mode": 5,
  "security.OCSP.enabled": 0,
  "services.settings.server": nowhere,
  "toolkit.telemetry.archive.enabled": false,
  "toolkit.telemetry.enabled": false,
  "toolkit.telemetry.server": "",
  "toolkit.telemetry.unified": false,
  // PDFs are saved, not opened in the viewer.
  "pdfjs.disabled": true,
  "browser.download.open_pdf_attachments_inline": false,
};

// A control by its role and accessible name, as the accessibility tree gives them (WebDriver
// BiDi's accessibility locator). Without a role (a password box has none that the locator
// takes), the one form control of that name; a label of the same name is passed over.
async function control(page, name, role) {
  const q = JSON.stringify(name);
  const selector = role ? `::-p-aria([name=${q}][role=${JSON.stringify(role)}])` : `::-p-aria(${q})`;
  const deadline = Date.now() + 10000;
  for (;;) {
    const found = [];
    for (const handle of await page.$$(selector)) {
      if (role || await handle.evaluate((el) => ["INPUT", "TEXTAREA", "SELECT", "BUTTON"].includes(el.nodeName))) {
        found.push(handle);
      }
    }
    if (found.length === 1) return found[0];
    assert.ok(found.length === 0, `${found.length} controls named ${q}`);
    assert.ok(Date.now() < deadline, `no control named ${q}${role ? ` (${role})` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function click(page, name, role = "button") {
  await (await control(page, name, role)).click();
}

// Puts text in a box as pasting does: the whole value at once, then an input event.
async function fill(page, name, value, role = "textbox") {
  const handle = await control(page, name, role);
  await handle.evaluate((el, v) => {
    el.focus();
    el.value = v;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }, value);
  return handle;
}

// Waits for a shown element (under `scope`) whose text is `text` (exact) or holds it.
async function waitText(page, text, { exact = false, scope = "body", timeout = 30000 } = {}) {
  try {
    await page.waitForFunction((text, exact, scope) => {
      const norm = (s) => s.replace(/\s+/g, " ").trim();
      const root = document.querySelector(scope);
      if (!root) return false;
      return [root, ...root.querySelectorAll("*")].some((el) => el.getClientRects().length > 0 &&
        (exact ? norm(el.textContent) === text : norm(el.textContent).includes(text)));
    }, { timeout, polling: 100 }, text, exact, scope);
  } catch (e) {
    const shown = await page.evaluate((s) => document.querySelector(s)?.innerText ?? "", scope);
    throw new Error(`${JSON.stringify(text)} did not appear in ${scope}; it shows:\n${shown}\n(${e.message})`);
  }
}

async function countText(page, text) {
  return page.evaluate((text) => [...document.querySelectorAll("body *")]
    .filter((el) => el.textContent.replace(/\s+/g, " ").trim() === text).length, text);
}

const isFocused = (handle) => handle.evaluate((el) => el === document.activeElement);

// A fresh browser context with its own download folder, every request intercepted.
async function openPage(browser) {
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), "seedshard-ff-"));
  const context = await browser.createBrowserContext({
    downloadBehavior: { policy: "allow", downloadPath: downloads },
  });
  const page = await context.newPage();
  const requests = [];
  await page.setRequestInterception(true);
  page.on("request", (r) => {
    const url = r.url();
    if (url === pageUrl || url.startsWith("data:") || url.startsWith("blob:")) return r.continue();
    requests.push(url);
    return r.abort();
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(pageUrl);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  return { context, page, requests, errors, downloads };
}

async function done({ context, requests, errors, downloads }) {
  await context.close();
  fs.rmSync(downloads, { recursive: true, force: true });
  assert.deepEqual([...new Set(requests)], [], "the page made network requests");
  assert.deepEqual(errors, [], "the page reported errors");
}

// Clicks a download button and waits for the whole file in the context's download folder.
async function downloadPdf(t, buttonName, expectedName) {
  const file = path.join(t.downloads, expectedName);
  await click(t.page, buttonName);
  const deadline = Date.now() + 30000;
  for (;;) {
    const names = fs.readdirSync(t.downloads);
    if (names.includes(expectedName) && !names.some((n) => n.endsWith(".part"))) {
      const bytes = fs.readFileSync(file);
      if (bytes.toString("latin1").trimEnd().endsWith("%%EOF")) return bytes;
    }
    if (Date.now() > deadline) {
      throw new Error(`no ${expectedName} downloaded; the folder holds: ${names.join(", ") || "nothing"}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("the request guard sees and refuses a request", async (browser) => {
  // Without this, a guard that never fires would pass every test below: a blank page asks a
  // server on this machine for a file; the guard must see the request and the server nothing.
  let reached = 0;
  const server = http.createServer((req, res) => {
    reached++;
    res.end("reached");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const probe = `http://127.0.0.1:${server.address().port}/probe`;
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const requests = [];
    await page.setRequestInterception(true);
    page.on("request", (r) => {
      if (r.url().startsWith("data:")) return r.continue();
      requests.push(r.url());
      return r.abort();
    });
    await page.goto("data:text/html,<title>guard</title>");
    const outcome = await page.evaluate((url) => fetch(url).then(() => "answered", () => "refused"), probe);
    assert.deepEqual(requests, [probe]);
    assert.equal(outcome, "refused");
    assert.equal(reached, 0, "the request reached the server");
  } finally {
    await context.close();
    server.close();
  }
});

test("the page carries its Content-Security-Policy", async (browser) => {
  const t = await openPage(browser);
  const csp = await t.page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute("content"));
  assert.match(csp, /^default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+' 'wasm-unsafe-eval'; style-src 'sha256-[^']+';/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  await done(t);
});

test("two-level set from the reference: stray, duplicate, ? word, wrong passphrase retried", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await click(page, "Recover");
  const lines = common.twoLevelLines(set);
  await fill(page, "Shares", lines.join("\n"));
  const pass = await control(page, "SLIP-39 passphrase");
  assert.equal(await pass.evaluate((el) => el.type), "password");
  await pass.type("wrong horse");
  await (await page.waitForSelector("::-p-text(More: the BIP-39 passphrase)")).click();
  await fill(page, "Fingerprint or address from the owner sheet", fingerprints[0]);
  await click(page, "Recover wallet");
  // The wrong passphrase opens other wallets: said, and asked again, the shares kept.
  await waitText(page, "Type the SLIP-39 passphrase again", { scope: "#problem" });
  assert.equal(await pass.evaluate((el) => el.value), "");
  assert.ok(await isFocused(pass), "the passphrase box has the focus");
  assert.equal(await (await control(page, "Shares", "textbox")).evaluate((el) => el.value), lines.join("\n"));
  assert.equal(await countText(page, "Fingerprint " + fingerprints[0]), 0);
  common.assertTwoLevelReport(await page.$eval("#share-list", (el) => el.innerText));
  // Again with the right passphrase, typed and sent with Enter: both readings, the same
  // fingerprints as the CLI.
  await pass.type(set.passphrase);
  await pass.press("Enter");
  for (const fp of fingerprints) await waitText(page, "Fingerprint " + fp, { exact: true });
  await waitText(page, "Reading 1 is the wallet you expect.");
  // No secret in the page before it is asked for.
  const html = () => page.evaluate(() => document.documentElement.outerHTML);
  assert.ok(!(await html()).includes(set.secret_hex), "the secret is in the page before Show");
  await click(page, "Show the hex (master secret) of reading 1");
  await waitText(page, set.secret_hex, { exact: true });
  await click(page, "Hide the secret");
  assert.ok(!(await html()).includes(set.secret_hex), "the secret stays in the page after Hide");
  await done(t);
});

test("checking a pile shows no secret and no wallet", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await click(page, "Recover");
  await fill(page, "Shares", [set.groups[0][0], set.groups[2][0]].join("\n"));
  await click(page, "Check shares");
  await waitText(page, "not enough shares", { scope: "#problem" });
  await fill(page, "Shares", [set.groups[0][0], set.groups[0][2], set.groups[2][0]].join("\n"));
  await click(page, "Check shares");
  await waitText(page, "These shares recover the wallet (no secret was opened).");
  assert.ok(await page.$eval("#wallet", (el) => el.hidden || el.getClientRects().length === 0), "the wallet is shown");
  const shown = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(shown, /Fingerprint [0-9a-f]{8}/);
  await done(t);
});

test("backup of a BIP-39 phrase: cards as PDF, recovered in the page and by the reference", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await click(page, "Back up");
  await fill(page, "BIP-39 phrase to back up", set.bip39_phrase);
  const entropy = await control(page, "Entropy mode", "radio");
  assert.ok(await entropy.evaluate((el) => el.checked), "entropy mode is the default");
  // Two groups: 2 of 3 (named holders) and 3 of 5; both needed.
  await fill(page, "Shares needed in group 1", "2", "spinbutton");
  await fill(page, "Shares in group 1", "3", "spinbutton");
  await fill(page, "Holders in group 1 (optional)", "Alice, Bob, Carol");
  await click(page, "Add a group");
  await fill(page, "Shares needed in group 2", "3", "spinbutton");
  await fill(page, "Shares in group 2", "5", "spinbutton");
  await fill(page, "Groups needed", "2", "spinbutton");
  await fill(page, "Passphrase for the shares (SLIP-39, optional)", set.passphrase, null);
  await click(page, "Make the shares");
  await waitText(page, "The shares are made: 8 cards.");
  // The wallet is the phrase's, as the CLI's verify says.
  await waitText(page, "Fingerprint " + phraseWallet.fingerprint, { exact: true, scope: "#backup-wallet" });
  const shares = await page.$$eval("#backup-shares .share-text", (els) => els.map((e) => e.innerText));
  const labels = await page.$$eval("#backup-shares .share-label", (els) => els.map((e) => e.innerText));
  assert.equal(shares.length, 8);
  assert.ok(shares.every((s) => s.split(" ").length === 20), "20-word shares");
  assert.match(labels[0], /^Group 1 of 2, share 1 of 3\. This group needs 2 of its 3 shares; all 2 groups are needed\.$/);
  assert.match(labels[3], /^Group 2 of 2, share 1 of 5\./);
  // The cards and the owner sheet, downloaded as Firefox saves them: 8 cards, 6 a page.
  const cards = await downloadPdf(t, "Download the share cards (PDF)", "share-cards.pdf");
  assert.equal(common.pdfPages(cards), 2);
  const sheet = await downloadPdf(t, "Download the owner sheet (PDF)", "owner-sheet.pdf");
  assert.ok(common.pdfPages(sheet) >= 1);
  const chosen = [shares[0], shares[2], shares[3], shares[5], shares[7]];
  assert.equal(common.referenceCombine(chosen, set.passphrase), set.bip39_entropy_hex);
  // The page's recovery gives the same phrase back, shown only when asked.
  await click(page, "Recover");
  await fill(page, "Shares", chosen.join("\n"));
  await fill(page, "SLIP-39 passphrase", set.passphrase, null);
  await click(page, "Recover wallet");
  await waitText(page, "Fingerprint " + phraseWallet.fingerprint, { exact: true, scope: "#readings" });
  await click(page, "Show the BIP-39 phrase of reading 2");
  await waitText(page, set.bip39_phrase, { exact: true, scope: "#readings" });
  await done(t);
});

(async () => {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: firefoxPath,
    headless: true,
    extraPrefsFirefox: offlinePrefs,
  });
  let failed;
  try {
    failed = await run(browser);
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
