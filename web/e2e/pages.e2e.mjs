// Drives both pages in Debian's Chromium (playwright-core, no downloaded browser) against a running
// service and writes what the pages showed to $OUT_DIR/results.json, with screenshots beside it.
// It asserts only that the pages got that far; the JUnit test (WebPagesBrowserTest) compares the
// results with the service's own answers. Environment: BASE_URL, OUT_DIR, ENTITY ("space/name/version"),
// FROM and TO (ISO instants, UTC), optional CHROMIUM (default /usr/bin/chromium).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const { BASE_URL, OUT_DIR, ENTITY, FROM, TO } = process.env;
const [space, name, version] = ENTITY.split('/');
const label = `${space} / ${name} / ${version}`;
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

mkdirSync(OUT_DIR, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'scouter-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', ...FLAGS],
  viewport: { width: 1200, height: 900 },
});
const results = { errors: [] };
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => results.errors.push(String(e)));
  const settled = () => page.waitForFunction(() => window.__scouter && window.__scouter.done === true);
  const plotted = () => page.evaluate(() => ({
    search: location.search,
    urls: window.__scouter.urls,
    cutoffs: window.__scouter.cutoffs,
    status: document.getElementById('status').textContent,
    charts: window.__scouter.charts.map((c) => ({ name: c.name, data: c.u.data.map((column) => Array.from(column)) })),
  }));

  await page.goto(`${BASE_URL}/`);
  await settled();
  // Search: typing part of the name offers the entity in the list; choosing it loads its data.
  await page.fill('#entity', name.slice(0, 4));
  results.offered = await page.$$eval('#entity-list option', (options) => options.map((o) => o.value));
  await page.fill('#entity', label);
  await page.dispatchEvent('#entity', 'change');
  await settled();
  await page.selectOption('#range', 'custom');
  await page.fill('#from', FROM.replace(/Z$/, ''));
  await page.fill('#to', TO.replace(/Z$/, ''));
  await page.click('#apply');
  await settled();

  results.types = {};
  for (const type of ['Psi', 'Custom', 'Spc']) {
    await page.selectOption('#drift-type', type);
    await settled();
    results.types[type] = await plotted();
    await page.screenshot({ path: join(OUT_DIR, `drift-${type.toLowerCase()}.png`), fullPage: true });
  }

  // Zoom: drag across the middle half of the first chart; the URL takes the narrower range.
  const box = await page.locator('.chart .u-over').first().boundingBox();
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction((before) => location.search !== before, results.types.Spc.search);
  await settled();
  results.zoomed = await plotted();

  // Shared state: opening the zoomed URL afresh shows the same view.
  await page.goto(`${BASE_URL}/${results.zoomed.search}`);
  await settled();
  results.reopened = await plotted();

  // A range with no data says so.
  await page.goto(`${BASE_URL}/?space=${encodeURIComponent(space)}&name=${encodeURIComponent(name)}`
    + `&version=${encodeURIComponent(version)}&type=Spc&from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z`);
  await settled();
  results.empty = await plotted();

  await page.goto(`${BASE_URL}/archive.html`);
  await page.waitForFunction(() => window.__scouter && window.__scouter.done === true);
  results.archive = await page.evaluate(() => ({
    rows: [...document.querySelectorAll('#runs tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent)),
    lag: document.getElementById('lag').textContent,
    status: document.getElementById('runs-status').textContent,
  }));
  await page.screenshot({ path: join(OUT_DIR, 'archive.png'), fullPage: true });

  // An API key typed in the header is kept in the browser and sent as a bearer token.
  const sent = page.waitForRequest((request) => request.url().includes('/scouter/archive/runs'));
  await page.fill('#api-key', 'e2e-key');
  await page.dispatchEvent('#api-key', 'change');
  results.authorization = (await sent).headers().authorization;
  const resent = page.waitForRequest((request) => request.url().includes('/scouter/archive/lag'));
  await page.reload();
  results.authorizationAfterReload = (await resent).headers().authorization;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  writeFileSync(join(OUT_DIR, 'results.json'), JSON.stringify(results, null, 1));
}
