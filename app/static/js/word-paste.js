// Pasting from Word or Outlook into the article editor: the clipboard's HTML turned into
// Markdown in the browser, keeping headings, bold and italic, lists, links and tables.
// turndown (with its GFM plugin for tables) does the conversion; this module first tidies
// what Word puts on the clipboard and turndown does not understand:
// - list items as paragraphs (class MsoListParagraph..., style "mso-list:l0 level2 lfo1"), whose
//   bullet or number is text hidden in <![if !supportLists]> ... <![endif]> or a span styled
//   "mso-list:Ignore": they become real, nested <ul>/<ol> lists;
// - tables without a heading row, cells holding paragraphs: the first row becomes the heading
//   row (a Markdown table needs one) and each cell's paragraphs one line;
// - <o:p>, VML shapes, images from the writer's own disk, <style> and <xml> blocks, comments.
// The server still sanitises whatever the text box ends up holding, as for typed text.
import TurndownService from "../vendor/turndown.browser.es.js";
import { gfm } from "../vendor/turndown-plugin-gfm.browser.es.js";

const LIST_STYLE = /mso-list:\s*l(\d+)\s+level(\d+)/i;
const IGNORE_STYLE = /mso-list:\s*ignore/i;
const ORDERED_MARKER = /^\(?([0-9]+|[a-z]|[ivxlcdm]+)[.)]$/i;
const BLOCKS = new Set(["P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "UL", "OL", "BLOCKQUOTE", "PRE"]);

function isWhitespace(node) {
  return node.nodeType === Node.TEXT_NODE && !node.textContent.replace(/\u00a0/g, " ").trim();
}

function listInfo(paragraph) {
  if (paragraph.nodeName !== "P" && paragraph.nodeName !== "DIV") return null;
  const style = paragraph.getAttribute("data-word-style") || "";
  const match = LIST_STYLE.exec(style);
  if (!match) return null;
  // A paragraph style may carry mso-list without being a list item ("mso-list:none").
  return { list: match[1], level: Number(match[2]) };
}

// The bullet or number Word wrote as text: removed from the paragraph, returned as text.
function takeMarker(paragraph) {
  let marker = "";
  const ignored = Array.from(paragraph.querySelectorAll("[data-word-style]")).filter(
    (element) => IGNORE_STYLE.test(element.getAttribute("data-word-style")),
  );
  ignored.forEach((element) => {
    marker += element.textContent;
    element.remove();
  });
  // Between the <![if !supportLists]> and <![endif]> comments (an HTML parser keeps both as
  // comments, at any depth): the marker when it had no mso-list:Ignore span around it.
  const walker = paragraph.ownerDocument.createTreeWalker(paragraph, NodeFilter.SHOW_COMMENT);
  const openings = [];
  while (walker.nextNode()) {
    if (/\[if\s+!supportLists\]/i.test(walker.currentNode.data)) openings.push(walker.currentNode);
  }
  openings.forEach((opening) => {
    let node = opening.nextSibling;
    while (node && !(node.nodeType === Node.COMMENT_NODE && /\[endif\]/i.test(node.data))) {
      const next = node.nextSibling;
      marker += node.textContent;
      node.remove();
      node = next;
    }
  });
  return marker.replace(/\u00a0/g, " ").trim();
}

function convertWordLists(body) {
  const doc = body.ownerDocument;
  const paragraphs = Array.from(body.querySelectorAll("p, div")).filter((element) => listInfo(element));
  const done = new Set();
  paragraphs.forEach((first) => {
    if (done.has(first)) return;
    // The run of list paragraphs that follow one another (blank text between them is fine).
    const run = [];
    let node = first;
    while (node) {
      if (isWhitespace(node)) {
        node = node.nextSibling;
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE || !listInfo(node)) break;
      run.push(node);
      node = node.nextSibling;
    }
    const anchor = doc.createComment("list");
    first.before(anchor);
    const stack = []; // {level, type, list}
    run.forEach((paragraph) => {
      done.add(paragraph);
      const { level } = listInfo(paragraph);
      const marker = takeMarker(paragraph);
      const type = ORDERED_MARKER.test(marker) ? "OL" : "UL";
      while (stack.length && stack[stack.length - 1].level > level) stack.pop();
      if (stack.length && stack[stack.length - 1].level === level && stack[stack.length - 1].type !== type) stack.pop();
      if (!stack.length || stack[stack.length - 1].level < level) {
        const list = doc.createElement(type);
        if (stack.length) {
          const parentList = stack[stack.length - 1].list;
          let parentItem = parentList.lastElementChild;
          if (!parentItem) {
            parentItem = doc.createElement("li");
            parentList.append(parentItem);
          }
          parentItem.append(list);
        } else {
          anchor.before(list);
        }
        stack.push({ level, type, list });
      }
      const item = doc.createElement("li");
      item.append(...Array.from(paragraph.childNodes));
      stack[stack.length - 1].list.append(item);
      paragraph.remove();
    });
    anchor.remove();
  });
}

// A cell's content on one line: its paragraphs and line breaks become spaces.
function flattenCell(cell) {
  const doc = cell.ownerDocument;
  cell.querySelectorAll("br").forEach((br) => br.replaceWith(doc.createTextNode(" ")));
  Array.from(cell.querySelectorAll("*"))
    .reverse()
    .forEach((element) => {
      if (!BLOCKS.has(element.nodeName) && element.nodeName !== "TABLE") return;
      element.after(doc.createTextNode(" "));
      element.replaceWith(...Array.from(element.childNodes));
    });
  const out = doc.createElement("span");
  out.append(...Array.from(cell.childNodes));
  return out;
}

function rebuildTables(body) {
  const doc = body.ownerDocument;
  // Innermost first, so an outer table sees its inner ones already flattened into text.
  Array.from(body.querySelectorAll("table"))
    .reverse()
    .forEach((table) => {
      const rows = Array.from(table.rows).filter((row) => row.closest("table") === table);
      if (!rows.length) {
        table.remove();
        return;
      }
      const width = Math.max(...rows.map((row) => row.cells.length));
      const fresh = doc.createElement("table");
      const head = doc.createElement("thead");
      const bodyPart = doc.createElement("tbody");
      rows.forEach((row, index) => {
        const tr = doc.createElement("tr");
        const cells = Array.from(row.cells);
        for (let column = 0; column < width; column += 1) {
          const cell = doc.createElement(index === 0 ? "th" : "td");
          if (cells[column]) cell.append(flattenCell(cells[column]));
          // A heading cell is bold already: Word's own bold in it would only add asterisks.
          if (index === 0) cell.querySelectorAll("b, strong").forEach((bold) => bold.replaceWith(...Array.from(bold.childNodes)));
          tr.append(cell);
        }
        (index === 0 ? head : bodyPart).append(tr);
      });
      fresh.append(head, bodyPart);
      table.replaceWith(fresh);
    });
}

function tidy(body) {
  body.querySelectorAll("style, script, meta, link, title, xml, img, template, iframe, object").forEach((element) => element.remove());
  // Office's own elements: <o:p> holds a paragraph's (usually empty) end, the rest is drawing.
  Array.from(body.querySelectorAll("*"))
    .filter((element) => element.nodeName.includes(":"))
    .forEach((element) => {
      if (element.nodeName === "O:P") element.replaceWith(...Array.from(element.childNodes));
      else element.remove();
    });
  // Word's own bookmarks and table-of-contents targets are not links anyone can follow here.
  body.querySelectorAll("a").forEach((link) => {
    const href = link.getAttribute("href") || "";
    if (!href || href.startsWith("#") || /^file:/i.test(href)) link.replaceWith(...Array.from(link.childNodes));
  });
  body.querySelectorAll("p.MsoTitle").forEach((title) => {
    const heading = body.ownerDocument.createElement("h1");
    heading.append(...Array.from(title.childNodes));
    title.replaceWith(heading);
  });
}

function removeComments(body) {
  const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((comment) => comment.remove());
}

// The clipboard's HTML as a cleaned <body> element, ready for turndown.
export function cleanPastedHtml(html) {
  // A parsed document shares the page's Content Security Policy, which refuses inline styles
  // (each one a console error): style blocks go before parsing, style attributes are renamed
  // (Word's list levels are read from them) and never applied.
  const inert = (html || "")
    .replace(/<style[\s\S]*?<\/style\s*>/gi, "")
    .replace(/(<[a-z][^<>]*?\s)style\s*=/gi, "$1data-word-style=");
  const doc = new DOMParser().parseFromString(inert, "text/html");
  const { body } = doc;
  convertWordLists(body);
  removeComments(body);
  tidy(body);
  rebuildTables(body);
  return body;
}

let service = null;

function turndown() {
  if (service) return service;
  service = new TurndownService({
    headingStyle: "atx",
    bulletListMarker: "-",
    codeBlockStyle: "fenced",
    emDelimiter: "*",
    strongDelimiter: "**",
    hr: "---",
  });
  service.use(gfm);
  // Staffroom's Markdown strikes through with two tildes (markdown-it's rule), not one.
  service.addRule("strikethrough", { filter: ["del", "s", "strike"], replacement: (content) => `~~${content}~~` });
  return service;
}

// HTML from the clipboard (Word, Outlook, a web page) as Staffroom Markdown.
export function htmlToMarkdown(html) {
  const markdown = turndown().turndown(cleanPastedHtml(html));
  return markdown
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// Whether the clipboard's HTML carries structure worth converting (otherwise the browser's
// own plain-text paste is left alone).
export function worthConverting(html) {
  return /<(h[1-6]|ul|ol|li|table|a\s|b[\s>]|strong|i[\s>]|em)|mso-list|class=["']?Mso/i.test(html || "");
}
