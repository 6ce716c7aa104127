// busy.js - a small Node workload for samples/node/busy.cpuprofile
// (scripts/gen-node-samples.sh): recursion, a class, closures, JSON,
// garbage, and a timer so that the profile also holds idle time.
'use strict';

function fib(n) {
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

class Matrix {
	constructor(n) {
		this.n = n;
		this.a = new Float64Array(n * n).map((_, i) => (i % 7) + 1);
	}
	multiply(o) {
		const n = this.n, r = new Matrix(n);
		for (let i = 0; i < n; i++)
			for (let j = 0; j < n; j++) {
				let s = 0;
				for (let k = 0; k < n; k++)
					s += this.a[i * n + k] * o.a[k * n + j];
				r.a[i * n + j] = s;
			}
		return r;
	}
}

function churn(rounds) {
	let keep = [];
	for (let i = 0; i < rounds; i++) {
		const doc = { id: i, tags: ['a', 'b', String(i)], nested: { x: i * 2 } };
		keep.push(JSON.parse(JSON.stringify(doc)));
		if (keep.length > 2000)
			keep = [];
	}
	return keep.length;
}

function spin(ms) {
	const end = Date.now() + ms;
	let x = 0;
	while (Date.now() < end)
		x += Math.sqrt(x + 1);
	return x;
}

function main() {
	const m = new Matrix(60);
	for (let round = 0; round < 4; round++) {
		fib(24);
		m.multiply(m);
		churn(20000);
		[1, 2, 3].forEach((k) => spin(5 * k));
	}
	setTimeout(() => spin(20), 40);
}

main();
