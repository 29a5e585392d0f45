// The figures of bench.js in Firefox: time to interactive from disk, and the time of a
// recovery (read the shares, open the wallet with the passphrase) in the page.
// usage: node bench-firefox.js PAGE SET_JSON FIREFOX [RUNS]   (SET_JSON from make_fixture.py)
"use strict";
const fs = require("fs");
const { pathToFileURL } = require("url");
const { launchFirefox } = require("./firefox");

const [pagePath, setPath, firefoxPath, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const set = JSON.parse(fs.readFileSync(setPath, "utf8"));
const url = pathToFileURL(pagePath).href;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  // Firefox rounds performance.now() to the millisecond unless told not to.
  const browser = await launchFirefox(firefoxPath, { "privacy.reduceTimerPrecision": false });
  const tti = [];
  const recover = [];
  const text = [...set.groups[0].slice(0, 2), ...set.groups[1].slice(0, 3)].join("\n");
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForSelector("body[data-ready=true]");
      // From the start of navigation to the moment the page is ready for input.
      tti.push(Number(await page.$eval("body", (b) => b.dataset.readyAt)));
      recover.push(await page.evaluate((text, pass) => {
        const s = new wasm_bindgen.RecoverySession();
        const t0 = performance.now();
        const r = JSON.parse(s.read(text));
        if (!r.ready) throw new Error("not ready");
        s.open(pass, "", "");
        return performance.now() - t0;
      }, text, set.passphrase));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify({
    browser: "firefox",
    bytes: fs.statSync(pagePath).size,
    time_to_interactive_ms: { median: median(tti), all: tti.map(Math.round) },
    recovery_ms: { median: median(recover), all: recover.map(Math.round) },
  }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
