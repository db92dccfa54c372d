#!/usr/bin/env python3
"""Writes spec/fixtures/odym-stocks.json: ODYM's dynamic stock model on the
inputs that spec/stocks/03-odym_spec.lua gives ree.

Development oracle only: ODYM (IndEcol/ODYM, its modules/dynamic_stock_model.py,
with numpy and scipy; Debian: python3-numpy, python3-scipy) is not a
dependency of ree, and ree never imports Python. Point ODYM_DIR at the folder
that holds dynamic_stock_model.py:

    ODYM_DIR=~/src/ODYM/modules /usr/bin/python3 scripts/dev/make_odym_fixture.py

Each case is an inflow-driven or a stock-driven model over YEARS years with
one of ODYM's lifetime distributions; the fixture holds the inputs as given
and ODYM's total stock, outflow and inflow by year, in the shortest digits
that read back exactly (Python's repr).
"""
import json
import math
import os
import sys

import numpy as np
import scipy

sys.path.insert(0, os.environ.get("ODYM_DIR", "."))
import dynamic_stock_model as dsm  # noqa: E402  (ODYM's module)

YEARS = 60
FIRST = 2000

# (name, ODYM's lifetime, the same lifetime as ree.stock_model takes it)
LIFETIMES = [
    ("fixed", {"Type": "Fixed", "Mean": np.array([7])}, {"kind": "fixed", "years": 7}),
    ("normal", {"Type": "Normal", "Mean": np.array([10.0]), "StdDev": np.array([3.0])},
     {"kind": "normal", "mean": 10, "sd": 3}),
    ("weibull", {"Type": "Weibull", "Shape": np.array([2.5]), "Scale": np.array([12.0])},
     {"kind": "weibull", "shape": 2.5, "scale": 12}),
    # ODYM 1.0 turns Mean and StdDev into the underlying normal's parameters
    # with Mean^2 / StdDev^2 where the lognormal's moments need StdDev^2 /
    # Mean^2: its lifetime has the mean asked for and a standard deviation
    # of Mean^2 / StdDev (25 years for 10 and 4; scipy's lognorm(...).std()
    # says so). Asked for 10 and 25, it gives the lifetime of mean 10 and
    # standard deviation 4 that ree is asked for.
    ("lognormal", {"Type": "LogNormal", "Mean": np.array([10.0]), "StdDev": np.array([25.0])},
     {"kind": "lognormal", "mean": 10, "sd": 4}),
]


def inflow():
    """Sales that grow and swing: 100 + 2 t + 10 sin(t / 2) t a year."""
    return [100 + 2 * t + 10 * math.sin(t / 2) for t in range(YEARS)]


def stock():
    """A stock that grows (so that no year needs a negative inflow)."""
    return [500 + 40 * t + 30 * math.sin(t / 3) for t in range(YEARS)]


def lifetime(lt):
    return {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in lt.items()}


def numbers(v):
    return [float(x) for x in v]


def main():
    t = np.arange(FIRST, FIRST + YEARS)
    cases = []
    for name, odym_lt, ree_lt in LIFETIMES:
        i = np.array(inflow())
        m = dsm.DynamicStockModel(t=t, i=i, lt=lifetime(odym_lt))
        m.compute_s_c_inflow_driven()
        m.compute_o_c_from_s_c()
        cases.append({"name": name + ", inflow-driven", "lifetime": ree_lt, "inflow": numbers(i),
                      "odym": {"stock": numbers(m.compute_stock_total()),
                               "outflow": numbers(m.compute_outflow_total())}})
        s = np.array(stock())
        m = dsm.DynamicStockModel(t=t, s=s, lt=lifetime(odym_lt))
        _, o_c, i = m.compute_stock_driven_model()
        assert (i >= 0).all(), name + ": the stock needs a negative inflow"
        cases.append({"name": name + ", stock-driven", "lifetime": ree_lt, "stock": numbers(s),
                      "odym": {"inflow": numbers(i), "outflow": numbers(o_c.sum(axis=1))}})
    out = {
        "description": "ODYM's DynamicStockModel (IndEcol/ODYM, dynamic_stock_model.py, version 1.0 of "
                       "25 July 2019) on the inputs below, computed with numpy %s and scipy %s by "
                       "scripts/dev/make_odym_fixture.py" % (np.__version__, scipy.__version__),
        "lognormal": "ODYM was given StdDev 25 for the lifetime of standard deviation 4: its conversion "
                     "uses Mean^2 / StdDev^2 where StdDev^2 / Mean^2 is meant (see the script)",
        "first_year": FIRST,
        "cases": cases,
    }
    text = json.dumps(out, indent=1)
    with open("spec/fixtures/odym-stocks.json.tmp", "w") as f:
        f.write(text + "\n")
    os.replace("spec/fixtures/odym-stocks.json.tmp", "spec/fixtures/odym-stocks.json")


if __name__ == "__main__":
    main()
