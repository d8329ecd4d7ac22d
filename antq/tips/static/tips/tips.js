// The citizen's tip form: place search and the proof of work (no inline script).
(function () {
  "use strict";

  function leadingZeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      var b = bytes[i];
      while ((b & 0x80) === 0) { bits++; b <<= 1; }
      break;
    }
    return bits;
  }

  async function solve(challenge, bits) {
    var enc = new TextEncoder();
    for (var n = 0; ; n++) {
      var digest = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(challenge + ":" + n)));
      if (leadingZeroBits(digest) >= bits) { return String(n); }
    }
  }

  function setUpPlaces() {
    var search = document.getElementById("place-search");
    var select = document.getElementById("place");
    if (!search || !select) { return; }
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch(search.dataset.url + "?q=" + encodeURIComponent(search.value), { credentials: "omit" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            var keep = select.options[0];
            select.innerHTML = "";
            select.appendChild(keep);
            data.places.forEach(function (p) {
              var o = document.createElement("option");
              o.value = p.code;
              o.textContent = p.name;
              select.appendChild(o);
            });
            if (data.places.length) { select.selectedIndex = 1; }
          });
      }, 250);
    });
  }

  function setUpContact() {
    var box = document.getElementById("contact-box");
    var check = document.getElementById("leave-contact");
    if (!box || !check) { return; }
    var sync = function () { box.hidden = !check.checked; };
    check.addEventListener("change", sync);
    sync();
  }

  function setUpWork() {
    var form = document.getElementById("tip-form");
    if (!form) { return; }
    var solved = false;
    form.addEventListener("submit", function (event) {
      if (solved) { return; }
      event.preventDefault();
      var button = document.getElementById("tip-submit");
      var status = document.getElementById("work-status");
      button.disabled = true;
      status.textContent = form.dataset.working;
      solve(form.elements.challenge.value, parseInt(form.dataset.bits, 10)).then(function (nonce) {
        form.elements.nonce.value = nonce;
        solved = true;
        status.textContent = form.dataset.sending;
        form.submit();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpPlaces();
    setUpContact();
    setUpWork();
  });
})();
