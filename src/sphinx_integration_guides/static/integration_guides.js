/*
 * sphinx-integration-guides: let keyboard users scroll wide guide tables.
 *
 * A table wider than its column scrolls sideways (see integration_guides.css).
 * A scrolling region needs keyboard focus and a name, so each such table, or
 * the scrolling wrapper a theme puts around it, gets tabindex="0", the
 * "region" role and its caption (or its block's title) as label. Nothing is changed for tables
 * that fit, and the check runs again when the window is resized.
 */
(function () {
  "use strict";

  function scrollingBox(table) {
    for (let node = table; node && node !== document.body; node = node.parentElement) {
      if (node.scrollWidth > node.clientWidth + 1) {
        const overflow = getComputedStyle(node).overflowX;
        if (overflow === "auto" || overflow === "scroll") {
          return node;
        }
      }
    }
    return null;
  }

  function label(table) {
    const caption = table.querySelector("caption .caption-text, caption");
    if (caption) {
      return caption.textContent.trim();
    }
    const block = table.closest(".ig-block");
    const title = block ? block.querySelector(".ig-title") : null;
    return title ? title.textContent.trim() : "";
  }

  function markScrollingTables() {
    document.querySelectorAll("table.ig-table").forEach(function (table) {
      const box = scrollingBox(table);
      if (!box || box.hasAttribute("tabindex")) {
        return;
      }
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      const name = label(table);
      if (name) {
        box.setAttribute("aria-label", name);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markScrollingTables);
  } else {
    markScrollingTables();
  }
  window.addEventListener("resize", markScrollingTables);
})();
