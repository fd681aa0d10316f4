// Inserts the loader from the origin given as ?widget=, as a module script.
// Under Trusted Types, a script URL must come from a policy: this page's own
// policy ("csp-cdn-page", allowed by the test's CSP) vouches for it. The
// widget itself needs no policy.
const origin = new URL(new URLSearchParams(location.search).get('widget'));
const policy = trustedTypes.createPolicy('csp-cdn-page', {
  createScriptURL: (url) => {
    if (new URL(url).origin !== origin.origin) throw new Error(`not the widget's origin: ${url}`);
    return url;
  },
});
const script = document.createElement('script');
script.type = 'module';
script.src = policy.createScriptURL(new URL('/program-fit-screener.js', origin).href);
document.head.append(script);
