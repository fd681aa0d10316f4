// What a host page's own script can see of the widget without opening its
// shadow root, recorded in order with no timestamps: every event whose name
// starts with "pfs-" (any name: dispatchEvent is watched), with its detail
// and flags as a listener on document receives it; every change to the
// page's DOM outside the shadow root (the element's attributes included);
// focus entering or leaving the widget; the title and the address; the
// files the page fetched, as the Resource Timing API lists them; what was
// pushed to Google Tag Manager's dataLayer (the pages opt in). Read by
// tests/e2e/observable.test.mjs from window.__seen.
(() => {
  const seen = [];
  Object.defineProperty(window, '__seen', { value: seen });
  const name = (n) => (n ? n.localName ?? n.nodeName ?? String(n) : null);
  const page = () => `${document.title} | ${location.href} | history ${history.length}`;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const heard = new Set();
  EventTarget.prototype.dispatchEvent = function (event) {
    if (event.type.startsWith('pfs-') && !heard.has(event.type)) {
      heard.add(event.type);
      document.addEventListener(event.type, (e) => seen.push({
        event: e.type, target: name(e.target), detail: JSON.stringify(e.detail), bubbles: e.bubbles, composed: e.composed,
        custom: e instanceof CustomEvent, page: page(),
      }));
    }
    return dispatch.call(this, event);
  };
  for (const type of ['focusin', 'focusout']) {
    document.addEventListener(type, (e) => seen.push({ focus: type, target: name(e.target), related: name(e.relatedTarget), active: name(document.activeElement) }));
  }
  new MutationObserver((records) => {
    for (const r of records) {
      seen.push({ mutation: r.type, target: name(r.target), attribute: r.attributeName, value: r.attributeName ? r.target.getAttribute(r.attributeName) : null,
        added: [...r.addedNodes].map(name), removed: [...r.removedNodes].map(name) });
    }
  }).observe(document, { subtree: true, attributes: true, childList: true, characterData: true });
  window.addEventListener('hashchange', () => seen.push({ hashchange: location.href }));
  window.addEventListener('popstate', () => seen.push({ popstate: location.href }));
  // Which files were fetched (a part fetched only on some answers would tell).
  window.__page = () => `${page()} | fetched ${[...new Set(performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname))].sort().join(' ')}`
    + ` | dataLayer ${JSON.stringify(window.dataLayer ?? null)}`;
})();
