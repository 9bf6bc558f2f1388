// Renders report.html in Debian's Chromium (headless, through playwright-core) and
// checks what a reader sees: no console errors, no network request at all (the page
// must be self-contained), every chart present and visible, the headline figures
// shown. Saves a screenshot.
// Usage: node report.mjs REPORT.html SCREENSHOT.png [EXPECTED_CHARTS]
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [report, shot, expectedCharts = '9'] = process.argv.slice(2);
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
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot, fullPage: false });
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
