/*
 * flame.js - the interactive part of every SVG that flamekit's flamegraph
 * tool writes: details on hover, click to zoom, regular-expression search,
 * and the zoom and search kept in the URL.  Written for flamekit (MIT).
 *
 * svg.c embeds this file in a CDATA section right after one line
 * "var fg_conf = {...};", so it must never contain the CDATA terminator.
 * It expects the elements svg.c writes (see the contract in svg.c):
 * #details, #unzoom, #search, #ignorecase, #matched, and <g id="frames">
 * holding one child per frame, root first: <title>, <rect>, <text>.
 * Plain ES5 and SVG DOM only: it runs in SVG documents, not HTML ones.
 */
var init = (function () {
	"use strict";

	var conf = {}, frames = [], byrow = {}, el = {};
	var zoomed = null, term = null, ic = false, started = false;
	var xpad, avail, minlabel, dots2 = null, dots3 = 0;

	function num(node, name) {
		return parseFloat(node.getAttribute(name)) || 0;
	}

	function find(id) {
		return document.getElementById(id);
	}

	function child(node, tag) {
		for (var c = node.firstChild; c; c = c.nextSibling)
			if (c.nodeType === 1 && c.localName === tag)
				return c;
		return null;
	}

	function settext(node, s) {
		if (node && node.textContent !== s)
			node.textContent = s;
	}

	function setclass(node, c, on) {
		var list = (node.getAttribute("class") || "").split(/\s+/),
		    out = [], i;
		for (i = 0; i < list.length; i++)
			if (list[i] && list[i] !== c)
				out.push(list[i]);
		if (on)
			out.push(c);
		if (out.length)
			node.setAttribute("class", out.join(" "));
		else
			node.removeAttribute("class");
	}

	/* One record per frame; the original geometry and fill live here. */
	function collect() {
		var g = find("frames"), c, t, r, f, tip, cut;
		if (!g)
			return;
		for (c = g.firstChild; c; c = c.nextSibling) {
			if (c.nodeType !== 1)
				continue;
			t = child(c, "title");
			r = child(c, "rect");
			if (!t || !r)
				continue;
			tip = t.textContent.replace(/\s+$/, "");
			f = {
				g: c, rect: r, text: child(c, "text"), tip: tip,
				x: num(r, "x"), y: num(r, "y"), w: num(r, "width"),
				xs: r.getAttribute("x"), ws: r.getAttribute("width"),
				fill: r.getAttribute("fill"), id: frames.length
			};
			f.name = tip.split("\n")[0];
			cut = f.name.lastIndexOf(" (");
			if (cut >= 0)
				f.name = f.name.slice(0, cut);
			f.cx = f.x;
			f.cw = f.w;
			f.state = "";
			f.moved = false;
			f.hl = false;
			f.label = f.text ? f.text.textContent : "";
			f.tx = f.text ? f.text.getAttribute("x") : null;
			c.fkframe = f.id;
			frames.push(f);
			(byrow[f.y] = byrow[f.y] || []).push(f);
		}
	}

	function frameof(node) {
		for (; node && node.parentNode; node = node.parentNode)
			if (node.fkframe !== undefined)
				return frames[node.fkframe];
		return null;
	}

	/* ---- labels ---- */

	/* May s be cut before its UTF-16 code unit i?  Not inside a
	 * surrogate pair, before a combining mark, a variation selector or
	 * an emoji skin tone, nor on either side of a zero-width joiner. */
	function cuttable(s, i) {
		var c = s.charCodeAt(i), d = s.charCodeAt(i + 1);
		if (i <= 0 || i >= s.length)
			return true;
		return !(c >= 0xdc00 && c <= 0xdfff) &&
		    !(c >= 0x300 && c <= 0x36f) &&
		    !(c >= 0xfe00 && c <= 0xfe0f) &&
		    !(c === 0xd83c && d >= 0xdffb && d <= 0xdfff) &&
		    c !== 0x200d && s.charCodeAt(i - 1) !== 0x200d;
	}

	function measure(text, s) {
		settext(text, s);
		try {
			return text.getComputedTextLength();
		} catch (e) {
			return 0;
		}
	}

	/* Text width of s.slice(a, b), with s already in text. */
	function sub(text, a, b) {
		if (b <= a)
			return 0;
		try {
			return text.getSubStringLength(a, b - a);
		} catch (e) {
			return Infinity;
		}
	}

	/* The label for s in room px: text holds s, which is full px wide. */
	function fit(text, s, full, room) {
		var lo, hi, mid;
		if (full <= room)
			return s;
		if (conf.truncate === "left") {
			/* smallest start whose tail fits after "..." */
			lo = 1;
			hi = s.length;
			while (lo < hi) {
				mid = (lo + hi) >> 1;
				if (sub(text, mid, s.length) + dots3 <= room)
					hi = mid;
				else
					lo = mid + 1;
			}
			while (lo < s.length && !cuttable(s, lo))
				lo++;
			return lo >= s.length ? "" : "..." + s.slice(lo);
		}
		/* longest head that fits before ".." */
		lo = 0;
		hi = s.length - 1;
		while (lo < hi) {
			mid = (lo + hi + 1) >> 1;
			if (sub(text, 0, mid) + dots2 <= room)
				lo = mid;
			else
				hi = mid - 1;
		}
		while (lo > 0 && !cuttable(s, lo))
			lo--;
		return lo <= 0 ? "" : s.slice(0, lo) + "..";
	}

	/* Re-fit the labels of the visible frames in list: all writes, then
	 * all reads (one layout), then all writes again. */
	function relabel(list) {
		var i, f, s, room, todo = [];
		if (dots2 === null && frames.length && frames[0].text) {
			/* the dots' widths, measured once in the labels' font */
			s = frames[0].text.textContent;
			dots2 = measure(frames[0].text, "..");
			dots3 = measure(frames[0].text, "...");
			settext(frames[0].text, s);
		}
		for (i = 0; i < list.length; i++) {
			f = list[i];
			if (!f.text)
				continue;
			room = f.cw - 3;
			if (f.cw < minlabel || room <= 0) {
				settext(f.text, "");
				continue;
			}
			s = f.id === 0 ? "all" : f.name;
			settext(f.text, s);
			todo.push([f, s, room]);
		}
		for (i = 0; i < todo.length; i++) {
			f = todo[i][0];
			todo[i].push(fit(f.text, todo[i][1],
			    measure(f.text, todo[i][1]), todo[i][2]));
		}
		for (i = 0; i < todo.length; i++)
			settext(todo[i][0].text, todo[i][3]);
	}

	/* svg.c sizes labels by counting characters: re-fit the labels it
	 * cut, and those wider than their frames in the real font. */
	function fitlabels() {
		var i, f, over = [];
		for (i = 0; i < frames.length; i++) {
			f = frames[i];
			if (f.label && f.text && i > 0 && (f.label !== f.name ||
			    measure(f.text, f.label) > f.w - 3 + 0.5))
				over.push(f);
		}
		relabel(over);
		for (i = 0; i < over.length; i++)
			over[i].label = over[i].text.textContent;
	}

	/* ---- zoom ---- */

	/* The DOM is touched only where something changes: large graphs
	 * have tens of thousands of frames. */
	function setstate(f, state) {
		if (f.state === state)
			return;
		if (state)
			f.g.setAttribute("class", state);
		else
			f.g.removeAttribute("class");
		f.state = state;
	}

	/* Show f at x, w px; the label is re-fitted later (relabel). */
	function place(f, x, w, state) {
		f.cx = x;
		f.cw = w;
		f.moved = true;
		f.rect.setAttribute("x", x.toFixed(1));
		f.rect.setAttribute("width", w.toFixed(1));
		if (f.text)
			f.text.setAttribute("x", (x + 3).toFixed(2));
		setstate(f, state);
	}

	function restore() {
		var i, f;
		for (i = 0; i < frames.length; i++) {
			f = frames[i];
			if (f.moved) {
				f.cx = f.x;
				f.cw = f.w;
				f.rect.setAttribute("x", f.xs);
				f.rect.setAttribute("width", f.ws);
				if (f.text) {
					if (f.tx !== null)
						f.text.setAttribute("x", f.tx);
					settext(f.text, f.label);
				}
				f.moved = false;
			}
			setstate(f, "");
		}
	}

	/* Is row y on the ancestor side of row y0? */
	function above(y, y0) {
		return conf.inverted ? y < y0 : y > y0;
	}

	/* Zoom to z, always from the original geometry (so zooming from a
	 * zoom is an unzoom first): on each row on the ancestor side, the
	 * frame over z's middle becomes a full-width parent; frames whose
	 * middles lie in z's range on z's side are scaled to the full width;
	 * the rest are hidden. */
	function zoom(z) {
		var ratio = avail / z.w, mid = z.x + z.w / 2, end = z.x + z.w,
		    shown = [], row, i, f, m, x, w, found;
		zoomed = z;
		for (row in byrow) {
			if (!byrow.hasOwnProperty(row))
				continue;
			found = false;
			for (i = 0; i < byrow[row].length; i++) {
				f = byrow[row][i];
				m = f.x + f.w / 2;
				if (above(f.y, z.y)) {
					if (!found && f.x <= mid && mid <= f.x + f.w) {
						found = true;
						place(f, xpad, avail, "parent");
						shown.push(f);
					} else {
						setstate(f, "hide");
					}
				} else if (f === z || (f.y !== z.y && m >= z.x && m <= end)) {
					x = Math.max(xpad, xpad + (f.x - z.x) * ratio);
					w = Math.min(f.w * ratio, xpad + avail - x);
					place(f, x, Math.max(w, 0), "");
					shown.push(f);
				} else {
					setstate(f, "hide");
				}
			}
		}
		relabel(shown);
		setclass(el.unzoom, "hide", false);
		research();
		save();
	}

	function unzoom() {
		zoomed = null;
		restore();
		setclass(el.unzoom, "hide", true);
		research();
		save();
	}

	/* ---- search ---- */

	function regex(s) {
		try {
			return new RegExp(s, ic ? "i" : "");
		} catch (e) {
			/* not a valid expression: search for the text itself */
			return new RegExp(s.replace(/[\\^$.*+?()[\]{}|\/]/g, "\\$&"),
			    ic ? "i" : "");
		}
	}

	/* Percentage of the root's width covered by visible matches, nested
	 * matches counted once (a union of intervals). */
	function matched(list) {
		var total = 0, lo = null, hi = 0, i, root = frames[0], pct, s;
		list.sort(function (a, b) { return a.cx - b.cx; });
		for (i = 0; i < list.length; i++) {
			if (lo === null || list[i].cx > hi) {
				if (lo !== null)
					total += hi - lo;
				lo = list[i].cx;
				hi = list[i].cx + list[i].cw;
			} else {
				hi = Math.max(hi, list[i].cx + list[i].cw);
			}
		}
		if (lo !== null)
			total += hi - lo;
		pct = root && root.cw > 0 ? 100 * total / root.cw : 0;
		s = pct.toFixed(1);
		return s === "100.0" ? "100" : s;
	}

	function highlight(f, on) {
		if (f.hl !== on) {
			f.rect.setAttribute("fill", on ? conf.highlight ||
			    "rgb(230,0,230)" : f.fill);
			f.hl = on;
		}
	}

	function research() {
		var re, i, f, hits = [];
		if (term === null) {
			for (i = 0; i < frames.length; i++)
				highlight(frames[i], false);
			settext(el.search, "Search");
			setclass(el.search, "show", false);
			settext(el.matched, " ");
			return;
		}
		re = regex(term);
		for (i = 0; i < frames.length; i++) {
			f = frames[i];
			/* the root is no function: "a" should not match "all" */
			if (i > 0 && re.test(f.name)) {
				highlight(f, true);
				if (f.state !== "hide")
					hits.push(f);
			} else {
				highlight(f, false);
			}
		}
		settext(el.search, "Reset Search");
		setclass(el.search, "show", true);
		settext(el.matched, "Matched: " + matched(hits) + "%");
	}

	function search(s) {
		term = s === null || s === undefined || s === "" ? null : String(s);
		research();
		save();
	}

	function ask() {
		var s = window.prompt("Search frames for a regular expression" +
		    (ic ? " (ignoring case)" : ""), term === null ? "" : term);
		if (s !== null)
			search(s);
	}

	function toggleic() {
		ic = !ic;
		setclass(el.ignorecase, "show", ic);
		research();
		save();
	}

	/* ---- URL state ---- */

	function params() {
		try {
			return new URLSearchParams(window.location.search);
		} catch (e) {
			return null;
		}
	}

	function save() {
		var p = params(), q, base;
		if (!p || !started)
			return;
		p["delete"]("x");
		p["delete"]("y");
		p["delete"]("s");
		p["delete"]("ic");
		if (zoomed) {
			p.set("x", String(zoomed.x));
			p.set("y", String(zoomed.y));
		}
		if (term !== null)
			p.set("s", term);
		if (ic)
			p.set("ic", "1");
		q = p.toString();
		base = window.location.href.split(/[?#]/)[0];
		try {
			window.history.replaceState(null, "", base +
			    (q ? "?" + q : "") + window.location.hash);
		} catch (e) {
			/* some file: URLs refuse; the view still works */
		}
	}

	function load() {
		var p = params(), x, y, i, f;
		if (p && p.has("ic"))
			toggleic();
		if (p && p.has("x") && p.has("y")) {
			x = parseFloat(p.get("x"));
			y = parseFloat(p.get("y"));
			for (i = 0; i < frames.length; i++) {
				f = frames[i];
				if (i > 0 && f.w > 0 && Math.abs(f.x - x) < 0.01 &&
				    Math.abs(f.y - y) < 0.01) {
					zoom(f);
					break;
				}
			}
		}
		if (p && p.has("s"))
			search(p.get("s"));
		else if (typeof conf.search === "string" && conf.search !== "")
			search(conf.search);
	}

	/* ---- events ---- */

	function details(f) {
		settext(el.details, f ? (conf.nametype || "Function:") + " " +
		    f.tip.replace(/\r?\n/g, "; ") : " ");
	}

	function onclick(e) {
		var f = frameof(e.target);
		if (!f)
			return;
		if (f.id === 0)
			unzoom();
		else if (f.w > 0)
			zoom(f);
	}

	function onkey(e) {
		var k = e.key || "", ctrl = e.ctrlKey || e.metaKey;
		if (k === "F3" || e.keyCode === 114 ||
		    (ctrl && (k === "f" || k === "F"))) {
			e.preventDefault();
			ask();
		} else if (ctrl && (k === "i" || k === "I")) {
			e.preventDefault();
			toggleic();
		} else if (k === "Escape" || k === "Esc") {
			if (zoomed)
				unzoom();
		}
	}

	function listen(node, type, fn) {
		if (node)
			node.addEventListener(type, fn, false);
	}

	return function (evt) {
		var g;
		if (started)
			return;
		conf = typeof fg_conf === "object" && fg_conf ? fg_conf : {};
		xpad = typeof conf.xpad === "number" ? conf.xpad : 10;
		avail = (conf.width || num(document.documentElement, "width")) - 2 * xpad;
		minlabel = 2 * (conf.fontsize || 12) * (conf.fontwidth || 0.59);
		el.details = find("details");
		el.unzoom = find("unzoom");
		el.search = find("search");
		el.ignorecase = find("ignorecase");
		el.matched = find("matched");
		collect();
		fitlabels();
		g = find("frames");
		listen(g, "mouseover", function (e) { details(frameof(e.target)); });
		listen(g, "mouseout", function () { details(null); });
		listen(g, "click", onclick);
		listen(el.unzoom, "click", unzoom);
		listen(el.search, "click", function () {
			if (term !== null)
				search(null);
			else
				ask();
		});
		listen(el.ignorecase, "click", toggleic);
		listen(document, "keydown", onkey);
		load();
		started = true;
	};
})();
