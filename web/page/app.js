// seedshard.html: the page's controls. Every decision about shares, passphrases and wallets
// is made by the library (compiled to WebAssembly, called through wasm_bindgen); this file
// only moves text between the form and the library, and never puts a secret in the page
// before the person asks for it.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let session = null;

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }
  function item(list, text, cls) {
    const li = document.createElement("li");
    li.textContent = text;
    if (cls) li.className = cls;
    list.appendChild(li);
    return li;
  }
  function say(text) {
    $("status").textContent = text;
  }
  function problem(text) {
    $("problem").textContent = text || "";
  }

  function showShares(report) {
    const list = $("share-list");
    clear(list);
    for (const s of report.shares) {
      const li = item(list, "Line " + s.line + ": " + s.text, "share " + s.status);
      if (s.notes.length) {
        const notes = document.createElement("ul");
        for (const n of s.notes) item(notes, n, "note");
        li.appendChild(notes);
      }
    }
    const progress = $("progress");
    clear(progress);
    if (report.set_name) item(progress, "Set " + report.set_name);
    for (const p of report.progress) item(progress, p);
    $("shares-report").hidden = false;
  }

  function hideWallet() {
    clear($("readings"));
    clear($("wallet-notes"));
    $("wallet").hidden = true;
    if (session) session.forget();
  }

  function readShares() {
    hideWallet();
    problem("");
    const report = JSON.parse(session.read($("shares").value));
    showShares(report);
    if (!report.ready) {
      problem(report.problem || "These shares do not recover the wallet yet.");
    }
    return report;
  }

  function secretBox(reading, canShow) {
    const box = document.createElement("div");
    box.className = "secret";
    if (!canShow) return box;
    const formats = reading.kind === "bip39-entropy"
      ? [["bip39", "BIP-39 phrase"], ["xprv", "xprv (root key)"], ["hex", "hex (master secret)"]]
      : [["xprv", "xprv (root key)"], ["hex", "hex (master secret)"]];
    const out = document.createElement("p");
    out.className = "secret-text";
    out.setAttribute("aria-live", "polite");
    for (const [format, name] of formats) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = "Show the " + name + " of reading " + reading.number;
      b.addEventListener("click", () => {
        try {
          out.textContent = session.reveal(reading.number, format);
          hide.hidden = false;
        } catch (e) {
          out.textContent = String(e.message || e);
        }
      });
      box.appendChild(b);
    }
    const hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "Hide the secret";
    hide.hidden = true;
    hide.addEventListener("click", () => {
      out.textContent = "";
      hide.hidden = true;
    });
    box.appendChild(hide);
    box.appendChild(out);
    return box;
  }

  function showWallet(open) {
    const notes = $("wallet-notes");
    clear(notes);
    for (const n of open.notes) item(notes, n);
    const readings = $("readings");
    clear(readings);
    for (const r of open.readings) {
      const sec = document.createElement("section");
      sec.className = "reading" + (open.matched === r.number ? " matched" : "");
      const h = document.createElement("h4");
      h.id = "reading-" + r.number;
      h.textContent = "Reading " + r.number + ", " + r.title;
      sec.setAttribute("aria-labelledby", h.id);
      sec.appendChild(h);
      const p = document.createElement("p");
      p.textContent = r.sentence + ".";
      sec.appendChild(p);
      const facts = document.createElement("ul");
      item(facts, "Fingerprint " + r.fingerprint, "fingerprint");
      item(facts, "First address " + r.first_address, "address");
      item(facts, "Account xpub " + r.account_xpub, "xpub");
      sec.appendChild(facts);
      sec.appendChild(secretBox(r, open.can_show));
      readings.appendChild(sec);
    }
    $("wallet").hidden = false;
  }

  function recoverWallet(event) {
    event.preventDefault();
    say("Working\u2026");
    // Let the browser show the status before the key stretching runs.
    setTimeout(() => {
      try {
        const report = readShares();
        if (!report.ready) {
          say("");
          return;
        }
        const open = JSON.parse(session.open(
          $("slip39-passphrase").value, $("bip39-passphrase").value, $("expected").value));
        showWallet(open);
        if (open.mismatch) {
          problem("Neither reading is the wallet you expect. Type the SLIP-39 passphrase again and press Recover wallet; the shares stay as they are.");
          $("slip39-passphrase").value = "";
          $("slip39-passphrase").focus();
          say("");
        } else {
          say("Wallet opened: compare the fingerprint with the owner sheet.");
        }
      } catch (e) {
        say("");
        problem(String(e.message || e));
      }
    }, 10);
  }

  function checkShares() {
    say("");
    try {
      const report = readShares();
      if (report.ready) say("These shares recover the wallet (no secret was opened).");
    } catch (e) {
      problem(String(e.message || e));
    }
  }

  async function start() {
    const b64 = $("wasm-base64").textContent.trim();
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    await wasm_bindgen({ module_or_path: bytes });
    session = new wasm_bindgen.RecoverySession();
    $("version").textContent = wasm_bindgen.version();
    $("recover-form").addEventListener("submit", recoverWallet);
    $("check-shares").addEventListener("click", checkShares);
    $("shares").addEventListener("input", hideWallet);
    $("open-recover").addEventListener("click", () => {
      $("recover").hidden = false;
      $("open-recover").setAttribute("aria-expanded", "true");
      $("shares").focus();
    });
    $("open-recover").setAttribute("aria-expanded", "false");
    $("loading").hidden = true;
    $("home").hidden = false;
    // When the page became ready, in ms from the start of loading (for the figures).
    document.body.dataset.readyAt = String(Math.round(performance.now()));
    document.body.dataset.ready = "true";
  }

  start().catch((e) => {
    $("loading").textContent = "This browser could not start the page: " + String(e.message || e);
  });
})();
