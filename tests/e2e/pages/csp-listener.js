// Loaded from 'self' by csp.html (a strict CSP allows no inline script):
// records every Content-Security-Policy violation on the page, including
// those inside the widget's shadow root (the event is composed).
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push({
    directive: e.effectiveDirective || e.violatedDirective,
    blocked: e.blockedURI,
    source: e.sourceFile,
    line: e.lineNumber,
    sample: e.sample,
  });
}, true);
