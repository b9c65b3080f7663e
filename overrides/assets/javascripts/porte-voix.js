// Porte-voix: what scripts add to pages that work without them.
// Copy buttons and the phone's share sheet (hidden until this script finds that they work),
// and the page's own share links when the site's address was unknown at build time.
// Nothing here contacts another host.
(function () {
  "use strict";
  var script = document.currentScript;
  var messages = {
    copied: script ? script.getAttribute("data-copied") : "Copied.",
    failed: script ? script.getAttribute("data-copy-failed") : "Copying failed.",
    done: script ? script.getAttribute("data-copy-done") : "Copied",
  };
  var FEEDBACK_MS = 2500;

  function announce(text) {
    var regions = document.querySelectorAll("[data-pv-announce]");
    var region = regions.length ? regions[0] : null;
    if (!region) {
      region = document.createElement("div");
      region.className = "pv-sr-only";
      region.setAttribute("aria-live", "polite");
      region.setAttribute("data-pv-announce", "");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      if (done) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  // The button itself says that the copy worked, for a moment; screen readers hear it too.
  function showCopied(button) {
    var label = button.querySelector("[data-pv-label]") || button;
    if (!button.hasAttribute("data-pv-idle")) {
      button.setAttribute("data-pv-idle", label.textContent);
    }
    label.textContent = messages.done;
    button.classList.add("pv-copy--done");
    window.clearTimeout(button.pvTimer);
    button.pvTimer = window.setTimeout(function () {
      label.textContent = button.getAttribute("data-pv-idle");
      button.classList.remove("pv-copy--done");
    }, FEEDBACK_MS);
  }

  function setUpCopyButtons() {
    var buttons = document.querySelectorAll("button.pv-copy[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        copyText(button.getAttribute("data-copy")).then(
          function () { showCopied(button); announce(messages.copied); },
          function () { announce(messages.failed); }
        );
      });
    });
  }

  // Whether this browser's share sheet takes image files (navigator.canShare says).
  function sharesImages() {
    if (typeof navigator.canShare !== "function" || typeof File !== "function") { return false; }
    try {
      return navigator.canShare({ files: [new File([""], "image.png", { type: "image/png" })] });
    } catch (e) { return false; }
  }

  // The post's image (same site) with its text; text alone if the image cannot be had or
  // sent. Apps that take files often drop `url`: the link goes at the end of the text.
  function shareWithImage(data, image) {
    fetch(image, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error("no image"); }
      return response.blob();
    }).then(function (blob) {
      var file = new File([blob], image.split("/").pop(), { type: "image/png" });
      var text = data.url ? data.text + "\n" + data.url : data.text;
      var withFile = { files: [file], title: data.title, text: text };
      if (!navigator.canShare(withFile)) { throw new Error("refused"); }
      return navigator.share(withFile);
    }).catch(function (error) {
      if (error && error.name === "AbortError") { return; }  // closed without sharing
      navigator.share(data).catch(function () { /* closed without sharing */ });
    });
  }

  // The phone's own share sheet (WhatsApp, Signal, SMS…): only where the browser has one.
  function setUpShareSheet() {
    if (typeof navigator.share !== "function") { return; }
    var withImages = sharesImages();
    var buttons = document.querySelectorAll("button.pv-native-share");
    Array.prototype.forEach.call(buttons, function (button) {
      var image = withImages ? button.getAttribute("data-share-image") : null;
      button.hidden = false;
      if (image) {
        button.querySelector("[data-pv-share-label]").textContent =
          button.getAttribute("data-share-image-label");
      }
      button.addEventListener("click", function () {
        var data = {
          title: button.getAttribute("data-share-title"),
          text: button.getAttribute("data-share-text"),
        };
        var url = button.getAttribute("data-share-url");
        if (url || button.closest("[data-pv-fill-url]")) {
          data.url = url || window.location.href.split("#")[0];
        }
        if (image) { shareWithImage(data, image); return; }
        navigator.share(data).catch(function () { /* closed without sharing */ });
      });
    });
  }

  function fillPageAddress() {
    var address = encodeURIComponent(window.location.href.split("#")[0]);
    var navs = document.querySelectorAll("[data-pv-fill-url]");
    Array.prototype.forEach.call(navs, function (nav) {
      Array.prototype.forEach.call(nav.querySelectorAll("a[href]"), function (link) {
        link.href = link.getAttribute("href").split("PORTEVOIX_PAGE_URL").join(address);
      });
      nav.hidden = false;
    });
  }

  // X's live list timeline: nothing loads from X until the visitor asks for it here. The
  // choice is kept in this browser and withdrawn from the link in every page's footer.
  var CONSENT_KEY = "porte-voix.consent.x";

  function hasConsent() {
    try { return window.localStorage.getItem(CONSENT_KEY) === "granted"; } catch (e) { return false; }
  }

  function loadTimelines(embeds) {
    Array.prototype.forEach.call(embeds, function (embed) {
      if (embed.querySelector("a.twitter-timeline")) { return; }
      var link = document.createElement("a");
      link.className = "twitter-timeline";
      link.href = embed.getAttribute("data-pv-embed");
      link.setAttribute("data-dnt", "true");
      link.setAttribute("data-lang", embed.getAttribute("data-pv-embed-lang") || "en");
      link.setAttribute("data-tweet-limit", "5");
      link.textContent = link.href;
      embed.appendChild(link);
    });
    if (!document.querySelector("script[data-pv-widgets]")) {
      var widgets = document.createElement("script");
      widgets.src = "https://platform.twitter.com/widgets.js";
      widgets.async = true;
      widgets.setAttribute("data-pv-widgets", "");
      document.body.appendChild(widgets);
    }
  }

  function setUpEmbeds() {
    var embeds = document.querySelectorAll("[data-pv-embed]");
    if (!embeds.length) { return; }
    if (hasConsent()) { loadTimelines(embeds); return; }
    Array.prototype.forEach.call(embeds, function (embed) {
      var actions = embed.querySelector(".pv-embed__actions");
      if (!actions) { return; }
      actions.hidden = false;
      actions.querySelector("[data-pv-consent-grant]").addEventListener("click", function () {
        try { window.localStorage.setItem(CONSENT_KEY, "granted"); } catch (e) { /* not kept */ }
        actions.hidden = true;
        loadTimelines(embeds);
      });
    });
  }

  function setUpWithdrawal() {
    var links = document.querySelectorAll("[data-pv-consent-withdraw]");
    Array.prototype.forEach.call(links, function (link) {
      if (!hasConsent()) { return; }
      link.hidden = false;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        try { window.localStorage.removeItem(CONSENT_KEY); } catch (e) { /* nothing kept */ }
        window.location.reload();
      });
    });
  }

  // The representatives' finder: what is typed is compared with each entry here, in the
  // page; nothing is sent or kept. Folded as `generator.render.targets.fold` folds entries.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  // A ward number matches whole; a postal code matches from its start, either way round
  // ("H2" shows H2X and H2Y, "H2X 1Y4" shows H2X).
  function matchesCode(codes, compact) {
    return codes.some(function (code) {
      if (/^[0-9]+$/.test(code)) { return compact === code; }
      return compact.length >= 2 && (code.indexOf(compact) === 0 || compact.indexOf(code) === 0);
    });
  }

  function setUpFinder() {
    var finder = document.querySelector("[data-pv-finder]");
    if (!finder) { return; }
    var input = finder.querySelector("[data-pv-finder-input]");
    var status = finder.querySelector("[data-pv-finder-status]");
    var people = document.querySelectorAll("details[data-pv-find]");
    var groups = document.querySelectorAll("[data-pv-group]");
    var timer = null;
    finder.hidden = false;

    function apply() {
      var query = input.value.trim();
      var words = fold(query);
      var compact = query.replace(/\s+/g, "").toUpperCase();
      var shown = [];
      Array.prototype.forEach.call(people, function (person) {
        var codes = (person.getAttribute("data-pv-codes") || "").split(" ").filter(Boolean);
        var found = !query || (words && (" " + person.getAttribute("data-pv-find")).indexOf(" " + words) !== -1)
          || matchesCode(codes, compact);
        person.hidden = !found;
        if (found) { shown.push(person); }
      });
      Array.prototype.forEach.call(groups, function (group) {
        var id = group.getAttribute("data-pv-group");
        var empty = !group.querySelector("details[data-pv-find]:not([hidden])");
        group.hidden = empty;
        var heading = document.querySelector('[data-pv-group-heading="' + id + '"]');
        if (heading) { heading.hidden = empty; }
      });
      if (query && shown.length === 1) { shown[0].open = true; }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (!query) { status.textContent = ""; return; }
        var message = shown.length === 0 ? status.getAttribute("data-none")
          : shown.length === 1 ? status.getAttribute("data-one") : status.getAttribute("data-many");
        status.textContent = message.split("{count}").join(String(shown.length)).split("{query}").join(query);
      }, 400);
    }
    input.addEventListener("input", apply);
    if (input.value) { apply(); }
  }

  setUpCopyButtons();
  function setUpPrint() {
    if (typeof window.print !== "function") { return; }
    Array.prototype.forEach.call(document.querySelectorAll("button.pv-print"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  setUpShareSheet();
  setUpFinder();
  setUpPrint();
  fillPageAddress();
  setUpEmbeds();
  setUpWithdrawal();
})();
