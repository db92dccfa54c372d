/*
** deposit.c: co-production in fixed ratios.
*/
#include <math.h>
#include <string.h>

#include "deposit.h"

int ree_deposit_init(ree_deposit *d, const int *z, const double *share,
                     int n, double total, ree_err *err) {
  double sum = 0.0;
  int i, k;
  if (d == NULL || (n > 0 && (z == NULL || share == NULL)))
    return ree_err_set(err, REE_EINVAL, "no deposit");
  memset(d, 0, sizeof *d);
  for (i = 0; i < n; i++) {
    const ree_element *e = ree_element_by_z(z[i]);
    if (e == NULL || !ree_element_is_ree(z[i]))
      return ree_err_set(err, REE_EINVAL, "'%s' is not a rare earth",
                         e == NULL ? "?" : e->symbol);
    if (!isfinite(share[i]) || share[i] < 0.0)
      return ree_err_set(err, REE_EDOMAIN,
                         "share of '%s' must be a non-negative number",
                         e->symbol);
    for (k = 0; k < i; k++)
      if (z[k] == z[i])
        return ree_err_set(err, REE_EINVAL, "'%s' is given twice",
                           e->symbol);
    d->reo_share[z[i]] = share[i];
    sum += share[i];
  }
  if (sum <= 0.0) {
    memset(d, 0, sizeof *d);
    return ree_err_set(err, REE_EDOMAIN, "all shares are zero");
  }
  if (total > 0.0 && sum > total * (1.0 + 1e-9)) {
    memset(d, 0, sizeof *d);
    return ree_err_set(err, REE_EDOMAIN, "shares sum to %.10g, more than %.10g",
                       sum, total);
  }
  if (total <= 0.0) total = sum;
  for (i = 0; i <= REE_ZMAX; i++) d->reo_share[i] /= total;
  d->unassigned = sum >= total ? 0.0 : 1.0 - sum / total;
  return REE_OK;
}

void ree_deposit_elements(const ree_deposit *d, double reo_t,
                          double *element_t) {
  int z;
  if (d == NULL || element_t == NULL) return;
  for (z = 0; z <= REE_ZMAX; z++) {
    element_t[z] = 0.0;
    if (d->reo_share[z] > 0.0)
      element_t[z] = reo_t * d->reo_share[z] / ree_oxide_factor(z);
  }
}

int ree_deposit_requirement(const ree_deposit *d, const double *need_t,
                            double *reo_t, int *binding_z, double *surplus_t,
                            ree_err *err) {
  double most = 0.0;
  int z, binding = 0;
  if (d == NULL || need_t == NULL || reo_t == NULL || binding_z == NULL)
    return ree_err_set(err, REE_EINVAL, "no deposit");
  for (z = 1; z <= REE_ZMAX; z++) {
    double need = need_t[z], reo;
    if (!ree_element_is_ree(z)) continue;
    if (!isfinite(need) || need < 0.0)
      return ree_err_set(err, REE_EDOMAIN,
                         "need of '%s' must be a non-negative number",
                         ree_element_by_z(z)->symbol);
    if (need == 0.0) continue;
    if (d->reo_share[z] == 0.0)
      return ree_err_set(err, REE_ENOTFOUND, "the deposit contains no '%s'",
                         ree_element_by_z(z)->symbol);
    /* REO of the deposit that holds `need` t of element z */
    reo = need * ree_oxide_factor(z) / d->reo_share[z];
    if (reo > most) {
      most = reo;
      binding = z;
    }
  }
  *reo_t = most;
  *binding_z = binding;
  if (surplus_t != NULL) {
    ree_deposit_elements(d, most, surplus_t);
    for (z = 1; z <= REE_ZMAX; z++)
      if (ree_element_is_ree(z)) surplus_t[z] -= need_t[z];
  }
  return REE_OK;
}
