/* Editing without HTML: every <textarea data-editor> becomes a Quill editor (vendor/quill-2.0.3)
   with bold, italics, lists (and links where data-editor="links"). The textarea stays in the
   form, hidden, and receives the editor's HTML on submit, so the form posts as before and the
   server cleans what it gets (nh3). Pasted Word text keeps bold, italics, paragraphs and lists;
   the editor drops every other format. Right to left when the textarea says dir="rtl".
   A text written as paragraphs separated by blank lines (the plain textarea's convention) is
   opened as those paragraphs. */
(function () {
  "use strict";
  if (!window.Quill) return;

  function asHtml(value) {
    var text = (value || "").trim();
    if (!text) return "";
    if (/^<(p|ul|ol|h\d)[\s>]/i.test(text)) return text;
    return text
      .split(/\n\s*\n/)
      .map(function (p) { return "<p>" + p.trim().replace(/\n/g, "<br>") + "</p>"; })
      .join("");
  }

  document.querySelectorAll("textarea[data-editor]").forEach(function (area) {
    var links = area.dataset.editor === "links";
    var rtl = (area.closest("[dir]") || document.documentElement).getAttribute("dir") === "rtl";
    var box = document.createElement("div");
    box.className = "editor-box";
    var host = document.createElement("div");
    host.className = "editor";
    if (area.lang) host.lang = area.lang;
    box.appendChild(host);
    area.parentNode.insertBefore(box, area);
    area.hidden = true;
    var toolbar = [["bold", "italic"], [{ list: "ordered" }, { list: "bullet" }]];
    if (links) toolbar.push(["link"]);
    var formats = ["bold", "italic", "list"].concat(links ? ["link"] : []).concat(rtl ? ["direction", "align"] : []);
    var quill = new window.Quill(host, { theme: "snow", modules: { toolbar: toolbar }, formats: formats });
    var label = document.querySelector('label[for="' + area.id + '"]');
    quill.root.setAttribute("role", "textbox");
    quill.root.setAttribute("aria-multiline", "true");
    if (label) {
      if (!label.id) label.id = area.id + "-label";
      quill.root.setAttribute("aria-labelledby", label.id);
    }
    quill.clipboard.dangerouslyPasteHTML(asHtml(area.value));
    if (rtl) {
      quill.formatLine(0, quill.getLength(), { direction: "rtl", align: "right" }, "silent");
      host.setAttribute("dir", "rtl");
    }
    var sync = function () {
      area.value = quill.getLength() > 1 ? quill.getSemanticHTML() : "";
    };
    quill.on("text-change", sync);
    area.form && area.form.addEventListener("submit", sync);
  });
})();
