/**
 * The wizard's needs in a few groups an owner recognises, instead of one list of 34 or the
 * NIST functions behind them. A need the catalogue gains later and nobody has placed yet
 * lands in "more", so it is never missing from the form.
 */

export const NEED_GROUPS = {
  everyday: [
    'backup-og-gendannelse',
    'tofaktor-login',
    'opdateringer-og-patching',
    'e-mail-og-phishing-beskyttelse',
    'awareness-traening',
    'antivirus-og-edr',
    'password-manager',
    'firewall-og-netvaerkssikkerhed',
    'microsoft-365-og-cloud-sikkerhed',
    'sikker-hjemmeside-og-webshop',
    'sikkert-hjemmearbejde',
    'kryptering-af-enheder-og-data',
    'styring-af-mobile-enheder',
  ],
  respond: [
    'akut-hjaelp-ved-angreb',
    'doegnovervaagning',
    'logning-og-overvaagning',
    'digital-efterforskning',
    'beredskabsplan-og-genopretning',
  ],
  overview: [
    'risikovurdering',
    'penetrationstest',
    'saarbarhedsscanning',
    'overblik-over-it-aktiver',
    'ot-og-iot-sikkerhed-i-produktionen',
  ],
  rules: [
    'nis2-krav',
    'sikkerhedskrav-fra-stor-kunde',
    'gdpr-og-databeskyttelse',
    'iso-27001-implementering',
    'klar-til-d-maerket',
    'krav-til-leverandoerer',
    'it-sikkerhedspolitik',
    'ekstern-sikkerhedschef-vciso',
    'klar-til-cyberforsikring',
    'dora-krav',
    'cra-krav-til-produkter',
  ],
} as const satisfies Record<string, readonly string[]>;

export type NeedGroupName = keyof typeof NEED_GROUPS | 'more';

export const NEED_GROUP_ORDER: readonly NeedGroupName[] = ['everyday', 'respond', 'overview', 'rules', 'more'];

const GROUP_OF = new Map<string, NeedGroupName>(
  (Object.entries(NEED_GROUPS) as Array<[NeedGroupName, readonly string[]]>).flatMap(([group, slugs]) =>
    slugs.map((slug) => [slug, group] as const),
  ),
);

/**
 * Splits needs into the groups, each in the order given (the caller sorts by label first), and
 * leaves out empty groups.
 */
export function groupNeeds<T extends { slug: string }>(
  needs: readonly T[],
): Array<{ group: NeedGroupName; needs: T[] }> {
  const grouped = new Map<NeedGroupName, T[]>(NEED_GROUP_ORDER.map((group) => [group, []]));
  for (const need of needs) grouped.get(GROUP_OF.get(need.slug) ?? 'more')?.push(need);
  return NEED_GROUP_ORDER.map((group) => ({ group, needs: grouped.get(group) ?? [] })).filter(
    ({ needs: members }) => members.length > 0,
  );
}
