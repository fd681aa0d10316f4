// The plugin in a real WordPress (scripts/test-wordpress.sh starts it and
// names its posts in WP_POSTS): the shortcode and the block render the
// widget to the contact form, the loader is only on pages with the widget,
// the settings page's defaults apply, hostile values stay inert text, and
// the block shows its sidebar and preview in the editor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, widget, reachResult, ROOT } from '../e2e/helpers.mjs';

const WP = process.env.WP_URL;
const POSTS = JSON.parse(readFileSync(process.env.WP_POSTS, 'utf8'));
const LOADER = /\/wp-content\/plugins\/program-fit-screener\/assets\/program-fit-screener\.js/;
let browser;
/** The admin's cookies, from one sign-in (`before`): every admin context starts with them. */
let signedIn;
before(async () => {
  browser = await launch();
  const context = await browser.newContext();
  await login(await context.newPage());
  signedIn = await context.storageState();
  await context.close();
});

/** A browser context signed in as the admin. */
const asAdmin = (options = {}) => browser.newContext({ ...options, storageState: signedIn });

/** Signs in on wp-login.php; done once WordPress has set its cookie and sent the browser to wp-admin. */
async function login(page) {
  await page.goto(`${WP}/wp-login.php`);
  await page.getByLabel('Username or Email Address').fill(POSTS.admin.user);
  await page.getByLabel('Password', { exact: true }).fill(POSTS.admin.password);
  await page.getByRole('button', { name: 'Log In' }).click();
  await page.waitForURL(/\/wp-admin\//, { waitUntil: 'domcontentloaded' });
}
after(async () => { await browser?.close(); });

/** A screenshot for the docs, only when PFS_SCREENSHOTS=1 (the suite leaves the checkout as it was). */
async function shot(page, name) {
  if (process.env.PFS_SCREENSHOTS) await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', name) });
}

async function reachForm(page) {
  await reachResult(page);
  await widget(page).getByRole('textbox', { name: 'Your name' }).waitFor();
}

test('a post with the shortcode shows the widget through to the contact form', async () => {
  const page = await open(browser, POSTS.shortcode.url);
  const el = widget(page);
  assert.equal(await el.getAttribute('phone'), '833-846-5669');
  assert.equal(await el.getAttribute('center-name'), 'Test Center');
  assert.equal(await el.getAttribute('style'), '--pfs-accent:#5a1478');
  assert.equal(await el.getAttribute('datalayer'), '');
  assert.equal(await el.locator('a[slot="phone"]').getAttribute('href'), 'tel:+18338465669');
  assert.equal(await el.getAttribute('submit-url'), '/leads');
  await reachForm(page);
  await el.getByRole('link', { name: 'Call 833-846-5669' }).first().waitFor();
  await shot(page, 'wordpress-post.png');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a page with the block reaches the contact form when the settings give a submit URL', async () => {
  await setDefaults({ submit_url: '/leads' });
  const page = await open(browser, POSTS.block.url);
  assert.equal(await widget(page).getAttribute('submit-url'), '/leads');
  await reachForm(page);
  await page.context().close();
});

test('the loader is on pages with the widget only, once', async () => {
  const page = await open(browser, POSTS.plain.url);
  await page.waitForLoadState('load');
  assert.equal(page.requests.filter((r) => LOADER.test(r.url)).length, 0);
  await page.goto(POSTS.block.url);
  await page.waitForLoadState('load');
  assert.equal(await page.locator('script[src*="program-fit-screener.js"]').count(), 1);
  await page.context().close();
});

/** Saves site-wide defaults through the settings page, as the admin. */
async function setDefaults(values) {
  const context = await asAdmin();
  const page = await context.newPage();
  await page.goto(`${WP}/wp-admin/options-general.php?page=program-fit-screener`);
  for (const [key, value] of Object.entries(values)) {
    const input = page.locator(`#pfs_${key}`);
    if (await input.evaluate((e) => e.tagName) === 'SELECT') await input.selectOption(value); else await input.fill(value);
  }
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await page.getByText('Settings saved.').waitFor();
  await context.close();
}

test("the settings page's defaults apply to a shortcode without them, and a refused value is reported", async () => {
  await setDefaults({ phone: '(555) 201-0199', lang: 'es' });
  const page = await open(browser, POSTS.defaults.url);
  assert.equal(await widget(page).getAttribute('phone'), '(555) 201-0199');
  assert.equal(await widget(page).getAttribute('lang'), 'es');
  await page.context().close();
  // A phone the widget would refuse is not saved, and the admin is told.
  const context = await asAdmin();
  const admin = await context.newPage();
  await admin.goto(`${WP}/wp-admin/options-general.php?page=program-fit-screener`);
  await admin.locator('#pfs_phone').fill('call us');
  await admin.getByRole('button', { name: 'Save Changes' }).click();
  await admin.getByText('Phone was not saved').waitFor();
  await admin.reload();
  assert.equal(await admin.locator('#pfs_phone').inputValue(), '(555) 201-0199');
  await context.close();
  await setDefaults({ lang: 'en' }); // the tests after this one expect the English widget
});

test('hostile shortcode values stay inert: no script, no extra attribute', async () => {
  await setDefaults({ phone: '(555) 201-0199', lang: 'en', submit_url: '/leads' });
  const page = await open(browser, POSTS.hostile.url);
  await page.waitForLoadState('load');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  const attrs = await widget(page).first().evaluate((e) => Object.fromEntries([...e.attributes].map((a) => [a.name, a.value])));
  assert.equal(attrs['center-name'], '" onmouseover="window.pwned=2');
  // Refused values fall back to the site's defaults (phone, lang and submit-url, saved above) or are left out.
  assert.deepEqual(Object.keys(attrs).sort(), ['center-name', 'lang', 'phone', 'submit-url']);
  assert.equal(attrs.phone, '(555) 201-0199');
  assert.equal(attrs.lang, 'en');
  // The second shortcode's phone holds a <script>: it never runs, and no element holds one.
  assert.equal(await page.locator('program-fit-screener script').count(), 0);
  for (const el of await widget(page).all()) {
    const names = await el.evaluate((e) => [...e.attributes].map((a) => a.name));
    assert.ok(names.every((n) => ['phone', 'center-name', 'lang', 'submit-url'].includes(n)), names.join(' '));
  }
  await page.context().close();
});

test('the block in the editor shows its sidebar settings and the live widget', async () => {
  const context = await asAdmin({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${WP}/wp-admin/post.php?post=${POSTS.block.id}&action=edit`);
  const close = page.getByRole('button', { name: 'Close', exact: true });
  const block = page.locator('[data-type="program-fit-screener/screener"]');
  await block.waitFor();
  if (await close.isVisible()) await close.click();
  await page.evaluate(() => {
    const b = wp.data.select('core/block-editor').getBlocks().find((x) => x.name === 'program-fit-screener/screener');
    wp.data.dispatch('core/block-editor').selectBlock(b.clientId);
    wp.data.dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
  });
  const phone = page.getByRole('textbox', { name: 'Phone', exact: true });
  await phone.waitFor();
  assert.equal(await phone.inputValue(), '833-846-5669');
  await block.locator('program-fit-screener').getByRole('button', { name: 'Start' }).waitFor({ timeout: 20_000 });
  await block.scrollIntoViewIfNeeded();
  await shot(page, 'wordpress-editor.png');
  await context.close();
});
