// The data pages in headless Chromium at every width a reader brings, in light and dark:
// home, a briefing, /compare/ and a company page, in English and Spanish, at 320, 390, 768,
// 1366 and 1920 px. Fails when an element is wider than its container or the viewport, when
// chart text renders under 11 CSS px, when the header takes more than one line at 1366 px and
// up, or when axe-core reports a violation; checks that the
// comparison table sorts and the phone menu opens. Writes a screenshot of every view.
// Usage: node data_pages.cjs BASE_URL OUT_DIR AXE_JS  (NODE_PATH finds playwright-core)
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const [base, outDir, axePath] = process.argv.slice(2);
const axeSource = fs.readFileSync(axePath, "utf8");
const PAGES = [
  ["home", "en", ""],
  ["home", "es", "es/"],
  ["article", "en", "briefings/alphabet-raises-2025-capex-to-85-billion/"],
  ["article", "es", "es/briefings/alphabet-raises-2025-capex-to-85-billion/"],
  ["compare", "en", "compare/"],
  ["compare", "es", "es/compare/"],
  ["company", "en", "companies/alphabet/"],
  ["company", "es", "es/companies/alphabet/"],
];
const WIDTHS = [320, 390, 768, 1366, 1920];
const SCHEMES = ["light", "dark"];

// Runs in the page: elements wider than their container or the viewport, and chart text
// smaller than 11 px. Content inside a scrolling box (code, a Markdown table) may be wider
// than that box; deliberately hidden things (the skip link, visually hidden text, a closed
// menu) are not laid out for reading and are skipped.
function inspect() {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    if (el.classList && el.classList.length) s += "." + Array.from(el.classList).join(".");
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return text ? `${s} "${text}"` : s;
  };
  if (document.documentElement.scrollWidth > vw + 1) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px in a ${vw} px viewport`);
  }
  const skipped = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === "none" || cs.visibility === "hidden") return true;
      if (e.classList.contains("visually-hidden") || e.classList.contains("skip")) return true;
      if (e !== el && ["auto", "scroll", "hidden", "clip"].includes(cs.overflowX) && e.tagName !== "svg") return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    if (el instanceof SVGElement && el.tagName !== "svg") continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (skipped(el)) continue;
    if (r.right > vw + 1 || r.left < -1) {
      problems.push(`${describe(el)} reaches ${Math.round(r.left)}–${Math.round(r.right)} px in a ${vw} px viewport`);
      continue;
    }
    const cs = getComputedStyle(el);
    if (cs.position === "absolute" || cs.position === "fixed") continue;
    let parent = el.parentElement;
    while (parent && getComputedStyle(parent).display === "contents") parent = parent.parentElement;
    if (!parent || parent === document.documentElement) continue;
    const pr = parent.getBoundingClientRect();
    if (r.width > pr.width + 1 && !["inline", "table-row", "table-row-group"].includes(cs.display)) {
      problems.push(`${describe(el)} is ${Math.round(r.width)} px wide in a ${Math.round(pr.width)} px ${describe(parent)}`);
    }
  }
  for (const svg of document.querySelectorAll("svg.chart-svg")) {
    if (skipped(svg)) continue;
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll("text")) {
      const px = parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM() ? t.getScreenCTM().a : 1);
      if (px < 11) problems.push(`chart text "${t.textContent}" renders at ${px.toFixed(1)} px`);
      const r = t.getBoundingClientRect();
      if (r.right > box.right + 1 || r.left < box.left - 1) {
        problems.push(`chart text "${t.textContent}" spills out of its chart (${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(box.left)}–${Math.round(box.right)})`);
      }
    }
  }
  return problems;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run",
    ],
  });
  const failures = [];
  let views = 0;
  try {
    for (const scheme of SCHEMES) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        for (const [kind, lang, rel] of PAGES) {
          const view = `${kind}-${lang}-${width}-${scheme}`;
          const response = await page.goto(base + rel, { waitUntil: "load" });
          if (!response || response.status() !== 200) {
            failures.push(`${view}: ${base + rel} answered ${response && response.status()}`);
            continue;
          }
          for (const p of await page.evaluate(inspect)) failures.push(`${view}: ${p}`);
          // On a laptop or wider the header is one line: brand, sections, languages, search.
          if (width >= 1366) {
            const rows = await page.evaluate(() => {
              const items = Array.from(document.querySelectorAll(".header-bar > *"))
                .map((e) => e.getBoundingClientRect())
                .filter((r) => r.height > 0);
              return Math.max(...items.map((r) => r.top)) - Math.min(...items.map((r) => r.top)) > 24;
            });
            if (rows) failures.push(`${view}: the header takes more than one line`);
          }
          await page.addScriptTag({ content: axeSource });
          const axe = await page.evaluate(async () => {
            const r = await window.axe.run(document, { resultTypes: ["violations"] });
            return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
          });
          for (const v of axe) failures.push(`${view}: axe ${v}`);
          await page.screenshot({ path: path.join(outDir, `${view}.png`), fullPage: width === 390 || width === 1366 });
          views += 1;
        }
        // Progressive enhancement: the comparison sorts; the rows were in order without it.
        await page.goto(base + "compare/", { waitUntil: "load" });
        const sorted = await page.evaluate(() => {
          const table = document.querySelector("table[data-sortable]");
          const names = () => Array.from(table.tBodies).map((b) => b.rows[0].cells[0].getAttribute("data-value"));
          const before = names();
          const button = table.tHead.querySelector("th[data-sort='text'] button.sort");
          if (!button) return "no sort button";
          button.click();
          const after = names();
          const expected = before.slice().sort((a, b) => a.localeCompare(b, "en"));
          if (JSON.stringify(after) !== JSON.stringify(expected)) return `sorted by name: ${after}`;
          if (button.parentElement.getAttribute("aria-sort") !== "ascending") return "no aria-sort";
          return null;
        });
        if (sorted) failures.push(`compare-${width}-${scheme}: ${sorted}`);
        // The phone menu opens onto every section; on a desktop the sections are in the bar.
        await page.goto(base, { waitUntil: "load" });
        const menu = await page.evaluate(() => {
          const menu = document.querySelector("details.menu");
          const bar = document.querySelector("nav.site-nav");
          const phone = getComputedStyle(menu).display !== "none";
          if (phone === (getComputedStyle(bar).display !== "none")) return "the menu and the bar show together";
          if (phone) {
            menu.querySelector("summary").click();
            const links = Array.from(menu.querySelectorAll(".menu-panel a")).filter((a) => a.getBoundingClientRect().height > 0);
            if (links.length < 4) return `the open menu shows ${links.length} links`;
          } else if (bar.getBoundingClientRect().height > 60) {
            return `the header bar's sections take ${Math.round(bar.getBoundingClientRect().height)} px`;
          }
          return null;
        });
        if (menu) failures.push(`menu-${width}-${scheme}: ${menu}`);
        await context.close();
      }
    }
  } catch (e) {
    failures.push(e.stack || String(e));
  } finally {
    await browser.close();
  }
  console.log(`${views} views checked, screenshots in ${outDir}`);
  if (failures.length) {
    console.error(`${failures.length} problems:\n${failures.join("\n")}`);
    process.exit(1);
  }
})();
