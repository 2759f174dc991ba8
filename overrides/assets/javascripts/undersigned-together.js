// Letters signed together, computed in the page (templates/signatory.html).
//
// Under each co-signer's name in a signatory's co-signers table (the widest cell on a
// phone) this script adds a "See the letters" <details>; the page writes none: at 10,000
// letters, even a control per row was a tenth of the signatory pages' bytes. Opened, it
// fetches this signatory's signatures.json (the table's `data-us-own`) and the
// co-signer's (beside the co-signer's page, which the row links: urls.SIGNATORY_FILES),
// both export.py's `{columns, data}`, keeps the letters both signed, newest first, and
// lists them there with their count in a polite live region.
// Each file is fetched once per page, however many rows need it; a failed fetch says why
// in words, links the two signatures.csv, and is tried again the next time the row is
// opened. Only files of the site's own origin are fetched. Without script, the page says
// to compare the two signatures.csv.
//
// The words follow the language switch (`data-us-ui` on <html>, undersigned-lang.js) and
// are i18n.py's, written here by scripts/i18n_js.py (tests/test_i18n.py fails if stale).
(function () {
  "use strict";
  // together strings: begin (scripts/i18n_js.py writes them from i18n.py)
  var TEXT = {
    "en": {
      "together_show": "See the letters",
      "together_loading": "Loading the letters…",
      "together_found": "{count} signed together with {name}, newest first:",
      "together_failed": "The letters could not be loaded: {reason}. Close and open this list to try again, or compare the two lists of letters (signatures.csv):",
      "together_offline": "the site could not be reached (are you offline?)",
      "together_missing": "a list is missing from the site (error {status})",
      "letter": ["letter", "letters"],
      "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
      "date": "{day} {month} {year}"
    },
    "es": {
      "together_show": "Ver las cartas",
      "together_loading": "Cargando las cartas…",
      "together_found": "{count} en común con {name}, de la más reciente a la más antigua:",
      "together_failed": "No se pudieron cargar las cartas: {reason}. Cierre y abra esta lista para intentarlo de nuevo, o compare las dos listas de cartas (signatures.csv):",
      "together_offline": "no se pudo contactar el sitio (¿está sin conexión?)",
      "together_missing": "falta una lista en el sitio (error {status})",
      "letter": ["carta", "cartas"],
      "months": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
      "date": "{day} de {month} de {year}"
    }
  };
  // together strings: end
  var root = document.documentElement;
  var files = {}; // URL -> promise of the file's letters, [{id, date, title}], in its order

  function language() {
    var lang = root.getAttribute("data-us-ui") || root.getAttribute("lang");
    return TEXT[lang] ? lang : "en";
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }
  // i18n.number, i18n.count and i18n.date_text.
  function number(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }
  function count(n, words) {
    return number(n) + " " + (n === 1 ? words.letter[0] : words.letter[1]);
  }
  function day(iso, words) {
    var parts = iso.split("-");
    return fill(words.date, { day: Number(parts[2]), month: words.months[Number(parts[1]) - 1],
                              year: parts[0] });
  }

  function letters(url) {
    if (!files[url]) {
      files[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) {
          var failed = new Error("HTTP " + response.status);
          failed.status = response.status;
          throw failed;
        }
        return response.json();
      }).then(function (file) {
        var c = file.columns;
        var id = c.indexOf("letter_id"), date = c.indexOf("letter_date");
        var title = c.indexOf("letter_title");
        var seen = {}, out = [];
        file.data.forEach(function (row) {
          // A signatory printed twice on a letter (as itself and as a member) has two rows.
          if (!seen[row[id]]) {
            seen[row[id]] = true;
            out.push({ id: row[id], date: row[date], title: row[title] });
          }
        });
        return out;
      });
      files[url].catch(function () {
        delete files[url]; // tried again at the next opening
      });
    }
    return files[url];
  }

  // A file of this site, as an absolute URL, or null.
  function sameOrigin(href) {
    var url = new URL(href, window.location.href);
    return url.origin === window.location.origin ? url.href : null;
  }

  var rows = [];

  function draw(row) {
    var lang = language();
    var words = TEXT[lang];
    // Words in the reader's language, marked so, as undersigned-lang.js marks its own: a
    // screen reader reads them in it (names and titles inside are data, in their own).
    row.summary.setAttribute("lang", lang);
    row.status.setAttribute("lang", lang);
    row.list.setAttribute("lang", lang);
    row.summary.textContent = words.together_show;
    var state = row.state;
    row.list.textContent = "";
    row.list.hidden = !state.found;
    row.files.hidden = !state.failed;
    if (state.loading) {
      row.status.textContent = words.together_loading;
    } else if (state.failed) {
      row.status.textContent = fill(words.together_failed, {
        reason: state.failed.status
          ? fill(words.together_missing, { status: state.failed.status })
          : words.together_offline
      });
    } else if (state.found) {
      row.status.textContent = fill(words.together_found,
                                    { count: count(state.found.length, words), name: row.name });
      state.found.forEach(function (letter) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = row.letterHref.split("ID").join(letter.id);
        link.textContent = letter.title;
        item.appendChild(document.createTextNode(day(letter.date, words) + ": "));
        item.appendChild(link);
        row.list.appendChild(item);
      });
    } else {
      row.status.textContent = "";
    }
  }

  function open(row) {
    var state = row.state;
    if (state.found || state.loading) {
      return;
    }
    row.state = { loading: true };
    draw(row);
    var both = row.own && row.other ? Promise.all([letters(row.own), letters(row.other)])
      : Promise.reject(new Error("not this site's files"));
    both.then(function (lists) {
      var theirs = {};
      lists[1].forEach(function (letter) {
        theirs[letter.id] = true;
      });
      var found = lists[0].filter(function (letter) {
        return theirs[letter.id];
      });
      // Newest first: ISO dates sort as text; the file's order breaks ties.
      found = found.map(function (letter, i) {
        return [letter, i];
      }).sort(function (a, b) {
        return a[0].date < b[0].date ? 1 : a[0].date > b[0].date ? -1 : a[1] - b[1];
      }).map(function (pair) {
        return pair[0];
      });
      row.state = { found: found };
      draw(row);
    }, function (failed) {
      row.state = { failed: failed };
      draw(row);
    });
  }

  function start() {
    var table = document.getElementById("cosigners-table");
    if (!table || !table.getAttribute("data-us-own")) {
      return;
    }
    var own = sameOrigin(table.getAttribute("data-us-own"));
    var ownCsv = document.createElement("a");
    ownCsv.href = table.getAttribute("data-us-own").replace(/\.json$/, ".csv");
    var heading = document.querySelector("h1");
    ownCsv.textContent = heading ? heading.textContent.trim() : "signatures.csv";
    var letterHref = table.getAttribute("data-us-letter");
    Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
      var page = tr.cells[0].querySelector("a[href]");
      var cell = tr.cells[0];
      if (!page) {
        return;
      }
      var details = document.createElement("details");
      details.className = "us-with";
      var summary = document.createElement("summary");
      var status = document.createElement("p");
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      var list = document.createElement("ul");
      list.className = "us-plain us-with__letters";
      // After a failure: the two lists, this page's and the co-signer's.
      var files = document.createElement("p");
      files.className = "us-with__files";
      var csv = document.createElement("a");
      csv.href = page.getAttribute("href") + "signatures.csv";
      csv.textContent = page.textContent.trim();
      files.appendChild(ownCsv.cloneNode(true));
      files.appendChild(document.createTextNode(" · "));
      files.appendChild(csv);
      details.appendChild(summary);
      details.appendChild(status);
      details.appendChild(list);
      details.appendChild(files);
      cell.appendChild(details);
      var row = { summary: summary, status: status, list: list, files: files, own: own,
                  other: sameOrigin(page.getAttribute("href") + "signatures.json"),
                  letterHref: letterHref, name: page.textContent.trim(), state: {} };
      rows.push(row);
      draw(row);
      details.addEventListener("toggle", function () {
        if (details.open) {
          open(row);
        }
      });
    });
    // The reader switches language in place: every row is written again in it.
    new MutationObserver(function () {
      rows.forEach(draw);
    }).observe(root, { attributes: true, attributeFilter: ["data-us-ui", "lang"] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
