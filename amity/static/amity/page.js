/* Small behaviours of ordinary pages, in a file rather than inline (the Content-Security-Policy
   allows scripts from the site's own files only):
   - <select data-autosubmit> submits its form when changed;
   - <time class="countdown" datetime="…"> counts down to its time, in the page's language;
   - a proposal for a missing language of a {lang: text} field, swapped in by htmx as
     <p data-fill="input id" data-fill-value="text">, fills that input if it is still empty
     (marked "machine-filled" until edited); nothing is saved until the form is. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
      target.form.submit();
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.querySelectorAll) return;
    target.querySelectorAll("[data-fill]").forEach(function (note) {
      var input = document.getElementById(note.getAttribute("data-fill"));
      if (!input || input.value.trim()) return;
      input.value = note.getAttribute("data-fill-value");
      input.classList.add("machine-filled");
      input.addEventListener("input", function () { input.classList.remove("machine-filled"); }, { once: true });
    });
  });

  function countdown(t) {
    var end = new Date(t.getAttribute("datetime"));
    var lang = document.documentElement.lang || "en";
    function unit(n, u) {
      return new Intl.NumberFormat(lang, { style: "unit", unit: u, unitDisplay: "narrow" }).format(n);
    }
    function tick() {
      var s = Math.floor((end - new Date()) / 1000);
      if (s <= 0) { t.textContent = unit(0, "minute"); return; }
      var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
      t.textContent = [unit(d, "day"), unit(h, "hour"), unit(m, "minute")].join(" ");
    }
    tick();
    setInterval(tick, 30000);
  }

  function start() {
    document.querySelectorAll("time.countdown").forEach(countdown);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
