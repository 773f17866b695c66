const FOLD: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ä: 'ae', ö: 'oe', ü: 'ue', é: 'e', è: 'e', ß: 'ss' };

/** Danish text to an ASCII kebab-case slug: 'Nordlys IT-Sikkerhed' → 'nordlys-it-sikkerhed', æ→ae, ø→oe, å→aa. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[æøåäöüéèß]/g, (letter) => FOLD[letter] ?? letter)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
