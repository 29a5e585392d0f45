// Firefox (Debian's firefox-esr) launched for the page's tests and figures: headless, driven
// by puppeteer-core over WebDriver BiDi, with a profile kept from the network.
"use strict";
const puppeteer = require("puppeteer-core");

// Firefox left to itself reaches the network (telemetry, updates, captive portal and
// connectivity checks, safe browsing lists, remote settings, push, DNS over HTTPS): all off,
// and the service URLs that stay pointed at a closed port on this machine. A release build
// takes the remote settings server from its pref only with MOZ_DISABLE_NONLOCAL_CONNECTIONS=1,
// which also makes Firefox refuse any connection to an address not on this machine.
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
  "services.settings.server": "data:,#remote-settings-dummy/v1",
  "toolkit.telemetry.archive.enabled": false,
  "toolkit.telemetry.enabled": false,
  "toolkit.telemetry.server": "",
  "toolkit.telemetry.unified": false,
  // The camera: Firefox's fake device (moving colours, no card), without asking.
  "media.navigator.streams.fake": true,
  "media.navigator.permission.disabled": true,
  // PDFs are saved, not opened in the viewer.
  "pdfjs.disabled": true,
  "browser.download.open_pdf_attachments_inline": false,
};

function launchFirefox(executablePath, extraPrefs = {}) {
  return puppeteer.launch({
    browser: "firefox",
    executablePath,
    headless: true,
    extraPrefsFirefox: { ...offlinePrefs, ...extraPrefs },
    env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: "1" },
  });
}

module.exports = { launchFirefox, offlinePrefs };
