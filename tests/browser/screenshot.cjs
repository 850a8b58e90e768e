// Screenshots of the example site in headless Chromium, for the README and for looking at.
// Usage: node screenshot.cjs BASE_URL OUT_DIR  (NODE_PATH finds playwright-core)
// Writes home-desktop.png (1280x900), home-phone.png (390x844) and article-desktop.png (the
// Stargate briefing, scrolled to its "Also reported by" line), and fails when a page lacks what
// it must show.
"use strict";
const path = require("path");
const { chromium } = require("playwright-core");

const [base, outDir] = process.argv.slice(2);

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run",
    ],
  });
  let failed = null;
  try {
    for (const [name, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
      const page = await browser.newPage({ viewport });
      await page.goto(base, { waitUntil: "load" });
      const text = await page.innerText("body");
      if (!text.includes("AI Capex Briefings")) throw new Error(`home page lacks the site title: ${text.slice(0, 300)}`);
      const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      if (!styled || styled === "Times New Roman") throw new Error(`style.css not applied (font ${styled})`);
      await page.screenshot({ path: path.join(outDir, `home-${name}.png`) });
      await page.close();
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}briefings/stargate-500-billion-openai-softbank-oracle/`, { waitUntil: "load" });
    const also = page.getByText("Also reported by");
    await also.scrollIntoViewIfNeeded();
    if (!(await page.innerText("body")).includes("The Compute Ledger")) throw new Error("no also-reported outlet");
    await page.screenshot({ path: path.join(outDir, "article-desktop.png") });
    console.log("screenshots written to", outDir);
  } catch (e) {
    failed = e;
  } finally {
    await browser.close();
  }
  if (failed) {
    console.error(failed.stack || String(failed));
    process.exit(1);
  }
})();
