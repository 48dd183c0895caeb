// The printable letter: with JavaScript, a button that opens the browser's print dialogue (the
// page already says how to print without it).
const tools = document.getElementById("print-letter-tools");
const button = document.getElementById("print-letter");
if (tools && button) {
  tools.hidden = false;
  button.addEventListener("click", () => window.print());
}
