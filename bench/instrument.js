// In-page instrumentation, injected by run.mjs before any page script runs
// (context.addInitScript). It is the same for the widget and the baseline.
// All times are performance.now() values: milliseconds since navigation start
// (the document's time origin). Event times are event.timeStamp, on the same clock.
//
// - Every long task, long animation frame and layout shift is recorded by PerformanceObservers
//   registered at document start (buffered as well, in case).
// - Every click is recorded by a capturing listener on window (its
//   event.timeStamp is when the browser received the input, so time spent
//   waiting for a busy main thread counts).
// - attachShadow is wrapped so that the shadow root of <program-fit-screener>
//   gets a MutationObserver as soon as it exists. On every mutation it checks:
//   * "Start ready": a button named Start that is rendered (has a box, is
//     visible, not disabled), checked and timed in the next frame callback;
//   * a new screen: the h2 heading's text changed and the screen is complete
//     (a question form has its inputs and its submit button). It records
//     `mo` (the DOM has changed) and, in the next requestAnimationFrame after
//     forcing style and layout, `frame`: the first frame that renders it.
// - A page without the element (SurveyJS, bench/surveyjs/) marks its
//   container `data-bench-root` instead: it is observed the same way from
//   DOMContentLoaded, its heading is the element `data-bench-heading`
//   names (else h2), its buttons may be <input type="button">, and a screen
//   is complete once it has its Continue button.
// - It scrolls the element into view at DOMContentLoaded, as if the visitor
//   had followed a link to it, so that a shift the widget causes on the host
//   page happens inside the viewport and counts towards CLS.
(() => {
  const TAG = 'program-fit-screener';
  const now = () => performance.now();
  const B = (window.__bench = {
    longtasks: [], frames: [], shifts: [], clicks: [], screens: [], startReady: null, errors: [], root: null, current: null,
  });
  const waiters = new Set();
  const notify = () => { for (const w of waiters) w(); };

  const observe = (type, fn) => {
    try {
      new PerformanceObserver((list) => { for (const e of list.getEntries()) fn(e); }).observe({ type, buffered: true });
    } catch (e) { B.errors.push(`${type}: ${e}`); }
  };
  observe('longtask', (e) => B.longtasks.push({ start: e.startTime, duration: e.duration }));
  // Long animation frames say whose script ran in a long task: run.mjs uses
  // them to tell the widget's blocking time from the host page's own.
  observe('long-animation-frame', (e) => B.frames.push({
    start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
    scripts: e.scripts.map((s) => ({ url: s.sourceURL, start: s.startTime, duration: s.duration, invoker: s.invoker })),
  }));
  observe('layout-shift', (e) => B.shifts.push({ start: e.startTime, value: e.value, hadRecentInput: e.hadRecentInput }));

  addEventListener('click', (e) => {
    const t = e.composedPath()[0];
    const what = (t.labels?.[0] ?? t).textContent?.trim().slice(0, 60) ?? '';
    B.clicks.push({ t: e.timeStamp, at: now(), what });
  }, true);

  const buttonNamed = (name) => [...(B.root?.querySelectorAll('button, input[type="button"], input[type="submit"]') ?? [])]
    .find((b) => (b.localName === 'input' ? b.value : b.textContent).trim() === name);
  let headingSelector = 'h2';
  let light = false;
  const rendered = (el) => {
    const r = el.getBoundingClientRect();
    return el.isConnected && !el.disabled && r.width > 0 && r.height > 0 && (el.checkVisibility?.() ?? true);
  };
  const complete = (root) => {
    if (light) return Boolean(buttonNamed('Continue'));
    const form = root.querySelector('form');
    return !form || (form.querySelector('input') && form.querySelector('button[type="submit"]'));
  };

  // The MutationObserver callback only notes the time and schedules a frame
  // callback: it never forces style or layout itself, so it does not move
  // rendering work into the page's own tasks (that would lengthen its long
  // tasks). In the requestAnimationFrame callback, which runs inside the
  // rendering task just before that frame's own style and layout, it forces
  // them and takes the time.
  let startPending = false;
  function check() {
    const root = B.root;
    const mo = now();
    if (!B.startReady && !startPending && buttonNamed('Start')) {
      startPending = true;
      const frame = () => {
        const b = buttonNamed('Start');
        if (b && rendered(b)) { B.startReady = { mo, frame: now() }; notify(); }
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    }
    const h = root.querySelector(headingSelector);
    const text = h?.textContent.trim();
    if (text && text !== B.current && complete(root)) {
      B.current = text;
      const click = B.clicks.at(-1);
      const rec = { text, mo, frame: null, click: click?.t ?? null, clickWhat: click?.what ?? null };
      B.screens.push(rec);
      requestAnimationFrame(() => { h.getBoundingClientRect(); rec.frame = now(); notify(); });
    }
    notify();
  }

  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (this.localName === TAG && !B.root) {
      B.root = root;
      new MutationObserver(check).observe(root, { childList: true, subtree: true, characterData: true });
      check();
    }
    return root;
  };

  // A container in the light DOM (a library that renders into the page).
  document.addEventListener('DOMContentLoaded', () => {
    const root = document.querySelector('[data-bench-root]');
    if (!root || B.root) return;
    B.root = root;
    light = true;
    headingSelector = root.dataset.benchHeading || 'h2';
    new MutationObserver(check).observe(root, { childList: true, subtree: true, characterData: true });
    check();
  });

  // In a frame callback, not in the DOMContentLoaded task, for the same reason.
  document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => {
    document.querySelector(`${TAG}, [data-bench-root]`)?.scrollIntoView({ block: 'start', behavior: 'instant' });
  }));

  // ---- helpers called by run.mjs through CDP Runtime.evaluate ----

  /** Resolves when pred() holds (checked on every mutation and frame, and every 50 ms). */
  B.wait = (pred, timeout = 60000) => new Promise((resolve, reject) => {
    const t0 = now();
    const tick = () => {
      let ok = false;
      try { ok = pred(); } catch { /* not yet */ }
      if (ok) { waiters.delete(tick); clearInterval(iv); resolve(true); }
      else if (now() - t0 > timeout) { waiters.delete(tick); clearInterval(iv); reject(new Error(`timed out waiting for ${pred}`)); }
    };
    const iv = setInterval(tick, 50);
    waiters.add(tick);
    tick();
  });

  /** Waits until the screen headed `text` has been recorded and its frame has run. */
  B.waitScreen = (text, timeout) => B.wait(() => B.screens.some((s) => s.text === text && s.frame != null), timeout);

  /** The viewport centre of a button (by name) or an option input (by its label), scrolled into view. */
  B.target = (kind, name) => {
    let el;
    if (kind === 'button') el = buttonNamed(name);
    else {
      const label = [...B.root.querySelectorAll('label')].find((l) => l.textContent.trim() === name);
      el = label?.control;
      // A visually hidden input (SurveyJS's) is clicked through its label.
      if (el && label.contains(el) && el.getBoundingClientRect().width < 4) el = label;
    }
    if (!el) return null;
    el.scrollIntoView({ block: 'center', behavior: 'instant' });
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, checked: el.checked ?? null };
  };

  B.isChecked = (name) => [...B.root.querySelectorAll('label')].find((l) => l.textContent.trim() === name)?.control?.checked === true;

  /** Two frames, then `ms` of idle time: lets deferred work finish, as a person's pause would. */
  B.settle = (ms) => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, ms))));

  B.report = () => ({
    startReady: B.startReady,
    screens: B.screens,
    clicks: B.clicks,
    longtasks: B.longtasks,
    frames: B.frames,
    shifts: B.shifts,
    errors: B.errors,
    resources: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => ({
      url: e.name, type: e.initiatorType, start: e.startTime, responseEnd: e.responseEnd,
      transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
      contentEncoding: e.contentEncoding ?? null,
    })),
  });
})();
