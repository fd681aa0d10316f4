// program-fit-screener.js: the one file a page includes, as a module or as a
// classic script, async, deferred, late, or twice by mistake. It defines the
// <program-fit-screener> element, gives each element an open shadow root
// that reserves its space at once, loads the wasm core once per page when
// the first element nears the viewport (or at once with loading="eager"),
// and mounts one independent widget per element. If loading fails, the
// element still shows a short message and the call link (fail-open).
// It keeps each widget in step with its light-DOM phone number (which
// call-tracking scripts swap), reads where the visit came from (for the
// lead only) and, only for a page that uses them, fetches its extras
// (core/extras.js: the dataLayer pushes, the custom accent's check).
(() => {
  const TAG = 'program-fit-screener';
  if (!window.customElements || customElements.get(TAG)) return;

  // Where this file was loaded from: the core is fetched relative to it, so
  // the widget works from a CDN. Found in ways that markup injected into the
  // page (a comment, CMS content) cannot change: the URL the engine gives
  // this very code in a stack trace (import.meta would not parse in a
  // classic script); else the last script of this name that the page really
  // fetched (resource timing: a <script type="text/plain"> is never
  // fetched, a preload or an image is not a script). Not
  // document.currentScript: an <img name="currentScript"> shadows it, and
  // even the real script's .src is resolved against a <base> that markup
  // may add. Never document.baseURI; with nothing found, the widget fails open.
  const D = Document.prototype;
  const BASE = new Error().stack?.match(/(https?:\/\/[^\s()]+?):\d+:\d+/)?.[1]
    ?? performance.getEntriesByType('resource').findLast((e) => e.initiatorType === 'script' && /program-fit-screener\.js([?#]|$)/.test(e.name))?.name;

  // Yields to the browser (input, rendering) between stages of work;
  // scheduler.yield() resumes ahead of other queued tasks and, unlike a
  // chain of setTimeouts, is never clamped to 4 ms.
  const nextTask = () => (globalThis.scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve)));

  let core;
  const loadCore = () => {
    if (!core) {
      // The wasm is fetched alongside the glue, not after it, and compiled
      // while it streams in (instantiateStreaming; served as application/wasm).
      const wasm = fetch(new URL('core/program-fit-screener_bg.wasm', BASE));
      wasm.catch(() => {}); // reported by init below, not as an unhandled rejection
      // The glue imports the loader of the widget's later wasm parts: asked
      // for at the same time, it costs no round trip of its own.
      import(new URL('core/__wasm_split.js', BASE).href).catch(() => {});
      core = import(new URL('core/program-fit-screener.js', BASE).href).then(async (m) => {
        await m.default({ module_or_path: wasm });
        // Instantiating, parsing the widget's styles, reading the config and
        // rendering each get a task of their own (see #start), so none is
        // one long main-thread task.
        await nextTask();
        m.prepare();
        await nextTask();
        return m;
      });
    }
    return core;
  };

  // Space is reserved before the wasm arrives, so nothing below the widget
  // moves when it appears. A constructed stylesheet is allowed by a strict CSP.
  let reserve;
  const reserveSheet = () => {
    if (!reserve) {
      reserve = new CSSStyleSheet();
      reserve.replaceSync(':host{display:block;min-height:var(--pfs-min-height,320px)}:host([hidden]){display:none}');
    }
    return reserve;
  };

  // Where the visit came from, read once as the page loads (before a site's
  // script tidies its address): the address and the referrer (markup like
  // <img name="referrer"> can shadow that property, but only with an
  // element, which is no address and so gives no referrer),
  // then (pfsVisit, below) the host page's own values
  // (attribution="utm_source=…&gclid=…", which win) or nothing at all
  // (attribution="off"). Kept in memory; the contact form's code keeps only
  // the marketers' parameters of it (web::visit) and sends them only
  // inside a lead.
  const LANDED = `${location.href}\n${document.referrer}\n`;

  // What only some pages use, fetched only for them (core/extras.js).
  let extras;
  const extra = (use) => (extras ??= import(new URL('core/extras.js', BASE).href)).then(use, () => {});

  const LOCAL = ['127.0.0.1', 'localhost', '[::1]'];
  const fetchConfig = async (attr) => {
    // Relative to the page's address, not to a <base> that markup may add.
    const url = new URL(attr, location.href);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL.includes(url.hostname))) {
      throw new Error(`config-url must be an https: address, not "${attr}"`);
    }
    // No cookies, no referrer: the request carries nothing about the visitor.
    const response = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!response.ok) throw new Error(`config-url ${url} answered ${response.status}`);
    return response.text();
  };

  const PHONE = /^\+?[0-9 ().-]{7,20}$/;

  class ProgramFitScreener extends HTMLElement {
    static observedAttributes = ['phone', 'submit-url', 'lang', 'center-name', 'email', 'submit-timeout', 'config-url'];
    #mounted = null;
    #started = false;
    #generation = 0;
    #observer = null;
    #prefetch = 0;
    #broken = false;
    // Sees a call-tracking script swap the number in the light-DOM child
    // <a slot="phone">, at load or later.
    #watch = new MutationObserver(() => this.#changed());

    connectedCallback() {
      this.#watch.observe(this, { subtree: true, childList: true, characterData: true, attributeFilter: ['href', 'slot'] });
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      if (!root.adoptedStyleSheets.includes(reserveSheet())) root.adoptedStyleSheets = [reserveSheet(), ...root.adoptedStyleSheets];
      if (this.#mounted || this.#observer) return;
      if (this.getAttribute('loading') === 'eager' || !window.IntersectionObserver) return this.#start(root);
      this.#observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.#stopObserving();
          this.#start(root);
        }
      }, { rootMargin: '400px' });
      this.#observer.observe(this);
    }

    disconnectedCallback() {
      this.#watch.disconnect();
      this.#started = false;
      this.#stopObserving();
      this.#generation += 1;
      this.#unmount();
    }

    attributeChangedCallback(name, before, after) {
      if (before === after) return;
      // A new config-url starts over, also while the first one is loading
      // (#start's generation check drops the older start).
      if (name === 'config-url' && this.#started) {
        this.#unmount();
        this.#start(this.shadowRoot);
      } else {
        this.#changed();
      }
    }

    // The phone number or another setting changed: the widget (or its
    // fail-open view) follows.
    #changed() {
      if (this.#broken) this.#drawBroken(this.shadowRoot);
      else this.#mounted?.update();
    }

    #stopObserving() {
      this.#observer?.disconnect();
      this.#observer = null;
    }

    #unmount() {
      clearTimeout(this.#prefetch);
      if (this.#mounted) {
        this.#mounted.unmount();
        this.#mounted.free();
        this.#mounted = null;
      }
      this.shadowRoot?.replaceChildren();
    }

    async #start(root) {
      this.#started = true;
      // The dataLayer pushes listen before the widget can tell anything.
      if (this.hasAttribute('datalayer')) extra((x) => x.datalayer(this));
      const generation = ++this.#generation;
      const configUrl = this.getAttribute('config-url');
      let m;
      try {
        m = await loadCore();
      } catch (error) {
        return this.#failOpen(root, error);
      }
      let config, configError;
      if (configUrl) {
        try { config = await fetchConfig(configUrl); } catch (error) { configError = String(error.message ?? error); }
      }
      // The element may have been removed or restarted while we waited.
      if (generation !== this.#generation || !this.isConnected) return;
      const mounted = m.mount(this, root, config, configError);
      this.#mounted = mounted;
      // Reading the config's JSON, reading the questionnaire, checking a
      // site's own config, creating the app and its first render: a task
      // apiece, so no one of them is a long main-thread task. The check of
      // a site's config may first wait for its code (`pending`).
      do {
        await (mounted.pending() ?? nextTask());
        if (this.#mounted !== mounted) return; // removed or restarted meanwhile (and freed)
      } while (mounted.step());
      // The wordings after the first screen, once the frame that shows it
      // is drawn (the app renders it after this, in a microtask or a later
      // task): their download and start never hold up the first screen.
      new MutationObserver((_, seen) => {
        seen.disconnect();
        requestAnimationFrame(() => setTimeout(() => this.#mounted === mounted && mounted.prefetch(false)));
      }).observe(root, { childList: true, subtree: true });
      // A custom accent's contrast is checked for the marketer.
      const style = getComputedStyle(this);
      if (/\S/.test(style.getPropertyValue('--pfs-accent') + style.getPropertyValue('--pfs-accent-text'))) extra((x) => x.contrast(this, root));
      // The contact form's code a fixed while later: not during the
      // visitor's first clicks, and its timing says nothing about them.
      // Cleared on removal, so a removed element is not kept alive for it.
      this.#prefetch = setTimeout(() => mounted.prefetch(true), 2000);
    }

    #failOpen(root, error) {
      console.error(`${TAG}: the widget could not load, so only the call link is shown.`, error);
      this.#broken = true;
      this.#drawBroken(root);
      this.dispatchEvent(new CustomEvent('pfs-error', { bubbles: true, composed: true, detail: { reason: 'load' } }));
    }

    // What the wasm asks the loader (web::loader). The number a
    // call-tracking script put in <a slot="phone">: its text, else its tel:
    // address (the wasm checks it strictly, and falls back to the phone
    // attribute, as the fail-open view below does).
    get pfsPhone() {
      const slotted = this.querySelector(':scope > [slot="phone"]');
      return [slotted?.textContent, slotted?.getAttribute('href')?.replace(/^tel:/, '')].map((p) => (p ?? '').trim()).find((p) => PHONE.test(p));
    }

    get pfsVisit() {
      const own = this.getAttribute('attribution') ?? '';
      return own.trim() === 'off' ? '' : LANDED + own;
    }

    #drawBroken(root) {
      const make = (tag) => D.createElement.call(document, tag);
      const box = make('p');
      box.textContent = 'The questionnaire could not load. You can still reach our team.';
      root.replaceChildren(box);
      const phone = [this.pfsPhone, (this.getAttribute('phone') ?? '').trim()].find((p) => p && PHONE.test(p));
      if (phone) {
        const link = make('a');
        link.href = `tel:${phone.replace(/[^0-9+]/g, '')}`;
        link.textContent = `Call ${phone}`;
        root.append(link);
      }
    }
  }

  customElements.define(TAG, ProgramFitScreener);
})();
