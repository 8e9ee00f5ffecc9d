/* Accessibility fixes and hints for Material's pages. Served from the site itself, like every script.
   Used by: every page (mkdocs.yml extra_javascript). Runs after Material's own script, on every page
   load (Material's document$ when it is there, else once the document is ready). */
(function () {
  "use strict";

  /* Give Material's search dialog an accessible name (axe: aria-dialog-name). */
  function nameSearchDialog() {
    document.querySelectorAll('.md-search[role="dialog"]').forEach(function (dialog) {
      if (!dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
        var input = dialog.querySelector(".md-search__input");
        dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
      }
    });
  }

  /* The name of a table, for its scroll region: its caption, else the heading before it. */
  function tableName(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var node = wrap.closest(".key-facts") || wrap;
    while (node && node.previousElementSibling === null && node.parentElement) {
      node = node.parentElement;
    }
    for (var el = node && node.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) {
        return el.textContent.replace(/\u00b6/g, "").trim();
      }
    }
    return "";
  }

  /* A table wider than its column scrolls sideways: say so. The wrapper gets .site-scrolls (the CSS
     shows shadows at the edges that hide more), a tab stop and a name so that keyboard users can
     scroll it (axe: scrollable-region-focusable), and a visible hint above it. */
  function markScrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      var hint = wrap.previousElementSibling;
      var hasHint = hint !== null && hint.classList.contains("site-scroll-hint");
      wrap.classList.toggle("site-scrolls", scrolls);
      if (scrolls) {
        var name = tableName(wrap);
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (name ? name + ": " : "") + "table, scrolls sideways");
        if (!hasHint) {
          hint = document.createElement("p");
          hint.className = "site-scroll-hint";
          hint.setAttribute("aria-hidden", "true");
          hint.textContent = "Scroll sideways to see the whole table";
          wrap.parentNode.insertBefore(hint, wrap);
        }
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
        if (hasHint) {
          hint.remove();
        }
      }
    });
  }

  function onPage() {
    nameSearchDialog();
    markScrollingTables();
  }

  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(markScrollingTables, 150);
  });

  if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
