// A submit button with data-busy-text submits its form once, greys out and says what is happening
// (an inline onclick would not run under the Content-Security-Policy).
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-busy-text]");
  if (!button || !button.form || button.disabled) return;
  event.preventDefault();
  button.disabled = true;
  button.form.submit();
  button.innerText = button.dataset.busyText;
});
