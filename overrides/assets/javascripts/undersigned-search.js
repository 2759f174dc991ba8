// Search in the header, and a full search page at /search/ that reads ?q=.
//
// A small UI of our own over Pagefind's JS API (pagefind.js), not Pagefind's Default UI:
// that one is 134 KB on every page and fetches every filter file (`pagefind.filters()`) on
// the first query, which at 10,000 letters is more than half of what a query needs. Here
// pagefind.js loads when the box is first used, and the filter files only when the reader
// opens "Filters" (a search fetches only the filters it applies).
(function () {
  "use strict";
  var header = document.getElementById("us-search");
  if (!header) {
    return;
  }
  // The template gives a path relative to this page; Pagefind wants it from the site's
  // root, and result URLs relative to wherever the site is published.
  var bundle = new URL(header.getAttribute("data-bundle"), document.baseURI).pathname;
  var OPTIONS = {
    baseUrl: bundle.replace(/pagefind\/$/, ""),
    // Short pages (a signatory's own) should not lose to long letters that merely
    // mention a name: weight counts more than frequency relative to length.
    ranking: { termFrequency: 0.6, pageLength: 0.5 }
  };
  // The interface's words, in the page's language (`lang` on <html>: the Spanish pages
  // under es/, or the reader's choice on a page built once, undersigned-lang.js). Our own
  // UI over Pagefind's JS API, so these are ours: Pagefind's Default UI and its
  // `translations` option are not loaded. N stands for a number.
  var WORDS = {
    en: {
      placeholder: "Search letters and signatories", filters: "Filters",
      more: "Load more results", searching: "Searching for ", failed: "Search could not be loaded: ",
      one: "N result for ", many: "N results for ", loadingFilters: "Loading filters…",
      filtersFailed: "The filters could not be loaded.", none: "None among these results",
      kind: "Kind", year: "Year", recipient: "Recipient", tag: "Tag"
    },
    es: {
      placeholder: "Buscar cartas y firmantes", filters: "Filtros",
      more: "Más resultados", searching: "Buscando ", failed: "No se pudo cargar la búsqueda: ",
      one: "N resultado para ", many: "N resultados para ", loadingFilters: "Cargando filtros…",
      filtersFailed: "No se pudieron cargar los filtros.", none: "Ninguno entre estos resultados",
      kind: "Tipo", year: "Año", recipient: "Destinatario", tag: "Etiqueta",
      // The values of the "kind" filter, as the pages give them (in English).
      kinds: { organization: "organización", person: "persona", network: "red",
        letter: "carta", recipient: "destinatario", tag: "etiqueta" }
    }
  };
  var ROOT = document.documentElement;
  var LANG = (ROOT.getAttribute("data-us-ui") || ROOT.getAttribute("lang")) === "es" ? "es" : "en";
  var T = WORDS[LANG];
  // The filters the generator writes (data-pagefind-filter), in the order shown.
  var FILTER_LABELS = { kind: T.kind, year: T.year, recipient: T.recipient, tag: T.tag };
  var PAGE_SIZE = 5;
  var DEBOUNCE_MS = 300;
  var PLACEHOLDER = T.placeholder;

  // On a page built once the switch changes the language in place (undersigned-lang.js
  // says so with this event): the boxes' own words follow; results already shown keep
  // theirs until the next search.
  document.addEventListener("undersigned:language", function (event) {
    T = WORDS[event.detail === "es" ? "es" : "en"];
    FILTER_LABELS = { kind: T.kind, year: T.year, recipient: T.recipient, tag: T.tag };
    PLACEHOLDER = T.placeholder;
    var set = function (selector, apply) {
      document.querySelectorAll(selector).forEach(apply);
    };
    set(".us-search__input", function (n) { n.setAttribute("placeholder", T.placeholder); });
    set(".us-search__label", function (n) { n.textContent = T.placeholder; });
    set(".us-search__filters-toggle", function (n) { n.textContent = T.filters; });
    set(".us-search__more", function (n) { n.textContent = T.more; });
  });

  var loading = null;
  function pagefind() {
    if (!loading) {
      loading = import(bundle + "pagefind.js").then(function (pf) {
        return pf.options(OPTIONS).then(function () { return pf; });
      });
    }
    return loading;
  }

  var filtersLoading = null;
  function allFilters() {
    // Downloads every filter file: only ever called when the reader opens the filters.
    if (!filtersLoading) {
      filtersLoading = pagefind().then(function (pf) { return pf.filters(); });
    }
    return filtersLoading;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    [].concat(children === undefined ? [] : children).forEach(function (c) {
      node.append(c);
    });
    return node;
  }

  // Pagefind's excerpt is HTML: escaped text with <mark> around the words found. Keep
  // only the text and the marks, whatever else the indexed page might have held.
  function excerpt(html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html || "";
    var p = el("p", { class: "us-search__excerpt" });
    parsed.content.childNodes.forEach(function (n) {
      p.append(n.nodeName === "MARK" ? el("mark", {}, n.textContent) : n.textContent);
    });
    return p;
  }

  function shown(name, value) {
    return (name === "kind" && T.kinds && T.kinds[value]) || value;
  }

  function plural(n, one, many) {
    return (n === 1 ? one : many).replace("N", n.toLocaleString("en")); // 1,234 in both
  }

  var mounted = 0;

  function mount(root, autofocus) {
    var id = "us-search-" + (++mounted);
    var input = el("input", {
      id: id + "-q", class: "us-search__input", type: "search", placeholder: PLACEHOLDER,
      autocomplete: "off", autocapitalize: "none", spellcheck: "false",
      enterkeyhint: "search", "aria-controls": id + "-drawer"
    });
    var message = el("p", { class: "us-search__message", role: "status" });
    var toggle = el("button", {
      type: "button", class: "us-search__filters-toggle", "aria-expanded": "false",
      "aria-controls": id + "-filters"
    }, T.filters);
    var panel = el("div", { id: id + "-filters", class: "us-search__filters", hidden: "" });
    var list = el("ol", { class: "us-search__results" });
    var more = el("button", { type: "button", class: "us-search__more", hidden: "" },
      T.more);
    var drawer = el("div", { id: id + "-drawer", class: "us-search__drawer", hidden: "" },
      [el("div", { class: "us-search__bar" }, [message, toggle]), panel, list, more]);
    root.append(el("div", { class: "us-search" }, [
      el("label", { for: input.id, class: "us-visually-hidden us-search__label" }, PLACEHOLDER),
      input, drawer
    ]));

    var current = null; // {term, found, shown}
    var searchId = 0;
    var timer = null;
    var boxes = {}; // filter name -> {value -> {input, count, row}}
    var none = {}; // filter name -> the note shown when no value is left

    function selected() {
      var filters = {};
      Object.keys(boxes).forEach(function (name) {
        var on = Object.keys(boxes[name]).filter(function (v) { return boxes[name][v].input.checked; });
        if (on.length) {
          filters[name] = { any: on };
        }
      });
      return filters;
    }

    async function run() {
      clearTimeout(timer);
      var term = input.value.trim();
      var mine = ++searchId;
      if (!term) {
        current = null;
        drawer.hidden = true;
        list.replaceChildren();
        message.textContent = "";
        return;
      }
      drawer.hidden = false;
      message.textContent = T.searching + term + "…";
      var found;
      try {
        found = await (await pagefind()).search(term, { filters: selected() });
      } catch (err) {
        loading = null; // try again on the next search
        if (mine === searchId) {
          message.textContent = T.failed + err.message;
        }
        return;
      }
      if (mine !== searchId) {
        return;
      }
      current = { term: term, found: found, shown: 0 };
      list.replaceChildren();
      await showMore();
      if (mine !== searchId) {
        return;
      }
      message.textContent = plural(found.results.length, T.one, T.many) + term;
      counts(found.filters);
    }

    async function showMore() {
      var mine = searchId;
      var slice = current.found.results.slice(current.shown, current.shown + PAGE_SIZE);
      var data = await Promise.all(slice.map(function (r) { return r.data(); }));
      if (mine !== searchId) {
        return;
      }
      current.shown += slice.length;
      data.forEach(function (d) {
        var link = el("a", { class: "us-search__link", href: d.url }, (d.meta && d.meta.title) || d.url);
        list.append(el("li", { class: "us-search__result" }, [
          el("p", { class: "us-search__title" }, link), excerpt(d.excerpt)
        ]));
      });
      more.hidden = current.shown >= current.found.results.length;
    }

    // Counts of each value among the current results. Values with none are hidden,
    // unless ticked (so they can be unticked).
    function counts(byName) {
      Object.keys(boxes).forEach(function (name) {
        var seen = (byName || {})[name];
        if (!seen) {
          return;
        }
        var shown = 0;
        Object.keys(boxes[name]).forEach(function (value) {
          var box = boxes[name][value];
          var n = seen[value] || 0;
          box.count.textContent = "(" + n + ")";
          box.row.hidden = n === 0 && !box.input.checked;
          shown += box.row.hidden ? 0 : 1;
        });
        none[name].hidden = shown > 0;
      });
    }

    async function openFilters() {
      if (Object.keys(boxes).length || panel.getAttribute("aria-busy")) {
        return;
      }
      panel.setAttribute("aria-busy", "true");
      panel.textContent = T.loadingFilters;
      var all;
      try {
        all = await allFilters();
      } catch (err) {
        filtersLoading = null; // try again on the next opening
        panel.removeAttribute("aria-busy");
        panel.textContent = T.filtersFailed;
        return;
      }
      var names = Object.keys(FILTER_LABELS).filter(function (n) { return n in all; })
        .concat(Object.keys(all).filter(function (n) { return !(n in FILTER_LABELS); }).sort());
      panel.textContent = "";
      names.forEach(function (name) {
        var rows = el("ul", { class: "us-search__filter-values" });
        boxes[name] = {};
        Object.keys(all[name]).forEach(function (value, i) {
          var box = el("input", {
            type: "checkbox", id: id + "-" + name + "-" + i, name: name, value: value
          });
          var count = el("span", { class: "us-search__count" }, "(" + all[name][value] + ")");
          var row = el("li", {}, [box, el("label", { for: box.id }, [shown(name, value) + " ", count])]);
          box.addEventListener("change", run);
          boxes[name][value] = { input: box, count: count, row: row };
          rows.append(row);
        });
        none[name] = el("p", { class: "us-search__none", hidden: "" }, T.none);
        panel.append(el("fieldset", { class: "us-search__filter" }, [
          el("legend", {}, FILTER_LABELS[name] || name), rows, none[name]
        ]));
      });
      // The counts so far are over the whole site: count within the current results
      // (busy until then; a search started meanwhile draws its own counts).
      if (current) {
        var mine = searchId;
        var pf = await pagefind();
        var found = await pf.search(current.term, { filters: selected() });
        if (mine === searchId) {
          counts(found.filters);
        }
      }
      panel.removeAttribute("aria-busy");
    }

    input.addEventListener("focus", pagefind);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        run();
      } else if (e.key === "Escape") {
        input.value = "";
        run();
      }
    });
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      panel.hidden = !open;
      if (open) {
        openFilters();
      }
    });
    more.addEventListener("click", function () { showMore(); });

    if (autofocus) {
      input.focus();
    }
    return {
      search: function (term) {
        input.value = term;
        run();
      }
    };
  }

  var page = document.getElementById("us-search-page");
  if (page) {
    header.parentNode.hidden = true;
    var ui = mount(page, true);
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) {
      ui.search(q);
    }
  } else {
    mount(header, false);
  }
})();
