// Filtering and sorting of the alerts. Allowed by the page's Content-Security-Policy through
// its sha256 (computed by report/html.py from this exact text); it makes no request.
(function () {
  "use strict";
  var list = document.getElementById("alert-list");
  var form = document.getElementById("controls");
  if (!list || !form) {
    return;
  }
  var cards = Array.prototype.slice.call(list.querySelectorAll("article.alert-card"));
  var shown = document.getElementById("shown");
  var field = function (name) { return form.elements.namedItem(name); };
  var compare = {
    line: function (a, b) { return a.dataset.order - b.dataset.order; },
    score: function (a, b) {
      var x = a.dataset.score === "" ? -1 : parseFloat(a.dataset.score);
      var y = b.dataset.score === "" ? -1 : parseFloat(b.dataset.score);
      return y - x || a.dataset.order - b.dataset.order;
    },
    name: function (a, b) {
      return a.dataset.name.localeCompare(b.dataset.name) || a.dataset.order - b.dataset.order;
    },
    regime: function (a, b) {
      return a.dataset.regime.localeCompare(b.dataset.regime) || compare.score(a, b);
    }
  };
  function update() {
    var state = field("state").value;
    var flag = field("flag").value;
    var regime = field("regime").value;
    var words = field("q").value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    cards.slice().sort(compare[field("sort").value] || compare.line).forEach(function (card) {
      var data = card.dataset;
      var text = card.textContent.toLowerCase();
      var keep = (!state || data.state === state) &&
        (!flag || (" " + data.flags + " ").indexOf(" " + flag + " ") >= 0) &&
        (!regime || data.regime === regime) &&
        words.every(function (word) { return text.indexOf(word) >= 0; });
      card.hidden = !keep;
      count += keep ? 1 : 0;
      list.appendChild(card);
    });
    shown.textContent = count + " of " + cards.length + " alerts shown";
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  form.hidden = false;
  update();
  document.documentElement.setAttribute("data-ready", "1");
})();
