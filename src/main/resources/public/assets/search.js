// The search page works without this script; with it, filters and sorting apply at once and the
// search box suggests titles and themes as you type (from /api/suggest).
(function () {
  var form = document.getElementById('search');
  if (!form) return;
  var lang = form.getAttribute('data-lang') || 'en';
  // On a phone the filters fold away, so that the first results are in the first screen.
  var filters = document.getElementById('filters');
  if (filters && window.matchMedia('(max-width: 50rem)').matches) filters.removeAttribute('open');
  form.addEventListener('change', function (e) {
    if (e.target.matches('input[type=checkbox], select')) form.submit();
  });
  var input = document.getElementById('q');
  var list = document.getElementById('suggestions');
  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) return;
    timer = setTimeout(function () {
      fetch('/api/suggest?size=8&lang=' + encodeURIComponent(lang) + '&q=' + encodeURIComponent(text))
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          list.replaceChildren();
          data.suggestions.forEach(function (s) {
            var option = document.createElement('option');
            option.value = s.label;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are a convenience */ });
    }, 150);
  });
})();
