// Headless Chromium check of live reload: an open tab shows an edited title without any action,
// a broken file shows the error overlay (and runs no script quoted from the file), and fixing
// the file clears it. Usage: node live_reload.cjs URL PATH_OF_ARTICLE (NODE_PATH finds playwright-core).
"use strict";
const fs = require("fs");
const { chromium } = require("playwright-core");

const [url, article] = process.argv.slice(2);
const original = fs.readFileSync(article, "utf8");
const withTitle = (title) => original.replace(/^title: .*$/m, `title: "${title}"`);

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run",
    ],
  });
  let failed = null;
  try {
    const page = await browser.newPage();
    const dialogs = [];
    page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
    await page.goto(url);
    await page.waitForFunction(() => document.body.innerText.includes("First briefing"));
    // Wait until the tab holds its reload stream before editing.
    await page.waitForTimeout(300);
    await page.evaluate(() => { window.capbriefMarker = true; });

    let start = Date.now();
    fs.writeFileSync(article, withTitle("Retitled in the browser test"));
    await page.waitForFunction(
      () => document.body.innerText.includes("Retitled in the browser test"), null, { timeout: 5000 });
    console.log(`edit shown after ${Date.now() - start} ms`);
    if (await page.evaluate(() => window.capbriefMarker === true)) throw new Error("page was not reloaded");

    await page.waitForTimeout(300);
    start = Date.now();
    const evil = "</pre><script>alert(1)</script>";
    fs.writeFileSync(article, withTitle("Retitled in the browser test").replace(/^date: .*$/m, `date: "${evil}"`));
    await page.waitForSelector("#capbrief-build-error", { timeout: 5000 });
    const overlay = await page.textContent("#capbrief-build-error");
    if (!overlay.includes(evil)) throw new Error(`overlay does not quote the error as text: ${overlay}`);
    if (!overlay.includes("first.md:3")) throw new Error(`overlay does not name file and line: ${overlay}`);
    if (overlay.split("first.md:3").length !== 2) throw new Error(`overlay shows the error more than once: ${overlay}`);
    console.log(`overlay shown after ${Date.now() - start} ms`);

    await page.waitForTimeout(300);
    start = Date.now();
    fs.writeFileSync(article, withTitle("Fixed in the browser test"));
    await page.waitForFunction(
      () => !document.getElementById("capbrief-build-error") &&
        document.body.innerText.includes("Fixed in the browser test"), null, { timeout: 5000 });
    console.log(`overlay cleared after ${Date.now() - start} ms`);
    if (dialogs.length) throw new Error(`a script from the error text ran: ${dialogs}`);
  } catch (e) {
    failed = e;
  } finally {
    await browser.close();
    fs.writeFileSync(article, original);
  }
  if (failed) {
    console.error(failed.stack || String(failed));
    process.exit(1);
  }
})();
