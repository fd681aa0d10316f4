// Takes the README screenshots from the built demo: the first question, the
// crisis screen and the result with the form. Run after a release build:
//   node scripts/screenshots.mjs
import { launch, serve, open, widget, heading, answer, reachResult } from '../tests/e2e/helpers.mjs';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
const browser = await launch();
const server = await serve();
const shot = async (page, name) => widget(page).screenshot({ path: `${out}${name}.png` });
try {
  let page = await open(browser, server.url, { viewport: { width: 760, height: 900 } });
  await widget(page).getByRole('button', { name: 'Start' }).click();
  await heading(page).filter({ hasText: 'Who are you looking for help for?' }).waitFor();
  await shot(page, 'question');
  await answer(page, 'Myself', ['Alcohol'], 'Yes');
  await shot(page, 'crisis');
  page = await open(browser, server.url, { viewport: { width: 760, height: 900 } });
  await reachResult(page);
  await shot(page, 'result');
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.close();
}
