// Renders report.html in Debian's Chromium (headless, through playwright-core) and
// checks what a reader sees: no console errors, no network request at all (the page
// must be self-contained), every chart present and visible, the headline figures
// shown, the retro's sections (by service, by team, noise, recurring incidents, on-call
// load) present with their tables. Saves a screenshot of the top, and with RETRO.png one
// of the by-service and on-call sections (the README's pictures come from the demo).
// Usage: node report.mjs REPORT.html SCREENSHOT.png [EXPECTED_CHARTS [RETRO.png]]
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [report, shot, expectedCharts = '9', retroShot] = process.argv.slice(2);
const url = pathToFileURL(resolve(report)).href;
const profile = mkdtempSync(join(tmpdir(), 'mttx-chromium-'));
const failures = [];
// a fresh profile directory for every run (Chromium otherwise reaches for hosts)
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1100, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') failures.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith('data:')) failures.push(`network request: ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load' });
  const charts = await page.$$('figure svg');
  if (charts.length !== Number(expectedCharts)) failures.push(`${charts.length} charts, want ${expectedCharts}`);
  for (const [i, svg] of charts.entries()) {
    await svg.scrollIntoViewIfNeeded();
    const box = await svg.boundingBox();
    if (!box || box.width < 300 || box.height < 100 || !(await svg.isVisible())) failures.push(`chart ${i} not visible: ${JSON.stringify(box)}`);
  }
  const cards = await page.$$eval('.card .v', (els) => els.map((e) => e.textContent));
  if (cards.length !== 4) failures.push(`${cards.length} headline cards, want 4`);
  const scripts = await page.$$eval('script', (els) => els.length);
  if (scripts) failures.push(`${scripts} script elements`);
  for (const id of ['services', 'teams', 'noise', 'recurring', 'oncall']) {
    // the table rows between the section's heading and the next one
    const rows = await page.evaluate((id) => {
      let n = 0;
      for (let e = document.getElementById(id)?.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling)
        n += e.querySelectorAll('tr').length + (e.tagName === 'TR' ? 1 : 0);
      return n;
    }, id);
    const heading = await page.$(`#${id}`);
    if (!heading || !(await heading.isVisible())) failures.push(`section #${id} not visible`);
    else if (!rows) failures.push(`section #${id} has no table rows`);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot, fullPage: false });
  if (retroShot) {
    // by service, then the on-call load, one picture above the other
    const top = await page.$eval('#services', (e) => e.getBoundingClientRect().top + window.scrollY);
    const end = await page.$eval('#teams', (e) => e.getBoundingClientRect().top + window.scrollY);
    const onTop = await page.$eval('#oncall', (e) => e.getBoundingClientRect().top + window.scrollY);
    const onEnd = await page.$eval('#charts', (e) => e.getBoundingClientRect().top + window.scrollY);
    const width = 1100;
    const a = { x: 0, y: top - 10, width, height: Math.min(end - top, 700) };
    const b = { x: 0, y: onTop - 10, width, height: Math.min(onEnd - onTop, 620) };
    await page.setViewportSize({ width, height: 900 });
    const buf1 = await page.screenshot({ clip: a, fullPage: true });
    const buf2 = await page.screenshot({ clip: b, fullPage: true });
    // stack the two pictures in a page of their own (data: URLs make no request)
    const stack = await context.newPage();
    await stack.setViewportSize({ width, height: Math.round(a.height + b.height) });
    await stack.setContent(`<body style="margin:0"><img style="display:block" src="data:image/png;base64,${buf1.toString('base64')}"><img style="display:block" src="data:image/png;base64,${buf2.toString('base64')}"></body>`);
    await stack.screenshot({ path: retroShot, fullPage: true });
  }
  // the charts, for a look
  const fig = await page.$('#charts');
  if (fig) await fig.scrollIntoViewIfNeeded();
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
for (const f of failures) console.log(`FAIL: ${f}`);
console.log(`browser: ${failures.length} failures; screenshot ${shot}`);
process.exit(failures.length ? 1 : 0);
