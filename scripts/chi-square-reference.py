"""Reference values of ln Q(a, x), the upper regularised incomplete gamma function, for
test/likelihood/chiSquareTail.test.ts: mpmath (https://mpmath.org) at 50 significant digits.

Run: python3 scripts/chi-square-reference.py > test/likelihood/chiSquareTail.reference.json
(mpmath 1.3.0 was used; the values do not depend on the version at the digits kept.)
"""
import json
import mpmath

mpmath.mp.dps = 50

shapes = [0.5, 1, 2.5, 10, 100, 500, 1000, 1000.5, 1100, 2500, 5000, 25000, 250000]
# x around the mode in units of sqrt(a), and far tails on both sides.
offsets = [-8, -3, -1, -0.1, 0, 0.1, 1, 3, 8, 20, 40]
rows = []
for a in shapes:
    s = mpmath.sqrt(a)
    xs = set()
    for z in offsets:
        x = a + z * s
        if x > 0:
            xs.add(float(x))
    xs.update([a * 1.5 + 50, a * 3 + 400, a * 10 + 2000])
    for x in sorted(xs):
        q = mpmath.gammainc(a, x, mpmath.inf, regularized=True)
        rows.append({"a": a, "x": x, "lnQ": mpmath.nstr(mpmath.log(q), 20)})
print(json.dumps({
    "source": "mpmath %s, mp.dps = 50: ln gammainc(a, x, inf, regularized=True); scripts/chi-square-reference.py" % mpmath.__version__,
    "rows": rows,
}, indent=1))
