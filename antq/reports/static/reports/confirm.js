// Ask before an action that cannot be undone by the person doing it. No inline script: any
// form whose submit button (or the form itself) carries data-confirm asks with that text;
// "{n}" in it becomes the number of ticked boxes named "report" in the form.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = event.submitter;
  var text = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
  if (!text) {
    return;
  }
  var ticked = form.querySelectorAll('input[name="report"]:checked').length;
  if (!window.confirm(text.replace("{n}", String(ticked)))) {
    event.preventDefault();
  }
});
