// capbrief search. Queries the static index the build writes below `search-index/LANG/`:
// the words of a query are folded, split, normalised (money figures) and stemmed by the
// same rules as src/search/text.rs and src/search/stem.rs (a test runs both over one
// vocabulary), then looked up in the one term chunk that holds each of them.
(function () {
  "use strict";

  // ---- Text: folding, words, figures, stop words (src/search/text.rs) ----

  var STOP = {
    en: ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of",
      "on", "or", "that", "the", "this", "to", "was", "were", "with"],
    es: ["a", "al", "con", "de", "del", "el", "en", "es", "la", "las", "lo", "los", "para", "por", "que",
      "se", "su", "un", "una", "y"],
  };

  function langOf(code) {
    return code === "es" || code.indexOf("es-") === 0 ? "es" : "en";
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
  function isWordChar(c) {
    return c !== undefined && WORD_CHAR.test(c);
  }
  function isDigit(c) {
    return c !== undefined && c >= "0" && c <= "9";
  }

  // Words of folded text: {text, parts} (parts only for joined words).
  function words(folded) {
    var chars = Array.from(folded);
    var out = [];
    var i = 0;
    while (i < chars.length) {
      if (!isWordChar(chars[i])) { i++; continue; }
      var text = "";
      var parts = [""];
      while (i < chars.length) {
        var c = chars[i];
        if (isWordChar(c)) {
          text += c;
          parts[parts.length - 1] += c;
          i++;
          continue;
        }
        var next = isWordChar(chars[i + 1]) ? chars[i + 1] : undefined;
        var prev = chars[i - 1];
        if ((c === "'" || c === "\u2019") && next !== undefined) {
          i++;
        } else if ((c === "." || c === "-") && next !== undefined) {
          text += c; parts.push(""); i++;
        } else if (c === "," && isDigit(next) && isDigit(prev)) {
          text += c; parts.push(""); i++;
        } else {
          break;
        }
      }
      out.push({ text: text, parts: parts.length === 1 ? [] : parts });
    }
    return out;
  }

  function numberUnits(text, lang) {
    var thousands = lang === "es" ? "." : ",";
    var decimal = lang === "es" ? "," : ".";
    var groups = text.split(/[.,]/);
    for (var g = 0; g < groups.length; g++) {
      if (!/^[0-9]+$/.test(groups[g])) return null;
    }
    var intPart = "", frac = "", seenDecimal = false, pos = 0;
    for (var n = 0; n < groups.length; n++) {
      if (n > 0) {
        var sep = text[pos];
        pos += 1;
        if (sep === decimal) {
          if (seenDecimal) return null;
          seenDecimal = true;
        } else if (sep !== thousands || seenDecimal || groups[n].length !== 3) {
          return null;
        }
      }
      if (seenDecimal) frac += groups[n]; else intPart += groups[n];
      pos += groups[n].length;
    }
    if (frac.length > 3 || intPart.length > 9) return null;
    while (frac.length < 3) frac += "0";
    return BigInt(intPart) * 1000n + BigInt(frac);
  }

  function scaleMillions(word, lang) {
    switch (word) {
      case "billion": case "billions": case "bn": case "bln": case "b": return 1000n;
      case "million": case "millions": case "mn": case "mln": case "m": return 1n;
      case "trillion": case "trillions": case "tn": case "trn": return 1000000n;
    }
    if (lang === "es") {
      if (word === "millones" || word === "millon") return 1n;
      if (word === "billones" || word === "billon") return 1000000n;
    }
    return null;
  }

  function figureTerm(units, millions) {
    var total = units * millions;
    var bn = total >= 1000000n;
    var whole = bn ? total / 1000000n : total / 1000n;
    var frac = bn ? total % 1000000n : total % 1000n;
    var f = frac.toString().padStart(bn ? 6 : 3, "0").replace(/0+$/, "").slice(0, 3);
    if (whole === 0n && f === "") return null;
    return whole.toString() + (f ? "." + f : "") + (bn ? "bn" : "m");
  }

  // A figure starting at words[i]: [term, words taken] or null.
  function figureAt(ws, i, lang) {
    var w = ws[i].text;
    var at = w.search(/[a-z]/);
    if (at > 0) {
      var u = numberUnits(w.slice(0, at), lang), m = scaleMillions(w.slice(at), lang);
      if (u !== null && m !== null) {
        var t = figureTerm(u, m);
        return t === null ? null : [t, 1];
      }
      return null;
    }
    var units = numberUnits(w, lang);
    if (units === null) return null;
    var next = ws[i + 1] ? ws[i + 1].text : undefined;
    if (lang === "es" && next === "mil" && ws[i + 2] &&
        (ws[i + 2].text === "millones" || ws[i + 2].text === "millon")) {
      var t3 = figureTerm(units, 1000n);
      return t3 === null ? null : [t3, 3];
    }
    if (next === undefined) return null;
    var scale = scaleMillions(next, lang);
    if (scale === null) return null;
    var t2 = figureTerm(units, scale);
    return t2 === null ? null : [t2, 2];
  }

  function isLetters(t) {
    return /^[a-z]+$/.test(t);
  }

  function stem(lang, word) {
    return lang === "es" ? spanish(word) : english(word);
  }

  // The terms of a query (src/search/text.rs `query_terms`).
  function queryTerms(text, lang) {
    var ws = words(fold(text));
    var out = [];
    var stops = STOP[lang];
    var i = 0;
    while (i < ws.length) {
      var fig = figureAt(ws, i, lang);
      if (fig) { out.push(fig[0]); i += fig[1]; continue; }
      var t = ws[i].text;
      if (stops.indexOf(t) < 0 || ws.length === 1) out.push(isLetters(t) ? stem(lang, t) : t);
      i++;
    }
    return out;
  }

  // The terms the index holds for a piece of text (`index_terms`), for highlighting.
  function indexTerms(text, lang) {
    var ws = words(fold(text));
    var out = [];
    var stops = STOP[lang];
    var term = function (t) {
      if (stops.indexOf(t) >= 0) return;
      out.push(isLetters(t) ? stem(lang, t) : t);
    };
    for (var i = 0; i < ws.length; i++) {
      var fig = figureAt(ws, i, lang);
      if (fig) out.push(fig[0]);
      term(ws[i].text);
      for (var p = 0; p < ws[i].parts.length; p++) if (ws[i].parts[p]) term(ws[i].parts[p]);
    }
    return out;
  }

  // ---- English stemmer, Porter2 (src/search/stem.rs) ----

  var EN_EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes",
  };
  var EN_AFTER_1A = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];

  function vowelEn(c) { return "aeiouy".indexOf(c) >= 0; }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length).join("") === s; }
  function hasVowel(w, end) { for (var i = 0; i < end; i++) if (vowelEn(w[i])) return true; return false; }

  function regionsEn(w) {
    var afterVc = function (from) {
      var i = from;
      while (i < w.length && !vowelEn(w[i])) i++;
      while (i < w.length && vowelEn(w[i])) i++;
      return Math.min(i + 1, w.length);
    };
    var s = w.join("");
    var r1 = s.indexOf("gener") === 0 || s.indexOf("arsen") === 0 ? 5 : s.indexOf("commun") === 0 ? 6 : afterVc(0);
    var r2 = r1 >= w.length ? w.length : afterVc(r1);
    return [r1, r2];
  }

  function shortSyllableAt(w, end) {
    if (end === 2) return vowelEn(w[0]) && !vowelEn(w[1]);
    if (end < 3) return false;
    var a = w[end - 3], b = w[end - 2], c = w[end - 1];
    return !vowelEn(a) && vowelEn(b) && !vowelEn(c) && c !== "w" && c !== "x" && c !== "Y";
  }

  function replaceLongest(w, rules, region, extra) {
    var best = null;
    for (var i = 0; i < rules.length; i++) {
      if (ends(w, rules[i][0]) && (best === null || rules[i][0].length > best[0].length)) best = rules[i];
    }
    if (!best) return w;
    var start = w.length - best[0].length;
    if (start >= region && extra(w.slice(0, start), best[0])) return w.slice(0, start).concat(best[1].split(""));
    return w;
  }

  function english(word) {
    if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
    if (Object.prototype.hasOwnProperty.call(EN_EXCEPTIONS, word)) return EN_EXCEPTIONS[word];
    var w = word.split("");
    for (var i = 0; i < w.length; i++) if (w[i] === "y" && (i === 0 || vowelEn(w[i - 1]))) w[i] = "Y";
    var rs = regionsEn(w), r1 = rs[0], r2 = rs[1];
    // Step 1a.
    if (ends(w, "sses")) w = w.slice(0, w.length - 2);
    else if (ends(w, "ied") || ends(w, "ies")) w = w.slice(0, w.length > 4 ? w.length - 2 : w.length - 1);
    else if (ends(w, "us") || ends(w, "ss")) { /* kept */ }
    else if (ends(w, "s") && w.length >= 2 && hasVowel(w, w.length - 2)) w = w.slice(0, w.length - 1);
    if (EN_AFTER_1A.indexOf(w.join("")) >= 0) return w.join("");
    // Step 1b.
    var s1b = ["eedly", "ingly", "edly", "eed", "ing", "ed"];
    for (var k = 0; k < s1b.length; k++) {
      if (!ends(w, s1b[k])) continue;
      var start = w.length - s1b[k].length;
      if (s1b[k] === "eed" || s1b[k] === "eedly") {
        if (start >= r1) w = w.slice(0, start + 2);
      } else if (hasVowel(w, start)) {
        w = w.slice(0, start);
        var n = w.length;
        if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) w.push("e");
        else if (n >= 2 && w[n - 1] === w[n - 2] && "bdfgmnprt".indexOf(w[n - 1]) >= 0) w.pop();
        else if (r1 >= w.length && shortSyllableAt(w, w.length)) w.push("e");
      }
      break;
    }
    // Step 1c.
    var m = w.length;
    if (m > 2 && (w[m - 1] === "y" || w[m - 1] === "Y") && !vowelEn(w[m - 2])) w[m - 1] = "i";
    // Step 2.
    w = replaceLongest(w, [["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"],
      ["entli", "ent"], ["izer", "ize"], ["ization", "ize"], ["ational", "ate"], ["ation", "ate"],
      ["ator", "ate"], ["alism", "al"], ["aliti", "al"], ["alli", "al"], ["fulness", "ful"],
      ["ousli", "ous"], ["ousness", "ous"], ["iveness", "ive"], ["iviti", "ive"], ["biliti", "ble"],
      ["bli", "ble"], ["ogi", "og"], ["fulli", "ful"], ["lessli", "less"], ["li", ""]], r1,
    function (before, suffix) {
      var last = before[before.length - 1];
      if (suffix === "ogi") return last === "l";
      if (suffix === "li") return last !== undefined && "cdeghkmnrt".indexOf(last) >= 0;
      return true;
    });
    // Step 3.
    var len3 = w.length;
    w = replaceLongest(w, [["tional", "tion"], ["ational", "ate"], ["alize", "al"], ["icate", "ic"],
      ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""], ["ative", ""]], r1,
    function (before, suffix) {
      return suffix !== "ative" || (len3 - suffix.length >= r2 && before.length > 0);
    });
    // Step 4.
    w = replaceLongest(w, [["al", ""], ["ance", ""], ["ence", ""], ["er", ""], ["ic", ""], ["able", ""],
      ["ible", ""], ["ant", ""], ["ement", ""], ["ment", ""], ["ent", ""], ["ism", ""], ["ate", ""],
      ["iti", ""], ["ous", ""], ["ive", ""], ["ize", ""], ["ion", ""]], r2,
    function (before, suffix) {
      var last = before[before.length - 1];
      return suffix !== "ion" || last === "s" || last === "t";
    });
    // Step 5.
    var z = w.length;
    if (z > 0 && w[z - 1] === "e") {
      if (z - 1 >= r2 || (z - 1 >= r1 && !shortSyllableAt(w, z - 1))) w.pop();
    } else if (z >= 2 && w[z - 1] === "l" && z - 1 >= r2 && w[z - 2] === "l") {
      w.pop();
    }
    return w.join("").replace(/Y/g, "y");
  }

  // ---- Spanish stemmer, Snowball with folded suffixes (src/search/stem.rs) ----

  function vowelEs(c) { return "aeiou".indexOf(c) >= 0; }

  function longest(w, suffixes) {
    var best = null;
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (w.length >= s.length && w.slice(w.length - s.length) === s && (best === null || s.length > best.length)) best = s;
    }
    return best;
  }

  var ES_STANDARD = ["anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible",
    "ibles", "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos",
    "adora", "ador", "acion", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias", "logia",
    "logias", "ucion", "uciones", "encia", "encias", "amente", "mente", "idad", "idades", "iva", "ivo",
    "ivas", "ivos"];
  var ES_DELETE_R2 = ["anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible",
    "ibles", "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos"];
  var ES_IC = ["adora", "ador", "acion", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias"];
  var ES_Y_VERB = ["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yas", "yes", "yais", "yamos"];
  var ES_EN = ["en", "es", "eis", "emos"];
  var ES_OTHER = ["arian", "arias", "aran", "aras", "ariais", "aria", "areis", "ariamos", "aremos", "ara", "are",
    "erian", "erias", "eran", "eras", "eriais", "eria", "ereis", "eriamos", "eremos", "era", "ere", "irian",
    "irias", "iran", "iras", "iriais", "iria", "ireis", "iriamos", "iremos", "ira", "ire", "aba", "ada", "ida",
    "ia", "iera", "ad", "ed", "id", "ase", "iese", "aste", "iste", "an", "aban", "ian", "ieran", "asen",
    "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo", "io", "ar", "er", "ir", "as", "abas", "adas",
    "idas", "ias", "ieras", "ases", "ieses", "is", "ais", "abais", "iais", "arais", "ierais", "aseis",
    "ieseis", "asteis", "isteis", "ados", "idos", "amos", "abamos", "iamos", "imos", "aramos", "ieramos",
    "iesemos", "asemos"];

  function spanish(word) {
    if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
    var w = word;
    var n = w.length;
    var rv;
    if (!vowelEs(w[1])) {
      rv = n;
      for (var i = 2; i < n; i++) if (vowelEs(w[i])) { rv = i + 1; break; }
    } else if (vowelEs(w[0])) {
      rv = n;
      for (var j = 2; j < n; j++) if (!vowelEs(w[j])) { rv = j + 1; break; }
    } else {
      rv = Math.min(3, n);
    }
    var afterVc = function (from) {
      var k = from;
      while (k < n && !vowelEs(w[k])) k++;
      while (k < n && vowelEs(w[k])) k++;
      return Math.min(k + 1, n);
    };
    var r1 = afterVc(0);
    var r2 = r1 >= n ? n : afterVc(r1);
    var cut = function (s, len) { return s.slice(0, s.length - len); };
    var endsWith = function (s, x) { return s.length >= x.length && s.slice(s.length - x.length) === x; };

    // Attached pronouns.
    var p = longest(w, ["me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos"]);
    if (p && w.length - p.length >= rv) {
      var before = cut(w, p.length);
      var verb = ["iendo", "ando", "ar", "er", "ir"].some(function (v) {
        return endsWith(before, v) && before.length - v.length >= rv;
      });
      var yendo = endsWith(before, "uyendo") && before.length - 5 >= rv;
      if (verb || yendo) w = before;
    }

    // Standard suffixes.
    var lengthBefore = w.length;
    var s = longest(w, ES_STANDARD);
    if (s) {
      var start = w.length - s.length;
      var inR2 = function (at) { return at >= r2; };
      if (ES_DELETE_R2.indexOf(s) >= 0) {
        if (inR2(start)) w = w.slice(0, start);
      } else if (ES_IC.indexOf(s) >= 0) {
        if (inR2(start)) {
          w = w.slice(0, start);
          if (endsWith(w, "ic") && inR2(w.length - 2)) w = cut(w, 2);
        }
      } else if (s === "logia" || s === "logias") {
        if (inR2(start)) w = w.slice(0, start) + "log";
      } else if (s === "ucion" || s === "uciones") {
        if (inR2(start)) w = w.slice(0, start) + "u";
      } else if (s === "encia" || s === "encias") {
        if (inR2(start)) w = w.slice(0, start) + "ente";
      } else if (s === "amente") {
        if (start >= r1) {
          w = w.slice(0, start);
          if (endsWith(w, "iv") && inR2(w.length - 2)) {
            w = cut(w, 2);
            if (endsWith(w, "at") && inR2(w.length - 2)) w = cut(w, 2);
          } else {
            var x = longest(w, ["os", "ic", "ad"]);
            if (x && inR2(w.length - x.length)) w = cut(w, x.length);
          }
        }
      } else if (s === "mente") {
        if (inR2(start)) {
          w = w.slice(0, start);
          var y = longest(w, ["ante", "able", "ible"]);
          if (y && inR2(w.length - y.length)) w = cut(w, y.length);
        }
      } else if (s === "idad" || s === "idades") {
        if (inR2(start)) {
          w = w.slice(0, start);
          var z = longest(w, ["abil", "ic", "iv"]);
          if (z && inR2(w.length - z.length)) w = cut(w, z.length);
        }
      } else if (inR2(start)) {
        w = w.slice(0, start);
        if (endsWith(w, "at") && inR2(w.length - 2)) w = cut(w, 2);
      }
    }

    if (w.length === lengthBefore) {
      var removed = false;
      var yv = longest(w, ES_Y_VERB);
      if (yv) {
        var ys = w.length - yv.length;
        if (ys >= rv && ys >= 1 && w[ys - 1] === "u") { w = w.slice(0, ys); removed = true; }
      }
      if (!removed) {
        var en = longest(w, ES_EN);
        if (en && w.length - en.length < rv) en = null;
        var other = longest(w, ES_OTHER);
        if (other && w.length - other.length < rv) other = null;
        if (en && (!other || en.length >= other.length)) {
          w = cut(w, en.length);
          if (endsWith(w, "gu")) w = cut(w, 1);
        } else if (other) {
          w = cut(w, other.length);
        }
      }
    }

    // Residual suffix.
    var r = longest(w, ["os", "a", "o"]);
    if (r) {
      if (w.length - r.length >= rv) w = cut(w, r.length);
    } else if (endsWith(w, "e") && w.length - 1 >= rv) {
      w = cut(w, 1);
      if (endsWith(w, "gu") && w.length - 1 >= rv) w = cut(w, 1);
    }
    return w;
  }

  // ---- The index: meta, term chunks, shards, facets (src/search/index.rs) ----

  function Index(base, code) {
    this.base = base + code + "/";
    this.code = code;
    this.lang = langOf(code);
    this.cache = new Map();
  }

  Index.prototype.get = function (path, kind) {
    if (!this.cache.has(path)) {
      var url = this.base + path;
      this.cache.set(path, fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return kind === "json" ? r.json() : r.text();
      }));
    }
    return this.cache.get(path);
  };

  Index.prototype.meta = function () { return this.get("meta.json", "json"); };

  // Index of the chunk that would hold `term` (the last chunk starting at or before it).
  function chunkOf(chunks, term) {
    var lo = 0, hi = chunks.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (chunks[mid] <= term) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function parsePostings(line) {
    var out = new Map();
    var id = 0;
    var items = line.split(" ");
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      if (!item) continue;
      var colon = item.indexOf(":");
      id += parseInt(colon < 0 ? item : item.slice(0, colon), 36);
      out.set(id, colon < 0 ? 1 : parseInt(item.slice(colon + 1), 36));
    }
    return out;
  }

  // Lines of a chunk whose term satisfies `match`, as [term, postings text].
  function linesOf(text, match) {
    var out = [];
    var lines = text.split("\n");
    for (var i = 0; i < lines.length; i++) {
      var tab = lines[i].indexOf("\t");
      if (tab < 0) continue;
      var term = lines[i].slice(0, tab);
      if (match(term)) out.push([term, lines[i].slice(tab + 1)]);
    }
    return out;
  }

  // Postings of `term` and, for the word being typed, of every term starting with `prefix`.
  Index.prototype.lookup = async function (term, prefix) {
    var meta = await this.meta();
    var self = this;
    if (!meta.chunks.length) return new Map();
    var wanted = [chunkOf(meta.chunks, term)];
    if (prefix) {
      var from = chunkOf(meta.chunks, prefix);
      for (var c = from; c < meta.chunks.length && c < from + 3; c++) {
        if (c > from && meta.chunks[c].indexOf(prefix) !== 0) break;
        if (wanted.indexOf(c) < 0) wanted.push(c);
      }
    }
    var texts = await Promise.all(wanted.map(function (c) { return self.get("t/" + c + ".txt", "text"); }));
    var result = new Map();
    var expanded = 0;
    texts.forEach(function (text) {
      linesOf(text, function (t) {
        return t === term || (prefix && t.indexOf(prefix) === 0);
      }).forEach(function (pair) {
        var exact = pair[0] === term;
        if (!exact && ++expanded > 40) return;
        parsePostings(pair[1]).forEach(function (w, id) {
          // A completion counts less than the word itself.
          var weight = exact ? w : w * 0.6;
          if (!result.has(id) || result.get(id) < weight) result.set(id, weight);
        });
      });
    });
    return result;
  };

  Index.prototype.facetRows = async function () {
    var text = await this.get("facets.txt", "text");
    if (!this.rows) {
      var field = function (f) {
        return f === "-" ? [] : f.split(".").map(function (x) { return parseInt(x, 36); });
      };
      this.rows = text.split("\n").filter(Boolean).map(function (line) {
        var f = line.split(" ");
        return { year: field(f[0]), company: field(f[1]), ticker: field(f[2]), tag: field(f[3]) };
      });
    }
    return this.rows;
  };

  Index.prototype.doc = async function (id) {
    var meta = await this.meta();
    var shard = await this.get("d/" + Math.floor(id / meta.shard) + ".json", "json");
    return shard[id % meta.shard];
  };

  // The word being typed: the folded last word of the query when it does not end in a
  // space, letters and digits only.
  function typedPrefix(query, terms, lang) {
    if (/\s$/.test(query)) return null;
    var ws = words(fold(query));
    var last = ws[ws.length - 1];
    if (!last || !/^[a-z0-9]{3,}$/.test(last.text)) return null;
    // Only when the last term is that word (not a figure it ends).
    var own = isLetters(last.text) ? stem(lang, last.text) : last.text;
    return terms[terms.length - 1] === own ? last.text : null;
  }

  // Ranked ids of the briefings matching every term of `query`: [{id, score}].
  async function search(index, query) {
    var terms = queryTerms(query, index.lang);
    if (!terms.length) return { hits: [], terms: terms, prefix: null };
    var meta = await index.meta();
    var prefix = typedPrefix(query, terms, index.lang);
    var lists = await Promise.all(terms.map(function (t, i) {
      return index.lookup(t, i === terms.length - 1 ? prefix : null);
    }));
    lists.sort(function (a, b) { return a.size - b.size; });
    var scores = new Map();
    lists[0].forEach(function (w, id) { scores.set(id, 0); });
    for (var l = 0; l < lists.length; l++) {
      var list = lists[l];
      var idf = Math.log(1 + meta.docs / Math.max(1, list.size));
      scores.forEach(function (s, id) {
        var w = list.get(id);
        if (w === undefined) scores.delete(id);
        else scores.set(id, s + idf * (w / (w + 2)));
      });
    }
    var hits = [];
    scores.forEach(function (score, id) { hits.push({ id: id, score: score, lang: index.code }); });
    hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return { hits: hits, terms: terms, prefix: prefix };
  }

  // ---- Showing results ----

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Whether a word of the text is one the query asked for.
  function matcher(lang, terms, prefix) {
    var set = new Set(terms);
    return function (word) {
      var its = indexTerms(word, lang);
      for (var i = 0; i < its.length; i++) {
        if (set.has(its[i])) return true;
      }
      if (prefix) {
        var f = words(fold(word));
        for (var j = 0; j < f.length; j++) if (f[j].text.indexOf(prefix) === 0) return true;
      }
      return false;
    };
  }

  // Appends `text` to `parent` with the words `isMatch` accepts in <mark>.
  function appendMarked(parent, tokens, isMatch) {
    var plain = "";
    tokens.forEach(function (tok) {
      if (/\S/.test(tok) && isMatch(tok)) {
        // Punctuation around the word stays outside the mark.
        var m = /^([^\p{L}\p{N}]*)([\s\S]*?)([^\p{L}\p{N}]*)$/u.exec(tok);
        plain += m[1];
        if (plain) parent.appendChild(document.createTextNode(plain));
        parent.appendChild(el("mark", null, m[2]));
        plain = m[3];
      } else {
        plain += tok;
      }
    });
    if (plain) parent.appendChild(document.createTextNode(plain));
  }

  var EXCERPT_WORDS = 30;

  // The stretch of `text` with the most matching words, as tokens (words and spaces).
  function excerptTokens(text, isMatch) {
    var tokens = text.split(/(\s+)/);
    var wordsAt = [];
    for (var i = 0; i < tokens.length; i++) if (/\S/.test(tokens[i])) wordsAt.push(i);
    var hits = wordsAt.map(function (t) { return isMatch(tokens[t]) ? 1 : 0; });
    var best = 0, bestAt = 0, run = 0;
    for (var k = 0; k < hits.length; k++) {
      run += hits[k];
      if (k >= EXCERPT_WORDS) run -= hits[k - EXCERPT_WORDS];
      if (run > best) { best = run; bestAt = Math.max(0, k - EXCERPT_WORDS + 1); }
    }
    // Start a little before the first match of the window.
    var first = bestAt;
    while (first < hits.length && !hits[first] && best > 0) first++;
    var start = Math.max(0, Math.min(first - 5, wordsAt.length - EXCERPT_WORDS));
    var end = Math.min(wordsAt.length, start + EXCERPT_WORDS);
    if (!wordsAt.length) return { tokens: [], before: false, after: false };
    return {
      tokens: tokens.slice(wordsAt[start], wordsAt[end - 1] + 1),
      before: start > 0,
      after: end < wordsAt.length,
    };
  }

  function resultItem(doc, lang, found) {
    var isMatch = matcher(lang, found.terms, found.prefix);
    var li = el("li", "search-result");
    var a = el("a", "search-result-title");
    a.href = doc.u;
    appendMarked(a, doc.t.split(/(\s+)/), isMatch);
    li.appendChild(a);
    var meta = el("p", "search-result-meta");
    if (doc.d) meta.appendChild(el("span", "search-result-date", doc.d));
    if (doc.c) {
      if (doc.d) meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", "search-result-company", doc.c));
    }
    li.appendChild(meta);
    var ex = excerptTokens(doc.x || "", isMatch);
    if (ex.tokens.length) {
      var p = el("p", "search-result-excerpt");
      if (ex.before) p.appendChild(document.createTextNode("… "));
      appendMarked(p, ex.tokens, isMatch);
      if (ex.after) p.appendChild(document.createTextNode(" …"));
      li.appendChild(p);
    }
    return li;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }

  // ---- The box on every page: results as you type ----

  function setUpBox(form) {
    var input = form.querySelector("input[name=q]");
    var panel = form.querySelector(".search-suggest");
    if (!input || !panel) return;
    var code = form.dataset.searchLang;
    var index = new Index(form.dataset.searchIndex, code);
    var generation = 0;
    var timer = null;

    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    async function update() {
      var started = performance.now();
      var query = input.value;
      var mine = ++generation;
      if (!query.trim()) { close(); panel.textContent = ""; return; }
      var found;
      try {
        found = await search(index, query);
      } catch (e) {
        if (mine !== generation) return;
        panel.textContent = "";
        panel.appendChild(el("p", "search-empty", form.dataset.unavailable));
        panel.hidden = false;
        return;
      }
      var top = found.hits.slice(0, 6);
      var docs = await Promise.all(top.map(function (h) { return index.doc(h.id); }));
      if (mine !== generation) return;
      panel.textContent = "";
      if (!top.length) {
        panel.appendChild(el("p", "search-empty", format(form.dataset.noResults, { q: query.trim() })));
      } else {
        var list = el("ol", "search-result-list");
        docs.forEach(function (d) { list.appendChild(resultItem(d, index.lang, found)); });
        panel.appendChild(list);
        var all = el("a", "search-all", form.dataset.allResults + " (" + found.hits.length + ")");
        all.href = form.action + "?q=" + encodeURIComponent(query.trim());
        panel.appendChild(all);
      }
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
      form.dispatchEvent(new CustomEvent("capbrief:results", {
        detail: { count: found.hits.length, query: query, ms: performance.now() - started },
      }));
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 60);
    });
    input.addEventListener("focus", function () { index.meta().catch(function () {}); });
    form.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(panel.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (e.key === "Escape") { close(); input.focus(); }
      else if (e.key === "ArrowDown" && !panel.hidden && links.length) {
        e.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (e.key === "ArrowUp" && at >= 0) {
        e.preventDefault();
        if (at === 0) input.focus(); else links[at - 1].focus();
      }
    });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
  }

  // ---- The search page: every result, with filters ----

  var FACETS = ["company", "ticker", "tag", "year"];
  var PAGE = 10;

  function setUpPage(root, box) {
    var notice = document.getElementById("search-needs-script");
    if (notice) notice.remove();
    var input = root.querySelector("input[name=q]");
    var results = root.querySelector("#search-results");
    var facetsEl = root.querySelector("#search-facets");
    var codes = (box.dataset.searchLangs || box.dataset.searchLang).split(" ").filter(Boolean);
    var own = box.dataset.searchLang;
    var indexes = {};
    codes.forEach(function (c) { indexes[c] = new Index(box.dataset.searchIndex, c); });
    var names = {};
    (root.dataset.languageNames || "").split(";").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv.length === 2) names[kv[0]] = kv[1];
    });
    var params = new URLSearchParams(location.search);
    var chosen = { language: new Set(params.getAll("language")) };
    FACETS.forEach(function (f) { chosen[f] = new Set(params.getAll(f)); });
    if (!chosen.language.size) chosen.language.add(own);
    var shown = PAGE;
    var generation = 0;
    input.value = params.get("q") || "";

    function syncUrl() {
      var p = new URLSearchParams();
      if (input.value.trim()) p.set("q", input.value.trim());
      FACETS.concat(["language"]).forEach(function (f) {
        Array.from(chosen[f]).sort().forEach(function (v) {
          if (!(f === "language" && v === own && chosen.language.size === 1)) p.append(f, v);
        });
      });
      var s = p.toString();
      history.replaceState(null, "", location.pathname + (s ? "?" + s : ""));
    }

    // Each hit's facet values, by name.
    function valuesOf(hit, meta, rows) {
      var row = rows[hit.id] || { year: [], company: [], ticker: [], tag: [] };
      var v = { language: [hit.lang] };
      FACETS.forEach(function (f) { v[f] = row[f].map(function (i) { return meta.facets[f][i]; }); });
      return v;
    }

    function passes(values, except) {
      var all = FACETS.concat(["language"]);
      for (var i = 0; i < all.length; i++) {
        var f = all[i];
        if (f === except || !chosen[f].size) continue;
        if (!values[f].some(function (x) { return chosen[f].has(x); })) return false;
      }
      return true;
    }

    async function run() {
      var mine = ++generation;
      var query = input.value;
      syncUrl();
      if (!query.trim()) {
        results.textContent = "";
        facetsEl.hidden = true;
        return;
      }
      var perLang;
      try {
        perLang = await Promise.all(codes.map(async function (c) {
          var idx = indexes[c];
          var found = await search(idx, query);
          var meta = await idx.meta();
          var rows = found.hits.length ? await idx.facetRows() : [];
          found.hits.forEach(function (h) { h.values = valuesOf(h, meta, rows); });
          return found;
        }));
      } catch (e) {
        if (mine !== generation) return;
        results.textContent = "";
        results.appendChild(el("p", "search-empty", box.dataset.unavailable));
        return;
      }
      if (mine !== generation) return;
      var hits = [];
      var foundBy = {};
      perLang.forEach(function (f, i) { foundBy[codes[i]] = f; hits = hits.concat(f.hits); });
      hits.sort(function (a, b) { return b.score - a.score || (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : a.id - b.id); });
      var kept = hits.filter(function (h) { return passes(h.values, null); });
      drawFacets(hits);
      var top = kept.slice(0, shown);
      var docs = await Promise.all(top.map(function (h) { return indexes[h.lang].doc(h.id); }));
      if (mine !== generation) return;
      results.textContent = "";
      if (!kept.length) {
        results.appendChild(el("p", "search-empty", format(box.dataset.noResults, { q: query.trim() })));
        return;
      }
      var count = kept.length === 1 ? root.dataset.resultOne : format(root.dataset.results, { n: kept.length });
      results.appendChild(el("p", "search-count", count));
      var list = el("ol", "search-result-list");
      docs.forEach(function (d, i) {
        var h = top[i];
        var item = resultItem(d, indexes[h.lang].lang, foundBy[h.lang]);
        if (h.lang !== own) item.setAttribute("lang", h.lang);
        list.appendChild(item);
      });
      results.appendChild(list);
      if (kept.length > shown) {
        var more = el("button", "search-more", root.dataset.more);
        more.type = "button";
        more.addEventListener("click", function () { shown += PAGE; run(); });
        results.appendChild(more);
      }
    }

    function drawFacets(hits) {
      facetsEl.textContent = "";
      var any = false;
      ["language"].concat(FACETS).forEach(function (f) {
        var counts = new Map();
        hits.forEach(function (h) {
          if (!passes(h.values, f)) return;
          h.values[f].forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
        });
        chosen[f].forEach(function (v) { if (!counts.has(v)) counts.set(v, 0); });
        if (!counts.size) return;
        any = true;
        var fieldset = el("fieldset", "search-facet");
        fieldset.dataset.facet = f;
        fieldset.appendChild(el("legend", null, root.dataset["facet" + f[0].toUpperCase() + f.slice(1)]));
        var entries = Array.from(counts.entries());
        entries.sort(function (a, b) {
          if (f === "year") return a[0] < b[0] ? 1 : -1;
          return b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
        });
        entries.slice(0, 12).forEach(function (e) {
          var label = el("label", "search-facet-value");
          var box = document.createElement("input");
          box.type = "checkbox";
          box.value = e[0];
          box.checked = chosen[f].has(e[0]);
          box.addEventListener("change", function () {
            if (box.checked) chosen[f].add(e[0]); else chosen[f].delete(e[0]);
            shown = PAGE;
            run();
          });
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + (f === "language" ? names[e[0]] || e[0] : e[0]) + " "));
          label.appendChild(el("span", "search-facet-count", "(" + e[1] + ")"));
          fieldset.appendChild(label);
        });
        facetsEl.appendChild(fieldset);
      });
      var anyChosen = FACETS.some(function (f) { return chosen[f].size; });
      if (anyChosen) {
        var clear = el("button", "search-clear", root.dataset.clear);
        clear.type = "button";
        clear.addEventListener("click", function () {
          FACETS.forEach(function (f) { chosen[f].clear(); });
          shown = PAGE;
          run();
        });
        facetsEl.appendChild(clear);
      }
      facetsEl.hidden = !any;
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      shown = PAGE;
      timer = setTimeout(run, 80);
    });
    root.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      shown = PAGE;
      run();
    });
    run();
  }

  // For the tests that compare these rules with the build's (run under Node).
  var api = { queryTerms: queryTerms, indexTerms: indexTerms, english: english, spanish: spanish, fold: fold };
  if (typeof module !== "undefined" && module.exports) module.exports = api;

  function start() {
    var box = document.querySelector("form.search-box");
    if (!box) return;
    var page = document.getElementById("search-page");
    if (page) {
      setUpPage(page, box);
    }
    setUpBox(box);
  }
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})();
