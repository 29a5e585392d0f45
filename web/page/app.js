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
        for (const n of s.notes) {
          const note = item(notes, n.text, "note");
          if (n.confirmed) {
            note.appendChild(document.createTextNode(" (confirmed)"));
            continue;
          }
          if (n.position === null) continue;
          // Each worked-out word is confirmed on its own, against the card.
          const b = document.createElement("button");
          b.type = "button";
          b.className = "confirm";
          b.textContent = "Confirm word " + n.position + " of line " + s.line;
          b.addEventListener("click", () => {
            session.confirm_word($("shares").value, s.line, n.position);
            readShares();
            say("Word " + n.position + " of line " + s.line + " confirmed against the card.");
          });
          note.appendChild(document.createTextNode(" "));
          note.appendChild(b);
        }
        li.appendChild(notes);
      }
    }
    const progress = $("progress");
    clear(progress);
    if (report.set_name) item(progress, "Set " + report.set_name);
    for (const p of report.progress) item(progress, p);
    $("shares-report").hidden = false;
  }

  // Completion of the word being typed, from the library's word list.
  function complete() {
    const box = $("shares");
    const before = box.value.slice(0, box.selectionStart);
    const line = before.slice(before.lastIndexOf("\n") + 1);
    const typed = line.match(/(\S*)$/)[1];
    const words = line.trim() ? line.trim().split(/\s+/).length : 0;
    $("completion").textContent = typed ? wasm_bindgen.complete_word(typed, words) : "";
  }

  function hideWallet() {
    clear($("readings"));
    clear($("wallet-notes"));
    $("wallet").hidden = true;
    if (session) session.forget();
  }

  // Why the shares do not recover, and what to do, as the library says it.
  function problemText(p) {
    return p ? p.what + ": " + p.hint + "." : "";
  }

  function readShares() {
    hideWallet();
    problem("");
    const report = JSON.parse(session.read($("shares").value));
    showShares(report);
    if (!report.ready) {
      problem(problemText(report.problem));
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

  function readingSection(r, open, idPrefix) {
    const sec = document.createElement("section");
    sec.className = "reading" + (open.matched === r.number ? " matched" : "");
    const h = document.createElement("h4");
    h.id = idPrefix + r.number;
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
    return sec;
  }

  function showWallet(open) {
    const notes = $("wallet-notes");
    clear(notes);
    for (const n of open.notes) item(notes, n);
    const readings = $("readings");
    clear(readings);
    for (const r of open.readings) {
      const sec = readingSection(r, open, "reading-");
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
          problem(open.problem);
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


  // Back up: the form becomes a request for the library (BackupSession.make); the shares,
  // notes and wallet facts it returns are shown; the PDFs are the library's bytes.
  let backupSession = null;
  let groupCount = 0;

  function field(parent, id, labelText, input) {
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = labelText;
    input.id = id;
    parent.appendChild(label);
    parent.appendChild(input);
    return input;
  }

  function numberInput(value) {
    const input = document.createElement("input");
    input.type = "number";
    input.min = "1";
    input.max = "16";
    input.inputMode = "numeric";
    input.value = String(value);
    return input;
  }

  function renumberGroups() {
    const rows = [...$("groups").querySelectorAll("fieldset.group")];
    rows.forEach((row, i) => {
      const n = i + 1;
      row.querySelector("legend").textContent = "Group " + n;
      const [needed, count, holders] = row.querySelectorAll("input");
      const labels = row.querySelectorAll("label");
      labels[0].textContent = "Shares needed in group " + n;
      labels[1].textContent = "Shares in group " + n;
      labels[2].textContent = "Holders in group " + n + " (optional)";
      for (const [input, name] of [[needed, "needed"], [count, "count"], [holders, "holders"]]) {
        input.id = "group-" + n + "-" + name;
      }
      labels[0].htmlFor = needed.id;
      labels[1].htmlFor = count.id;
      labels[2].htmlFor = holders.id;
      const remove = row.querySelector("button");
      remove.textContent = "Remove group " + n;
      remove.hidden = rows.length === 1;
    });
    groupCount = rows.length;
    $("group-threshold").max = String(Math.max(1, groupCount));
  }

  function addGroup(needed, count) {
    const row = document.createElement("fieldset");
    row.className = "group";
    row.appendChild(document.createElement("legend"));
    field(row, "group-new-needed", "", numberInput(needed));
    field(row, "group-new-count", "", numberInput(count));
    const holders = document.createElement("input");
    holders.type = "text";
    holders.autocomplete = "off";
    field(row, "group-new-holders", "", holders);
    const remove = document.createElement("button");
    remove.type = "button";
    remove.addEventListener("click", () => {
      row.remove();
      renumberGroups();
      $("add-group").focus();
    });
    row.appendChild(remove);
    $("groups").appendChild(row);
    renumberGroups();
  }

  function backupForm() {
    const source = document.querySelector('input[name="source"]:checked').value;
    const mode = document.querySelector('input[name="bip39-mode"]:checked');
    const groups = [];
    const holders = [];
    for (const row of $("groups").querySelectorAll("fieldset.group")) {
      const [needed, count, names] = row.querySelectorAll("input");
      const n = Number(count.value);
      groups.push([Number(needed.value), n]);
      const given = names.value.split(",").map((h) => h.trim());
      for (let i = 0; i < n; i++) holders.push(given[i] || "");
    }
    return JSON.stringify({
      source,
      bits: Number($("new-bits").value),
      mode: mode ? mode.value : "",
      groups,
      group_threshold: Number($("group-threshold").value),
      holders: holders.some((h) => h) ? holders : [],
    });
  }

  function backupProblem(text) {
    $("backup-problem").textContent = text || "";
  }

  function showBackup(report) {
    const notes = $("backup-notes");
    clear(notes);
    for (const n of report.notes) item(notes, n);
    const wallet = $("backup-wallet");
    clear(wallet);
    item(wallet, "Set " + report.set_name);
    item(wallet, "Fingerprint " + report.fingerprint, "fingerprint");
    item(wallet, "First address " + report.first_address, "address");
    item(wallet, "Account xpub " + report.account_xpub, "xpub");
    const plan = $("backup-plan");
    clear(plan);
    for (const p of report.plan) item(plan, p);
    const phraseBox = $("backup-new-phrase");
    clear(phraseBox);
    if (report.new_phrase) {
      const out = document.createElement("p");
      out.className = "secret-text";
      out.id = "new-phrase-text";
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = "Show the new BIP-39 phrase";
      b.addEventListener("click", () => {
        out.textContent = backupSession.new_phrase();
      });
      const p = document.createElement("p");
      p.textContent = "Write the new phrase down too if you want it apart from the shares; recovery from the shares gives it back.";
      phraseBox.append(p, b, out);
    }
    const shares = $("backup-shares");
    clear(shares);
    for (const s of report.shares) {
      const li = document.createElement("li");
      const label = document.createElement("p");
      label.className = "share-label";
      label.textContent = s.label;
      const words = document.createElement("p");
      words.className = "share-text";
      words.textContent = s.words;
      li.append(label, words);
      shares.appendChild(li);
    }
    clear($("card-notes"));
    $("backup-result").hidden = false;
  }

  function makeShares(event) {
    event.preventDefault();
    backupProblem("");
    clearPrint();
    $("backup-result").hidden = true;
    $("backup-status").textContent = "Working\u2026";
    setTimeout(() => {
      try {
        const report = JSON.parse(backupSession.make(backupForm(), $("bip39-phrase").value,
          $("backup-passphrase").value, $("backup-bip39-passphrase").value));
        showBackup(report);
        $("backup-status").textContent = "The shares are made: " + report.shares.length + (report.shares.length === 1 ? " card." : " cards.");
        $("backup-result-title").tabIndex = -1;
        $("backup-result-title").focus();
      } catch (e) {
        $("backup-status").textContent = "";
        backupProblem(String(e.message || e));
      }
    }, 10);
  }

  let drawnPaper = null;
  function download(index) {
    backupProblem("");
    try {
      const paper = $("paper").value;
      if (drawnPaper !== paper) {
        const notes = JSON.parse(backupSession.draw_cards(new Date().toISOString().slice(0, 10), paper));
        const list = $("card-notes");
        clear(list);
        for (const n of notes) item(list, n);
        drawnPaper = paper;
      }
      const blob = new Blob([backupSession.file_bytes(index)], { type: "application/pdf" });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = backupSession.file_name(index);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      backupProblem(String(e.message || e));
    }
  }

  // The print view: the library's SVG cards (or owner sheet), each at its size in mm, shown
  // only when printing. Cleared, in the page and in the module, when the person leaves the
  // result (another backup, the form changed, another section).
  function clearPrint() {
    clear($("print-view"));
    $("print-view").className = "";
    document.body.classList.remove("printing");
    if (backupSession) backupSession.forget_print();
  }

  function printView(sheet) {
    backupProblem("");
    clearPrint();
    try {
      const paper = $("paper").value;
      const count = backupSession.draw_print(new Date().toISOString().slice(0, 10), paper);
      const view = $("print-view");
      // The last picture is the owner sheet, the others the cards.
      const [from, to] = sheet ? [count - 1, count] : [0, count - 1];
      for (let i = from; i < to; i++) view.insertAdjacentHTML("beforeend", backupSession.print_svg(i));
      backupSession.forget_print();
      view.className = (sheet ? "sheet-" : "cards-") + paper;
      document.body.classList.add("printing");
      window.print();
    } catch (e) {
      clearPrint();
      backupProblem(String(e.message || e));
    }
  }

  function setupBackup() {
    backupSession = new wasm_bindgen.BackupSession();
    const choice = $("mode-choice");
    for (const m of JSON.parse(wasm_bindgen.bridging_modes())) {
      const div = document.createElement("div");
      div.className = "choice";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = "bip39-mode";
      input.value = m.mode;
      input.id = "mode-" + m.mode;
      input.checked = m.recommended;
      const label = document.createElement("label");
      label.htmlFor = input.id;
      label.textContent = m.mode === "entropy" ? "Entropy mode" : "Seed mode";
      const help = document.createElement("p");
      help.className = "help";
      help.id = "mode-" + m.mode + "-help";
      help.textContent = m.explanation;
      input.setAttribute("aria-describedby", help.id);
      div.append(input, label, help);
      choice.appendChild(div);
    }
    for (const r of document.querySelectorAll('input[name="source"]')) {
      r.addEventListener("change", () => {
        const existing = $("source-bip39").checked;
        $("existing-phrase").hidden = !existing;
        $("new-phrase").hidden = existing;
      });
    }
    addGroup(2, 3);
    $("add-group").addEventListener("click", () => {
      addGroup(2, 3);
      $("groups").lastElementChild.querySelector("input").focus();
    });
    $("backup-form").addEventListener("submit", makeShares);
    $("backup-form").addEventListener("input", () => {
      drawnPaper = null;
      clearPrint();
    });
    $("paper").addEventListener("change", () => {
      drawnPaper = null;
      clearPrint();
    });
    $("download-cards").addEventListener("click", () => download(0));
    $("download-sheet").addEventListener("click", () => download(1));
    $("print-cards").addEventListener("click", () => printView(false));
    $("print-sheet").addEventListener("click", () => printView(true));
    $("forget-backup").addEventListener("click", forgetBackup);
  }

  // The person is done: the module forgets the backup, and the page its secrets. The
  // session is freed whole (its memory overwritten) and a new one made: dropping the backup
  // inside it would leave the wallet's public keys in the session's own block.
  function forgetBackup() {
    clearPrint();
    backupSession.free();
    backupSession = new wasm_bindgen.BackupSession();
    drawnPaper = null;
    for (const id of ["backup-notes", "backup-wallet", "backup-new-phrase", "backup-plan", "backup-shares", "card-notes"]) clear($(id));
    for (const id of ["bip39-phrase", "backup-passphrase", "backup-bip39-passphrase"]) $(id).value = "";
    $("backup-result").hidden = true;
    backupProblem("");
    $("backup-status").textContent = "The shares are forgotten.";
    $("source-bip39").focus();
  }

  // Verify: the library says which wallet a phrase or shares open; no secret is shown.
  function verifyWallet(event) {
    event.preventDefault();
    $("verify-problem").textContent = "";
    const out = $("verify-result");
    clear(out);
    clear($("verify-shares"));
    setTimeout(() => {
      try {
        const report = JSON.parse(wasm_bindgen.verify($("verify-text").value,
          $("verify-passphrase").value, $("verify-bip39-passphrase").value, $("verify-expected").value));
        if (report.shares) {
          for (const s of report.shares.shares) item($("verify-shares"), "Line " + s.line + ": " + s.text, "share " + s.status);
          if (!report.shares.ready) $("verify-problem").textContent = problemText(report.shares.problem);
        }
        if (report.wallet) {
          const notes = document.createElement("ul");
          for (const n of report.wallet.notes) item(notes, n);
          out.appendChild(notes);
          for (const r of report.wallet.readings) out.appendChild(readingSection(r, report.wallet, "verify-reading-"));
        }
      } catch (e) {
        $("verify-problem").textContent = String(e.message || e);
      }
    }, 10);
  }

  function openSection(name) {
    stopCamera();
    clearPrint();
    // An opened wallet is closed when the person goes elsewhere (the shares stay in the box).
    if (name !== "recover") hideWallet();
    for (const other of ["recover", "backup", "verify"]) {
      $(other).hidden = other !== name;
      $("open-" + other).setAttribute("aria-expanded", String(other === name));
    }
  }


  // Scanning: photos and camera frames go to the library's scanner with the Shares box's
  // text; the share lines it returns (shares not in the box yet) are added to the box.
  let scanner = null;
  let camera = null;

  function addScanned(view) {
    const list = $("scan-notes");
    for (const n of view.notes) item(list, n);
    if (view.problem) item(list, view.problem, "problem");
    if (view.shares.length) {
      const box = $("shares");
      const text = box.value.replace(/\s*$/, "");
      box.value = (text ? text + "\n" : "") + view.shares.join("\n") + "\n";
      hideWallet();
      say(view.shares.length + (view.shares.length === 1 ? " share" : " shares") + " added from " + (camera ? "the camera" : "the photo") + ".");
    }
  }

  async function scanPhotos() {
    const files = [...$("photos").files];
    clear($("scan-notes"));
    for (const f of files) {
      // The browser decodes the picture; the library reads its pixels.
      let bitmap;
      try {
        bitmap = await createImageBitmap(f);
      } catch (e) {
        item($("scan-notes"), f.name + ": not a picture this browser can open; take or export the photo as a JPEG or PNG", "problem");
        continue;
      }
      if (wasm_bindgen.Scanner.too_large(bitmap.width, bitmap.height)) {
        addScanned(JSON.parse(scanner.photo(f.name, bitmap.width, bitmap.height, new Uint8Array(0), $("shares").value)));
        bitmap.close();
        continue;
      }
      const canvas = document.createElement("canvas");
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const ctx = canvas.getContext("2d", { willReadFrequently: true });
      ctx.drawImage(bitmap, 0, 0);
      bitmap.close();
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
      addScanned(JSON.parse(scanner.photo(f.name, pixels.width, pixels.height, pixels.data, $("shares").value)));
      pixels.data.fill(0);
      canvas.width = 0;
    }
    $("photos").value = "";
  }

  function stopCamera() {
    if (!camera) return;
    clearInterval(camera.timer);
    for (const track of camera.stream.getTracks()) track.stop();
    $("camera-video").srcObject = null;
    $("camera-view").hidden = true;
    camera = null;
    $("camera").textContent = "Scan with the camera";
  }

  async function startCamera() {
    if (camera) {
      stopCamera();
      return;
    }
    clear($("scan-notes"));
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      const video = $("camera-video");
      video.srcObject = stream;
      await video.play();
      $("camera-view").hidden = false;
      const canvas = document.createElement("canvas");
      const ctx = canvas.getContext("2d", { willReadFrequently: true });
      camera = { stream, timer: 0 };
      $("camera").textContent = "Stop the camera";
      camera.timer = setInterval(() => {
        if (!camera || !video.videoWidth) return;
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        ctx.drawImage(video, 0, 0);
        const frame = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const view = JSON.parse(scanner.frame(frame.width, frame.height, frame.data, $("shares").value));
        frame.data.fill(0);
        if (view.shares.length) addScanned(view);
      }, 400);
    } catch (e) {
      item($("scan-notes"), "The camera could not be opened: " + String(e.message || e) + ". Choose photos of the cards instead.", "problem");
    }
  }

  async function start() {
    const b64 = $("wasm-base64").textContent.trim();
    const bin = atob(b64);
    const packed = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) packed[i] = bin.charCodeAt(i);
    // The module is inlined gzip-compressed (less than half the size): unpacked here, in the
    // browser, with no request.
    if (typeof DecompressionStream === "undefined") {
      throw new Error("this browser is too old for this page; open it in a current Firefox, Chromium, Chrome, Edge or Safari");
    }
    const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    await wasm_bindgen({ module_or_path: bytes });
    session = new wasm_bindgen.RecoverySession();
    $("version").textContent = wasm_bindgen.version();
    $("recover-form").addEventListener("submit", recoverWallet);
    $("check-shares").addEventListener("click", checkShares);
    for (const ev of ["keyup", "click"]) $("shares").addEventListener(ev, complete);
    $("shares").addEventListener("input", () => {
      complete();
      hideWallet();
      if (!$("shares").value.trim()) session.forget_shares();
    });
    $("open-recover").addEventListener("click", () => {
      openSection("recover");
      $("shares").focus();
    });
    $("open-backup").addEventListener("click", () => {
      openSection("backup");
      $("source-bip39").focus();
    });
    $("open-verify").addEventListener("click", () => {
      openSection("verify");
      $("verify-text").focus();
    });
    for (const name of ["recover", "backup", "verify"]) $("open-" + name).setAttribute("aria-expanded", "false");
    setupBackup();
    scanner = new wasm_bindgen.Scanner();
    $("photos").addEventListener("change", () => {
      scanPhotos().catch((e) => item($("scan-notes"), String(e.message || e), "problem"));
    });
    $("camera").addEventListener("click", startCamera);
    $("verify-form").addEventListener("submit", verifyWallet);
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
