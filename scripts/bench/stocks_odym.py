"""ODYM's inflow-driven stock model, timed for scripts/bench/stocks.lua's
side-by-side: a Weibull lifetime (shape SHAPE, scale SCALE), inflows
100 + 10 sin(i) over YEARS years, the model as an ODYM user runs it (survival
table, stock and outflow by cohort, their totals). ODYM is not a dependency of
ree: ODYM_DIR names the folder with its dynamic_stock_model.py. Prints the
last year's stock and the median CPU time of RUNS runs in ms (CPU time, as
ree's side of the bench measures it)."""
import math
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.environ["ODYM_DIR"])
import dynamic_stock_model as dsm  # noqa: E402  (ODYM's module)


def run(years, shape, scale):
    t = np.arange(years)
    i = np.array([100 + 10 * math.sin(k + 1) for k in range(years)])
    m = dsm.DynamicStockModel(t=t, i=i, lt={"Type": "Weibull", "Shape": np.array([shape]),
                                              "Scale": np.array([scale])})
    m.compute_s_c_inflow_driven()
    m.compute_o_c_from_s_c()
    m.compute_outflow_total()
    return m.compute_stock_total()[-1]


def main():
    years, shape, scale, runs = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    times, stock = [], None
    for _ in range(runs):
        t0 = time.process_time()
        stock = run(years, shape, scale)
        times.append((time.process_time() - t0) * 1000)
    times.sort()
    print("%.17g %.6f %.6f %.6f" % (stock, times[len(times) // 2], times[0], times[-1]))


if __name__ == "__main__":
    main()
