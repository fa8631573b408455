/**
 * The campaign of a URL query: every `utm_*` key without its prefix, `utm_campaign` as `name`.
 * `{}` when there is none.
 *
 * @example
 * ```ts
 * import { parseCampaign } from '@ninetailed/experience.js';
 * parseCampaign({ utm_campaign: 'spring', utm_source: 'google' }); // { name: 'spring', source: 'google' }
 * ```
 */
export function parseCampaign(query: Record<string, string>): Record<string, string> {
  const campaign: Record<string, string> = {};
  for (const key in query) {
    if (key.startsWith('utm_') && key.length > 4) {
      const name = key.slice(4);
      campaign[name === 'campaign' ? 'name' : name] = query[key]!;
    }
  }
  return campaign;
}
