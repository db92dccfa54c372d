/*
** magnet_chain.c: ree's C API from an installed ree, on the magnet's Nd.
**
**   cc magnet_chain.c $(pkg-config --cflags --libs ree) -o magnet_chain
**   ./magnet_chain 1000
**
** 1. The stoichiometry: the Nd in the Nd2Fe14B phase, 26.68 wt%
**    (2 x 144.242 / 1081.124), so 1,000 t of the phase hold 266.8 t of Nd.
** 2. The chain: metal -> alloy -> magnet, pulled by that Nd in magnets,
**    with round yields for illustration (reduction 98%, alloy 97%, the
**    magnet 70% with 80% of its scrap back to the alloy). By hand: the
**    magnets take 266.8 / 0.7 = 381.2 t of alloy; the alloy makers take
**    381.2 / 0.97 = 393.0 t in, 91.5 t of it scrap (0.24 x 381.2), so
**    301.5 t of metal; the metal takes 301.5 / 0.98 = 307.7 t of oxide.
**    Each process's residual is zero to rounding.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ree/ree.h>

static int fail(const ree_err *err) {
  fprintf(stderr, "magnet_chain: %s\n", err->msg);
  return 1;
}

int main(int argc, char **argv) {
  const char *phase = "Nd2Fe14B";
  double tonnes = argc > 1 ? atof(argv[1]) : 1000.0, nd;
  ree_comp *c = ree_comp_new(8);
  ree_chain *chain;
  ree_err err;
  int metal, alloy, magnet, f, p;
  if (c == NULL || !(tonnes > 0.0)) {
    fprintf(stderr, "usage: magnet_chain [TONNES > 0]\n");
    ree_comp_free(c);
    return 2;
  }
  if (ree_formula_parse(c, phase, strlen(phase), &err) != REE_OK) {
    ree_comp_free(c);
    return fail(&err);
  }
  nd = tonnes * ree_comp_mass_fraction(c, 60); /* Nd is element 60 */
  printf("ree %s: %g t of %s (%.4f g/mol) hold %.1f t of Nd\n", ree_version(), tonnes, phase,
         ree_comp_molar_mass(c), nd);
  ree_comp_free(c);

  chain = ree_chain_new(1, 1, &err);
  if (chain == NULL) return fail(&err);
  metal = ree_chain_add_process(chain, "reduction", REE_PULL, &err);
  alloy = ree_chain_add_process(chain, "alloy", REE_PULL, &err);
  magnet = ree_chain_add_process(chain, "magnet", REE_PULL, &err);
  if (magnet < 0 ||
      ree_chain_set(chain, ree_chain_add_flow(chain, "oxide", REE_OUTSIDE, metal, REE_DEF_PULL, &err), 0, 0, 1,
                    &err) != REE_OK ||
      ree_chain_set(chain, ree_chain_add_flow(chain, "reduction loss", metal, REE_OUTSIDE, REE_DEF_TC, &err), 0, 0,
                    0.02, &err) != REE_OK ||
      ree_chain_set(chain, ree_chain_add_flow(chain, "metal", metal, alloy, REE_DEF_PULL, &err), 0, 0, 1,
                    &err) != REE_OK ||
      ree_chain_set(chain, ree_chain_add_flow(chain, "alloy loss", alloy, REE_OUTSIDE, REE_DEF_TC, &err), 0, 0, 0.03,
                    &err) != REE_OK ||
      ree_chain_set(chain, ree_chain_add_flow(chain, "alloy", alloy, magnet, REE_DEF_PULL, &err), 0, 0, 1,
                    &err) != REE_OK ||
      ree_chain_set(chain, ree_chain_add_flow(chain, "scrap", magnet, alloy, REE_DEF_TC, &err), 0, 0, 0.8 * 0.3,
                    &err) != REE_OK ||
      ree_chain_set(chain, ree_chain_add_flow(chain, "scrap lost", magnet, REE_OUTSIDE, REE_DEF_TC, &err), 0, 0,
                    0.2 * 0.3, &err) != REE_OK ||
      ree_chain_set(chain, ree_chain_add_flow(chain, "magnets", magnet, REE_OUTSIDE, REE_DEF_VALUE, &err), 0, 0, nd,
                    &err) != REE_OK ||
      ree_chain_solve(chain, &err) != REE_OK) {
    ree_chain_free(chain);
    return fail(&err);
  }
  for (f = 0; f < ree_chain_flow_count(chain); f++)
    printf("  %-15s %8.1f t Nd\n", ree_chain_flow_name(chain, f), ree_chain_flow(chain, f, 0, 0));
  for (p = 0; p < ree_chain_process_count(chain); p++)
    printf("  residual of %-10s %.3g t\n", ree_chain_process_name(chain, p), ree_chain_residual(chain, p, 0, 0));
  ree_chain_free(chain);
  return 0;
}
