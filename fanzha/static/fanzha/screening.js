// The case form's type suggestion: remember what was suggested (a different choice is kept as a
// correction for the next training) and let "采用" set the fraud type.
document.addEventListener("htmx:afterSwap", function (event) {
  if (event.target.id !== "type-suggestion-slot") return;
  var box = document.getElementById("type-suggestion");
  var hidden = document.getElementById("id_screening_suggestion");
  if (hidden) hidden.value = box ? box.dataset.label || "" : "";
  var version = document.getElementById("id_screening_version");
  if (version) version.value = box ? box.dataset.version || "" : "";
});
document.addEventListener("click", function (event) {
  var button = event.target.closest("#take-suggestion");
  if (!button) return;
  var select = document.getElementById("id_fraud_type");
  if (select) {
    select.value = button.dataset.typeId;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    button.textContent = "已采用";
    button.disabled = true;
  }
});
