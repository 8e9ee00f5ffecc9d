/* Accessibility: give Material's search dialog an accessible name (axe: aria-dialog-name).
   Served from the site itself, like every script. */
document.querySelectorAll('.md-search[role="dialog"]').forEach(function (dialog) {
  if (!dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
    var input = dialog.querySelector(".md-search__input");
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }
});
