// Browser tests of seedshard.html in Firefox (Debian's firefox-esr, driven by puppeteer-core
// over WebDriver BiDi).
// usage: node firefox.test.js PAGE SET_JSON CLI_JSON FIREFOX PHRASE_JSON CARDS_DIR
// (SEEDSHARD_REF_PYTHON set; CARDS_DIR holds the CLI's PNG cards of group 1 and group 3)
// Any failure exits non-zero. Every request the page makes is intercepted, and any other than
// the page itself or a data:/blob: URL is refused and fails the run. The controls are found by
// their accessible names, as page.test.js finds them.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const http = require("http");
const assert = require("assert/strict");
const common = require("./common");
const { launchFirefox } = require("./firefox");

const [pagePath, setPath, cliPath, firefoxPath, phrasePath, cardsDir] = process.argv.slice(2);
const { set, pageUrl, fingerprints, phraseWallet } = common.loadFixtures(pagePath, setPath, cliPath, phrasePath);
const { test, run } = common.runner();
assert.ok(process.env.SEEDSHARD_REF_PYTHON, "set SEEDSHARD_REF_PYTHON to a python with shamir-mnemonic 0.3.0");


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

// A fresh browser context with its own download folder, every request intercepted. With
// `watchMemory`, the test keeps a handle on the module's memory (the page offers none) by
// wrapping WebAssembly.instantiate before the page runs.
async function openPage(browser, { watchMemory } = {}) {
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
  if (watchMemory) {
    await page.evaluateOnNewDocument(() => {
      const instantiate = WebAssembly.instantiate;
      WebAssembly.instantiate = async function (...args) {
        const result = await instantiate.apply(this, args);
        window.__moduleMemory = (result.instance || result).exports.memory;
        return result;
      };
    });
  }
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
  await waitText(page, "type the SLIP-39 passphrase again", { scope: "#problem" });
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
  await waitText(page, "Match: reading 1 (as a SLIP-39 master secret) opens the expected wallet " + fingerprints[0] + ".");
  // No secret in the page before it is asked for.
  const html = () => page.evaluate(() => document.documentElement.outerHTML);
  assert.ok(!(await html()).includes(set.secret_hex), "the secret is in the page before Show");
  await click(page, "Show the hex (master secret) of reading 1");
  await waitText(page, set.secret_hex, { exact: true });
  await click(page, "Hide the secret");
  assert.ok(!(await html()).includes(set.secret_hex), "the secret stays in the page after Hide");
  await done(t);
});

test("nothing of a recovery stays in the module's memory once the Shares box is emptied", async (browser) => {
  const t = await openPage(browser, { watchMemory: true });
  const { page } = t;
  const ascii = (text) => [...Buffer.from(text, "utf8")];
  const typed = [set.groups[1][0], set.groups[1][1], set.groups[1][2], set.groups[0][0], set.groups[0][2]];
  const needles = [
    ["the master secret", [...Buffer.from(set.secret_hex, "hex")]],
    ["the master secret in hex", ascii(set.secret_hex)],
    ["the passphrase", ascii(set.passphrase)],
    ...typed.map((line, i) => [`words of share ${i + 1}`, ascii(line.split(" ").slice(3, 9).join(" "))]),
  ];
  await click(page, "Recover");
  await fill(page, "Shares", typed.join("\n"));
  await (await control(page, "SLIP-39 passphrase")).type(set.passphrase);
  await click(page, "Recover wallet");
  await waitText(page, "Fingerprint " + fingerprints[0], { exact: true });
  await click(page, "Show the hex (master secret) of reading 1");
  await waitText(page, set.secret_hex, { exact: true });
  await click(page, "Hide the secret");
  // While the wallet is open the module holds its secret: the search finds it.
  assert.ok((await common.inModuleMemory(page, needles)).includes("the master secret"), "the memory search finds nothing");
  await fill(page, "Shares", "");
  assert.deepEqual(await common.inModuleMemory(page, needles), [], "left in the module's memory");
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

// Firefox over WebDriver BiDi prints to PDF but cannot switch the page to print media, so the
// pictures' boxes are measured in Chromium only (page.test.js); here the print itself.
test("cards printed from the page: every card's code read back from the PDF", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await click(page, "Back up");
  await fill(page, "BIP-39 phrase to back up", set.bip39_phrase);
  await click(page, "Make the shares");
  await waitText(page, "The shares are made: 3 cards.");
  const shares = await page.$$eval("#backup-shares .share-text", (els) => els.map((e) => e.innerText));
  // The print dialog is not opened in the test: the page's call to it is counted.
  await page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printed = String(Number(document.body.dataset.printed || 0) + 1);
    };
  });
  await click(page, "Print the share cards");
  assert.equal(await page.evaluate(() => document.body.dataset.printed), "1");
  assert.equal(await page.$$eval("#print-view svg", (els) => els.length), 3);
  // A4 given (puppeteer's default page size reaches Firefox in the wrong unit).
  const printed = common.readPrinted(Buffer.from(await page.pdf({ width: "210mm", height: "297mm", printBackground: true })));
  assert.deepEqual(printed.flatMap((p) => p.shares).sort(), [...shares].sort(), "the printed codes are not the shares made");
  await click(page, "Print the owner sheet");
  const sheet = common.readPrinted(Buffer.from(await page.pdf({ width: "210mm", height: "297mm", printBackground: true })));
  assert.equal(sheet.length, 1, "the owner sheet is printed on one page");
  assert.deepEqual(sheet.flatMap((p) => p.shares), [], "the owner sheet carries a share's code");
  // Leaving the result leaves no card in the page.
  await click(page, "Recover");
  assert.equal(await page.evaluate(() => document.querySelectorAll("svg").length), 0);
  await done(t);
});

test("a new phrase made in the page, then verified", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await click(page, "Back up");
  await click(page, "A new BIP-39 phrase, made here", "radio");
  await (await control(page, "Length of the new phrase", "combobox")).select("128");
  await fill(page, "Shares needed in group 1", "1", "spinbutton");
  await fill(page, "Shares in group 1", "1", "spinbutton");
  await click(page, "Make the shares");
  await waitText(page, "The shares are made: 1 card.");
  const fingerprint = (await page.$eval("#backup-wallet .fingerprint", (el) => el.innerText)).replace("Fingerprint ", "");
  await click(page, "Show the new BIP-39 phrase");
  const phraseText = () => page.$eval("#new-phrase-text", (el) => el.innerText);
  await waitText(page, "", { scope: "#new-phrase-text" });
  const phrase = await phraseText();
  assert.equal(phrase.split(" ").length, 12);
  const share = await page.$eval("#backup-shares .share-text", (el) => el.innerText);
  // Two new phrases are different (the browser's generator is used).
  await click(page, "Make the shares");
  await click(page, "Show the new BIP-39 phrase");
  await page.waitForFunction((old) => {
    const el = document.querySelector("#new-phrase-text");
    return el && el.getClientRects().length > 0 && el.innerText.trim() !== "" && el.innerText !== old;
  }, { timeout: 10000 }, phrase);
  // Verify the phrase, then the share: the same wallet.
  await click(page, "Verify");
  await fill(page, "Phrase or share lines", phrase);
  await fill(page, "Expected fingerprint or address (optional)", fingerprint);
  await click(page, "Verify the wallet");
  await waitText(page, "Match: the phrase opens the expected wallet " + fingerprint + ".");
  await fill(page, "Phrase or share lines", share);
  await click(page, "Verify the wallet");
  await waitText(page, "Fingerprint " + fingerprint, { exact: true, scope: "#verify-result" });
  await waitText(page, "Match: reading 2 (as BIP-39 entropy) opens the expected wallet " + fingerprint + ".");
  assert.equal(await page.$$eval("#verify-result button", (els) => els.length), 0, "verify offers no secret");
  await done(t);
});

// Card pictures from the CLI side by side, drawn in a blank page of Firefox's own (no request
// leaves it), saved as a PNG file named `name` in `dir` for the file picker.
async function cardsPhoto(browser, dir, name, cards) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const out = await page.evaluate(common.composeInPage, { images: common.cardImages(cardsDir, cards), scale: 1 });
    const file = path.join(dir, name);
    fs.writeFileSync(file, common.decodeComposed(out).png);
    return file;
  } finally {
    await context.close();
  }
}

test("photos of cards: several cards a photo, their shares added and recovered", async (browser) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seedshard-ff-photos-"));
  try {
    const two = await cardsPhoto(browser, dir, "two-cards.png", ["share-g1-s1.png", "share-g1-s3.png"]);
    const one = await cardsPhoto(browser, dir, "one-card.png", ["share-g3-s1.png"]);
    const twoAgain = path.join(dir, "two-cards-again.png");
    fs.copyFileSync(two, twoAgain);
    const blank = await cardsPhoto(browser, dir, "blank.png", []);
    const t = await openPage(browser);
    const { page } = t;
    await click(page, "Recover");
    const photos = await page.waitForSelector("#photos");
    assert.equal(await photos.evaluate((el) => el.labels[0].textContent.trim()), "Photos of cards");
    await photos.uploadFile(two, one, twoAgain);
    await waitText(page, "two-cards.png: read 2 shares");
    await waitText(page, "one-card.png: read 1 share");
    await waitText(page, "two-cards-again.png: read 2 shares (2 already added)");
    const lines = (await (await control(page, "Shares", "textbox")).evaluate((el) => el.value)).trim().split("\n");
    assert.deepEqual(lines.sort(), [set.groups[0][0], set.groups[0][2], set.groups[2][0]].sort());
    await fill(page, "SLIP-39 passphrase", set.passphrase, null);
    await click(page, "Recover wallet");
    await waitText(page, "Fingerprint " + fingerprints[0], { exact: true });
    // A picture without a card says so.
    await photos.uploadFile(blank);
    await waitText(page, "blank.png: no QR code found in the image");
    await done(t);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("typing: words completed from their first letters; worked-out words confirmed one by one", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await click(page, "Recover");
  const box = await control(page, "Shares", "textbox");
  await box.type("acad");
  await waitText(page, "word 1: ACADEMIC", { exact: true });
  await box.type(" xyzq");
  await waitText(page, "word 2: not a SLIP-39 word; the closest: ", { scope: "#completion" });
  // A 1-of-1 card with two unreadable words: nothing but the person confirms them.
  const words = set.single.split(" ");
  await fill(page, "Shares", common.damaged(common.damaged(set.single, 5), 9));
  await click(page, "Recover wallet");
  await waitText(page, "nothing confirms them: compare each with the card and confirm it");
  const showButtons = () => page.$$eval("button", (els) => els.filter((b) => /^Show the /.test(b.textContent.trim()) &&
    b.getClientRects().length > 0).length);
  assert.equal(await showButtons(), 0, "a secret offered before the words are confirmed");
  const list = () => page.$eval("#share-list", (el) => el.innerText);
  assert.match(await list(), new RegExp(`word 5 was unreadable; the checksum gives ${words[4].toUpperCase()}`));
  await click(page, "Confirm word 5 of line 1");
  await waitText(page, "Word 5 of line 1 confirmed against the card.");
  await click(page, "Recover wallet");
  await waitText(page, "nothing confirms them");
  assert.equal(await showButtons(), 0, "one word confirmed of two is not enough");
  await click(page, "Confirm word 9 of line 1");
  await click(page, "Recover wallet");
  await click(page, "Show the hex (master secret) of reading 1");
  await waitText(page, set.single_secret_hex, { exact: true });
  assert.match(await list(), /word 5 was unreadable.*\(confirmed\)/);
  await done(t);
});

test("the camera opens, its frames are read, and it stops (Firefox's fake device: no card)", async (browser) => {
  // Firefox's fake camera cannot show a picture of a card (Chromium's test scans one): this
  // runs the page's camera path in Firefox, frames drawn and given to the scanner.
  const t = await openPage(browser);
  const { page } = t;
  await click(page, "Recover");
  await click(page, "Scan with the camera");
  await control(page, "Stop the camera", "button");
  await page.waitForFunction(() => document.querySelector("#camera-video").videoWidth > 0 &&
    !document.querySelector("#camera-view").hidden, { timeout: 15000 });
  // Several frames (one each 400 ms) go through the scanner; none holds a share.
  await new Promise((r) => setTimeout(r, 2000));
  assert.equal(await (await control(page, "Shares", "textbox")).evaluate((el) => el.value), "");
  assert.equal(await page.$eval("#scan-notes", (el) => el.innerText.trim()), "");
  await click(page, "Stop the camera");
  await page.waitForFunction(() => document.querySelector("#camera-view").hidden, { timeout: 5000 });
  await control(page, "Scan with the camera", "button");
  await done(t);
});

test("by keyboard alone on a 360 px screen", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await page.setViewport({ width: 360, height: 740 });
  assert.equal(await page.evaluate(() => window.innerWidth), 360);
  const active = (what) => page.evaluate((what) => document.activeElement[what], what);
  await page.keyboard.press("Tab");
  assert.equal(await active("textContent"), "Recover");
  await page.keyboard.press("Enter");
  assert.equal(await active("id"), "shares");
  await page.keyboard.type([set.groups[0][1], set.groups[0][2], set.groups[2][0]].join("\n"));
  await page.keyboard.press("Tab");
  assert.equal(await active("id"), "slip39-passphrase");
  await page.keyboard.type(set.passphrase);
  await page.keyboard.press("Enter");
  await waitText(page, "Fingerprint " + fingerprints[0], { exact: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide on a 360 px screen`);
  // Back up, reached by keyboard, and its result fit the screen too.
  await (await control(page, "Back up", "button")).focus();
  await page.keyboard.press("Enter");
  assert.equal(await active("id"), "source-bip39");
  await fill(page, "BIP-39 phrase to back up", set.bip39_phrase);
  await (await control(page, "Make the shares", "button")).focus();
  await page.keyboard.press("Enter");
  await waitText(page, "The shares are made: 3 cards.");
  const backupWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(backupWidth <= 360, `the backup is ${backupWidth} px wide on a 360 px screen`);
  // Every control has a name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("input, textarea, button, select")]
      .filter((el) => !el.labels?.length && !el.textContent.trim() && !el.getAttribute("aria-label"))
      .map((el) => el.outerHTML));
  assert.deepEqual(unnamed, []);
  await done(t);
});

(async () => {
  const browser = await launchFirefox(firefoxPath);
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
