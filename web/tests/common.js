// What the browser tests of seedshard.html share, whichever browser drives the page
// (page.test.js: Chromium through playwright-core; firefox.test.js: Firefox through
// puppeteer-core): the fixtures, the shares as pasted, the expectations on the page's report,
// the reference implementation, PDFs and a small test runner.
"use strict";
const fs = require("fs");
const assert = require("assert/strict");
const { pathToFileURL } = require("url");
const { execFileSync } = require("child_process");

// The fixtures web/test.sh makes: the reference-made set (make_fixture.py), what the CLI's
// combine gives for its shares, and what the CLI's verify gives for the phrase to back up.
function loadFixtures(pagePath, setPath, cliPath, phrasePath) {
  const set = JSON.parse(fs.readFileSync(setPath, "utf8"));
  const cli = JSON.parse(fs.readFileSync(cliPath, "utf8"));
  return {
    set,
    pageUrl: pathToFileURL(pagePath).href,
    // The fingerprints the native CLI gives for the same shares: the page must show the same.
    fingerprints: cli.readings.map((r) => r.wallet.fingerprint),
    // The wallet of the phrase to back up, as the CLI's verify gives it.
    phraseWallet: JSON.parse(fs.readFileSync(phrasePath, "utf8")).readings[0].wallet,
  };
}

function damaged(share, position) {
  const w = share.split(" ");
  w[position - 1] = "?";
  return w.join(" ");
}

// The two-level set as pasted: a stray of another set on line 3, word 7 of line 4
// unreadable, line 5 the same share as line 2; with group 2 the set recovers.
function twoLevelLines(set) {
  const g1 = set.groups[0];
  const g2 = set.groups[1];
  return ["# group 1", g1[0], set.stray, damaged(g1[1], 7), g1[0], "# group 2", g2[0], g2[2], g2[4]];
}

// What the page's list of shares says of those lines.
function assertTwoLevelReport(report) {
  assert.match(report, /Line 3: .*another set.*set aside/);
  assert.match(report, /Line 4: set [A-Z]+ [A-Z]+, group 1, member \d+: fits the other shares/);
  assert.match(report, /word 7 was unreadable; the checksum gives [A-Z]+: compare with the card/);
  assert.match(report, /Line 5: .*the same share as line 2; ignored/);
}

// The number of pages of a PDF (pdf-writer writes each page object as plain text).
function pdfPages(bytes) {
  const text = bytes.toString("latin1");
  assert.ok(text.startsWith("%PDF-"), "not a PDF");
  assert.ok(text.trimEnd().endsWith("%%EOF"), "the PDF is cut short");
  return (text.match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

// What the reference implementation recovers from `shares` with `passphrase`, in hex.
function referenceCombine(shares, passphrase) {
  const refPython = process.env.SEEDSHARD_REF_PYTHON;
  assert.ok(refPython, "set SEEDSHARD_REF_PYTHON to a python with shamir-mnemonic 0.3.0");
  const script = "import json, sys, shamir_mnemonic\n" +
    "d = json.load(sys.stdin)\n" +
    "print(shamir_mnemonic.combine_mnemonics(d['shares'], d['passphrase'].encode()).hex())\n";
  return execFileSync(refPython, ["-c", script], {
    input: JSON.stringify({ shares, passphrase }),
    encoding: "utf8",
  }).trim();
}

// A PDF printed from the page, rasterised at 300 dpi (`pdftoppm`): each page's size in pixels
// and the QR codes `zbarimg` reads on it, as SLIP-39 share words (ShareQR digits, 4 a word,
// turned into words with the reference implementation's word list).
function readPrinted(pdf) {
  const os = require("os");
  const path = require("path");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seedshard-print-"));
  try {
    fs.writeFileSync(path.join(dir, "print.pdf"), pdf);
    execFileSync("pdftoppm", ["-r", "300", "-png", path.join(dir, "print.pdf"), path.join(dir, "page")]);
    const pngs = fs.readdirSync(dir).filter((n) => n.endsWith(".png")).sort();
    return pngs.map((n) => {
      const png = fs.readFileSync(path.join(dir, n));
      let out = "";
      try {
        out = execFileSync("zbarimg", ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", path.join(dir, n)], { encoding: "utf8" });
      } catch (e) {
        // zbarimg exits 4 when it finds no code: the page then has none.
        if (e.status !== 4) throw e;
      }
      const digits = out.split("\n").filter((l) => l);
      return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), shares: digits.map(shareQrWords) };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function shareQrWords(digits) {
  assert.match(digits, /^([0-9]{4})+$/, "a card's code is not ShareQR digits");
  const script = "import sys\nfrom shamir_mnemonic.wordlist import WORDLIST\n" +
    "d = sys.stdin.read().strip()\nprint(' '.join(WORDLIST[int(d[i:i + 4])] for i in range(0, len(d), 4)))\n";
  return execFileSync(process.env.SEEDSHARD_REF_PYTHON, ["-c", script], { input: digits, encoding: "utf8" }).trim();
}

// The CLI's card pictures `names` in `cardsDir`, in base64, for composeInPage.
function cardImages(cardsDir, names) {
  return names.map((n) => fs.readFileSync(`${cardsDir}/${n}`).toString("base64"));
}

// Run in a blank page (any browser): the card pictures side by side on a white picture, as a
// photo of several cards would be; gives it as PNG and as grey bytes (for a camera's frames).
async function composeInPage({ images, scale }) {
  const loaded = [];
  for (const b64 of images) {
    const img = new Image();
    img.src = "data:image/png;base64," + b64;
    await img.decode();
    loaded.push(img);
  }
  const gap = 40;
  const w = Math.max(200, loaded.reduce((s, i) => s + Math.round(i.width * scale) + gap, gap));
  const h = Math.max(100, ...loaded.map((i) => Math.round(i.height * scale))) + 2 * gap;
  const canvas = document.createElement("canvas");
  // Even sides, for the camera's 4:2:0 frames.
  canvas.width = w + (w % 2);
  canvas.height = h + (h % 2);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  let x = gap;
  for (const img of loaded) {
    ctx.drawImage(img, x, gap, Math.round(img.width * scale), Math.round(img.height * scale));
    x += Math.round(img.width * scale) + gap;
  }
  const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let grey = "";
  for (let i = 0; i < rgba.length; i += 4) {
    grey += String.fromCharCode(Math.round(0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2]));
  }
  return { png: canvas.toDataURL("image/png").split(",")[1], grey: btoa(grey), width: canvas.width, height: canvas.height };
}

function decodeComposed(out) {
  return { png: Buffer.from(out.png, "base64"), grey: Buffer.from(out.grey, "base64"), width: out.width, height: out.height };
}

// Tests run one after another; each failure is printed with its stack, and the closing line
// counts them. Returns the number of failures.
function runner() {
  const tests = [];
  return {
    test: (name, fn) => tests.push({ name, fn }),
    async run(...args) {
      let failed = 0;
      // SEEDSHARD_PAGE_TESTS=text runs only the tests whose name contains text.
      const only = process.env.SEEDSHARD_PAGE_TESTS;
      for (const { name, fn } of tests) {
        if (only && !name.includes(only)) continue;
        try {
          await fn(...args);
          console.log(`ok - ${name}`);
        } catch (e) {
          failed++;
          console.log(`FAILED - ${name}\n${e.stack || e}`);
        }
      }
      const ran = only ? tests.filter((t) => t.name.includes(only)).length : tests.length;
      console.log(`${ran - failed} passed, ${failed} failed`);
      return failed;
    },
  };
}

// The names of the `needles` ([name, byte array]) found anywhere in the module's memory
// (`window.__moduleMemory`, kept by the test's wrapper of WebAssembly.instantiate).
async function inModuleMemory(page, needles) {
  return page.evaluate((needles) => {
    const mem = new Uint8Array(window.__moduleMemory.buffer);
    const found = [];
    for (const [name, bytes] of needles) {
      for (let i = mem.indexOf(bytes[0]); i !== -1; i = mem.indexOf(bytes[0], i + 1)) {
        let j = 1;
        while (j < bytes.length && mem[i + j] === bytes[j]) j++;
        if (j === bytes.length) {
          found.push(name);
          break;
        }
      }
    }
    return found;
  }, needles);
}

module.exports = {
  loadFixtures, damaged, twoLevelLines, assertTwoLevelReport, pdfPages, referenceCombine, runner,
  cardImages, composeInPage, decodeComposed, readPrinted, inModuleMemory,
};
