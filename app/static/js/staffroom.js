// Staffroom's own script: starts GOV.UK Frontend components (also inside htmx swaps),
// reads out htmx updates to screen readers, and moves focus sensibly after a swap.
import { initAll } from "../vendor/govuk-frontend.min.js";

const announcer = () => document.getElementById("live-announcer");

function announce(message) {
  const region = announcer();
  if (!region || !message) return;
  // Clear first so the same message twice is still read out.
  region.textContent = "";
  window.setTimeout(() => { region.textContent = message; }, 50);
}

function focusFirst(scope, selector) {
  const element = scope.querySelector(selector);
  if (!element) return false;
  if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
  element.focus();
  return true;
}

initAll();

document.body.addEventListener("htmx:afterSettle", (event) => {
  // The event fires on each settled element: the new one for outerHTML swaps, the target
  // for innerHTML (detail.elt is the requesting element, which an outerHTML swap removed).
  const scope = event.target instanceof Element ? event.target : document.body;
  // GOV.UK Frontend components in swapped content need starting (the error summary then
  // takes focus itself); already-started ones are skipped by GOV.UK Frontend.
  initAll({ scope });
  if (scope.querySelector(".govuk-error-summary")) return;
  // A whole-page swap (HX-Location) is a new page: start from its heading, like a page load.
  if (scope === document.body) {
    focusFirst(document, "main h1");
    return;
  }
  focusFirst(scope, "[data-focus-after-swap]");
});

document.body.addEventListener("staffroom:announce", (event) => announce(event.detail.message));

document.body.addEventListener("htmx:responseError", () => {
  announce("Sorry, that did not work. Reload the page and try again.");
});

document.body.addEventListener("htmx:sendError", () => {
  announce("Staffroom could not be reached. Check your connection and try again.");
});
