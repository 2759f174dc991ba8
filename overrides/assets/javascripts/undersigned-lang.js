// The language switch (overrides/partials/us-switch.html, src/undersigned/spanish.py).
//
// Loaded in the head, before the page is drawn. The reader's choice is kept in
// localStorage; until there is one it follows the browser's language
// (navigator.language). A page built in both languages (the hub pages: English at the
// site's root, Spanish under es/) names its other version in the head, and the reader
// is taken there; a page built once (a letter, signatory, recipient or tag) shows its
// labels in the chosen language through `data-us-ui` on <html> (docs/assets/undersigned.css),
// and its headings, captions and pictures' words are rewritten in place (below), each
// marked `lang="es"`. The page's own `lang` is left alone: its text is in the language it
// was built in, and a screen reader reads each part by its `lang`.
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
  var WORDS = {"strings":[["When {name} signed","Cuándo firmó {name}"],["{count} from {first} to {last}.","{count} de {first} a {last}."],["{count} in {year}.","{count} en {year}."],["{name} and its co-signers","{name} y sus cofirmantes"],["The {count} that most often signed the same letters as {name}, each line as thick as the letters signed together.","Los {count} que más a menudo firmaron las mismas cartas que {name}; cada línea es tan gruesa como las cartas firmadas en común."],["Members of {name}","Miembros de {name}"],["The {count} printed most often under {name}, each joined by a line as thick as the letters it was printed on as a member.","Los {count} impresos más a menudo bajo {name}, cada uno unido por una línea tan gruesa como las cartas en que aparece como miembro."],["{what} over time","{what} a lo largo del tiempo"],["Letters to {name}","Cartas a {name}"],["{count} from {span}, as bars by month or year.","{count} de {span}, en barras por mes o por año."],["{first} to {last}","{first} a {last}"],["The {nodes} organizations and networks with the most co-signatures, on a circle, most connected first from the top, clockwise; the {edges} strongest pairs among them joined by lines as thick as the letters they signed together.","Las {nodes} organizaciones y redes con más cofirmas, en un círculo, la más conectada primero desde arriba, en el sentido de las agujas del reloj; los {edges} pares más fuertes entre ellas, unidos por líneas tan gruesas como las cartas que firmaron en común."],["{name}: {count}, {degree} co-signatures","{name}: {count}, {degree} cofirmas"],["{day}: {title}","{day}: {title}"],["{when}: {count}","{when}: {count}"],["{month} {year}","{month} de {year}"],["{count} as printed, each linked to its record; where the record's name differs, it follows the printed form.","{count} tal como se imprimieron, cada una enlazada a su registro; donde el nombre del registro es otro, sigue a la forma impresa."],["Signed every letter {name} signed:","Firmaron todas las cartas que firmó {name}:"],["{count} addressed or copied to {name}.","{count} con destino a {name} o con copia."],["Printed as one line: “{line}”","Impresos en una sola línea: “{line}”"],["{name}: letters signed, page {n}","{name}: cartas firmadas, página {n}"],["Printed as “{printed}”, with {count}:","Impresa como “{printed}”, con {count}:"],["(the letter states {count})","(la carta indica {count})"],["{what} per year","{what} por año"],["Back to {name}","Volver a {name}"],["{title}, page {n}","{title}, página {n}"],["Tag: {label}","Etiqueta: {label}"],["{figure}: {about}","{figure}: {about}"]],"picture_strings":16,"exact":{"The most connected organizations and networks":"Las organizaciones y redes más conectadas","Letters":"Cartas","Who signs with whom: a signatory's co-signatures count every other name on every letter it signed (a letter with 30 signatories gives each 29). People are left out.":"Quién firma con quién: las cofirmas de un firmante cuentan cada otro nombre de cada carta que firmó (una carta con 30 firmantes le da 29 a cada uno). Las personas quedan fuera.","Follow a name to its page; the numbers are in the <a href=\"#cosigners-table\">co-signers table</a>.":"Siga un nombre hasta su página; los números están en la <a href=\"#cosigners-table\">tabla de cofirmantes</a>.","Each point is the letters of a month, sized by their number; it leads to them in the table.":"Cada punto son las cartas de un mes, de tamaño según su número; lleva a ellas en la tabla.","Each point is the letters of a year, sized by their number; it leads to them in the table.":"Cada punto son las cartas de un año, de tamaño según su número; lleva a ellas en la tabla.","Each point is a letter: hover or focus it (Tab) to see which, follow it to read it.":"Cada punto es una carta: pase el cursor sobre él o enfóquelo (Tab) para ver cuál es, y sígalo para leerla.","The members this network printed after its name, letter by letter.":"Los miembros que esta red imprimió después de su nombre, carta por carta.","Follow a name to its page. The data is in the two tables below.":"Siga un nombre hasta su página. Los datos están en las dos tablas de abajo.","Follow a name to its page; the numbers are in the table below.":"Siga un nombre hasta su página; los números están en la tabla de abajo.","The signatories that most often signed the same letters.":"Los firmantes que más a menudo firmaron las mismas cartas.","The strongest pairs, by letters signed together":"Los pares más fuertes, por cartas firmadas en común","The counts per year are in the table below.":"Los conteos por año están en la tabla de abajo.","No letter has two signatories yet.":"Todavía ninguna carta tiene dos firmantes.","The table below lists them all.":"La tabla de abajo las enumera todas.","No letter in the archive yet.":"Todavía no hay ninguna carta en el archivo.","The signatories on the map":"Los firmantes del mapa","Members most often printed":"Miembros impresos más a menudo","Members printed most often":"Miembros impresos más a menudo","Letters signed per year":"Cartas firmadas por año","Letters signed together":"Cartas firmadas en común","The pairs on the map":"Los pares del mapa","Letters as a member":"Cartas como miembro","the list as printed":"la lista tal como se imprimió","this page's address":"la dirección de esta página","Members as printed":"Miembros tal como se imprimieron","Permanent address":"Dirección permanente","Also recorded as":"También registrado como","Letters together":"Cartas en común","as a member of":"como miembro de","Letters signed":"Cartas firmadas","Co-signatures":"Cofirmas","organization":"organización","Affiliation":"Afiliación","Network map":"Mapa de la red","Signatories":"Firmantes","Co-signers":"Cofirmantes","Printed as":"Impreso como","Signatory":"Firmante","All tags":"Todas las etiquetas","Language":"Idioma","Networks":"Redes","Acronym":"Sigla","Also in":"También en","Copy to":"Con copia a","Country":"País","network":"red","Related":"Relacionados","Website":"Sitio web","Follow":"Seguir","person":"persona","Letter":"Carta","Member":"Miembro","Source":"Fuente","Cite":"Citar","Data":"Datos","Date":"Fecha","Kind":"Tipo","Name":"Nombre","Tags":"Etiquetas","Text":"Texto","Year":"Año","To":"Para","English":"inglés","Spanish":"español","French":"francés","Portuguese":"portugués"},"sentences":[{"en":"{listed}; {@0}","es":"{listed}; {@0}","kids":[["the list as printed","la lista tal como se imprimió"]]},{"en":"{listed} (the letter states {stated}); {@0}","es":"{listed} (la carta indica {stated}); {@0}","kids":[["the list as printed","la lista tal como se imprimió"]]},{"en":"Permanent address: {@0}.","es":"Dirección permanente: {@0}.","kids":[["{url}","{url}"]]},{"en":"Permanent address: {@0} (it ends in {@1} and will not change).","es":"Dirección permanente: {@0} (termina en {@1} y no cambiará).","kids":[["this page's address","la dirección de esta página"],["/letters/{id}/","/letters/{id}/"]]},{"en":"{count}. {@0}.","es":"{count}. {@0}.","kids":[["All tags","Todas las etiquetas"]]},{"en":"Signed every letter {name} signed: {names}.","es":"Firmaron todas las cartas que firmó {name}: {names}.","kids":[]},{"en":"Open “See the letters” under a co-signer’s name to list the letters signed with it, newest first. Without script: compare this page’s {@0} with the co-signer’s, on its page.","es":"Abra «Ver las cartas» bajo el nombre de un cofirmante para ver las cartas firmadas con él, de la más reciente a la más antigua. Sin script: compare el {@0} de esta página con el del cofirmante, en su página.","kids":[["signatures.csv","signatures.csv"]]},{"en":"The latest {shown} of {total} letters. Every member printed under this network is in {@0}, with {@1} = {@2}.","es":"Las {shown} más recientes de {total} cartas. Todos los miembros impresos bajo esta red están en {@0}, con {@1} = {@2}.","kids":[["signatures.csv","signatures.csv"],["via","via"],["{id}","{id}"]]},{"en":"Download the citation as {@0} or {@1} (Zotero, Pandoc); add the date you read it.","es":"Descargue la cita en {@0} o {@1} (Zotero, Pandoc); añada la fecha en que la consultó.","kids":[["BibTeX","BibTeX"],["CSL-JSON","CSL-JSON"]]},{"en":"Follow a name to its page; the numbers are in the {@0}.","es":"Siga un nombre hasta su página; los números están en la {@0}.","kids":[["co-signers table","tabla de cofirmantes"]]},{"en":"(it ends in {@0} and will not change)","es":"(termina en {@0} y no cambiará)","kids":[["/letters/{id}/","/letters/{id}/"]]}],"chrome":{"Skip to content":"Saltar a contenido","Header":"Cabecera","Navigation":"Navegación","Home":"Inicio","Letters":"Cartas","Signatories":"Firmantes","Recipients":"Destinatarios","Tags":"Etiquetas","Data":"Datos","Contribute":"Contribuir","About":"Acerca de","How it is built":"Cómo está hecho (en inglés)","An open archive of sign-on letters, with every signatory as printed.":"Un archivo abierto de cartas colectivas de la sociedad civil, con cada firmante tal como se imprimió y enlazado a un solo registro."},"counts":{"letter":"carta","letters":"cartas","organization":"organización","organizations":"organizaciones","person":"persona","people":"personas","network":"red","networks":"redes","signature":"firma","signatures":"firmas","signatory":"firmante","signatories":"firmantes","member":"miembro","members":"miembros","record":"registro","records":"registros","listed":"en la lista"},"months":[["January","February","March","April","May","June","July","August","September","October","November","December"],["enero","febrero","marzo","abril","mayo","junio","julio","agosto","septiembre","octubre","noviembre","diciembre"]],"months_short":[["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"],["ene","feb","mar","abr","may","jun","jul","ago","sep","oct","nov","dic"]]};
  // picture strings: end

  // The words of a page built once: its pictures' <title>s (the hover text and the
  // accessible names) and <desc>s, its headings, labels, captions and the dates of its
  // tables. generate.py and pictures.py wrote them in English from i18n.py's strings
  // (WORDS); here they are read back by the same strings and written in the reader's
  // language, so the page carries one copy of them (bytes: issue 15). Only whole
  // strings of i18n.py are rewritten: names, titles and a letter's own text never are.
  var SLOTS = { listed: "[\\d,]+ listed", stated: "[\\d,]+",
    year: "\\d{4}", first: "\\d{4}", last: "\\d{4}", nodes: "[\\d,]+",
    edges: "[\\d,]+", degree: "[\\d,]+", count: "[\\d,]+ \\S+", month: "[A-Za-z]+",
    day: "\\d{1,2} [A-Za-z]+ \\d{4}", when: "(?:[A-Za-z]+ )?\\d{4}" };
  var SAID = { listed: 1, what: 1, count: 1, when: 1, day: 1, span: 1, month: 1, figure: 1,
    about: 1 };
  var READ = WORDS.strings.map(function (pair) {
    var names = [];
    var source = pair[0].replace(/\{(\w+)\}|[.*+?^${}()|[\]\\]/g, function (m, name) {
      if (!name) {
        return "\\" + m;
      }
      names.push(name);
      return "(" + (SLOTS[name] || ".+?") + ")";
    });
    return { re: new RegExp("^" + source + "$"), names: names, out: pair[1],
      fixed: pair[0].replace(/\{\w+\}/g, "").length };
  });

  // The reading of `text` that accounts for most of it by i18n.py's words: [its
  // translation, how many characters of it were fixed words]. Every string is tried
  // and the best kept, so that "Letters to X per year" reads as "{what} per year" with
  // "Letters to {name}" inside it, rather than as "Letters to {name}" alone.
  function best(text, reads) {
    if (Object.prototype.hasOwnProperty.call(WORDS.exact, text)) {
      return [WORDS.exact[text], text.length];
    }
    var months = WORDS.months, short = WORDS.months_short;
    var date = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text);
    if (date && months[0].indexOf(date[2]) >= 0) {  // as i18n.date_text writes it
      return [date[1] + " de " + months[1][months[0].indexOf(date[2])] + " de " + date[3],
        text.length];
    }
    if (months[0].indexOf(text) >= 0) {
      return [months[1][months[0].indexOf(text)], text.length];
    }
    if (short[0].indexOf(text) >= 0) {
      return [short[1][short[0].indexOf(text)], text.length];
    }
    var count = /^([\d,]+) (\S+)$/.exec(text);
    if (count && WORDS.counts[count[2]]) {
      return [count[1] + " " + WORDS.counts[count[2]], text.length];
    }
    var found = [text, 0];
    reads.forEach(function (read) {
      var m = read.re.exec(text);
      if (!m) {
        return;
      }
      var values = {}, score = read.fixed;
      read.names.forEach(function (name, j) {
        if (SAID[name]) {
          var said = best(m[j + 1], reads);
          values[name] = said[0];
          score += said[1];
        } else {
          values[name] = m[j + 1];
        }
      });
      if (score > found[1]) {
        found = [read.out.replace(/\{(\w+)\}/g, function (x, name) {
          return values[name];
        }), score];
      }
    });
    return found;
  }

  // Which strings may read a text: a picture's words, any of them (a caption, a
  // heading, a label, a paragraph of the interface), or none but whole ones (a title,
  // which may be a letter's or a record's own words: a string with a free part could
  // misread them; the paragraphs that are a record's own words are kept, KEEP).
  var PICTURE = READ.slice(0, WORDS.picture_strings);
  function say(text, reads) {
    return best(text, reads || READ)[0];
  }

  function pictures(lang) {
    document.querySelectorAll("svg.us-pic title, svg.us-pic desc").forEach(function (el) {
      if (el.usEnglish === undefined) {
        el.usEnglish = el.textContent;
      }
      el.textContent = lang === "es" ? say(el.usEnglish, PICTURE) : el.usEnglish;
      if (lang === "es") {
        el.setAttribute("lang", "es");
      } else {
        el.removeAttribute("lang");
      }
    });
    words(lang);
    chrome(lang);
  }

  // The theme's words on a page built once: the navigation's names of the site's pages
  // (as the Spanish navigation names them; each still leads to the page, which takes the
  // reader to its Spanish version where there is one) and Material's labels.
  function chrome(lang) {
    var said = WORDS.chrome;
    // The header's topic repeats the page's title: as its h1 is said (a tag page's, the
    // map's), where it was the same words.
    var h1 = document.querySelector(".md-content h1");
    var topic = document.querySelector(".md-header__topic[data-md-component='header-topic'] " +
      ".md-ellipsis");
    if (h1 && topic) {
      if (topic.usEnglishText === undefined) {
        topic.usEnglishText = topic.textContent;
      }
      var english = h1.usEnglishNodes === undefined ? h1.textContent : h1.usEnglishWords;
      var same = english.trim() === topic.usEnglishText.trim();
      topic.textContent = lang === "es" && same ? h1.textContent : topic.usEnglishText;
      // And the browser's tab, "Tag: Asylum - Undersigned".
      if (root.usEnglishTitle === undefined) {
        root.usEnglishTitle = document.title;
      }
      var head = topic.usEnglishText.trim() + " - ";
      document.title = lang === "es" && same && root.usEnglishTitle.indexOf(head) === 0
        ? h1.textContent.trim() + " - " + root.usEnglishTitle.slice(head.length)
        : root.usEnglishTitle;
      if (lang === "es" && same) {
        topic.setAttribute("lang", "es");
      } else {
        topic.removeAttribute("lang");
      }
    }
    // The footer's description of the site, after its name.
    document.querySelectorAll(".md-copyright").forEach(function (el) {
      var node = el.lastChild;
      if (!node || node.nodeType !== 3) {
        return;
      }
      if (el.usEnglishText === undefined) {
        var text = node.nodeValue.replace(/^:\s*/, "").trim();
        if (!Object.prototype.hasOwnProperty.call(said, text)) {
          return;
        }
        el.usEnglishText = node.nodeValue;
        el.usSpanishText = ": " + said[text];
      }
      node.nodeValue = lang === "es" ? el.usSpanishText : el.usEnglishText;
      if (lang === "es") {
        el.setAttribute("lang", "es");
      } else {
        el.removeAttribute("lang");
      }
    });
    document.querySelectorAll(".md-nav--primary .md-nav__link, .md-skip").forEach(function (el) {
      if (el.usEnglishText === undefined) {
        var text = el.textContent.trim();
        if (!Object.prototype.hasOwnProperty.call(said, text) || el.children.length) {
          return;
        }
        el.usEnglishText = text;
      }
      el.textContent = lang === "es" ? said[el.usEnglishText] : el.usEnglishText;
      if (lang === "es") {
        el.setAttribute("lang", "es");
      } else {
        el.removeAttribute("lang");
      }
    });
    document.querySelectorAll(".md-header [aria-label], .md-sidebar [aria-label]")
      .forEach(function (el) {
        if (el.usEnglishLabel === undefined) {
          var label = el.getAttribute("aria-label");
          if (!Object.prototype.hasOwnProperty.call(said, label)) {
            return;
          }
          el.usEnglishLabel = label;
        }
        el.setAttribute("aria-label", lang === "es" ? said[el.usEnglishLabel]
          : el.usEnglishLabel);
      });
  }

  // A text said whole or sentence by sentence ("Each point is a letter: .... The table
  // below lists them all."), whichever accounts for more of it; a trailing colon or
  // period kept ("Follow:", "5 letters.").
  function piece(text, reads) {
    var found = best(text, reads);
    var mark = /[:.]$/.test(text) ? text.slice(-1) : "";
    if (!found[1] && mark) {
      var bare = best(text.slice(0, -1), reads);
      found = bare[1] ? [bare[0] + mark, bare[1]] : found;
    }
    return found;
  }

  function sayAll(text, reads) {
    var lead = text.match(/^\s*/)[0], tail = text.match(/\s*$/)[0];
    var core = text.trim();
    // The best reading of the first i sentences, from runs of whole sentences.
    var sentences = core.split(/(?<=\.) /);
    var upto = [["", 0]];
    for (var i = 1; i <= sentences.length; i++) {
      upto.push(null);
      for (var j = 0; j < i; j++) {
        var p = piece(sentences.slice(j, i).join(" "), reads);
        var read = [(j ? upto[j][0] + " " : "") + p[0], upto[j][1] + p[1]];
        if (upto[i] === null || read[1] > upto[i][1]) {
          upto[i] = read;
        }
      }
    }
    return lead + upto[sentences.length][0] + tail;
  }

  // Where a page built once has its interface's words; not a letter's text, its list of
  // signatories as printed (a printed heading is the record), or anything marked as
  // another language.
  var PLACES = ".md-content :is(h1, h2, h3, dt, th, caption, figcaption, summary, p, " +
    "span.us-via, table:is(.us-letters, .us-signed) td:first-child, " +
    ".us-facts a[data-pagefind-filter='kind'], .us-facts dd, .us-facts dd > time, " +
    "table.us-letters td:last-child)";
  // A fact, a letter's language: whole strings only (a letter's source, a place, a
  // country are its own words), and the sentences around a link.
  var WHOLE_ONLY = "h1, dd, dd > time, td:last-child";
  // A tag page's title ("Tag: Asylum"), read by i18n.py's strings: a tag page's title is
  // the interface's sentence around the tag's label, which is copied as it is.
  var TAG_TITLE = "h1:has(+ [data-pagefind-filter='kind:tag'])";
  var KEEP = ".us-body, .us-signatories, .us-members, .us-search-terms, .us-names, " +
    ".us-summary, .us-note, .us-role, .us-description, h3[id^='section-'], " +
    "[lang]:not([lang='en'])";

  // Sentences with elements inside (a link, a `<code>`), or composed of several strings
  // around a number (i18n.page_sentences): the element's text, each element child as
  // \u0001, matched against the English; the Spanish written around the same children,
  // moved in the Spanish order, not recreated (their links and listeners are kept). A
  // child's own words are rewritten only where the string fixes them.
  var SENTENCES = WORDS.sentences.map(function (s) {
    var names = [];
    var source = s.en.replace(/\{(@?\w+)\}|[.*+?^${}()|[\]\\]/g, function (m, name) {
      if (!name) {
        return "\\" + m;
      }
      if (name.charAt(0) === "@") {
        return "\u0001";
      }
      names.push(name);
      return "(" + (SLOTS[name] || ".+?") + ")";
    });
    return { re: new RegExp("^" + source + "$"), names: names, s: s,
      fixed: s.en.replace(/\{@?\w+\}/g, "").length };
  });

  function sentence(el, change) {
    var kids = [], shape = "";
    el.childNodes.forEach(function (node) {
      if (node.nodeType === 1) {
        kids.push(node);
        shape += "\u0001";
      } else if (node.nodeType === 3) {
        shape += node.nodeValue;
      }
    });
    shape = shape.replace(/\s+/g, " ").trim();
    var found = null, m = null;
    SENTENCES.forEach(function (read) {
      var hit = read.s.kids.length === kids.length && read.re.exec(shape);
      if (hit && (!found || read.fixed > found.fixed)) {
        found = read;
        m = hit;
      }
    });
    if (!found) {
      return false;
    }
    var values = {};
    found.names.forEach(function (name, j) {
      values[name] = SAID[name] ? say(m[j + 1], []) : m[j + 1];
    });
    var parts = [];
    found.s.es.split(/(\{@?\w+\})/).forEach(function (part) {
      var slot = /^\{(@?)(\w+)\}$/.exec(part);
      if (slot && slot[1]) {
        var kid = kids[+slot[2]], words = found.s.kids[+slot[2]];
        if (!/\{/.test(words[0]) && kid.children.length === 0 &&
            kid.textContent === words[0] && words[1] !== words[0]) {
          change(kid.firstChild, words[1]);
        }
        parts.push(kid);
      } else if (part) {
        parts.push(document.createTextNode(slot && values[slot[2]] !== undefined
          ? values[slot[2]] : part));
      }
    });
    el.replaceChildren.apply(el, parts);
    return true;
  }

  function words(lang) {
    document.querySelectorAll(PLACES).forEach(function (el) {
      if (el.usEnglishNodes !== undefined) {
        if (lang !== "es") {  // back to the nodes it was built with, until asked again
          el.replaceChildren.apply(el, el.usEnglishNodes);
          el.usUndo.forEach(function (undo) {
            undo[0].nodeValue = undo[1];
          });
          el.removeAttribute("lang");
          el.usEnglishNodes = undefined;
        }
        return;
      }
      if (lang !== "es" || (el.parentElement && el.parentElement.closest(KEEP)) ||
          el.matches(KEEP)) {
        return;
      }
      var before = el.innerHTML, nodes = Array.prototype.slice.call(el.childNodes);
      var english = el.textContent;
      var undo = [];
      function change(node, value) {
        if (node.nodeValue !== value) {
          undo.push([node, node.nodeValue]);
          node.nodeValue = value;
        }
      }
      var reads = el.matches(WHOLE_ONLY) && !el.matches(TAG_TITLE) ? [] : READ;
      var whole = Object.prototype.hasOwnProperty.call(WORDS.exact, before.trim()) ?
        WORDS.exact[before.trim()] : null;
      // (Never a title by a free sentence: it may be a letter's own words.)
      if ((el.children.length || !el.matches("h1")) && sentence(el, change)) {
        // said around its children
      } else if (whole !== null && /</.test(whole)) {
        el.innerHTML = whole;  // one of i18n.py's strings with its own markup, as written
      } else {
        el.childNodes.forEach(function (node) {
          if (node.nodeType === 3 && /[A-Za-z]/.test(node.nodeValue)) {
            change(node, sayAll(node.nodeValue, reads));
          }
        });
      }
      if (el.innerHTML !== before) {
        el.usEnglishNodes = nodes;
        el.usEnglishWords = english;
        el.usUndo = undo;
        el.setAttribute("lang", "es");
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
