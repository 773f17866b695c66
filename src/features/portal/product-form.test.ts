import { describe, expect, it } from 'vitest';
import { productRecordSchema } from '../../use-cases/listing-input';
import {
  EMPTY_PRODUCT,
  priceOf,
  productErrorsByField,
  productRecordOf,
  productValuesFromForm,
  productValuesOf,
} from './product-form';

/** The form's messages are chosen by the schema's own issue codes, so they are checked against the schema. */
const issuesOf = (record: unknown) => {
  const result = productRecordSchema.safeParse(record);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message }));
};

const valid = {
  ...EMPTY_PRODUCT,
  name: 'Backup-pakken',
  kind: 'service',
  descriptionDa: 'Daglig backup af jeres filer med gendannelsestest hvert kvartal.',
  descriptionEn: 'Daily backup of your files with a restore test every quarter.',
  pricingModel: 'subscription',
  priceFromDkk: '12.500',
  delivery: ['remote'],
  languages: ['da'],
  smeFit: 'yes' as const,
  needSlugs: ['backup'],
  categoryCodes: ['SVC-BACKUP'],
};

describe('the product form', () => {
  it('makes a record the shared schema accepts from what was typed', () => {
    const record = productRecordOf(valid);
    expect(issuesOf(record)).toEqual([]);
    expect(record).toMatchObject({ priceFromDkk: 12_500, smeFit: true, description: { da: valid.descriptionDa } });
    expect(productValuesOf(productRecordSchema.parse(record))).toEqual({ ...valid, priceFromDkk: '12500' });
  });

  it('reads a post as typed, with a yes/no choice not yet made as empty', () => {
    const form = new FormData();
    form.append('name', ' Navn ');
    form.append('needSlugs', 'backup');
    form.append('needSlugs', 'phishing');
    form.append('smeFit', 'måske');
    expect(productValuesFromForm(form)).toMatchObject({
      name: ' Navn ',
      needSlugs: ['backup', 'phishing'],
      smeFit: '',
    });
  });

  it('reads Danish thousands and leaves other numbers to the schema', () => {
    expect(priceOf('')).toBeNull();
    expect(priceOf('4900')).toBe(4900);
    expect(priceOf('1 250 000')).toBe(1_250_000);
    expect(priceOf('49,5')).toBeNaN();
  });

  it('says in Danish and English what is wrong with each field, by the schema code', () => {
    const wrong = { ...EMPTY_PRODUCT, descriptionDa: 'For kort', priceFromDkk: 'gratis' };
    const issues = issuesOf(productRecordOf(wrong));
    const da = productErrorsByField('da', issues, wrong);
    expect(da.get('name')).toBe('Udfyld feltet.');
    expect(da.get('kind')).toBe('Vælg en af mulighederne.');
    expect(da.get('smeFit')).toBe('Vælg en af mulighederne.');
    expect(da.get('descriptionDa')).toBe('Teksten er for kort (mindst 20 tegn).');
    expect(da.get('priceFromDkk')).toBe('Skriv prisen i hele kroner, fx 4900.');
    expect(da.get('needSlugs')).toBe('Vælg mindst én.');
    expect(da.get('categoryCodes')).toBe('Vælg mindst én.');
    const en = productErrorsByField('en', issues, wrong);
    expect(en.get('delivery')).toBe('Choose at least one.');
    expect(en.get('priceFromDkk')).toBe('Enter the price in whole kroner, e.g. 4900.');
  });

  it('explains the price by the pricing model chosen', () => {
    const onRequest = { ...valid, pricingModel: 'quote', priceFromDkk: '500' };
    expect(productErrorsByField('da', issuesOf(productRecordOf(onRequest)), onRequest).get('priceFromDkk')).toBe(
      'Lad prisen være tom, når prisen er efter tilbud.',
    );
    const missing = { ...valid, priceFromDkk: '' };
    expect(productErrorsByField('en', issuesOf(productRecordOf(missing)), missing).get('priceFromDkk')).toBe(
      'Enter a price from, or choose "Price on request".',
    );
  });

  it('refuses more needs than the schema allows', () => {
    const many = { ...valid, needSlugs: Array.from({ length: 16 }, (_, i) => `behov-${i}`) };
    expect(productErrorsByField('da', issuesOf(productRecordOf(many)), many).get('needSlugs')).toBe('Vælg højst 15.');
  });
});
