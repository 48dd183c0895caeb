// The printable letter: with JavaScript, a button that opens the browser's print dialogue (the
// page already says how to print without it).
const button = document.getElementById("print-letter");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
