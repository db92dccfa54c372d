"""The reconciliation of scripts/bench/chain.lua in numpy, for the
benchmark's side-by-side: weighted least squares under the balances A x = c,
unknown flows projected out first (Crowe's method). Reads the problem as JSON
(a, c, value, sd with null for an unknown), prints the adjusted values, the
chi-square and the median time of RUNS solves in ms."""
import json, sys, time
import numpy as np

def reconcile(a, c, value, sd):
    unknown = np.isnan(sd)
    ax, au = a[:, ~unknown], a[:, unknown]
    x, q = value[~unknown], sd[~unknown] ** 2
    # rows that do not involve the unknowns: the left null space of au
    u, s, _ = np.linalg.svd(au, full_matrices=True)
    p = u[:, (s > 1e-12 * s.max()).sum():].T if au.size else np.eye(a.shape[0])
    r, d = p @ ax, p @ c
    m = (r * q) @ r.T
    res = r @ x - d
    lam = np.linalg.solve(m, res)
    xhat = x - q * (r.T @ lam)
    # the unknowns from the balances, by least squares
    y = np.linalg.lstsq(au, c - ax @ xhat, rcond=None)[0] if au.size else np.zeros(0)
    out = np.empty(len(value))
    out[~unknown], out[unknown] = xhat, y
    return out, float(res @ lam)

def main():
    problem = json.load(open(sys.argv[1]))
    runs = int(sys.argv[2])
    a, c = np.array(problem["a"], float), np.array(problem["c"], float)
    value = np.array([np.nan if v is None else v for v in problem["value"]])
    sd = np.array([np.nan if v is None else v for v in problem["sd"]])
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        out, chi2 = reconcile(a, c, value, sd)
        times.append(time.process_time() - t0)
    times.sort()
    print(json.dumps({"value": out.tolist(), "chi2": chi2, "ms": times[len(times) // 2] * 1e3,
                      "min_ms": times[0] * 1e3, "max_ms": times[-1] * 1e3}))

main()
