// Compose form: a live count per ticked account, as that account's platform counts it (X weighs characters and
// counts every link as 23, Bluesky counts graphemes, Mastodon shortens links and remote mentions...). The server
// does the counting (POST data-count-url, debounced); until its first answer, or when it cannot answer, a local
// count of code points stands in.
(function () {
  const form = document.getElementById("compose-form");
  if (!form) return;
  const DEBOUNCE_MS = 150;
  const text = form.querySelector("#content");
  const boxes = Array.from(form.querySelectorAll("input[name=account_ids]"));
  const countUrl = form.dataset.countUrl;
  const csrfInput = form.querySelector("input[name=csrf_token]");
  // The server's latest answer per account id, while it still matches the text shown.
  let counted = {};
  let countedText = null;
  let timer = null;
  let latest = 0;

  function show(box, length, limit, valid) {
    const out = form.querySelector('[data-count-for="' + box.value + '"]');
    if (!out) return;
    out.textContent = box.checked ? length + " / " + limit : "";
    out.classList.toggle("over", box.checked && !valid);
  }

  function localCount(box) {
    const length = Array.from(text.value).length;
    const limit = parseInt(box.dataset.limit, 10);
    show(box, length, limit, length <= limit);
  }

  // Keeps the server's numbers on screen while the next answer is on its way, so counts do not flicker
  // between the local and the platform's way of counting at every keystroke.
  function render(useLocal) {
    boxes.forEach(function (box) {
      const known = counted[box.value];
      if (known && !useLocal) show(box, known.length, known.limit, known.valid);
      else localCount(box);
    });
  }

  function fetchCounts() {
    const ticked = boxes.filter(function (box) { return box.checked; });
    if (!countUrl || !ticked.length || !window.fetch) return;
    const request = ++latest;
    const sentText = text.value;
    fetch(countUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRF-Token": csrfInput ? csrfInput.value : "",
      },
      body: JSON.stringify({
        text: sentText,
        account_ids: ticked.map(function (box) { return parseInt(box.value, 10); }),
      }),
    })
      .then(function (response) {
        if (!response.ok) throw new Error("count answered " + response.status);
        return response.json();
      })
      .then(function (answers) {
        if (request !== latest) return; // a newer request is on its way
        counted = {};
        answers.forEach(function (answer) { counted[String(answer.account_id)] = answer; });
        countedText = sentText;
        render(false);
      })
      .catch(function () {
        if (request !== latest) return;
        counted = {};
        countedText = null;
        render(true);
      });
  }

  function update() {
    // Accounts the server has not counted yet get the local count at once.
    boxes.forEach(function (box) {
      if (!counted[box.value] || countedText === null) localCount(box);
      else if (!box.checked) show(box, 0, 0, true);
    });
    clearTimeout(timer);
    timer = setTimeout(fetchCounts, DEBOUNCE_MS);
  }

  text.addEventListener("input", update);
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  render(true);
  fetchCounts();
})();
