// Benchmark baseline: the practical lower bound for the widget's first three
// questions. Plain DOM, no framework, no build step. It defines the same
// element name as the widget, renders into an open shadow root, adopts its
// stylesheet (a CSS module script), and shows one screen per step, the
// widget's screens: a form with "Question N of M", a fieldset per question
// whose legend is the heading (the first) or a subtitle (the rest: the third
// screen asks the four ASQ questions together, as the widget does), real
// radio buttons or checkboxes with labels, Continue (submit) and Back. Focus
// moves to each new step's heading and a polite live region announces the
// progress.
import sheet from './baseline.css' with { type: 'css' };

// The questions of the first three screens of screeners/program-fit.json, as they read there.
const QUESTIONS = [
  { id: 'who', multi: false, text: 'Who are you looking for help for?', options: [
    ['self', 'Myself (I am 18 or older)'], ['self_minor', 'Myself, and I am under 18'],
    ['adult', 'An adult I care about (18 or older)'], ['teen', 'A young person under 18 (my child or a teen I care about)'],
  ] },
  { id: 'substances', multi: true, text: 'Which substances are involved?', hint: 'Choose all that apply.', options: [
    ['alcohol', 'Alcohol'],
    ['opioids', 'Opioids (fentanyl, heroin, or pain pills such as oxycodone)'],
    ['benzos', 'Benzodiazepines or sleeping pills (Xanax, Klonopin, Valium, Ativan, Ambien), prescribed or not'],
    ['stimulants', 'Stimulants (meth, cocaine, or Adderall not taken as prescribed)'],
    ['cannabis', 'Cannabis'],
    ['other', 'Something else'],
  ] },
  { id: 'asq_wish', multi: false, text: 'In the past few weeks, have you wished you were dead?',
    hint: 'These four questions are the NIMH Ask Suicide-Screening Questions (ASQ). If you are not sure, choose “Not sure”.', options: [
      ['yes', 'Yes'], ['no', 'No'], ['unsure', 'Not sure'],
    ] },
  ...[
    ['asq_better_off', 'In the past few weeks, have you felt that you or your family would be better off if you were dead?'],
    ['asq_thoughts', 'In the past week, have you been having thoughts about killing yourself?'],
    ['asq_tried', 'Have you ever tried to kill yourself?'],
  ].map(([id, text]) => ({ id, multi: false, text, options: [['yes', 'Yes'], ['no', 'No'], ['unsure', 'Not sure']] })),
];
// The screens: the questions each shows (the ASQ's four share one, `same_screen` in the config).
const SCREENS = [[0], [1], [2, 3, 4, 5]];

/** A tiny element builder: h('p', { class: 'x' }, 'text', child). */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === false || v == null) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'checked') el.checked = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children);
  return el;
}

class FitScreenerBaseline extends HTMLElement {
  #root; #card; #live;
  #step = -1; // -1 intro, 0..2 a screen of questions, 3 the end
  #answers = QUESTIONS.map(() => new Set());

  connectedCallback() {
    if (this.#root) return;
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [sheet];
    this.#live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    this.#card = h('section', { class: 'card', 'aria-label': 'Which program may fit?' }, this.#live);
    this.#root.append(this.#card);
    this.#show(-1, false);
  }

  #show(step, focus = true, missing = false) {
    this.#step = step;
    const view = step < 0 ? this.#intro() : step < SCREENS.length ? this.#screen(step, missing) : this.#end();
    this.#card.replaceChildren(this.#live, view);
    this.#live.textContent = step >= 0 && step < SCREENS.length ? this.#progress(step) : '';
    // Never steal focus from the host page on first render.
    if (focus) view.querySelector('h2').focus();
  }

  #progress(i) { return `Question ${i + 1} of ${SCREENS.length}`; }

  #intro() {
    return h('div', null,
      h('h2', { tabindex: '-1' }, 'Which program may fit?'),
      h('p', { class: 'lead' }, 'A few questions to see which program may fit — about 2 minutes; your answers stay on this device.'),
      h('button', { type: 'button', class: 'primary', onclick: () => this.#show(0) }, 'Start'));
  }

  #screen(i, missing) {
    const questions = SCREENS[i];
    return h('form', {
      novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        if (questions.some((q) => this.#answers[q].size === 0)) return this.#show(i, true, true);
        this.#show(i + 1);
      },
    },
      h('p', { class: 'progress' }, this.#progress(i)),
      ...questions.map((q, at) => this.#fieldset(q, at === 0, missing && this.#answers[q].size === 0)),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, 'Continue'),
        h('button', { type: 'button', onclick: () => this.#show(i - 1) }, 'Back')));
  }

  #fieldset(i, heading, missing) {
    const q = QUESTIONS[i];
    const chosen = this.#answers[i];
    const described = [q.hint && `${q.id}-hint`, missing && `${q.id}-error`].filter(Boolean).join(' ');
    const options = q.options.map(([id, label]) => h('div', { class: 'option' },
      h('input', {
        type: q.multi ? 'checkbox' : 'radio', id: `${q.id}-${id}`, name: q.id, value: id, checked: chosen.has(id),
        onchange: (e) => {
          if (!q.multi) chosen.clear();
          if (e.target.checked) chosen.add(id); else chosen.delete(id);
        },
      }),
      h('label', { for: `${q.id}-${id}` }, label)));
    return h('fieldset', { 'aria-describedby': described || null },
      h('legend', null, heading ? h('h2', { tabindex: '-1' }, q.text) : h('span', { class: 'subtitle' }, q.text)),
      q.hint ? h('p', { class: 'hint', id: `${q.id}-hint` }, q.hint) : '',
      missing ? h('p', { class: 'error', id: `${q.id}-error` },
        h('span', { class: 'visually-hidden' }, 'Error: '),
        q.multi ? 'Choose at least one answer to continue' : 'Choose an answer to continue') : '',
      h('div', { class: 'options' }, ...options));
  }

  #end() {
    const risk = SCREENS[2].some((q) => ['yes', 'unsure'].some((a) => this.#answers[q].has(a)));
    return h('div', null,
      h('h2', { tabindex: '-1' }, 'Those were the first three screens'),
      risk ? h('p', null, 'Please call or text 988 now to talk with someone. In an emergency, call 911.') : '',
      h('p', null, 'This benchmark baseline stops here.'),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => this.#show(SCREENS.length - 1) }, 'Back')));
  }
}

if (!customElements.get('program-fit-screener')) customElements.define('program-fit-screener', FitScreenerBaseline);
