// A stand-in for a call-tracking script (CallRail's swap.js, CallTrackingMetrics,
// Invoca), behaving as their documentation describes dynamic number
// insertion: it replaces a number wherever it appears in the page's light
// DOM, in text (in any of the usual formats) and in tel: links, found with
// a TreeWalker and querySelectorAll (neither enters a shadow root), once
// when the page has loaded and again whenever it is called later.
// StandInSwap.swap(fromDigits, toText): every number whose digits are
// `fromDigits` (with or without a leading +1) becomes `toText`, and every
// tel: link to it dials `toText`'s digits.
(() => {
  const digits = (s) => s.replace(/\D/g, '');
  const pattern = (from) => new RegExp(`(?<!\\d)(\\+?1[\\s.-]?)?\\(?${[...from].join('[\\s().-]{0,2}')}(?!\\d)`, 'g');
  const swap = (from, to) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement?.closest('script, style')) continue;
      const swapped = n.data.replace(pattern(from), to);
      if (swapped !== n.data) n.data = swapped;
    }
    for (const a of document.querySelectorAll('a[href^="tel:"]')) {
      const d = digits(a.getAttribute('href')).replace(/^1(?=\d{10}$)/, '');
      if (d === from) a.setAttribute('href', `tel:${digits(to).length === 10 ? '+1' : ''}${digits(to)}`);
    }
  };
  window.StandInSwap = { swap };
  // What the tracking account is set up to swap at load: the center's
  // number, and (a tracker set up too broadly) the crisis lines.
  const atLoad = () => {
    swap('8338465669', '555-201-0199');
    swap('988', '555-010-0988');
    swap('911', '555-010-0911');
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', atLoad);
  else atLoad();
})();
