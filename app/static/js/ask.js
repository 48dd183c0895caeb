// Ask Staffroom with htmx: each answer joins the conversation log (role="log", read out by
// screen readers as it arrives) and focus stays in the question box, emptied for the next
// question. Without JavaScript the form posts normally and the page shows the answer.
const log = () => document.getElementById("ask-conversation");
const box = () => document.querySelector("#ask-form input[name=question]");
const fromAskForm = (event) => Boolean(event.detail && event.detail.elt && event.detail.elt.closest
  && event.detail.elt.closest("#ask-form"));
// An answer (200), not the form sent back with its errors (422: the error summary takes the focus).
const answered = (event) => Boolean(event.detail.xhr && event.detail.xhr.status === 200);

document.body.addEventListener("htmx:beforeRequest", (event) => {
  if (!fromAskForm(event)) return;
  // An earlier answer's "thank you" once took focus; it must not take it from the question box now.
  log()?.querySelectorAll("[data-focus-after-swap]").forEach((element) => element.removeAttribute("data-focus-after-swap"));
});

document.body.addEventListener("htmx:afterRequest", (event) => {
  if (!fromAskForm(event) || !answered(event)) return;
  const input = box();
  if (!input) return;
  input.value = "";
  input.focus({ preventScroll: true });
});

document.body.addEventListener("htmx:afterSettle", (event) => {
  if (!fromAskForm(event) || !answered(event)) return;
  // The newest answer into view from its question; the focus stays in the box.
  const answers = log()?.querySelectorAll(".sr-ask-exchange") || [];
  if (answers.length) answers[answers.length - 1].scrollIntoView({ block: "start" });
  const input = box();
  if (input && document.activeElement !== input) input.focus({ preventScroll: true });
});
