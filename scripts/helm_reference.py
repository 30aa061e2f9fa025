#!/usr/bin/env python3
"""Reference values of the Helm form factor (Sharma et al. 2021, Eq. 9; Engel, PLB 264 (1991) 114)
for test/physics/formFactor.test.ts, computed independently of the TypeScript code.

    F(q^2) = 3 j1(q R0)/(q R0) * exp(-q^2 s^2 / 2),  R0^2 = R^2 - 5 s^2,  R = r0 A^(1/3),
    q = sqrt(q^2) / hbar_c  [fm^-1],  hbar_c = 197.3269804 MeV fm (CODATA 2018, as src/physics).

METHOD (different from the code, which works in binary64 with a closed form and a 12th-order
Taylor branch below x = 0.3): Python's standard-library `decimal` at 60 significant digits;
sin and cos by their Taylor series summed until the terms fall below 10^-70, so
3 (sin x - x cos x)/x^3 is free of cancellation for every x used here (at most ~12 digits are
lost for the smallest x, leaving > 45); the cube root of A and sqrt by Newton's method in
Decimal; exp by Decimal.exp (correctly rounded). Values are written with 25 significant digits,
far more than the 17 a double can hold.

Usage: python3 scripts/helm_reference.py > test/fixtures/helm-reference.json
(test/physics/formFactor.test.ts re-runs this script and checks the committed file is its output.)
"""
import json
from decimal import Decimal, getcontext

getcontext().prec = 60
HBAR_C = Decimal("197.3269804")
EPS = Decimal("1e-70")


def sin_cos(x):
    """sin x and cos x by their Taylor series."""
    s, c = Decimal(0), Decimal(0)
    term = x  # x^(2k+1)/(2k+1)!
    k = 0
    while abs(term) > EPS:
        s += term if k % 2 == 0 else -term
        term = term * x * x / ((2 * k + 2) * (2 * k + 3))
        k += 1
    term = Decimal(1)  # x^(2k)/(2k)!
    k = 0
    while abs(term) > EPS:
        c += term if k % 2 == 0 else -term
        term = term * x * x / ((2 * k + 1) * (2 * k + 2))
        k += 1
    return s, c


def cbrt(a):
    """Cube root by Newton's method."""
    y = Decimal(float(a) ** (1.0 / 3.0))
    for _ in range(100):
        y_next = y - (y * y * y - a) / (3 * y * y)
        if abs(y_next - y) < Decimal("1e-58"):
            return y_next
        y = y_next
    return y


def helm(q2_mev2, a_mass, r0=None, radius=None, skin=Decimal("0.5")):
    r = radius if radius is not None else r0 * cbrt(Decimal(a_mass))
    r02 = r * r - 5 * skin * skin
    q2_fm = Decimal(q2_mev2) / (HBAR_C * HBAR_C)
    x = (q2_fm * r02).sqrt()
    if x == 0:
        amp = Decimal(1)
    else:
        s, c = sin_cos(x)
        amp = 3 * (s - x * c) / (x * x * x)
    return amp * (-(q2_fm * skin * skin) / 2).exp(), x


CASES = []
PAPER = {"r0": "1.2", "skin": "0.5"}
for a_mass in (40, 73, 131, 133, 127):
    for q2 in ("0.01", "10", "100", "1000", "3500", "10000", "20000", "25000", "60000"):
        CASES.append({"A": a_mass, "q2MeV2": q2, **PAPER})
# non-paper parameters: a neutron radius with a thick skin (helm-rn) and another r0 and s
CASES.append({"A": 133, "q2MeV2": "2000", "radiusFm": "5.5", "skin": "0.9"})
CASES.append({"A": 127, "q2MeV2": "5000", "radiusFm": "4.8", "skin": "0.9"})
CASES.append({"A": 40, "q2MeV2": "30000", "r0": "1.23", "skin": "0.9"})

out = []
for c in CASES:
    f, x = helm(
        Decimal(c["q2MeV2"]),
        c["A"],
        r0=Decimal(c["r0"]) if "r0" in c else None,
        radius=Decimal(c["radiusFm"]) if "radiusFm" in c else None,
        skin=Decimal(c["skin"]),
    )
    row = {k: (float(v) if k != "A" else v) for k, v in c.items()}
    row["x"] = float(f"{x:.25g}")
    row["F"] = f"{f:.25g}"
    out.append(row)

print(
    json.dumps(
        {
            "generator": "scripts/helm_reference.py (Python decimal, 60 digits; sin/cos by Taylor series)",
            "formula": "F = 3 j1(qR0)/(qR0) exp(-q^2 s^2/2), R0^2 = R^2 - 5 s^2, R = r0 A^(1/3) or radiusFm",
            "hbarCMeVFm": "197.3269804",
            "cases": out,
        },
        indent=1,
    )
)
