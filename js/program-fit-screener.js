// program-fit-screener.js: the one file a page includes. It defines the
// <program-fit-screener> element, gives each element an open shadow root,
// loads the wasm core once per page (relative to this file's own URL) and
// mounts one independent widget per element. If anything fails, the element
// still shows a short message and the call link (fail-open).
const TAG = 'program-fit-screener';
const BASE = import.meta.url;
let core;

function loadCore() {
  core ??= import(new URL('./core/program-fit-screener.js', BASE).href).then(async (m) => {
    await m.default({ module_or_path: new URL('./core/program-fit-screener_bg.wasm', BASE) });
    return m;
  });
  return core;
}

const PHONE = /^\+?[0-9 ().-]{7,20}$/;

class ProgramFitScreener extends HTMLElement {
  #mounted = null;
  #loading = null;

  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    if (this.#mounted || this.#loading) return;
    this.#loading = loadCore()
      .then((m) => {
        if (!this.isConnected || this.#mounted) return;
        this.#mounted = m.mount(this, root);
      })
      .catch((error) => this.#failOpen(root, error))
      .finally(() => { this.#loading = null; });
  }

  disconnectedCallback() {
    if (this.#mounted) {
      this.#mounted.unmount();
      this.#mounted.free();
      this.#mounted = null;
    }
    this.shadowRoot?.replaceChildren();
  }

  #failOpen(root, error) {
    console.error(`${TAG}: the widget could not start, showing the call link instead.`, error);
    this.dispatchEvent(new CustomEvent('pfs-error', { bubbles: true, composed: true, detail: { reason: 'load' } }));
    const box = document.createElement('p');
    box.textContent = 'The questionnaire could not load. You can still reach our team.';
    const phone = (this.getAttribute('phone') || '').trim();
    root.replaceChildren(box);
    if (PHONE.test(phone)) {
      const link = document.createElement('a');
      link.href = `tel:${phone.replace(/[^0-9+]/g, '')}`;
      link.textContent = `Call ${phone}`;
      root.append(link);
    }
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, ProgramFitScreener);
