// core/extras.js: what only some pages use, fetched by the loader
// (program-fit-screener.js) only for a page that uses it, so no other
// visitor downloads it: the dataLayer pushes of the datalayer attribute
// and the contrast warning for a custom --pfs-accent or --pfs-accent-text.
// It knows nothing of the wasm; a failure to load it costs only these
// extras, never the widget.

const TAG = 'program-fit-screener';

// The milestones every visitor passes, pushed to a tag manager's dataLayer
// (its value may name another array) as { event: 'pfs_start' } and so on:
// never a detail. Each element is listened to once, however often it
// starts.
const pushing = new WeakSet();
export const datalayer = (el) => {
  if (pushing.has(el)) return;
  pushing.add(el);
  for (const m of ['start', 'result', 'form', 'submit', 'call']) {
    el.addEventListener(`pfs-${m}`, () => {
      const name = el.getAttribute('datalayer');
      const layer = name === null ? 0 : (window[/^[A-Za-z_$][\w$]*$/.test(name) ? name : 'dataLayer'] ??= []);
      if (Array.isArray(layer)) layer.push({ event: `pfs_${m}` });
    });
  }
};

// WCAG contrast of two computed "rgb(r, g, b)" colours.
const luminance = (rgb) => {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const ratio = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

// Warns the marketer when a custom accent makes button text hard to read.
// Yew may finish the first render in a later task (it yields every 16 ms),
// so the button is looked for in each frame for a second, while the
// element is in the page (a removed one is let go at once).
export const contrast = (el, root, frames = 60) => requestAnimationFrame(() => {
  const button = root.querySelector('.pfs-primary');
  if (!button) return frames && el.isConnected && contrast(el, root, frames - 1);
  const s = getComputedStyle(button);
  const found = ratio(s.color, s.backgroundColor);
  if (found < 4.5) {
    console.warn(`${TAG}: the button text has a contrast of ${found.toFixed(2)}:1 on --pfs-accent; WCAG needs 4.5:1. Set --pfs-accent-text or a darker --pfs-accent.`, el);
  }
});
