#!/usr/bin/env python3
"""Writes spec/fixtures/stoichiometry.json from two independent libraries.

Development oracle only (Debian: python3-pymatgen, python3-periodictable);
ree never imports Python. Each case gives the formula as ree reads it and,
where pymatgen's parser cannot read that notation (hydrate dots, '+'), the
equivalent it was given. The specs check ree's parsed counts against
pymatgen's and ree's molar masses against both libraries, recomputed with
each library's own atomic weights so that table revisions cannot hide a
parser error.
"""
import json
import sys

import periodictable
import pymatgen.core as mg

CASES = [
    ("Nd2Fe14B", None),
    ("(Nd0.8Pr0.2)2Fe14B", None),
    ("Nd1.5Dy0.5Fe14B", None),
    ("La2O3", None), ("CeO2", None), ("Pr6O11", None), ("Nd2O3", None),
    ("Sm2O3", None), ("Eu2O3", None), ("Gd2O3", None), ("Tb4O7", None),
    ("Dy2O3", None), ("Ho2O3", None), ("Er2O3", None), ("Tm2O3", None),
    ("Yb2O3", None), ("Lu2O3", None), ("Y2O3", None), ("Sc2O3", None),
    ("Pm2O3", None),
    ("CeCO3F", None), ("NdPO4", None), ("YPO4", None), ("DyF3", None),
    ("SmCo5", None), ("Sm2Co17", None), ("Fe3O4", None),
    ("Ca3(PO4)2", None), ("K4[Fe(CN)6]", "K4(Fe(CN)6)"),
    ("NdCl3·6H2O", "NdCl3H12O6"),
    ("NdCl3*6H2O", "NdCl3H12O6"),
    ("CuSO4 · 5H2O", "CuSO4H10O5"),
    ("Nd(NO3)3·6H2O", "NdN3O9H12O6"),
    ("Nd2(C2O4)3·10H2O", "Nd2C6O12H20O10"),
    ("Al2(SO4)3·18H2O", "Al2S3O12H36O18"),
    ("2Nd2O3 + 3C", "Nd4O6C3"),
    ("(Ce0.6,La0.4)CO3F", "Ce0.6La0.4CO3F"),
    ("C6H12O6", None),
    ("Nd2 Fe14 B", "Nd2Fe14B"),
]


def main():
    cases = []
    for ree_text, pmg_text in CASES:
        comp = mg.Composition(pmg_text or ree_text)
        counts = {str(el): float(n) for el, n in comp.get_el_amt_dict().items()}
        pt_mass = sum(n * periodictable.elements.symbol(el).mass
                      for el, n in counts.items())
        cases.append({
            "formula": ree_text,
            "given_to_pymatgen": pmg_text or ree_text,
            "counts": counts,
            "molar_mass_pymatgen": float(comp.weight),
            "molar_mass_periodictable": pt_mass,
        })
    weights = {}
    for el in periodictable.elements:
        if el.number == 0:
            continue
        try:
            pmg = float(mg.Element(el.symbol).atomic_mass)
        except Exception:  # pymatgen lacks some superheavy elements
            pmg = None
        weights[el.symbol] = {"periodictable": el.mass, "pymatgen": pmg}
    json.dump({
        "origin": "scripts/dev/make_stoichiometry_fixture.py with "
                  "python3-pymatgen %s and python3-periodictable %s (Debian 12)"
                  % (mg.__version__ if hasattr(mg, "__version__") else
                     "2022.11.7", periodictable.__version__),
        "cases": cases,
        "atomic_weights": weights,
    }, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
