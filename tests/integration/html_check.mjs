// Opens the HTML report in headless Chromium (Debian's /usr/bin/chromium through playwright-core),
// fails on any console error, page error or network request, checks that the event table shows
// Li Shangfu's visit to Russia and that sorting, filtering and the timeline work, and saves a
// screenshot.  PLAYWRIGHT_DIR=<folder holding node_modules/playwright-core> node html_check.mjs REPORT.html SHOT.png
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(resolve(process.env.PLAYWRIGHT_DIR || '.') + '/');
const { chromium } = require('playwright-core');

const [report, shot] = process.argv.slice(2);
const problems = [];
const check = (ok, what) => { if (!ok) problems.push(what); else console.log(`html_check: ok: ${what}`); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1500 } });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!/^(file|data|about):/.test(r.url())) problems.push(`network request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(resolve(report)).href, { waitUntil: 'load' });

  const visible = () => page.$$eval('#event-table tbody tr', (rs) => rs.filter((r) => !r.hidden).map((r) => ({
    type: r.dataset.type, countries: r.dataset.countries, begin: r.dataset.begin, end: r.dataset.end,
    text: r.textContent,
  })));
  const all = await visible();
  check(all.length > 10, `event table has ${all.length} rows`);
  const visit = all.find((r) => r.type === 'VISIT' && r.text.includes('Li Shangfu') && r.begin === '2023-04-16'
                               && r.end === '2023-04-19' && r.countries.includes('RUS'));
  check(!!visit, "Li Shangfu's visit to Russia (2023-04-16 to 2023-04-19) is in the event table");
  check(await page.isVisible('text=Li Shangfu'), 'Li Shangfu is visible on the page');
  check((await page.$$('#chart svg rect.bar')).length > 0, 'the timeline has bars');
  check((await page.$$('article mark.ent.e-PERSON')).length > 0, 'articles highlight people');

  await page.selectOption('#f-type', 'VISIT');
  let rows = await visible();
  check(rows.length > 0 && rows.length < all.length && rows.every((r) => r.type === 'VISIT'),
        `type filter VISIT shows ${rows.length} VISIT rows only`);
  check((await page.textContent('#f-count')).includes(`${rows.length} of ${all.length}`), 'the count says how many rows show');
  await page.selectOption('#f-country', 'RUS');
  rows = await visible();
  check(rows.length > 0 && rows.every((r) => r.type === 'VISIT' && r.countries.split(' ').includes('RUS')),
        `type VISIT and country RUS: ${rows.length} rows`);
  await page.fill('#f-from', '2023-04-16');
  await page.fill('#f-to', '2023-04-16');
  rows = await visible();
  check(rows.length > 0 && rows.every((r) => r.begin <= '2023-04-16' && r.end >= '2023-04-16')
        && rows.some((r) => r.text.includes('Li Shangfu')), `dates 2023-04-16: ${rows.length} rows, the visit among them`);
  await page.click('#f-reset');
  await page.waitForFunction((n) => document.querySelectorAll('#event-table tbody tr:not([hidden])').length === n, all.length);
  check(true, 'Clear shows every row again');

  await page.click('#event-table th:nth-child(1)');
  await page.click('#event-table th:nth-child(1)');
  rows = await visible();
  const dates = rows.map((r) => r.begin).filter(Boolean);
  check(dates.length > 1 && dates.every((d, i) => i === 0 || dates[i - 1] >= d), 'Date sorts descending on a second click');
  check(await page.getAttribute('#event-table th:nth-child(1)', 'aria-sort') === 'descending', 'the header shows the sort');

  await page.click('#chart rect.bar >> nth=0', { force: true });
  rows = await visible();
  const from = await page.inputValue('#f-from');
  check(from !== '' && rows.length > 0 && rows.every((r) => r.end >= from), `a timeline bar filters the table (from ${from})`);
  await page.click('#f-reset');

  const trigger = page.locator('a.trg', { hasText: 'arrive' }).first();
  const href = await trigger.getAttribute('href');
  await trigger.click();
  check(await page.evaluate((id) => document.querySelector(':target')?.id === id, href.slice(1)), `a trigger links to its row ${href}`);

  // The screenshot: the page as it opens (the table in document order, the visit on top).
  await page.goto(pathToFileURL(resolve(report)).href, { waitUntil: 'load' });
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.waitForFunction(() => window.scrollY === 0);
  await page.screenshot({ path: shot });
  console.log(`html_check: screenshot ${shot}`);
} finally {
  await browser.close();
}
if (problems.length) {
  console.error('html_check: FAIL:\n  ' + problems.join('\n  '));
  process.exit(1);
}
