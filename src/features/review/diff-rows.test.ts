import { describe, expect, it } from 'vitest';
import type { Taxonomy } from '../../../graph/catalog';
import { diffRecords } from '../../use-cases/diff-records';
import { readableChanges } from './diff-rows';

const name = (da: string, en: string) => ({ da, en });

/** A taxonomy with just the codes the records below use. */
const taxonomy: Taxonomy = {
  categories: [],
  csfFunctions: [
    {
      code: 'RC',
      name: name('Genopret', 'Recover'),
      categories: [{ code: 'RC.RP', name: name('Genopretningsplan', 'Recovery plan') }],
    },
  ],
  regions: [],
  sectors: [],
  regulations: [{ code: 'NIS2', name: name('NIS2-direktivet', 'The NIS2 Directive') }],
  certifications: [],
  skills: [
    { code: 'ECSF-PENTESTER', kind: 'role', name: name('Penetrationstester', 'Penetration tester'), children: [] },
  ],
  needs: [],
  labels: {
    needs: { 'dora-krav': name('Krav i DORA', 'DORA requirements') },
    categories: { 'SVC-ASSET-INVENTORY': name('Overblik over it-udstyr', 'Asset inventory') },
    csfFunctions: {},
    certifications: { ISO27001: name('ISO/IEC 27001', 'ISO/IEC 27001') },
    regions: {},
    municipalities: { '101': name('København', 'København') },
    sectors: {},
  },
};

describe('the review diff in words', () => {
  const product = (over: object) => ({
    name: 'Backup',
    pricingModel: 'fixed',
    priceFromDkk: 3_000,
    smeFit: false,
    needSlugs: [],
    categoryCodes: [],
    csfCategoryCodes: [],
    regulationCodes: [],
    ...over,
  });

  it('labels each field and writes money, yes/no, closed lists and taxonomy codes as the site does', () => {
    const changes = diffRecords(
      product({}),
      product({
        pricingModel: 'subscription',
        priceFromDkk: 4_900,
        smeFit: true,
        needSlugs: ['dora-krav'],
        categoryCodes: ['SVC-ASSET-INVENTORY'],
        csfCategoryCodes: ['RC.RP', 'XX.UNKNOWN'],
        regulationCodes: ['NIS2'],
      }),
    );
    const da = Object.fromEntries(readableChanges(changes, taxonomy, 'da').map((row) => [row.label, row]));
    expect(da['Pris fra']).toMatchObject({ change: 'changed', before: ['3.000 kr.'], after: ['4.900 kr.'] });
    expect(da.Prismodel).toMatchObject({ before: ['Fast pris'], after: ['Abonnement'] });
    expect(da['Egnet til små og mellemstore virksomheder']).toMatchObject({ before: ['Nej'], after: ['Ja'] });
    expect(da['Behov, den hjælper med']).toMatchObject({
      change: 'added',
      before: null,
      after: ['Krav i DORA (dora-krav)'],
    });
    expect(da.Kategorier?.after).toEqual(['Overblik over it-udstyr (SVC-ASSET-INVENTORY)']);
    expect(da['Sikkerhedsområder (NIST CSF 2.0)']?.after).toEqual(['Genopretningsplan (RC.RP)', 'XX.UNKNOWN']);

    const en = Object.fromEntries(readableChanges(changes, taxonomy, 'en').map((row) => [row.label, row]));
    expect(en['Price from']?.after).toEqual(['DKK 4,900']);
    expect(en['Needs it helps with']?.after).toEqual(['DORA requirements (dora-krav)']);
    expect(en['Regulations it helps comply with']?.after).toEqual(['The NIS2 Directive (NIS2)']);
  });

  it('writes competence and certification entries as readable rows', () => {
    const company = (over: object) => ({
      name: 'Firma',
      municipalityCode: '101',
      founded: 2020,
      description: { da: 'Før', en: 'Before' },
      competences: [],
      certifications: [],
      ...over,
    });
    const changes = diffRecords(
      company({}),
      company({
        founded: 2019,
        description: { da: 'Efter', en: 'Before' },
        competences: [{ skillCode: 'ECSF-PENTESTER', headcount: 3 }],
        certifications: [
          {
            code: 'ISO27001',
            validUntil: '2027-06-30',
            evidence: 'https://x.example/c.pdf',
            certificateNumber: null,
            issuer: 'DNV',
          },
        ],
      }),
    );
    const rows = readableChanges(changes, taxonomy, 'da');
    expect(rows.map((row) => row.label)).toEqual([
      'Grundlagt (år)',
      'Beskrivelse på dansk',
      'Kompetence: Penetrationstester (ECSF-PENTESTER)',
      'Certificering: ISO/IEC 27001 (ISO27001)',
    ]);
    expect(rows[0]?.after).toEqual(['2019']);
    expect(rows[2]?.after).toEqual(['3 medarbejdere i rollen']);
    expect(rows[3]?.after).toEqual([
      'Gyldig til: 30. juni 2027',
      'Dokumentation: https://x.example/c.pdf',
      'Udstedt af: DNV',
    ]);
    expect(readableChanges(changes, taxonomy, 'en')[3]?.label).toBe('Certification: ISO/IEC 27001 (ISO27001)');
  });
});
