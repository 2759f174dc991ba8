// The language switch (overrides/partials/us-switch.html, src/undersigned/spanish.py).
//
// Loaded in the head, before the page is drawn. The reader's choice is kept in
// localStorage; until there is one it follows the browser's language
// (navigator.language). A page built in both languages (the hub pages: English at the
// site's root, Spanish under es/) names its other version in the head, and the reader
// is taken there; a page built once (a letter, signatory, recipient or tag) shows its
// labels in the chosen language through `data-us-ui` on <html> (docs/assets/undersigned.css).
// Its `lang` is left alone: the page's headings and text are in the language it was
// built in, and a screen reader reads them by `lang`.
// No request is made, to this host or any other.
(function () {
  "use strict";
  var KEY = "undersigned.language";
  var NAMES = { en: "English", es: "Español" };
  var root = document.documentElement;
  var built = root.getAttribute("lang") || "en";

  // null: no choice yet; undefined: storage refused (a policy, some private modes), when
  // a choice made on the switch could not be kept, so no page sends the reader away.
  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (err) {
      return undefined;
    }
  }
  function store(lang) {
    try {
      window.localStorage.setItem(KEY, lang);
    } catch (err) {
      // the choice lasts for this page only
    }
  }

  var chosen = stored();
  var wanted = NAMES[chosen] ? chosen
    : (/^es(-|$)/i.test(window.navigator.language || "") ? "es" : "en");

  var kept = chosen !== undefined;
  var other = document.querySelector('link[rel="alternate"][hreflang="' + wanted + '"]');
  // Material's bundle fetches a "sitemap.xml" beside the target of every
  // link[rel=alternate] (an exact match) to map a site's translations: beside a hub page
  // that is a 404. The same relation with one more token, which it leaves alone (as
  // undersigned-feeds.js does for the feeds); the HTML keeps rel="alternate".
  document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
    link.rel = "alternate translation";
  });
  if (wanted !== built && other && kept) {
    window.location.replace(other.href + window.location.search + window.location.hash);
    return;
  }
  var labels = document.querySelector('meta[name="undersigned:labels"]') !== null;
  if (labels && wanted !== built && kept) {
    root.setAttribute("data-us-ui", wanted);
  }

  // picture strings: begin (scripts/i18n_js.py writes them from i18n.py)
  var WORDS = {"strings":[["When {name} signed","Cuándo firmó {name}"],["{count} from {first} to {last}.","{count} de {first} a {last}."],["{count} in {year}.","{count} en {year}."],["{name} and its co-signers","{name} y sus cofirmantes"],["The {count} that most often signed the same letters as {name}, each line as thick as the letters signed together.","Los {count} que más a menudo firmaron las mismas cartas que {name}; cada línea es tan gruesa como las cartas firmadas en común."],["Members of {name}","Miembros de {name}"],["The {count} printed most often under {name}, each joined by a line as thick as the letters it was printed on as a member.","Los {count} impresos más a menudo bajo {name}, cada uno unido por una línea tan gruesa como las cartas en que aparece como miembro."],["{what} over time","{what} a lo largo del tiempo"],["Letters to {name}","Cartas a {name}"],["{count} from {span}, as bars by month or year.","{count} de {span}, en barras por mes o por año."],["{first} to {last}","{first} a {last}"],["The most connected organizations and networks","Las organizaciones y redes más conectadas"],["The {nodes} organizations and networks with the most co-signatures, on a circle, most connected first from the top, clockwise; the {edges} strongest pairs among them joined by lines as thick as the letters they signed together.","Las {nodes} organizaciones y redes con más cofirmas, en un círculo, la más conectada primero desde arriba, en el sentido de las agujas del reloj; los {edges} pares más fuertes entre ellas, unidos por líneas tan gruesas como las cartas que firmaron en común."],["{name}: {count}, {degree} co-signatures","{name}: {count}, {degree} cofirmas"],["{day}: {title}","{day}: {title}"],["{when}: {count}","{when}: {count}"],["{month} {year}","{month} de {year}"],["Letters","Cartas"]],"counts":{"letter":"carta","letters":"cartas","organization":"organización","organizations":"organizaciones","person":"persona","people":"personas","network":"red","networks":"redes","signature":"firma","signatures":"firmas","signatory":"firmante","signatories":"firmantes","member":"miembro","members":"miembros","record":"registro","records":"registros"},"months":[["January","February","March","April","May","June","July","August","September","October","November","December"],["enero","febrero","marzo","abril","mayo","junio","julio","agosto","septiembre","octubre","noviembre","diciembre"]],"months_short":[["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"],["ene","feb","mar","abr","may","jun","jul","ago","sep","oct","nov","dic"]]};
  // picture strings: end

  // A picture's words on a page built once: its <title>s (the hover text and the
  // accessible names) and <desc>. pictures.py drew them in English from i18n.py's
  // strings (WORDS); here they are read back by the same strings and written in the
  // reader's language, so the page carries one copy of them (bytes: issue 15). Names
  // and letter titles are copied as they are, never translated.
  var SLOTS = { year: "\\d{4}", first: "\\d{4}", last: "\\d{4}", nodes: "[\\d,]+",
    edges: "[\\d,]+", degree: "[\\d,]+", count: "[\\d,]+ \\S+", month: "[A-Za-z]+",
    day: "\\d{1,2} [A-Za-z]+ \\d{4}", when: "(?:[A-Za-z]+ )?\\d{4}" };
  var SAID = { what: 1, count: 1, when: 1, day: 1, span: 1, month: 1 };
  var READ = WORDS.strings.map(function (pair) {
    var names = [];
    var source = pair[0].replace(/\{(\w+)\}|[.*+?^${}()|[\]\\]/g, function (m, name) {
      if (!name) {
        return "\\" + m;
      }
      names.push(name);
      return "(" + (SLOTS[name] || ".+?") + ")";
    });
    return { re: new RegExp("^" + source + "$"), names: names, out: pair[1] };
  });

  function say(text) {
    var months = WORDS.months, short = WORDS.months_short;
    var date = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text);
    if (date && months[0].indexOf(date[2]) >= 0) {  // as i18n.date_text writes it
      return date[1] + " de " + months[1][months[0].indexOf(date[2])] + " de " + date[3];
    }
    if (months[0].indexOf(text) >= 0) {
      return months[1][months[0].indexOf(text)];
    }
    if (short[0].indexOf(text) >= 0) {
      return short[1][short[0].indexOf(text)];
    }
    var count = /^([\d,]+) (\S+)$/.exec(text);
    if (count && WORDS.counts[count[2]]) {
      return count[1] + " " + WORDS.counts[count[2]];
    }
    for (var i = 0; i < READ.length; i++) {
      var found = READ[i].re.exec(text);
      if (found) {
        var values = {};
        READ[i].names.forEach(function (name, j) {
          values[name] = SAID[name] ? say(found[j + 1]) : found[j + 1];
        });
        return READ[i].out.replace(/\{(\w+)\}/g, function (m, name) {
          return values[name];
        });
      }
    }
    return text;
  }

  function pictures(lang) {
    document.querySelectorAll("svg.us-pic title, svg.us-pic desc").forEach(function (el) {
      if (el.usEnglish === undefined) {
        el.usEnglish = el.textContent;
      }
      el.textContent = lang === "es" ? say(el.usEnglish) : el.usEnglish;
      if (lang === "es") {
        el.setAttribute("lang", "es");
      } else {
        el.removeAttribute("lang");
      }
    });
  }

  // The switch on a page built once offers the language not shown.
  function offer(link) {
    var shown = root.getAttribute("data-us-ui") || root.getAttribute("lang");
    var lang = shown === "es" ? "en" : "es";
    link.setAttribute("data-us-lang", lang);
    link.setAttribute("hreflang", lang);
    link.setAttribute("lang", lang);
    link.textContent = NAMES[lang];
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("a[data-us-toggle]").forEach(offer);
    if (root.getAttribute("data-us-ui") === "es") {
      pictures("es");
    }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-us-lang]") : null;
    if (!link) {
      return;
    }
    var lang = link.getAttribute("data-us-lang");
    store(lang);
    if (link.hasAttribute("data-us-toggle")) {
      event.preventDefault();
      root.setAttribute("data-us-ui", lang);
      offer(link);
      pictures(lang);
      // The search box's own words follow too (undersigned-search.js).
      document.dispatchEvent(new CustomEvent("undersigned:language", { detail: lang }));
    }
  });
})();
