// Headless Chromium check of site search: types queries into the search box of a served site
// and checks the briefings listed, then uses the search page's filters. Usage:
//   node search.cjs BASE_URL CASES_JSON [SCREENSHOT_DIR]
// BASE_URL is the site's home under its base path; CASES_JSON describes what to type where:
//   {"box": [{"page": "es/", "query": "inversion", "expect": ["Meta fija"], "first": "…",
//             "none": true}],
//    "facet": {"query": "capital", "facet": "company", "value": "Meta", "expect": [...],
//              "absent": [...]}}
// (NODE_PATH finds playwright-core.) Prints the time each query took to show its results.
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const [givenBase, casesFile, shots] = process.argv.slice(2);
const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));
let base = givenBase;

// With CAPBRIEF_STATIC_DIR, serves that folder as a static host would (GitHub Pages: a
// folder's index.html, nothing else), on a free loopback port.
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".xml": "application/xml" };
function staticServer(dir) {
  const http = require("http");
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (p.includes("..")) { res.writeHead(400); return res.end(); }
    let file = path.join(dir, p);
    if (p.endsWith("/")) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); return res.end("not found"); }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function typeAndRead(page, query) {
  const input = page.locator("form.search-box input[name=q]");
  await input.fill("");
  const start = Date.now();
  // The time the box took to answer the whole query (from its input event to the results
  // drawn), as the page measured it.
  const done = page.evaluate((q) => new Promise((resolve) => {
    const form = document.querySelector("form.search-box");
    form.addEventListener("capbrief:results", function on(e) {
      if (e.detail.query === q) { form.removeEventListener("capbrief:results", on); resolve(e.detail.ms); }
    });
  }), query);
  await input.pressSequentially(query, { delay: 5 });
  const ms = await done;
  // The last keystroke's results.
  await page.waitForFunction((q) => {
    const panel = document.querySelector(".search-suggest");
    return !panel.hidden && document.querySelector("form.search-box input").value === q;
  }, query);
  await page.waitForTimeout(150);
  const elapsed = Date.now() - start;
  const titles = await page.locator(".search-suggest .search-result-title").allTextContents();
  const empty = await page.locator(".search-suggest .search-empty").allTextContents();
  const links = await page.locator(".search-suggest .search-result-title").evaluateAll(
    (as) => as.map((a) => a.getAttribute("href")));
  const marks = await page.locator(".search-suggest mark").count();
  return { titles, empty, links, marks, elapsed, ms };
}

(async () => {
  let server = null;
  if (process.env.CAPBRIEF_STATIC_DIR) {
    server = await staticServer(process.env.CAPBRIEF_STATIC_DIR);
    base = `http://127.0.0.1:${server.address().port}${new URL(givenBase).pathname}`;
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  const failures = [];
  const basePath = new URL(base).pathname;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const requests = [];
    page.on("requestfinished", async (r) => {
      const sizes = await r.sizes().catch(() => null);
      requests.push({ url: r.url(), bytes: sizes ? sizes.responseBodySize : 0 });
    });
    page.on("pageerror", (e) => failures.push(`script error: ${e.message}`));
    for (const c of cases.box) {
      await page.goto(new URL(c.page || "", base).toString());
      const before = requests.length;
      const r = await typeAndRead(page, c.query);
      const fetched = requests.slice(before).filter((x) => x.url.includes("/search-index/"));
      const indexBytes = fetched.reduce((n, x) => n + x.bytes, 0);
      console.log(`${JSON.stringify(c.query)} on /${c.page || ""}: ${r.titles.length} shown, ` +
        `answered in ${r.ms.toFixed(1)} ms, ${fetched.length} index files, ${indexBytes} bytes`);
      if (c.none) {
        if (r.titles.length || !r.empty.length) failures.push(`${c.query}: expected no results, got ${r.titles}`);
        continue;
      }
      for (const want of c.expect || []) {
        if (!r.titles.some((t) => t.includes(want))) failures.push(`${c.query}: missing "${want}" in ${JSON.stringify(r.titles)}`);
      }
      if (c.first && !(r.titles[0] || "").includes(c.first)) failures.push(`${c.query}: first result is "${r.titles[0]}", expected "${c.first}"`);
      for (const l of r.links) {
        if (!l.startsWith(basePath)) failures.push(`${c.query}: result link ${l} is not under ${basePath}`);
      }
      if (c.marked && r.marks === 0) failures.push(`${c.query}: no highlighted term`);
      if (c.maxIndexBytes && indexBytes > c.maxIndexBytes) failures.push(`${c.query}: fetched ${indexBytes} bytes of index`);
      if (c.shot && shots) await page.screenshot({ path: path.join(shots, `${c.shot}-desktop.png`) });
    }

    // The search page, reached by a plain link, then narrowed by a company.
    const f = cases.facet;
    if (f) {
      await page.goto(new URL(`search/?q=${encodeURIComponent(f.query)}`, base).toString());
      await page.waitForSelector("#search-results .search-result");
      const all = await page.locator("#search-results .search-result-title").allTextContents();
      const countBefore = await page.locator("#search-results .search-count").textContent();
      await page.locator(`fieldset[data-facet=${f.facet}] input[value="${f.value}"]`).check();
      await page.waitForFunction((v) => {
        const shown = Array.from(document.querySelectorAll("#search-results .search-result-meta"));
        return shown.length && shown.every((m) => m.textContent.includes(v));
      }, f.value, { timeout: 5000 }).catch(() => {});
      const narrowed = await page.locator("#search-results .search-result-title").allTextContents();
      const countAfter = await page.locator("#search-results .search-count").textContent();
      console.log(`search page ${JSON.stringify(f.query)}: ${countBefore}, ${f.value} only: ${countAfter}`);
      if (parseInt(countAfter.replace(/\D/g, "") || "1") >= parseInt(countBefore.replace(/\D/g, "") || "1")) {
        failures.push(`facet: ${countAfter} is not fewer than ${countBefore}`);
      }
      for (const want of f.expect) if (!narrowed.some((t) => t.includes(want))) failures.push(`facet: missing "${want}" in ${narrowed}`);
      for (const not of f.absent || []) if (narrowed.some((t) => t.includes(not))) failures.push(`facet: "${not}" still shown`);
      if (!page.url().includes(`${f.facet}=`)) failures.push(`facet: the address does not keep the filter: ${page.url()}`);
      if (shots) await page.screenshot({ path: path.join(shots, "search-page-desktop.png"), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      if (shots) await page.screenshot({ path: path.join(shots, "search-page-phone.png"), fullPage: true });
      await page.goto(new URL(cases.box[0].page || "", base).toString());
      await typeAndRead(page, cases.box[0].query);
      if (shots) await page.screenshot({ path: path.join(shots, "box-phone.png") });
    }
  } catch (e) {
    failures.push(e.stack || String(e));
  } finally {
    await browser.close();
    if (server) server.close();
  }
  if (failures.length) {
    console.error(failures.join("\n"));
    process.exit(1);
  }
})();
