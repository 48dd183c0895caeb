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

// Search as you type: the header box is an ARIA combobox over the suggestions listbox that
// htmx fills. Focus stays in the box; arrows move the active option; Enter opens it; Escape
// closes the list. Without JavaScript the box is a plain search form.
const searchBox = document.getElementById("header-search");

function suggestionList() {
  return document.getElementById("header-search-listbox");
}

function suggestionOptions() {
  const list = suggestionList();
  return list ? Array.from(list.querySelectorAll("[role=option]")) : [];
}

function setExpanded(expanded) {
  const list = suggestionList();
  if (!searchBox || !list) return;
  list.hidden = !expanded;
  searchBox.setAttribute("aria-expanded", expanded ? "true" : "false");
  if (!expanded) setActive(null);
}

function setActive(option) {
  suggestionOptions().forEach((item) => item.setAttribute("aria-selected", item === option ? "true" : "false"));
  if (option) {
    searchBox.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  } else {
    searchBox.removeAttribute("aria-activedescendant");
  }
}

if (searchBox) {
  searchBox.addEventListener("keydown", (event) => {
    const options = suggestionOptions();
    const list = suggestionList();
    const open = list && !list.hidden && options.length > 0;
    const current = options.findIndex((item) => item.getAttribute("aria-selected") === "true");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) return;
      event.preventDefault();
      if (!open) setExpanded(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = current === -1 ? (step === 1 ? 0 : options.length - 1) : (current + step + options.length) % options.length;
      setActive(options[next]);
    } else if (event.key === "Enter" && open && current !== -1) {
      event.preventDefault();
      window.location.assign(options[current].dataset.href);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setExpanded(false);
    }
  });

  searchBox.addEventListener("blur", () => window.setTimeout(() => setExpanded(false), 200));

  document.body.addEventListener("htmx:afterSettle", (event) => {
    if (event.target.id !== "header-search-listbox") return;
    const count = suggestionOptions().filter((item) => !item.classList.contains("sr-suggestions__option--all")).length;
    const hasText = searchBox.value.trim().length > 0;
    setExpanded(hasText && document.activeElement === searchBox);
    if (hasText) announce(count === 1 ? "1 suggestion" : `${count} suggestions`);
  });

  document.addEventListener("click", (event) => {
    const option = event.target.closest("#header-search-listbox [role=option]");
    if (option) window.location.assign(option.dataset.href);
  });
}

// Request forms: a question asked only for one answer to another stays hidden until that
// answer is chosen. Without JavaScript every question shows, with a note saying when to answer.
function updateConditionalQuestions(form) {
  // Twice, so a question that depends on a question that depends on another settles too.
  for (let pass = 0; pass < 2; pass += 1) {
    form.querySelectorAll("[data-show-if]").forEach((wrapper) => {
      const controls = Array.from(form.elements).filter((element) => element.name === wrapper.dataset.showIf);
      const wanted = wrapper.dataset.showIfValue;
      const chosen = controls.some((element) => (
        element.type === "radio" || element.type === "checkbox" ? element.checked : true
      ) && element.value === wanted);
      const controllerHidden = controls.some((element) => element.closest("[data-show-if][hidden]"));
      wrapper.hidden = !chosen || controllerHidden;
    });
  }
}

document.querySelectorAll("form").forEach((form) => {
  if (!form.querySelector("[data-show-if]")) return;
  updateConditionalQuestions(form);
  form.addEventListener("change", () => updateConditionalQuestions(form));
});
