// Figures for docs/performance.md: the page's size, time to interactive from disk, and the
// time of a recovery (read the shares, open the wallet with the passphrase) in the page.
// usage: node bench.js PAGE SET_JSON CHROMIUM [RUNS]   (SET_JSON from make_fixture.py)
"use strict";
const fs = require("fs");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

const [pagePath, setPath, chromiumPath, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const set = JSON.parse(fs.readFileSync(setPath, "utf8"));
const url = pathToFileURL(pagePath).href;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const tti = [];
  const recover = [];
  const text = [...set.groups[0].slice(0, 2), ...set.groups[1].slice(0, 3)].join("\n");
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector("body[data-ready=true]");
    // From the start of navigation to the moment the page is ready for input.
    tti.push(Number(await page.locator("body").getAttribute("data-ready-at")));
    recover.push(await page.evaluate(([text, pass]) => {
      const s = new wasm_bindgen.RecoverySession();
      const t0 = performance.now();
      const r = JSON.parse(s.read(text));
      if (!r.ready) throw new Error("not ready");
      s.open(pass, "", "");
      return performance.now() - t0;
    }, [text, set.passphrase]));
    await context.close();
  }
  await browser.close();
  console.log(JSON.stringify({
    bytes: fs.statSync(pagePath).size,
    time_to_interactive_ms: { median: median(tti), all: tti.map(Math.round) },
    recovery_ms: { median: median(recover), all: recover.map(Math.round) },
  }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
