/*
 * clean.c — the clean stage's driver: measure, rules, dedup, heads, region.
 *
 * Order matters. Rules run before de-duplication so a repeated share bar
 * is reported as a share bar. Headline detection runs after both, so it
 * sees the story's shape without the noise. Region selection runs last,
 * on what is still undecided, so known boilerplate never breaks up the
 * span of prose it is looking for. Headings left without a section go
 * last, once every block's fate is known.
 */
#include "clean.h"

void wn_clean(wn_doc *d, const wn_rules *r)
{
    wn_measure(d);
    wn_apply_rules(d, r);
    wn_dedup(d);
    wn_find_heads(d);
    if (!d->container_known) wn_select_region(d);
    wn_drop_orphan_heads(d);
}
