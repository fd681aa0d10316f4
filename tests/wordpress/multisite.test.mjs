// The plugin in a multisite network (scripts/test-wordpress.sh converts a
// second test WordPress into one, with a subdirectory site at /second/, and
// names their posts in WP_MS_SITES): network-activated, the shortcode
// renders the widget on the main site and on the subdirectory site, which
// loads the plugin's files through its own address, and each site's
// settings are its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, widget } from '../e2e/helpers.mjs';

const SITES = JSON.parse(readFileSync(process.env.WP_MS_SITES, 'utf8'));
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [site, phone] of [['main', '833-846-5669'], ['second', '(555) 201-0188']]) {
  test(`network-activated, the ${site} site's post shows the widget with that site's own phone default`, async () => {
    const page = await open(browser, SITES[site].url);
    const el = widget(page);
    assert.equal(await el.getAttribute('phone'), phone);
    await el.getByRole('button', { name: 'Start' }).waitFor();
    await el.getByRole('link', { name: `Call ${phone}` }).waitFor();
    if (site === 'second') {
      const loader = await page.locator('script[src*="program-fit-screener.js"]').getAttribute('src');
      assert.match(loader, /\/second\/wp-content\/plugins\/program-fit-screener\/assets\/program-fit-screener\.js/, 'the subdirectory site loads the plugin through its own address');
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}
