// Sets the colour theme on <html> before the first paint, so a dark-theme user never sees a
// flash of the light one. A classic script (not a module) in <head>, because modules run after
// parsing; a file rather than inline code, because the CSP allows only the app's own scripts.
// web/lib/theme.ts owns the choice after start-up and uses the same key and attributes.
(function () {
  var KEY = 'greenroom.theme';
  var root = document.documentElement;
  var dark = window.matchMedia('(prefers-color-scheme: dark)');
  function preference() {
    try {
      var value = window.localStorage.getItem(KEY);
      return value === 'light' || value === 'dark' ? value : 'system';
    } catch (e) {
      return 'system';
    }
  }
  function apply() {
    var chosen = preference();
    root.setAttribute('data-theme', chosen === 'system' ? (dark.matches ? 'dark' : 'light') : chosen);
  }
  apply();
  // Following the OS while on "system" (and other tabs' choices, through the storage event).
  dark.addEventListener('change', apply);
  window.addEventListener('storage', function (event) {
    if (event.key === KEY) apply();
  });
})();
