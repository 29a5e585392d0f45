// Browser tests of seedshard.html in Chromium.
// usage: node page.test.js PAGE SET_JSON CLI_JSON CHROMIUM PHRASE_JSON CARDS_DIR
// (SEEDSHARD_REF_PYTHON set; CARDS_DIR holds the CLI's PNG cards of group 1 and group 3)
// Any failure exits non-zero. Every request the page makes is recorded, and any other than
// the page itself fails the run.
"use strict";
const fs = require("fs");
const crypto = require("crypto");
const assert = require("assert/strict");
const { chromium } = require("playwright-core");
const { loadFixtures, damaged, twoLevelLines, assertTwoLevelReport, pdfPages, referenceCombine, runner,
  cardImages, composeInPage, decodeComposed, readPrinted, inModuleMemory } = require("./common");

const [pagePath, setPath, cliPath, chromiumPath, phrasePath, cardsDir] = process.argv.slice(2);
assert.ok(process.env.SEEDSHARD_REF_PYTHON, "set SEEDSHARD_REF_PYTHON to a python with shamir-mnemonic 0.3.0");
const { set, pageUrl, fingerprints, phraseWallet } = loadFixtures(pagePath, setPath, cliPath, phrasePath);

const launchArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];
const { test, run } = runner();

async function openPage(browser, viewport, { watchMemory } = {}) {
  const context = await browser.newContext({
    viewport: viewport || { width: 1000, height: 800 },
    acceptDownloads: true,
  });
  if (watchMemory) {
    // The test keeps a handle on the module's memory (the page offers none) by wrapping
    // WebAssembly.instantiate before the page runs.
    await context.addInitScript(() => {
      const instantiate = WebAssembly.instantiate;
      WebAssembly.instantiate = async function (...args) {
        const result = await instantiate.apply(this, args);
        window.__moduleMemory = (result.instance || result).exports.memory;
        return result;
      };
    });
  }
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
  const lines = twoLevelLines(set);
  await page.getByRole("textbox", { name: "Shares" }).fill(lines.join("\n"));
  const pass = page.getByLabel("SLIP-39 passphrase");
  assert.equal(await pass.getAttribute("type"), "password");
  await pass.fill("wrong horse");
  await page.getByText("More: the BIP-39 passphrase").click();
  await page.getByRole("textbox", { name: "Fingerprint or address from the owner sheet" }).fill(fingerprints[0]);
  await page.getByRole("button", { name: "Recover wallet" }).click();
  // The wrong passphrase opens other wallets: said, and asked again, the shares kept.
  await page.getByRole("alert").filter({ hasText: "type the SLIP-39 passphrase again" }).waitFor();
  assert.equal(await pass.inputValue(), "");
  assert.ok(await pass.evaluate((el) => el === document.activeElement), "the passphrase box has the focus");
  assert.equal(await page.getByRole("textbox", { name: "Shares" }).inputValue(), lines.join("\n"));
  assert.equal(await page.getByText("Fingerprint " + fingerprints[0], { exact: true }).count(), 0);
  assertTwoLevelReport(await page.locator("#share-list").innerText());
  // Again with the right passphrase: both readings, the same fingerprints as the CLI.
  await pass.fill(set.passphrase);
  await pass.press("Enter");
  for (const fp of fingerprints) {
    await page.getByText("Fingerprint " + fp, { exact: true }).waitFor();
  }
  await page.getByText("Match: reading 1 (as a SLIP-39 master secret) opens the expected wallet " + fingerprints[0] + ".").waitFor();
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
  // A paste past the limits of one recovery is refused at once, as the CLI refuses it.
  await page.getByRole("textbox", { name: "Shares" }).fill(Array(1025).fill(set.groups[0][0]).join("\n"));
  await page.getByRole("button", { name: "Check shares" }).click();
  await page.getByRole("alert").filter({ hasText: "line 1025: more than 1024 shares were given" }).waitFor();
  assert.equal(await page.locator("#share-list li").count(), 0);
  // So is a 17th set, even when its share's set is known only once a word is worked out.
  await page.getByRole("textbox", { name: "Shares" }).fill(set.sets.map((s) => damaged(s, 5)).join("\n"));
  await page.getByRole("button", { name: "Check shares" }).click();
  await page.getByRole("alert").filter({ hasText: "shares of more than 16 different sets were given: line 1 is of set" }).waitFor();
  await page.getByRole("alert").filter({ hasText: "and so on up to line 17" }).waitFor();
  assert.equal(await page.locator("#share-list li").count(), 0);
  assert.equal(await page.getByText(/^Fingerprint [0-9a-f]{8}$/).count(), 0);
  await done(t);
});

// The payload of a Base58Check string (checksum dropped), for the keys inside an xprv.
function base58check(text) {
  const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  let n = 0n;
  for (const c of text) n = n * 58n + BigInt(alphabet.indexOf(c));
  const bytes = Buffer.from(n.toString(16).padStart(164, "0"), "hex");
  return bytes.subarray(0, bytes.length - 4);
}

// The secret bytes inside an xprv shown (`name` names it): its chain code and private key.
function xprvNeedles(name, xprv) {
  const payload = base58check(xprv);
  assert.equal(payload.length, 78, name);
  return [[`the chain code of ${name}`, [...payload.subarray(13, 45)]], [`the key of ${name}`, [...payload.subarray(46, 78)]]];
}

// The BIP-39 seed of `phrase` with an empty BIP-39 passphrase.
function bip39Seed(phrase) {
  return crypto.pbkdf2Sync(phrase.normalize("NFKD"), "mnemonic", 2048, 64, "sha512");
}

test("nothing of a recovery stays in the module's memory once the Shares box is emptied", async (browser) => {
  const photo = await composeCards(browser, ["share-g1-s1.png", "share-g1-s3.png"], 1);
  const t = await openPage(browser, null, { watchMemory: true });
  const { page } = t;
  const ascii = (text) => [...Buffer.from(text, "utf8")];
  const typed = [set.groups[1][0], set.groups[1][1], set.groups[1][2]];
  const scanned = [set.groups[0][0], set.groups[0][2]];
  const needles = [
    ["the master secret", [...Buffer.from(set.secret_hex, "hex")]],
    ["the master secret in hex", ascii(set.secret_hex)],
    ["the passphrase", ascii(set.passphrase)],
    // Words 4 to 9 of each share, as pasted or as the scanner gives them.
    ...[...typed, ...scanned].map((line, i) => [`words of share ${i + 1}`, ascii(line.split(" ").slice(3, 9).join(" "))]),
  ];
  await page.getByRole("button", { name: "Recover", exact: true }).click();
  await page.getByRole("textbox", { name: "Shares" }).fill(typed.join("\n"));
  await page.getByLabel("Photos of cards").setInputFiles([{ name: "two-cards.png", mimeType: "image/png", buffer: photo.png }]);
  await page.getByText("two-cards.png: read 2 shares").waitFor();
  await page.getByLabel("SLIP-39 passphrase").fill(set.passphrase);
  await page.getByRole("button", { name: "Recover wallet" }).click();
  await page.getByText("Fingerprint " + fingerprints[0], { exact: true }).waitFor();
  await page.getByRole("button", { name: "Show the hex (master secret) of reading 1" }).click();
  await page.getByText(set.secret_hex, { exact: true }).waitFor();
  await page.getByRole("button", { name: "Hide the secret" }).click();
  // The other secrets shown, each taken from the page to be searched for.
  for (const [format, reading, pattern] of [
    ["xprv (root key)", 1, /^xprv\w{100,}$/],
    ["xprv (root key)", 2, /^xprv\w{100,}$/],
    ["BIP-39 phrase", 2, /^([a-z]+ ){11}[a-z]+$/],
  ]) {
    await page.getByRole("button", { name: `Show the ${format} of reading ${reading}` }).click();
    const shown = page.locator(".secret-text").filter({ hasText: pattern });
    await shown.waitFor();
    const text = await shown.innerText();
    needles.push([`the ${format} of reading ${reading}`, ascii(text)]);
    if (format.startsWith("xprv")) needles.push(...xprvNeedles(`the xprv of reading ${reading}`, text));
    if (format === "BIP-39 phrase") {
      const seed = bip39Seed(text);
      needles.push(["the BIP-39 seed of reading 2", [...seed]]);
      // The needles are right: the root key of reading 2 is the one its seed gives (BIP-32).
      const root = crypto.createHmac("sha512", "Bitcoin seed").update(seed).digest();
      const key = needles.find(([n]) => n === "the key of the xprv of reading 2")[1];
      assert.deepEqual(key, [...root.subarray(0, 32)]);
    }
    await page.getByRole("button", { name: "Hide the secret" }).click();
    await shown.waitFor({ state: "detached" });
  }
  // While the wallet is open the module holds its secret: the search finds it.
  assert.ok((await inModuleMemory(page, needles)).includes("the master secret"), "the memory search finds nothing");
  await page.getByRole("textbox", { name: "Shares" }).fill("");
  assert.ok(await page.locator("#wallet").isHidden());
  assert.deepEqual(await inModuleMemory(page, needles), [], "left in the module's memory");
  await done(t);
});

async function downloadPdf(page, buttonName, expectedName) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: buttonName }).click(),
  ]);
  assert.equal(download.suggestedFilename(), expectedName);
  return fs.readFileSync(await download.path());
}

test("nothing of a backup stays in the module's memory once the person is done", async (browser) => {
  const t = await openPage(browser, null, { watchMemory: true });
  const { page } = t;
  const ascii = (text) => [...Buffer.from(text, "utf8")];
  await page.getByRole("button", { name: "Back up", exact: true }).click();
  await page.getByRole("textbox", { name: "BIP-39 phrase to back up" }).fill(set.bip39_phrase);
  await page.getByLabel("Passphrase for the shares (SLIP-39, optional)").fill(set.passphrase);
  await page.getByRole("button", { name: "Make the shares" }).click();
  await page.getByText("The shares are made: 3 cards.").waitFor();
  const shares = await page.locator("#backup-shares .share-text").allInnerTexts();
  const xpub = (await page.locator("#backup-wallet .xpub").innerText()).replace("Account xpub ", "");
  await downloadPdf(page, "Download the share cards (PDF)", "share-cards.pdf");
  const needles = [
    ["the phrase", ascii(set.bip39_phrase)],
    ["the phrase's entropy", [...Buffer.from(set.bip39_entropy_hex, "hex")]],
    ["the phrase's seed", [...bip39Seed(set.bip39_phrase)]],
    ["the passphrase", ascii(set.passphrase)],
    ...shares.map((line, i) => [`words of share ${i + 1}`, ascii(line.split(" ").slice(3, 9).join(" "))]),
  ];
  // While the backup is kept its wallet is in memory: the search finds its account xpub's
  // chain code (public).
  const kept = [["the account's chain code", [...base58check(xpub).subarray(13, 45)]]];
  assert.deepEqual(await inModuleMemory(page, kept), ["the account's chain code"]);
  await page.getByRole("button", { name: "Done: forget these shares" }).click();
  await page.getByText("The shares are forgotten.").waitFor();
  assert.ok(await page.locator("#backup-result").isHidden());
  assert.equal(await page.getByRole("textbox", { name: "BIP-39 phrase to back up" }).inputValue(), "");
  assert.deepEqual(await inModuleMemory(page, [...needles, ...kept]), [], "left in the module's memory");
  await done(t);
});

test("backup of a BIP-39 phrase: cards as PDF, recovered in the page and by the reference", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await page.getByRole("button", { name: "Back up", exact: true }).click();
  await page.getByRole("textbox", { name: "BIP-39 phrase to back up" }).fill(set.bip39_phrase);
  // Entropy mode is the one recommended for an existing phrase, explained beside it.
  const entropy = page.getByRole("radio", { name: "Entropy mode" });
  assert.ok(await entropy.isChecked());
  assert.match(await entropy.getAttribute("aria-describedby").then((id) => page.locator("#" + id).innerText()),
    /recommended for an existing phrase.*NOT for typing into a Trezor/);
  // Two groups: 2 of 3 (named holders) and 3 of 5; both needed.
  await page.getByRole("spinbutton", { name: "Shares needed in group 1" }).fill("2");
  await page.getByRole("spinbutton", { name: "Shares in group 1" }).fill("3");
  await page.getByRole("textbox", { name: "Holders in group 1 (optional)" }).fill("Alice, Bob, Carol");
  await page.getByRole("button", { name: "Add a group" }).click();
  await page.getByRole("spinbutton", { name: "Shares needed in group 2" }).fill("3");
  await page.getByRole("spinbutton", { name: "Shares in group 2" }).fill("5");
  await page.getByRole("spinbutton", { name: "Groups needed" }).fill("2");
  await page.getByLabel("Passphrase for the shares (SLIP-39, optional)").fill(set.passphrase);
  await page.getByRole("button", { name: "Make the shares" }).click();
  await page.getByText("The shares are made: 8 cards.").waitFor();
  // The wallet is the phrase's, as the CLI's verify says; the notes are the CLI's.
  await page.locator("#backup-wallet").getByText("Fingerprint " + phraseWallet.fingerprint, { exact: true }).waitFor();
  const notes = await page.locator("#backup-notes").innerText();
  assert.match(notes, /BIP-39 backup, entropy mode: the shares hold the entropy of a 12-word BIP-39 phrase\./);
  assert.match(notes, /These shares are NOT for typing into a Trezor or other SLIP-39 wallet/);
  const shares = await page.locator("#backup-shares .share-text").allInnerTexts();
  const labels = await page.locator("#backup-shares .share-label").allInnerTexts();
  assert.equal(shares.length, 8);
  assert.ok(shares.every((s) => s.split(" ").length === 20), "20-word shares");
  assert.match(labels[0], /^Group 1 of 2, share 1 of 3\. This group needs 2 of its 3 shares; all 2 groups are needed\.$/);
  assert.match(labels[3], /^Group 2 of 2, share 1 of 5\./);
  // The cards and the owner sheet, as the CLI writes them: 8 cards, 6 a page.
  const cards = await downloadPdf(page, "Download the share cards (PDF)", "share-cards.pdf");
  assert.equal(pdfPages(cards), 2);
  assert.ok(!cards.toString("latin1").includes(shares[0].split(" ")[0] + " " + shares[0].split(" ")[1]),
    "the card PDF has a text layer with share words");
  const sheet = await downloadPdf(page, "Download the owner sheet (PDF)", "owner-sheet.pdf");
  assert.ok(pdfPages(sheet) >= 1);
  // The reference implementation recovers the phrase's entropy from the page's shares.
  const chosen = [shares[0], shares[2], shares[3], shares[5], shares[7]];
  assert.equal(referenceCombine(chosen, set.passphrase), set.bip39_entropy_hex);
  // And so does the page's recovery: the same phrase, shown only when asked.
  await page.getByRole("button", { name: "Recover", exact: true }).click();
  await page.getByRole("textbox", { name: "Shares" }).fill(chosen.join("\n"));
  await page.getByLabel("SLIP-39 passphrase").fill(set.passphrase);
  await page.getByRole("button", { name: "Recover wallet" }).click();
  await page.locator("#readings").getByText("Fingerprint " + phraseWallet.fingerprint, { exact: true }).waitFor();
  await page.getByRole("button", { name: "Show the BIP-39 phrase of reading 2" }).click();
  await page.locator("#readings").getByText(set.bip39_phrase, { exact: true }).waitFor();
  await done(t);
});

// The print view under print media: every picture at the size in mm the library drew it
// (its SVG's width and height), within 1%.
async function assertTrueSize(page, count) {
  const boxes = await page.locator("#print-view svg").evaluateAll((svgs) => svgs.map((svg) => {
    const r = svg.getBoundingClientRect();
    return { w: svg.getAttribute("width"), h: svg.getAttribute("height"), pw: r.width, ph: r.height };
  }));
  assert.equal(boxes.length, count);
  const pxPerMm = 96 / 25.4;
  for (const b of boxes) {
    assert.match(b.w, /^[0-9.]+mm$/);
    assert.match(b.h, /^[0-9.]+mm$/);
    assert.ok(Math.abs(b.pw / (parseFloat(b.w) * pxPerMm) - 1) < 0.01, `printed ${b.pw} px wide for ${b.w}`);
    assert.ok(Math.abs(b.ph / (parseFloat(b.h) * pxPerMm) - 1) < 0.01, `printed ${b.ph} px high for ${b.h}`);
  }
  return boxes;
}

test("cards and owner sheet printed from the page at true size, every card's code read back", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await page.getByRole("button", { name: "Back up", exact: true }).click();
  await page.getByRole("textbox", { name: "BIP-39 phrase to back up" }).fill(set.bip39_phrase);
  await page.getByRole("spinbutton", { name: "Shares needed in group 1" }).fill("2");
  await page.getByRole("spinbutton", { name: "Shares in group 1" }).fill("3");
  await page.getByRole("button", { name: "Add a group" }).click();
  await page.getByRole("spinbutton", { name: "Shares needed in group 2" }).fill("3");
  await page.getByRole("spinbutton", { name: "Shares in group 2" }).fill("5");
  await page.getByRole("spinbutton", { name: "Groups needed" }).fill("2");
  await page.getByRole("button", { name: "Make the shares" }).click();
  await page.getByText("The shares are made: 8 cards.").waitFor();
  const shares = await page.locator("#backup-shares .share-text").allInnerTexts();
  assert.equal(shares.length, 8);
  // The print dialog is not opened in the test: the page's call to it is counted.
  await page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printed = String(Number(document.body.dataset.printed || 0) + 1);
    };
  });
  await page.getByRole("button", { name: "Print the share cards" }).click();
  assert.equal(await page.evaluate(() => document.body.dataset.printed), "1");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("#backup").isVisible(), false, "the rest of the page is printed too");
  await assertTrueSize(page, 8);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const printed = readPrinted(pdf);
  assert.ok(printed.length >= 2, "8 cards on one page");
  // A4 (the paper chosen) at 300 dpi.
  for (const p of printed) {
    assert.ok(Math.abs(p.width / (210 * 300 / 25.4) - 1) < 0.01 && Math.abs(p.height / (297 * 300 / 25.4) - 1) < 0.01,
      `a printed page is ${p.width} x ${p.height} px at 300 dpi, not A4`);
  }
  const read = printed.flatMap((p) => p.shares);
  assert.deepEqual([...read].sort(), [...shares].sort(), "the printed codes are not the shares made");
  // The owner sheet alone, at the paper's size.
  await page.emulateMedia({ media: "screen" });
  await page.getByRole("button", { name: "Print the owner sheet" }).click();
  assert.equal(await page.evaluate(() => document.body.dataset.printed), "2");
  await page.emulateMedia({ media: "print" });
  const [sheetBox] = await assertTrueSize(page, 1);
  assert.ok(Math.abs(parseFloat(sheetBox.w) - 210) < 0.01, `the A4 owner sheet is ${sheetBox.w} wide`);
  const sheetPdf = readPrinted(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  assert.equal(sheetPdf.length, 1);
  assert.deepEqual(sheetPdf[0].shares, [], "the owner sheet carries a share's code");
  await page.emulateMedia({ media: "screen" });
  // Leaving the result leaves no card in the page.
  await page.getByRole("button", { name: "Recover", exact: true }).click();
  assert.equal(await page.evaluate(() => document.querySelectorAll("svg").length), 0);
  assert.equal(await page.locator("#print-view").innerHTML(), "");
  await done(t);
});

test("a new phrase made in the page, then verified", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await page.getByRole("button", { name: "Back up", exact: true }).click();
  await page.getByRole("radio", { name: "A new BIP-39 phrase, made here" }).check();
  await page.getByRole("combobox", { name: "Length of the new phrase" }).selectOption("128");
  await page.getByRole("spinbutton", { name: "Shares needed in group 1" }).fill("1");
  await page.getByRole("spinbutton", { name: "Shares in group 1" }).fill("1");
  await page.getByRole("button", { name: "Make the shares" }).click();
  await page.getByText("The shares are made: 1 card.").waitFor();
  const fingerprint = (await page.locator("#backup-wallet .fingerprint").innerText()).replace("Fingerprint ", "");
  await page.getByRole("button", { name: "Show the new BIP-39 phrase" }).click();
  const phrase = await page.locator("#new-phrase-text").innerText();
  assert.equal(phrase.split(" ").length, 12);
  const share = await page.locator("#backup-shares .share-text").innerText();
  // Two new phrases are different (the browser's generator is used).
  await page.getByRole("button", { name: "Make the shares" }).click();
  await page.getByRole("button", { name: "Show the new BIP-39 phrase" }).click();
  assert.notEqual(await page.locator("#new-phrase-text").innerText(), phrase);
  // Verify the phrase, written down numbered a word a line, then the share: the same wallet.
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  const numbered = phrase.split(" ").map((w, i) => `${i + 1}. ${w}`).join("\n");
  await page.getByRole("textbox", { name: "Phrase or share lines" }).fill(numbered);
  await page.getByRole("textbox", { name: "Expected fingerprint or address (optional)" }).fill(fingerprint);
  await page.getByRole("button", { name: "Verify the wallet" }).click();
  await page.getByText("Match: the phrase opens the expected wallet " + fingerprint + ".").waitFor();
  await page.getByRole("textbox", { name: "Phrase or share lines" }).fill(share);
  await page.getByRole("button", { name: "Verify the wallet" }).click();
  await page.locator("#verify-result").getByText("Fingerprint " + fingerprint, { exact: true }).waitFor();
  await page.getByText("Match: reading 2 (as BIP-39 entropy) opens the expected wallet " + fingerprint + ".").waitFor();
  assert.equal(await page.locator("#verify-result button").count(), 0, "verify offers no secret");
  await done(t);
});

// Card pictures from the CLI, put side by side on a white picture as a photo of several
// cards would be, drawn in a blank page of its own (no request leaves it).
async function composeCards(browser, names, scale) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const out = await page.evaluate(composeInPage, { images: cardImages(cardsDir, names), scale });
  await context.close();
  return decodeComposed(out);
}

test("photos of cards: several cards a photo, their shares added and recovered", async (browser) => {
  const two = await composeCards(browser, ["share-g1-s1.png", "share-g1-s3.png"], 1);
  const one = await composeCards(browser, ["share-g3-s1.png"], 1);
  const t = await openPage(browser);
  const { page } = t;
  await page.getByRole("button", { name: "Recover", exact: true }).click();
  await page.getByLabel("Photos of cards").setInputFiles([
    { name: "two-cards.png", mimeType: "image/png", buffer: two.png },
    { name: "one-card.png", mimeType: "image/png", buffer: one.png },
    { name: "two-cards-again.png", mimeType: "image/png", buffer: two.png },
  ]);
  await page.getByText("two-cards.png: read 2 shares").waitFor();
  await page.getByText("one-card.png: read 1 share").waitFor();
  await page.getByText("two-cards-again.png: read 2 shares (2 already added)").waitFor();
  const lines = (await page.getByRole("textbox", { name: "Shares" }).inputValue()).trim().split("\n");
  assert.deepEqual(lines.sort(), [set.groups[0][0], set.groups[0][2], set.groups[2][0]].sort());
  await page.getByLabel("SLIP-39 passphrase").fill(set.passphrase);
  await page.getByRole("button", { name: "Recover wallet" }).click();
  await page.getByText("Fingerprint " + fingerprints[0], { exact: true }).waitFor();
  // A picture without a card says so.
  await page.getByLabel("Photos of cards").setInputFiles([
    { name: "blank.png", mimeType: "image/png", buffer: (await composeCards(browser, [], 1)).png },
  ]);
  await page.getByText("blank.png: no QR code found in the image", { exact: false }).waitFor();
  // The box decides what is added: a share typed there already (other case, other spacing)
  // is not added again, and a line deleted from it comes back when its card is scanned.
  const box = page.getByRole("textbox", { name: "Shares" });
  const typed = set.groups[0][0].toUpperCase().split(" ").join("  ");
  await box.fill(typed + "\n");
  await page.getByLabel("Photos of cards").setInputFiles([
    { name: "two-cards.png", mimeType: "image/png", buffer: two.png },
  ]);
  await page.getByText("two-cards.png: read 2 shares (1 already added)").waitFor();
  assert.deepEqual((await box.inputValue()).trim().split("\n"), [typed, set.groups[0][2]]);
  await box.fill(typed + "\n");
  await page.getByLabel("Photos of cards").setInputFiles([
    { name: "two-cards-later.png", mimeType: "image/png", buffer: two.png },
  ]);
  await page.getByText("two-cards-later.png: read 2 shares (1 already added)").waitFor();
  assert.deepEqual((await box.inputValue()).trim().split("\n"), [typed, set.groups[0][2]]);
  await done(t);
});

test("the camera (Chromium's fake capture device showing a card) adds the card's share once", async () => {
  const helper = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  const card = await composeCards(helper, ["share-g1-s2.png"], 1);
  await helper.close();
  // One 4:2:0 frame: the card in grey, no colour.
  const y4m = `${cardsDir}/card.y4m`;
  const chroma = Buffer.alloc((card.width / 2) * (card.height / 2) * 2, 128);
  fs.writeFileSync(y4m, Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${card.width} H${card.height} F5:1 Ip A1:1 C420jpeg\nFRAME\n`),
    card.grey, chroma,
  ]));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...launchArgs, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${y4m}`],
  });
  try {
    const t = await openPage(browser);
    const { page } = t;
    await page.getByRole("button", { name: "Recover", exact: true }).click();
    await page.getByRole("button", { name: "Scan with the camera" }).click();
    await page.getByText("1 share added from the camera.").waitFor({ timeout: 30000 });
    // Frames keep coming: the card is still added once.
    await page.waitForTimeout(1500);
    assert.equal((await page.getByRole("textbox", { name: "Shares" }).inputValue()).trim(), set.groups[0][1]);
    await page.getByRole("button", { name: "Stop the camera" }).click();
    assert.ok(await page.locator("#camera-view").isHidden());
    await done(t);
  } finally {
    await browser.close();
  }
});

test("typing: words completed from their first letters; worked-out words confirmed one by one", async (browser) => {
  const t = await openPage(browser);
  const { page } = t;
  await page.getByRole("button", { name: "Recover", exact: true }).click();
  const box = page.getByRole("textbox", { name: "Shares" });
  await box.pressSequentially("acad");
  await page.getByText("word 1: ACADEMIC", { exact: true }).waitFor();
  await box.pressSequentially(" xyzq");
  await page.getByText(/^word 2: not a SLIP-39 word; the closest: /).waitFor();
  // A 1-of-1 card with two unreadable words: nothing but the person confirms them.
  const words = set.single.split(" ");
  const typed = damaged(damaged(set.single, 5), 9);
  await box.fill(typed);
  await page.getByRole("button", { name: "Recover wallet" }).click();
  await page.getByText(/nothing confirms them: compare each with the card and confirm it/).waitFor();
  assert.equal(await page.getByRole("button", { name: /^Show the / }).count(), 0, "a secret offered before the words are confirmed");
  const list = page.locator("#share-list");
  assert.match(await list.innerText(), new RegExp(`word 5 was unreadable; the checksum gives ${words[4].toUpperCase()}`));
  await page.getByRole("button", { name: "Confirm word 5 of line 1" }).click();
  await page.getByText("Word 5 of line 1 confirmed against the card.").waitFor();
  await page.getByRole("button", { name: "Recover wallet" }).click();
  await page.getByText(/nothing confirms them/).waitFor();
  assert.equal(await page.getByRole("button", { name: /^Show the / }).count(), 0, "one word confirmed of two is not enough");
  await page.getByRole("button", { name: "Confirm word 9 of line 1" }).click();
  await page.getByRole("button", { name: "Recover wallet" }).click();
  await page.getByRole("button", { name: "Show the hex (master secret) of reading 1" }).click();
  await page.getByText(set.single_secret_hex, { exact: true }).waitFor();
  assert.match(await list.innerText(), /word 5 was unreadable.*\(confirmed\)/);
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
  // Back up, reached by keyboard, and its result fit the screen too.
  await page.getByRole("button", { name: "Back up", exact: true }).focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "source-bip39");
  await page.getByRole("textbox", { name: "BIP-39 phrase to back up" }).fill(set.bip39_phrase);
  await page.getByRole("button", { name: "Make the shares" }).focus();
  await page.keyboard.press("Enter");
  await page.getByText("The shares are made: 3 cards.").waitFor();
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
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: launchArgs,
  });
  const failed = await run(browser);
  await browser.close();
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
