// The article editor, made easier for people who live in Word and Outlook: a formatting toolbar
// that writes Markdown into the text box (WAI-ARIA toolbar: one tab stop, arrow keys between
// its buttons), a picker that links to another article by its lasting address, images attached
// to the article, and paste from Word or Outlook kept as headings, lists, links and tables.
// Without JavaScript none of this appears and the text box works as before; its help text
// says how to write links and images by hand.
import { htmlToMarkdown, worthConverting } from "./word-paste.js";

const container = document.querySelector("[data-article-editor]");
const textarea = container ? container.querySelector("textarea") : null;

function announce(message) {
  document.body.dispatchEvent(new CustomEvent("staffroom:announce", { detail: { message } }));
}

// --- Writing into the text box ---------------------------------------------------------------

// Replace the text from `start` to `end` (through the browser's editing, so Undo works and the
// live preview hears an input event), then select `selectFrom`..`selectTo` within the new text.
function replaceText(start, end, text, selectFrom = text.length, selectTo = selectFrom) {
  textarea.focus();
  textarea.setSelectionRange(start, end);
  let done = false;
  try {
    done = document.execCommand("insertText", false, text);
  } catch {
    done = false;
  }
  if (!done || textarea.value.slice(start, start + text.length) !== text) {
    textarea.setRangeText(text, start, end, "end");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }
  textarea.setSelectionRange(start + selectFrom, start + selectTo);
}

function selection() {
  return { start: textarea.selectionStart, end: textarea.selectionEnd, text: textarea.value.slice(textarea.selectionStart, textarea.selectionEnd) };
}

// The whole lines the selection touches.
function selectedLines() {
  const { value } = textarea;
  const start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
  let end = value.indexOf("\n", Math.max(textarea.selectionEnd - (textarea.selectionEnd > textarea.selectionStart ? 1 : 0), textarea.selectionStart));
  if (end === -1) end = value.length;
  return { start, end, lines: value.slice(start, end).split("\n") };
}

// Text that must stand as its own block: blank lines around it.
function asBlock(text, start, end) {
  const before = textarea.value.slice(0, start);
  const after = textarea.value.slice(end);
  const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const trail = after === "" || after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
  return { lead, trail, text: `${lead}${text}${trail}` };
}

function heading(level) {
  const { start, end, lines } = selectedLines();
  const marks = "#".repeat(level);
  const text = lines.map((line) => `${marks} ${line.replace(/^#{1,6}\s*/, "") || "Heading"}`).join("\n");
  replaceText(start, end, text, marks.length + 1, text.length);
}

function wrap(mark, placeholder) {
  const { start, end, text } = selection();
  const inner = text || placeholder;
  replaceText(start, end, `${mark}${inner}${mark}`, mark.length, mark.length + inner.length);
}

function list(numbered) {
  const { start, end, lines } = selectedLines();
  const text = lines
    .map((line, index) => `${numbered ? `${index + 1}.` : "-"} ${line.replace(/^\s*([-*+]|\d+[.)])\s+/, "") || "List item"}`)
    .join("\n");
  const block = asBlock(text, start, end);
  replaceText(start, end, block.text, block.lead.length, block.lead.length + text.length);
}

function webLink() {
  const { start, end, text } = selection();
  const words = text || "link text";
  const written = `[${words}](https://)`;
  // The address is selected, ready to be typed over; with no selection, the words are.
  if (text) replaceText(start, end, written, words.length + 3, written.length - 1);
  else replaceText(start, end, written, 1, 1 + words.length);
}

function table() {
  const { start, end } = selection();
  const text = "| Heading | Heading |\n|---|---|\n| Cell | Cell |\n| Cell | Cell |";
  const block = asBlock(text, start, end);
  replaceText(start, end, block.text, block.lead.length + 2, block.lead.length + 9);
}

// --- Panels: the article link picker and the image chooser -------------------------------------

let panelOpener = null;
let savedRange = { start: 0, end: 0 };

function openPanel(panel, opener) {
  closePanels();
  savedRange = { start: textarea.selectionStart, end: textarea.selectionEnd };
  panelOpener = opener;
  opener.setAttribute("aria-expanded", "true");
  panel.dispatchEvent(new CustomEvent("editor:open")); // each starts afresh
  panel.hidden = false;
  panel.querySelector("input, select").focus();
}

function closePanels({ returnFocus = false } = {}) {
  container.querySelectorAll(".sr-editor-panel").forEach((panel) => { panel.hidden = true; });
  container.querySelectorAll("[aria-expanded]").forEach((button) => {
    if (button.classList.contains("sr-toolbar__button")) button.setAttribute("aria-expanded", "false");
  });
  if (returnFocus && panelOpener) panelOpener.focus();
  panelOpener = null;
}

function insertAtSaved(text) {
  const { start, end } = savedRange;
  closePanels();
  replaceText(start, end, text);
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  if (text) node.textContent = text;
  return node;
}

function formGroup(id, label, hint) {
  const group = element("div", { class: "govuk-form-group" });
  group.append(element("label", { class: "govuk-label", for: id }, label));
  if (hint) group.append(element("div", { class: "govuk-hint", id: `${id}-hint` }, hint));
  return group;
}

function linkPicker() {
  // No accessible name of its own mentioning "article": the text box is the page's "Article".
  const panel = element("div", { class: "sr-editor-panel", id: "article-link-picker" });
  panel.hidden = true;
  panel.append(element("h2", { class: "govuk-heading-s", id: "article-link-picker-heading" }, "Link to an article"));
  const group = formGroup("article-link-search", "Search the knowledge base", "Type part of the article’s title, choose it with the up and down arrow keys, then press Enter. Escape closes the list.");
  const box = element("div", { class: "sr-combobox" });
  const input = element("input", {
    class: "govuk-input",
    id: "article-link-search",
    type: "text",
    role: "combobox",
    autocomplete: "off",
    spellcheck: "false",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": "article-link-listbox",
    "aria-describedby": "article-link-search-hint",
  });
  const listbox = element("ul", { id: "article-link-listbox", class: "sr-suggestions sr-link-picker__list", role: "listbox", "aria-label": "Matches" });
  listbox.hidden = true;
  box.append(input, listbox);
  group.append(box);
  const cancel = element("button", { type: "button", class: "govuk-button govuk-button--secondary" }, "Cancel");
  panel.append(group, cancel);

  const options = () => Array.from(panel.querySelectorAll("#article-link-listbox [role=option]:not([aria-disabled=true])"));
  const setActive = (option) => {
    panel.querySelectorAll("#article-link-listbox [role=option]").forEach((item) => item.setAttribute("aria-selected", item === option ? "true" : "false"));
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };
  const setExpanded = (expanded) => {
    const current = panel.querySelector("#article-link-listbox");
    current.hidden = !expanded;
    input.setAttribute("aria-expanded", expanded ? "true" : "false");
    if (!expanded) setActive(null);
  };
  const choose = (option) => {
    const title = option.dataset.title || option.textContent.trim();
    const words = textarea.value.slice(savedRange.start, savedRange.end).trim() || title;
    insertAtSaved(`[${words.replace(/([[\]])/g, "\\$1")}](${option.dataset.href})`);
    announce(`Link to ${title} added`);
  };

  let requestNumber = 0;
  let timer = null;
  const search = async () => {
    requestNumber += 1;
    const mine = requestNumber;
    const text = input.value.trim();
    if (text.length < 2) {
      setExpanded(false);
      return;
    }
    const url = `${container.dataset.linkChoices}?q=${encodeURIComponent(text)}`;
    try {
      // The fragment htmx would get (app/htmx.py answers HX-Request with the partial).
      const response = await fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" });
      if (mine !== requestNumber || !response.ok) return;
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("article-link-listbox");
      if (!fresh) return;
      panel.querySelector("#article-link-listbox").replaceWith(document.adoptNode(fresh));
      const count = options().length;
      setExpanded(document.activeElement === input);
      announce(count === 1 ? "1 article" : `${count} articles`);
    } catch {
      announce("Articles could not be searched just now. Try again, or write the link by hand.");
    }
  };

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
  input.addEventListener("keydown", (event) => {
    const items = options();
    const open = input.getAttribute("aria-expanded") === "true" && items.length > 0;
    const current = items.findIndex((item) => item.getAttribute("aria-selected") === "true");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) return;
      event.preventDefault();
      if (!open) setExpanded(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = current === -1 ? (step === 1 ? 0 : items.length - 1) : (current + step + items.length) % items.length;
      setActive(items[next]);
    } else if (event.key === "Enter") {
      event.preventDefault(); // never submit the article form from here
      if (open && current !== -1) choose(items[current]);
      else if (items.length === 1) choose(items[0]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (input.getAttribute("aria-expanded") === "true") setExpanded(false);
      else closePanels({ returnFocus: true });
    }
  });
  panel.addEventListener("click", (event) => {
    const option = event.target.closest("#article-link-listbox [role=option]:not([aria-disabled=true])");
    if (option) choose(option);
  });
  cancel.addEventListener("click", () => closePanels({ returnFocus: true }));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && event.target !== input) closePanels({ returnFocus: true });
  });
  panel.addEventListener("editor:open", () => {
    requestNumber += 1; // an answer still on its way is for the last time it was open
    input.value = "";
    setExpanded(false);
  });
  return panel;
}

function imageChooser(images) {
  const panel = element("div", { class: "sr-editor-panel", id: "image-chooser" });
  panel.hidden = true;
  panel.append(element("h2", { class: "govuk-heading-s", id: "image-chooser-heading" }, "Show an attached image"));
  const pick = formGroup("image-choice", "Image");
  const select = element("select", { class: "govuk-select", id: "image-choice" });
  images.forEach((image) => select.append(element("option", { value: image.dataset.imageSrc }, image.dataset.imageName)));
  pick.append(select);
  const describe = formGroup("image-alt", "What the image shows", "For people who cannot see it, for example: Floor plan of the ground floor, with the lifts marked");
  const error = element("p", { class: "govuk-error-message", id: "image-alt-error" });
  error.hidden = true;
  const alt = element("input", { class: "govuk-input", id: "image-alt", type: "text", spellcheck: "true", "aria-describedby": "image-alt-hint" });
  describe.append(error, alt);
  const buttons = element("div", { class: "govuk-button-group" });
  const insert = element("button", { type: "button", class: "govuk-button" }, "Insert image");
  const cancel = element("button", { type: "button", class: "govuk-button govuk-button--secondary" }, "Cancel");
  buttons.append(insert, cancel);
  panel.append(pick, describe, buttons);

  const showError = (message) => {
    describe.classList.toggle("govuk-form-group--error", Boolean(message));
    alt.classList.toggle("govuk-input--error", Boolean(message));
    error.hidden = !message;
    error.innerHTML = "";
    if (message) {
      error.append(element("span", { class: "govuk-visually-hidden" }, "Error: "), document.createTextNode(message));
      alt.setAttribute("aria-describedby", "image-alt-hint image-alt-error");
      alt.setAttribute("aria-invalid", "true");
    } else {
      alt.setAttribute("aria-describedby", "image-alt-hint");
      alt.removeAttribute("aria-invalid");
    }
  };
  const done = () => {
    const words = alt.value.replace(/\s+/g, " ").trim();
    if (!words) {
      showError("Describe what the image shows");
      alt.focus();
      return;
    }
    showError("");
    insertAtSaved(`![${words.replace(/([[\]])/g, "\\$1")}](${select.value})`);
    alt.value = "";
    announce("Image added");
  };
  insert.addEventListener("click", done);
  alt.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      done();
    }
  });
  cancel.addEventListener("click", () => closePanels({ returnFocus: true }));
  panel.addEventListener("editor:open", () => {
    alt.value = "";
    showError("");
  });
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      closePanels({ returnFocus: true });
    }
  });
  return panel;
}

// --- The toolbar --------------------------------------------------------------------------------

function toolbar(panels) {
  const bar = element("div", { class: "sr-toolbar", role: "toolbar", "aria-label": "Formatting", "aria-controls": textarea.id });
  const actions = [
    ["Heading", "Make the line a heading", () => heading(2)],
    ["Subheading", "Make the line a subheading", () => heading(3)],
    ["Bold", "Bold", () => wrap("**", "bold text")],
    ["List", "Bulleted list", () => list(false)],
    ["Numbered", "Numbered list", () => list(true)],
    ["Link", "Link to a web page", webLink],
    ["Article link", "Link to an article", null, panels.link],
    ["Table", "Insert a table", table],
  ];
  if (panels.image) actions.push(["Image", "Show an attached image", null, panels.image]);
  actions.forEach(([label, title, action, panel], index) => {
    const button = element("button", { type: "button", class: "sr-toolbar__button", tabindex: index === 0 ? "0" : "-1", title }, label);
    if (panel) {
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", panel.id);
      button.addEventListener("click", () => (panel.hidden ? openPanel(panel, button) : closePanels({ returnFocus: true })));
    } else {
      button.addEventListener("click", () => {
        closePanels();
        action();
      });
    }
    bar.append(button);
  });
  // Roving tabindex: Tab reaches the toolbar once; arrows, Home and End move along it.
  bar.addEventListener("keydown", (event) => {
    const buttons = Array.from(bar.querySelectorAll("button"));
    const index = buttons.indexOf(document.activeElement);
    if (index === -1) return;
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = buttons[(moves[event.key] + buttons.length) % buttons.length];
    buttons.forEach((button) => button.setAttribute("tabindex", button === next ? "0" : "-1"));
    next.focus();
  });
  bar.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    bar.querySelectorAll("button").forEach((item) => item.setAttribute("tabindex", item === button ? "0" : "-1"));
  });
  return bar;
}

// --- Paste from Word and Outlook ---------------------------------------------------------------

function onPaste(event) {
  const data = event.clipboardData;
  if (!data || !Array.from(data.types || []).includes("text/html")) return;
  const html = data.getData("text/html");
  if (!worthConverting(html)) return;
  let markdown;
  try {
    markdown = htmlToMarkdown(html);
  } catch {
    return; // the browser's own plain-text paste, rather than nothing
  }
  if (!markdown) return;
  event.preventDefault();
  const { start, end } = selection();
  replaceText(start, end, markdown);
  announce("Pasted with its headings, lists, links and tables kept as Markdown");
}

if (container && textarea) {
  const link = linkPicker();
  const images = Array.from(container.querySelectorAll("[data-image-src]"));
  const image = images.length ? imageChooser(images) : null;
  const formGroupOfBox = textarea.closest(".govuk-form-group") || textarea;
  const bar = toolbar({ link, image });
  // The toolbar sits just above the box, after its label, hint and any error message.
  textarea.before(bar);
  formGroupOfBox.after(...[link, image].filter(Boolean));
  textarea.addEventListener("paste", onPaste);
  container.dataset.editorReady = "true";
}
